import { describe, expect, it } from 'vitest';
import { countsPerView } from './account-views';

describe('the menu counts per approval list', () => {
  it('adds info changes and cell changes in the changes list', () => {
    expect(countsPerView({ registration: 4, info_change: 2, cell_change: 1, position: 0 })).toEqual(
      { registrations: 4, changes: 3, positions: 0 },
    );
    expect(countsPerView({})).toEqual({ registrations: 0, changes: 0, positions: 0 });
  });
});
