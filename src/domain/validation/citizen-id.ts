import { z } from 'zod';
import { fail, ok, type Result } from '../common/result';
import { validatedString } from '../common/zod-result';
import { sexLabelVi, type Sex } from '../people/sex';
import { describeFirstMatch } from './describe-char';

/**
 * Citizen id (Số CCCD / số định danh cá nhân): 12 digits = 3 province of birth, 1 century and
 * sex, 2 last digits of the birth year, 6 serial. Digit 4: 0/1 born 1900–1999 male/female,
 * 2/3 2000–2099, 4/5 2100–2199; 6–9 are reserved for 2200–2399, so no citizen has them yet.
 */
export type CitizenIdParts = {
  /** The 12 digits, without spaces. */
  id: string;
  provinceCode: string;
  sex: Sex;
  birthYear: number;
  serial: string;
};

export type CitizenIdCode =
  | 'citizen_id_empty'
  | 'citizen_id_not_digits'
  | 'citizen_id_wrong_length'
  | 'citizen_id_unknown_province'
  | 'citizen_id_reserved_century'
  | 'citizen_id_sex_mismatch'
  | 'citizen_id_century_mismatch'
  | 'citizen_id_birth_year_mismatch';

const FIRST_CENTURY = 1900;
const LAST_YEAR = 2199;
const MAX_PROVINCE_CODE = 96;

/** Digit 4 of the citizen id of a person born in `birthYear` (1900–2199) with this sex. */
export function citizenIdCenturySexDigit(birthYear: number, sex: Sex): number {
  if (!Number.isInteger(birthYear) || birthYear < FIRST_CENTURY || birthYear > LAST_YEAR) {
    throw new RangeError(`birth year ${birthYear} is outside 1900–2199, which citizen ids encode`);
  }
  return 2 * Math.floor((birthYear - FIRST_CENTURY) / 100) + (sex === 'female' ? 1 : 0);
}

const centuryStartOf = (digit: number) => FIRST_CENTURY + 100 * Math.floor(digit / 2);
const sexOf = (digit: number): Sex => (digit % 2 === 0 ? 'male' : 'female');
/** "1 (female, 1900s)" and "1: nữ, sinh 1900–1999" */
const digitEn = (digit: number) => `${digit} (${sexOf(digit)}, ${centuryStartOf(digit)}s)`;
const digitVi = (digit: number) => {
  const start = centuryStartOf(digit);
  return `chữ số thứ 4 là ${digit}: ${sexLabelVi[sexOf(digit)].toLowerCase()}, sinh ${start}–${start + 99}`;
};

export function validateCitizenId(
  input: string,
  declared: { birthYear?: number; sex?: Sex } = {},
): Result<CitizenIdParts, CitizenIdCode> {
  // People copy the number with spaces ("001 088 012345") from the card.
  const id = input.replace(/\s+/g, '');
  if (id === '') {
    return fail('citizen_id_empty', 'citizen id is empty', 'Chưa nhập số CCCD');
  }
  if (!/^\d+$/.test(id)) {
    return fail(
      'citizen_id_not_digits',
      `citizen id must contain only digits, found ${describeFirstMatch(id, /\D/)}`,
      'Số CCCD chỉ gồm chữ số',
    );
  }
  if (id.length !== 12) {
    const oldCard = id.length === 9;
    return fail(
      'citizen_id_wrong_length',
      `citizen id must have 12 digits, got ${id.length}${oldCard ? ' (an old 9-digit identity card number?)' : ''}`,
      oldCard
        ? 'Đây có vẻ là số CMND 9 số cũ; vui lòng nhập số CCCD (số định danh cá nhân) gồm 12 chữ số'
        : `Số CCCD phải gồm đúng 12 chữ số (đã nhập ${id.length} chữ số)`,
    );
  }
  const provinceCode = id.slice(0, 3);
  if (Number(provinceCode) < 1 || Number(provinceCode) > MAX_PROVINCE_CODE) {
    return fail(
      'citizen_id_unknown_province',
      `citizen id digits 1–3 (province of birth) are ${provinceCode}, expected 001–096`,
      `Số CCCD không hợp lệ: 3 chữ số đầu (mã tỉnh nơi đăng ký khai sinh) là ${provinceCode}, phải từ 001 đến 096`,
    );
  }
  const digit = Number(id[3]);
  if (digit > 5) {
    const start = centuryStartOf(digit);
    return fail(
      'citizen_id_reserved_century',
      `citizen id digit 4 is ${digit}, which stands for a birth in ${start}–${start + 99}; valid ids have 0–5`,
      `Số CCCD không hợp lệ: chữ số thứ 4 là ${digit} (dành cho người sinh ${start}–${start + 99}); chữ số này phải từ 0 đến 5`,
    );
  }
  const sex = sexOf(digit);
  const birthYear = centuryStartOf(digit) + Number(id.slice(4, 6));
  if (declared.sex !== undefined && declared.sex !== sex) {
    return fail(
      'citizen_id_sex_mismatch',
      `citizen id digit 4 is ${digitEn(digit)} but the declared sex is ${declared.sex}`,
      `Số CCCD không khớp với giới tính đã khai (${digitVi(digit)})`,
    );
  }
  if (declared.birthYear !== undefined && declared.birthYear !== birthYear) {
    const sameCentury = Math.floor(declared.birthYear / 100) === Math.floor(birthYear / 100);
    return sameCentury
      ? fail(
          'citizen_id_birth_year_mismatch',
          `citizen id digits 5–6 are ${id.slice(4, 6)} (born ${birthYear}) but the declared birth year is ${declared.birthYear}`,
          `Số CCCD không khớp với năm sinh đã khai (chữ số thứ 5–6 là ${id.slice(4, 6)}, năm sinh ${declared.birthYear})`,
        )
      : fail(
          'citizen_id_century_mismatch',
          `citizen id digit 4 is ${digitEn(digit)} but the declared birth year ${declared.birthYear} is not in ${centuryStartOf(digit)}–${centuryStartOf(digit) + 99}`,
          `Số CCCD không khớp với năm sinh đã khai (${digitVi(digit)}; năm sinh ${declared.birthYear})`,
        );
  }
  return ok({ id, provinceCode, sex, birthYear, serial: id.slice(6) });
}

/**
 * A stored citizen id: 12 digits, well-formed (consistency with the person is checked by Member).
 */
export const CitizenId = z.string().superRefine(
  validatedString(
    (s) => validateCitizenId(s),
    (parts) => parts.id,
    { code: 'citizen_id_not_canonical', what: 'citizen id', whatVi: 'Số CCCD' },
  ),
);
