/**
 * Test data: real syllables of Vietnamese personal names, and helpers to re-tone and re-case
 * them. Used by the property tests of folding and name ordering; not part of the public API.
 */

// Word lists, many to a line (the formatter would put one per line): reasoned exceptions.
// prettier-ignore
export const FAMILY_NAMES = [
  'Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ',
  'Hồ', 'Ngô', 'Dương', 'Lý', 'Đinh', 'Đoàn', 'Trương', 'Lâm', 'Mai', 'Tô', 'Hà', 'Cao', 'Lương',
  'Tạ', 'Chu', 'Kiều', 'Quách', 'Lạc', 'Âu', 'Ông', 'Ưng', 'Ksor', 'Niê', 'Siu', 'Rơ', 'Zơ',
];

// A word list, as above.
// prettier-ignore
export const MIDDLE_AND_GIVEN_NAMES = [
  'Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Ngọc', 'Thanh', 'Quang', 'Thu', 'Xuân', 'Kim', 'Mạnh',
  'Tuấn', 'An', 'Ân', 'Ấn', 'Ẩn', 'Anh', 'Ánh', 'Bảo', 'Bình', 'Chi', 'Cường', 'Dũng', 'Dung',
  'Duy', 'Đạt', 'Giang', 'Hạ', 'Hải', 'Hào', 'Hảo', 'Hiền', 'Hiển', 'Hiếu', 'Hoa', 'Hòa', 'Hoà',
  'Hóa', 'Hùng', 'Hưng', 'Hương', 'Hường', 'Huy', 'Huyền', 'Khánh', 'Khoa', 'Lan', 'Linh', 'Loan',
  'Long', 'Lộc', 'My', 'Mỹ', 'Nam', 'Nga', 'Ngân', 'Nghĩa', 'Nhung', 'Oanh', 'Phong', 'Phúc',
  'Phương', 'Quân', 'Quế', 'Quyên', 'Sơn', 'Tâm', 'Tân', 'Thái', 'Thắng', 'Thảo', 'Thủy', 'Thuỷ',
  'Tiến', 'Trang', 'Trí', 'Trung', 'Tú', 'Tùng', 'Tuyết', 'Uyên', 'Vân', 'Việt', 'Vinh', 'Vy',
  'Yến', 'Ý', 'Ư', 'Y', "H'Hen", "H'Bơ", 'Râm', 'Jun', 'Wơn', 'Fa', 'Kpă', 'Byă', 'Ơn',
];

const TONE_MARKS = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323'];
const TONE_MARK = /[\u0300\u0309\u0303\u0301\u0323]/gu;
const VOWEL = /[aeiouy]/i;

export const toneCount = TONE_MARKS.length;

/** Removes the tone and puts tone number `tone` (0 = none) on the vowel at `vowelChoice` (modulo). */
export function retone(syllable: string, tone: number, vowelChoice: number): string {
  const chars = [...syllable.normalize('NFD').replace(TONE_MARK, '')];
  const vowels = chars.flatMap((c, i) => (VOWEL.test(c) ? [i] : []));
  const mark = TONE_MARKS[tone % TONE_MARKS.length] ?? '';
  if (vowels.length === 0 || mark === '') return chars.join('').normalize('NFC');
  const at = vowels[vowelChoice % vowels.length] ?? 0;
  // The tone goes after the letter's own marks (breve, circumflex, horn); NFC reorders as needed.
  let end = at + 1;
  while (end < chars.length && /\p{M}/u.test(chars[end] ?? '')) end++;
  chars.splice(end, 0, mark);
  return chars.join('').normalize('NFC');
}

export type Casing = 'capitalized' | 'upper' | 'lower' | 'asIs';

export function recase(word: string, casing: Casing): string {
  switch (casing) {
    case 'upper':
      return word.toUpperCase();
    case 'lower':
      return word.toLowerCase();
    case 'capitalized':
      return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
    case 'asIs':
      return word;
  }
}
