import { describe, expect, it } from 'vitest';
import { foldForSearch } from '../domain/text/fold';
import { foldId, memberSearchText } from './cache-rows';

describe('foldId', () => {
  it('folds ids and codes exactly as foldForSearch does', () => {
    for (const id of [
      '001099012345',
      'CB-07/ĐU',
      'AB12cd',
      ' 12 34 ',
      'Ｆ１２',
      'đảng-ủy',
      '',
      '~!@#$%^&*()_+',
      'İ9',
      'a\tb',
    ])
      expect(foldId(id), id).toBe(foldForSearch(id));
  });

  it('gives the member index text of the name and every id', () => {
    expect(
      memberSearchText({
        name_folded: 'nguyen van duc',
        citizen_id: '001099012345',
        card_no: 'TĐ-12',
        profile_no: null,
      }),
    ).toBe('nguyen van duc 001099012345 td-12');
  });
});
