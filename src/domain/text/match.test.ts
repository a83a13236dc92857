import { describe, expect, it } from 'vitest';
import { foldQuery, matchesQuery, MatchTier, matchTier, rankMatches } from './match';

const tier = (query: string, text: string) => matchTier(foldQuery(query), text);

describe('matchTier', () => {
  it('folds tone marks, case and đ/Đ on both sides', () => {
    expect(tier('dan pho so 1', 'Chi bộ Tổ dân phố số 1')).toBe(MatchTier.phrase);
    expect(tier('DUC', 'Nguyễn Văn Đức')).toBe(MatchTier.phrase);
    expect(tier('Đức', 'nguyen van duc')).toBe(MatchTier.phrase);
    expect(tier('đảng', 'Đảng bộ phường')).toBe(MatchTier.prefix);
  });

  it('tells an exact name from a prefix, a phrase, whole words, word starts and inner text', () => {
    expect(tier('tran thi thu ha', 'Trần Thị Thu Hà')).toBe(MatchTier.exact);
    expect(tier('tran thi', 'Trần Thị Thu Hà')).toBe(MatchTier.prefix);
    expect(tier('thu ha', 'Trần Thị Thu Hà')).toBe(MatchTier.phrase);
    expect(tier('ha tran', 'Trần Thị Thu Hà')).toBe(MatchTier.words);
    expect(tier('tran thi', 'Trần Thịnh An')).toBe(MatchTier.typing);
    expect(tier('tran thi', 'Trần Khắc Thịnh')).toBe(MatchTier.wordStarts);
    expect(tier('inh', 'Trần Khắc Thịnh')).toBe(MatchTier.inside);
  });

  it('ignores punctuation and spacing: "Tổ  dân-phố" is "to dan pho"', () => {
    expect(tier('to dan pho', 'Tổ  dân-phố')).toBe(MatchTier.exact);
  });

  it('refuses a text missing any word of the query', () => {
    expect(tier('tran thi thu ha', 'Trần Khắc Thịnh')).toBeNull();
    expect(matchesQuery(foldQuery('dan pho so 2'), 'Tổ dân phố số 1')).toBe(false);
  });

  it('matches everything for an empty query', () => {
    expect(tier('  ', 'Bất kỳ')).toBe(MatchTier.inside);
  });
});

describe('rankMatches', () => {
  it('puts the exact "Trần Thị Thu Hà" before "Trần Khắc Thịnh", whatever the list order', () => {
    const users = ['Trần Khắc Thịnh', 'Trần Thịnh An', 'Trần Thị Thu Hà', 'Lê Văn Tám'];
    expect(rankMatches(users, 'Trần Thị', (u) => u)).toEqual([
      'Trần Thị Thu Hà',
      'Trần Thịnh An',
      'Trần Khắc Thịnh',
    ]);
    expect(rankMatches(users, 'tran thi thu ha', (u) => u)).toEqual(['Trần Thị Thu Hà']);
  });

  it('puts "số 1" before "số 10" and "số 11"; keeps the list order within a tier', () => {
    const cells = [
      'Chi bộ Tổ dân phố số 10',
      'Chi bộ Tổ dân phố số 11',
      'Chi bộ Tổ dân phố số 1',
      'Chi bộ Trường Tiểu học',
    ];
    expect(rankMatches(cells, 'dan pho so 1', (c) => c)).toEqual([
      'Chi bộ Tổ dân phố số 1',
      'Chi bộ Tổ dân phố số 10',
      'Chi bộ Tổ dân phố số 11',
    ]);
  });

  it('ranks by the best of several texts (name or username)', () => {
    const users = [
      { name: 'Nguyễn Văn An', username: 'an.nv' },
      { name: 'Trần Quang Ánh', username: 'quantri.phuong' },
    ];
    const found = rankMatches(users, 'quantri.phuong', (u) => [u.name, u.username]);
    expect(found.map((u) => u.name)).toEqual(['Trần Quang Ánh']);
  });

  it('returns every item, in order, for an empty query', () => {
    expect(rankMatches(['b', 'a'], '', (x) => x)).toEqual(['b', 'a']);
  });
});
