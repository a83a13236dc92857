import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareVietnameseNames,
  splitVietnameseName,
  vietnameseNameSortKey,
} from './vietnamese-names';
import {
  FAMILY_NAMES,
  MIDDLE_AND_GIVEN_NAMES,
  recase,
  retone,
  toneCount,
  type Casing,
} from './test-support/vietnamese-syllables';

const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);
const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** SQLite BINARY compares the UTF-8 bytes. */
const compareUtf8 = (a: string, b: string): number => {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  }
  return x.length - y.length;
};

const casing = fc.constantFrom<Casing>('capitalized', 'capitalized', 'upper', 'lower', 'asIs');
const word = (pool: string[]) =>
  fc
    .record({
      syllable: fc.constantFrom(...pool),
      retoned: fc.boolean(),
      tone: fc.nat(toneCount - 1),
      vowel: fc.nat(3),
      casing,
    })
    .map(({ syllable, retoned, tone, vowel, casing }) =>
      recase(retoned ? retone(syllable, tone, vowel) : syllable, casing),
    );
const nameWords = fc
  .tuple(
    word(FAMILY_NAMES),
    fc.array(word(MIDDLE_AND_GIVEN_NAMES), { maxLength: 3 }),
    word(MIDDLE_AND_GIVEN_NAMES),
    fc.nat(9),
  )
  // A few one-word names (given name only); most have a family name.
  .map(([family, middle, given, shape]) => (shape === 0 ? [given] : [family, ...middle, given]));

const render = (words: string[], form: 'NFC' | 'NFD', spacing: string) =>
  words.join(spacing).normalize(form);
const fullName = fc
  .tuple(nameWords, fc.constantFrom<'NFC' | 'NFD'>('NFC', 'NFD'), fc.constantFrom(' ', ' ', '  '))
  .map(([words, form, spacing]) => render(words, form, spacing));

/** A name close to another: same words with some re-toned, re-cased or replaced, to reach ties. */
const nearbyPair = fc
  .tuple(
    nameWords,
    fc.array(
      fc.record({
        change: fc.constantFrom('keep', 'retone', 'recase', 'replace'),
        tone: fc.nat(toneCount - 1),
        vowel: fc.nat(3),
        casing,
        replacement: word(MIDDLE_AND_GIVEN_NAMES),
      }),
      { minLength: 6, maxLength: 6 },
    ),
    fc.constantFrom<'NFC' | 'NFD'>('NFC', 'NFD'),
  )
  .map(([words, changes, form]) => {
    const other = words.map((w, i) => {
      const c = changes[i];
      if (!c) return w;
      if (c.change === 'retone') return retone(w, c.tone, c.vowel);
      if (c.change === 'recase') return recase(w, c.casing);
      if (c.change === 'replace') return c.replacement;
      return w;
    });
    return [words.join(' '), render(other, form, ' ')] as const;
  });

describe('splitVietnameseName', () => {
  it('takes the first word as family, the last as given, the rest as middle', () => {
    expect(splitVietnameseName('Nguyễn Văn Đức')).toEqual({
      family: 'Nguyễn',
      middle: 'Văn',
      given: 'Đức',
    });
    expect(splitVietnameseName('  Tôn  Nữ Thị   Ninh ')).toEqual({
      family: 'Tôn',
      middle: 'Nữ Thị',
      given: 'Ninh',
    });
    expect(splitVietnameseName('Lê An')).toEqual({ family: 'Lê', middle: '', given: 'An' });
  });

  it('treats a single word as the given name, and nothing as empty parts', () => {
    expect(splitVietnameseName('Mai')).toEqual({ family: '', middle: '', given: 'Mai' });
    expect(splitVietnameseName('   ')).toEqual({ family: '', middle: '', given: '' });
  });

  it('returns composed (NFC) parts whatever the input form', () => {
    expect(splitVietnameseName('Nguyễn Văn Đức'.normalize('NFD')).family).toBe('Nguyễn');
  });
});

