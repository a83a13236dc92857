/**
 * Folding for diacritic-insensitive search: "Nguyễn Văn Đức" and "nguyen van duc" must meet.
 * The same function folds the stored column and the query, so they always agree.
 */

const COMBINING_MARKS = /\p{M}+/gu;
// đ has no decomposition (the stroke is part of the letter), so it is mapped by hand. The eth
// (Ð/ð) looks like Đ and comes in through old font-encoding conversions.
const D_WITH_STROKE = /[đĐðÐ]/g;
const WHITESPACE_RUNS = /\s+/g;
const NON_WORD_RUNS = /[^\p{L}\p{N}]+/u;

export function foldForSearch(s: string): string {
  return (
    s
      // Lowercase first: some capitals (İ) lowercase to a letter plus a combining mark.
      .toLowerCase()
      // Compatibility decomposition also folds full-width letters and ligatures (ﬁ) from pasted
      // text; it can yield capitals (ℌ → H), hence the second lowercase.
      .normalize('NFKD')
      .toLowerCase()
      .replace(COMBINING_MARKS, '')
      .replace(D_WITH_STROKE, 'd')
      // Recompose what has no marks left to lose (Hangul syllables), so the output is canonical.
      .normalize('NFC')
      .replace(WHITESPACE_RUNS, ' ')
      .trim()
  );
}

/** The folded words of a search query: runs of letters and digits, so "H'Hen" gives "h", "hen". */
export function searchTokens(query: string): string[] {
  return foldForSearch(query)
    .split(NON_WORD_RUNS)
    .filter((word) => word !== '');
}
