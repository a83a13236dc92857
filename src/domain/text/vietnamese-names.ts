/**
 * Vietnamese personal names: "Nguyễn Văn An" is family Nguyễn, middle Văn, given An, and lists are
 * ordered by the given name first, as Vietnamese readers expect.
 */

export type VietnameseNameParts = { family: string; middle: string; given: string };

/** Trims, collapses whitespace and composes (NFC), so pasted and typed names split alike. */
function words(fullName: string): string[] {
  return fullName
    .normalize('NFC')
    .split(/\s+/)
    .filter((word) => word !== '');
}

/**
 * First word is the family name, last word the given name, the rest the middle; one word is a given
 * name.
 */
export function splitVietnameseName(fullName: string): VietnameseNameParts {
  const all = words(fullName);
  if (all.length === 0) return { family: '', middle: '', given: '' };
  if (all.length === 1) return { family: '', middle: '', given: all[0] ?? '' };
  return {
    family: all[0] ?? '',
    middle: all.slice(1, -1).join(' '),
    given: all[all.length - 1] ?? '',
  };
}

/**
 * The parts in comparison order. The eth (Ð) stands for Đ: old font-encoding conversions left it.
 */
function partsInOrder(fullName: string): [string, string, string] {
  const { family, middle, given } = splitVietnameseName(
    fullName.replace(/Ð/g, 'Đ').replace(/ð/g, 'đ'),
  );
  return [given, middle, family];
}

// One collator per strength, created once: constructing a collator costs far more than a compare.
// Letters decide over all three parts before any tone does, and tones before any case difference.
const COLLATORS_BY_STRENGTH = [
  new Intl.Collator('vi', { sensitivity: 'base' }),
  new Intl.Collator('vi', { sensitivity: 'accent' }),
  new Intl.Collator('vi', { sensitivity: 'variant' }),
];

/**
 * Vietnamese order: given name, then middle, then family name, by the 'vi' collation. The letters
 * of all three parts are compared first; tone marks only break ties, then case.
 */