describe('compareVietnameseNames', () => {
  const sorted = (names: string[]) => [...names].sort(compareVietnameseNames);

  it('orders by given name, then middle, then family', () => {
    expect(sorted(['Trần Văn Bình', 'Nguyễn Thị An', 'Lê Văn An', 'Lê An', 'Bùi Văn An'])).toEqual([
      'Lê An',
      'Nguyễn Thị An',
      'Bùi Văn An',
      'Lê Văn An',
      'Trần Văn Bình',
    ]);
  });

  it('follows the Vietnamese alphabet: a ă â, d đ, o ô ơ, u ư are distinct letters', () => {
    expect(sorted(['Lê Ân', 'Lê Anh', 'Lê Ăn', 'Lê An', 'Lê Bình'])).toEqual([
      'Lê An',
      'Lê Anh',
      'Lê Ăn',
      'Lê Ân',
      'Lê Bình',
    ]);
    expect(sorted(['Lê Đông', 'Lê Dung', 'Lê Ên'])).toEqual(['Lê Dung', 'Lê Đông', 'Lê Ên']);
    expect(sorted(['Lê Ưng', 'Lê Vy', 'Lê Uyên'])).toEqual(['Lê Uyên', 'Lê Ưng', 'Lê Vy']);
  });

  it('lets a tone only break a tie of letters, in the order ngang huyền hỏi ngã sắc nặng', () => {
    expect(sorted(['Lê Ạn', 'Lê Án', 'Lê Ãn', 'Lê Ản', 'Lê Àn', 'Lê An'])).toEqual([
      'Lê An',
      'Lê Àn',
      'Lê Ản',
      'Lê Ãn',
      'Lê Án',
      'Lê Ạn',
    ]);
    // The middle name's letters decide before the given name's tone.
    expect(sorted(['Lê Bá Án', 'Lê Cao An'])).toEqual(['Lê Bá Án', 'Lê Cao An']);
  });

  it('lets case break a tie only after tones', () => {
    expect(sorted(['LÊ AN', 'Lê An', 'lê an'])).toEqual(['lê an', 'Lê An', 'LÊ AN']);
    expect(compareVietnameseNames('Lê an', 'Lê àn')).toBeLessThan(0);
    expect(compareVietnameseNames('Lê AN', 'Lê àn')).toBeLessThan(0);
  });

  it('ignores the Unicode form and extra spaces', () => {
    const name = 'Nguyễn  Thị Ánh';
    expect(compareVietnameseNames(name.normalize('NFD'), 'Nguyễn Thị Ánh')).toBe(0);
  });
});

describe('vietnameseNameSortKey', () => {
  it('is printable ASCII, so JS and SQLite BINARY order it alike', () => {
    fc.assert(
      fc.property(fullName, fullName, (a, b) => {
        const [ka, kb] = [vietnameseNameSortKey(a), vietnameseNameSortKey(b)];
        expect(ka).toMatch(/^[\x20-\x7e]*$/);
        expect(sign(compareUtf8(ka, kb))).toBe(sign(compareStrings(ka, kb)));
      }),
    );
  });

  it('orders random names as compareVietnameseNames does', () => {
    fc.assert(
      fc.property(fullName, fullName, (a, b) => {
        const byKey = compareStrings(vietnameseNameSortKey(a), vietnameseNameSortKey(b));
        expect(sign(byKey)).toBe(sign(compareVietnameseNames(a, b)));
      }),
      { numRuns: 3000 },
    );
  });

  it('orders near-identical names (tone, case, one word apart) as compareVietnameseNames does', () => {
    fc.assert(
      fc.property(nearbyPair, ([a, b]) => {
        const byKey = compareStrings(vietnameseNameSortKey(a), vietnameseNameSortKey(b));
        expect(sign(byKey)).toBe(sign(compareVietnameseNames(a, b)));
      }),
      { numRuns: 3000 },
    );
  });

  it('is the same for NFC and NFD input and for extra whitespace', () => {
    fc.assert(
      fc.property(fullName, (name) => {
        const key = vietnameseNameSortKey(name);
        expect(vietnameseNameSortKey(name.normalize('NFD'))).toBe(key);
        expect(vietnameseNameSortKey(` ${name.normalize('NFC').replace(/ /g, '\t ')} `)).toBe(key);
      }),
    );
  });

  it('is stable: these stored keys must never change', () => {
    // A change here reorders every stored member list: it needs a data migration.
    expect(vietnameseNameSortKey('Nguyễn Văn Đức')).toBe('GbE!cBR!RKafIR!!04000000003!1001001');
    expect(vietnameseNameSortKey('Lê An')).toBe('AR!!PI!!!101');
    expect(vietnameseNameSortKey('')).toBe('!!!!!');
  });
});

describe('the eth (Ð) left by old font conversions', () => {
  it('sorts and keys as Đ', () => {
    expect(compareVietnameseNames('Ðỗ Văn Ðức', 'Đỗ Văn Đức')).toBe(0);
    expect(vietnameseNameSortKey('Ðỗ Văn Ðức')).toBe(vietnameseNameSortKey('Đỗ Văn Đức'));
  });
});
