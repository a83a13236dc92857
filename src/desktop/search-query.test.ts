import { describe, expect, it } from 'vitest';
import {
  ftsExpression,
  MAX_EXPANSIONS,
  planSearch,
  planTokens,
  relevanceTier,
} from './search-query';
import { WordVocabulary } from './word-vocabulary';

const vocabulary = WordVocabulary.fromTexts([
  { text: 'nguyen van an', rows: 5 },
  { text: 'nguyen thi anh', rows: 3 },
  { text: 'tran thi thu', rows: 2 },
  { text: "h'hen nie", rows: 1 },
]);

describe('search planning', () => {
  it('folds the query into tokens and quotes every one of them', () => {
    expect(planSearch('  Nguyễn   Văn ')).toMatchObject({
      tokens: ['nguyen', 'van'],
      wholeWords: '"nguyen" "van"',
      prefixes: '"nguyen"* "van"*',
    });
    expect(planSearch('"; drop table members; --')?.wholeWords).toBe('"drop" "table" "members"');
    expect(planSearch(' *"() ')).toBeUndefined();
  });

  it('expands name prefixes into their words, most frequent first', () => {
    expect(vocabulary.expand('an', 10)).toEqual({ words: ['an', 'anh'], complete: true });
    expect(vocabulary.expand('t', 1)).toEqual({ words: ['thi'], complete: false });
    expect(vocabulary.expand('x', 10)).toEqual({ words: [], complete: true });
    expect(vocabulary.expand('hen', 10).words).toEqual(['hen']);
  });

  it('plans names as word groups and numbers as prefixes', () => {
    const plan = planSearch('Nguyễn T 0010 001088')!;
    const tokens = planTokens(plan, vocabulary);
    expect(tokens).toEqual([
      { kind: 'words', token: 'nguyen', words: ['nguyen'], complete: true },
      { kind: 'words', token: 't', words: ['thi', 'thu', 'tran'], complete: true },
      { kind: 'id', token: '0010', selective: false },
      { kind: 'id', token: '001088', selective: true },
    ]);
    expect(ftsExpression(tokens)).toBe(
      '("nguyen") AND ("thi" OR "thu" OR "tran") AND "0010"* AND "001088"*',
    );
    // A word no name has (a letter part of an identifier) is searched as a prefix.
    expect(planTokens(planSearch('ll')!, vocabulary)).toEqual([
      { kind: 'id', token: 'll', selective: false },
    ]);
    expect(MAX_EXPANSIONS).toBeGreaterThan(50);
  });

  it('ranks exact, leading-words, whole-word and given-name matches first', () => {
    const plan = planSearch('nguyen van an')!;
    const tier = (name: string) => relevanceTier(plan, name.split(' '), [name]);
    expect(tier('nguyen van an')).toBe(0);
    expect(tier('nguyen van an binh')).toBe(1);
    expect(tier('le nguyen van an')).toBe(2);
    expect(tier('an nguyen van tuan')).toBe(3);
    expect(tier('nguyen van anh')).toBe(4);
    expect(relevanceTier(planSearch('nguyen an')!, ['nguyen', 'anh', 'tuan'], [])).toBe(5);
    expect(relevanceTier(planSearch('an')!, ['le', 'an'], [])).toBe(2);
    expect(relevanceTier(planSearch('an')!, ['le', 'anh'], [])).toBe(4);
    // Typing a full name from its start finds those names before the given-name matches.
    const start = planSearch('nguyen van')!;
    expect(relevanceTier(start, ['nguyen', 'van', 'an'], [])).toBe(1);
    expect(relevanceTier(start, ['nguyen', 'thi', 'van'], [])).toBe(2);
    // One word is a given name far more often than a family name.
    expect(relevanceTier(planSearch('an')!, ['an', 'van', 'binh'], [])).toBe(3);
  });
});