export function compareVietnameseNames(a: string, b: string): number {
  const partsA = partsInOrder(a);
  const partsB = partsInOrder(b);
  for (const collator of COLLATORS_BY_STRENGTH) {
    for (let i = 0; i < partsA.length; i++) {
      const order = collator.compare(partsA[i] ?? '', partsB[i] ?? '');
      if (order !== 0) return order;
    }
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Sort key: a plain ASCII string whose binary order (JS `<`, SQLite BINARY) equals
// compareVietnameseNames for names written with Vietnamese letters. It is stored in a column, so
// it is computed from the fixed tables below and never from ICU, whose data changes by version.
//
// Layout: primary "!" secondary "!" tertiary, where
// - primary: for given, middle, family: one code per character, then PART_END ("!", lower than
//   every code, so a shorter part sorts first, as the collator does with a prefix);
// - secondary: one digit per character: 0 no tone, 1 huyền, 2 hỏi, 3 ngã, 4 sắc, 5 nặng (the 'vi'
//   collation order), 6 any other mark;
// - tertiary: one digit per character: 1 capital, 0 otherwise.
// Secondary and tertiary are only reached when the primaries are equal, hence have equal length;
// their trailing zeros are dropped (a shorter run then sorts first, as the zeros would have).
// Outside Vietnamese names (other scripts, symbols other than space - . ' ‘ ’, marks other than
// the five tones) the key stays deterministic but may order differently from the collator.
// PostgreSQL must compare the column with COLLATE "C" to get this binary order.
// ---------------------------------------------------------------------------------------------

/** Vietnamese alphabet order, with f, j, w, z at their Latin places (ethnic and foreign names). */
const ALPHABET = 'aăâbcdđeêfghijklmnoôơpqrstuưvwxyz';
const LETTER_CODE = new Map<string, string>(
  [...ALPHABET].map((letter, i) => [
    letter,
    // 'A'..'Z' then 'a'..'g': skips the ASCII between them so the key stays free of \ and `.
    String.fromCharCode(i < 26 ? 0x41 + i : 0x61 + i - 26),
  ]),
);

const PART_END = '!';
const LEVEL_SEPARATOR = '!';

/**
 * Characters other than letters and digits that occur in names, in 'vi' collation order, all below
 * digits.
 */
const PUNCTUATION_CODE = new Map<string, string>([
  [' ', '#'],
  ['-', '$'],
  ['.', '('],
  ["'", ')'], // ethnic names: H'Hen Niê, Ksor H'Bơ
  ['\u2018', '*'],
  ['\u2019', '+'],
]);
const OTHER_SYMBOL_PREFIX = ','; // after the punctuation above, before digits
const OTHER_LETTER_PREFIX = '~'; // after every Vietnamese letter, as other scripts collate

const BREVE = '\u0306';
const CIRCUMFLEX = '\u0302';
const HORN = '\u031B';
/**
 * Marks that make a letter of the alphabet (ă â ê ô ơ ư): part of the primary letter, not a tone.
 */
const LETTER_MARKS: ReadonlyArray<[base: string, mark: string, letter: string]> = [
  ['a', BREVE, 'ă'],
  ['a', CIRCUMFLEX, 'â'],
  ['e', CIRCUMFLEX, 'ê'],
  ['o', CIRCUMFLEX, 'ô'],
  ['o', HORN, 'ơ'],
  ['u', HORN, 'ư'],
];
/** huyền, hỏi, ngã, sắc, nặng */
const TONE_CODE = new Map<string, string>([
  ['\u0300', '1'],
  ['\u0309', '2'],
  ['\u0303', '3'],
  ['\u0301', '4'],
  ['\u0323', '5'],
]);
const OTHER_MARK_CODE = '6';

const hex6 = (codePoint: number): string => codePoint.toString(16).toUpperCase().padStart(6, '0');

type Weights = { primary: string; secondary: string; tertiary: string };

/**
 * Weights of one base character with the combining marks that follow it (in any canonical order).
 */
function weigh(base: string, marks: string[]): Weights {
  const lower = base.toLowerCase();
  const tertiary = lower !== base ? '1' : '0';
  let letter = [...lower].length === 1 ? lower : base;
  const remaining = [...marks];
  for (const [from, mark, to] of LETTER_MARKS) {
    const at = remaining.indexOf(mark);
    if (letter === from && at >= 0) {
      letter = to;
      remaining.splice(at, 1);
    }
  }
  const secondary =
    remaining.length === 0
      ? '0'
      : remaining.length === 1
        ? (TONE_CODE.get(remaining[0] ?? '') ?? OTHER_MARK_CODE)
        : OTHER_MARK_CODE;
  const codePoint = letter.codePointAt(0) ?? 0;
  const primary =
    LETTER_CODE.get(letter) ??
    PUNCTUATION_CODE.get(letter) ??
    (/^[0-9]$/.test(letter)
      ? letter
      : (/^\p{L}$/u.test(letter) ? OTHER_LETTER_PREFIX : OTHER_SYMBOL_PREFIX) + hex6(codePoint));
  return { primary, secondary, tertiary };
}

function weighPart(part: string): Weights[] {
  // Decomposed, each base character is followed by its marks: "ặ" is a, dot below, breve.
  const clusters = part.normalize('NFD').match(/\P{M}\p{M}*|\p{M}+/gu) ?? [];
  return clusters.map((cluster) => {
    const [first = '', ...rest] = [...cluster];
    return /^\p{M}$/u.test(first) ? weigh('\u25CC', [first, ...rest]) : weigh(first, rest);
  });
}

const dropTrailingZeros = (digits: string): string => digits.replace(/0+$/, '');

/** A string whose binary order equals compareVietnameseNames' order (see the layout above). */
export function vietnameseNameSortKey(fullName: string): string {
  const parts = partsInOrder(fullName).map(weighPart);
  const primary = parts.map((part) => part.map((w) => w.primary).join('') + PART_END).join('');
  const secondary = parts.flatMap((part) => part.map((w) => w.secondary)).join('');
  const tertiary = parts.flatMap((part) => part.map((w) => w.tertiary)).join('');
  return (
    primary +
    LEVEL_SEPARATOR +
    dropTrailingZeros(secondary) +
    LEVEL_SEPARATOR +
    dropTrailingZeros(tertiary)
  );
}
