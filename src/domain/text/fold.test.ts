import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldForSearch, searchTokens } from './fold';
import {
  FAMILY_NAMES,
  MIDDLE_AND_GIVEN_NAMES,
  recase,
  retone,
} from './test-support/vietnamese-syllables';

const VIETNAMESE_LETTERS =
  'aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ';
const vietnameseText = fc
  .array(fc.constantFrom(...VIETNAMESE_LETTERS, ...VIETNAMESE_LETTERS.toUpperCase(), ' ', '\t'))
  .map((chars) => chars.join(''));
const vietnameseName = fc
  .array(
    fc.tuple(
      fc.constantFrom(...FAMILY_NAMES, ...MIDDLE_AND_GIVEN_NAMES),
      fc.nat(5),
      fc.nat(3),
      fc.constantFrom('capitalized', 'upper', 'lower', 'asIs' as const),
    ),
    { minLength: 1, maxLength: 5 },
  )
  .map((words) =>
    words.map(([w, tone, vowel, casing]) => recase(retone(w, tone, vowel), casing)).join(' '),
  );
const anyText = fc.string({ unit: 'binary', maxLength: 40 });

describe('foldForSearch', () => {
  it('removes tones and letter marks, maps đ to d, lowercases and collapses spaces', () => {
    expect(foldForSearch('Nguyễn Văn Đức')).toBe('nguyen van duc');
    expect(foldForSearch('  TRẦN\tTHỊ   Ánh  ')).toBe('tran thi anh');
    expect(foldForSearch('Đảng bộ Phường Việt Hưng')).toBe('dang bo phuong viet hung');
    expect(foldForSearch('đ')).toBe('d');
    expect(foldForSearch('Đ')).toBe('d');
    expect(foldForSearch('ÐỨC')).toBe('duc'); // eth left by font conversions
  });

  it('folds composed (NFC) and decomposed (NFD) input the same', () => {
    fc.assert(
      fc.property(fc.oneof(vietnameseName, vietnameseText, anyText), (s) => {
        expect(foldForSearch(s.normalize('NFD'))).toBe(foldForSearch(s.normalize('NFC')));
      }),
    );
  });

  it('is idempotent, on Vietnamese and on any Unicode text', () => {
    fc.assert(
      fc.property(fc.oneof(vietnameseName, vietnameseText, anyText), (s) => {
        const once = foldForSearch(s);
        expect(foldForSearch(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives lowercase ASCII for Vietnamese input (apostrophes kept), with single inner spaces', () => {
    fc.assert(
      fc.property(fc.oneof(vietnameseName, vietnameseText), (s) => {
        expect(foldForSearch(s)).toMatch(/^(?:[a-z']+(?: [a-z']+)*)?$/);
      }),
    );
  });

  it('lets "nguyen van a" find "Nguyễn Văn A" and "d" find "đ"', () => {
    expect(foldForSearch('Nguyễn Văn A').includes(foldForSearch('nguyen van a'))).toBe(true);
    expect(foldForSearch('Đông').startsWith(foldForSearch('d'))).toBe(true);
  });
});

describe('searchTokens', () => {
  it('splits the folded query into words, dropping empties and punctuation', () => {
    expect(searchTokens('  Nguyễn   Văn  ')).toEqual(['nguyen', 'van']);
    expect(searchTokens("H'Hen Niê, 2256101")).toEqual(['h', 'hen', 'nie', '2256101']);
    expect(searchTokens('   ')).toEqual([]);
    expect(searchTokens('%_')).toEqual([]);
  });

  it('returns only non-empty folded words', () => {
    fc.assert(
      fc.property(fc.oneof(vietnameseName, anyText), (s) => {
        for (const token of searchTokens(s)) {
          expect(token).not.toBe('');
          expect(token).not.toMatch(/\s/);
          expect(foldForSearch(token)).toBe(token);
        }
      }),
    );
  });
});
