import { describe, expect, it } from 'vitest';
import { firstRowOfEachOrg } from './bank-account-rows';

describe('firstRowOfEachOrg', () => {
  it('keeps the first row of each org only', () => {
    const rows = [
      { orgId: 'a', n: 1 },
      { orgId: 'a', n: 2 },
      { orgId: 'b', n: 3 },
      { orgId: 'a', n: 4 },
    ];
    expect([...firstRowOfEachOrg(rows)].map((r) => r.n)).toEqual([1, 3]);
    expect(firstRowOfEachOrg([]).size).toBe(0);
  });
});
