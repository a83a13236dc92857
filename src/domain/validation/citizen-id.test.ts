import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Sex } from '../people/sex';
import { CitizenId, citizenIdCenturySexDigit, validateCitizenId } from './citizen-id';

const digits = (n: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }).map((d) => d.join(''));
const person = fc.record({
  province: fc.integer({ min: 1, max: 96 }).map((p) => String(p).padStart(3, '0')),
  birthYear: fc.integer({ min: 1900, max: 2199 }),
  sex: fc.constantFrom<Sex>('male', 'female'),
  serial: digits(6),
});
const citizenIdOf = (p: { province: string; birthYear: number; sex: Sex; serial: string }) =>
  p.province +
  citizenIdCenturySexDigit(p.birthYear, p.sex) +
  String(p.birthYear % 100).padStart(2, '0') +
  p.serial;
const replaceAt = (s: string, i: number, c: string) => s.slice(0, i) + c + s.slice(i + 1);

describe('citizenIdCenturySexDigit', () => {
  it('encodes century and sex: 0/1 for 1900s, 2/3 for 2000s, 4/5 for 2100s', () => {
    expect(citizenIdCenturySexDigit(1985, 'male')).toBe(0);
    expect(citizenIdCenturySexDigit(1999, 'female')).toBe(1);
    expect(citizenIdCenturySexDigit(2000, 'male')).toBe(2);
    expect(citizenIdCenturySexDigit(2007, 'female')).toBe(3);
    expect(citizenIdCenturySexDigit(2100, 'male')).toBe(4);
    expect(citizenIdCenturySexDigit(2199, 'female')).toBe(5);
  });

  it('refuses years the scheme in use does not cover', () => {
    expect(() => citizenIdCenturySexDigit(1899, 'male')).toThrow(RangeError);
    expect(() => citizenIdCenturySexDigit(2200, 'male')).toThrow(RangeError);
    expect(() => citizenIdCenturySexDigit(1990.5, 'male')).toThrow(RangeError);
  });
});

describe('validateCitizenId', () => {
  it('accepts generated ids consistent with the person, and decodes them', () => {
    fc.assert(
      fc.property(person, (p) => {
        const id = citizenIdOf(p);
        expect(validateCitizenId(id, { birthYear: p.birthYear, sex: p.sex })).toEqual({
          ok: true,
          value: {
            id,
            provinceCode: p.province,
            sex: p.sex,
            birthYear: p.birthYear,
            serial: p.serial,
          },
        });
      }),
    );
  });

  it('accepts the digit groups people copy from the card, and returns them joined', () => {
    const result = validateCitizenId(' 001 085 012345 ');
    expect(result).toMatchObject({ ok: true, value: { id: '001085012345', birthYear: 1985 } });
  });

  it('rejects a wrong length', () => {
    fc.assert(
      fc.property(person, fc.oneof(digits(1), fc.constant('')), fc.boolean(), (p, extra, cut) => {
        const id = citizenIdOf(p);
        const mutated = cut ? id.slice(0, 11 - extra.length) : id + (extra || '0');
        expect(validateCitizenId(mutated)).toMatchObject({
          ok: false,
          code: 'citizen_id_wrong_length',
        });
      }),
    );
    expect(validateCitizenId('012345678')).toMatchObject({
      message: 'citizen id must have 12 digits, got 9 (an old 9-digit identity card number?)',
    });
  });

  it('rejects a non-digit anywhere, naming it', () => {
    fc.assert(
      fc.property(person, fc.nat(11), fc.constantFrom('a', 'O', '-', '.', 'é'), (p, i, c) => {
        const result = validateCitizenId(replaceAt(citizenIdOf(p), i, c));
        expect(result).toMatchObject({ ok: false, code: 'citizen_id_not_digits' });
        if (!result.ok)
          expect(result.message).toContain(`${JSON.stringify(c)} at position ${i + 1}`);
      }),
    );
  });

  it('rejects province codes outside 001–096', () => {
    fc.assert(
      fc.property(
        person,
        fc.oneof(fc.constant(0), fc.integer({ min: 97, max: 999 })),
        (p, code) => {
          const id = String(code).padStart(3, '0') + citizenIdOf(p).slice(3);
          expect(validateCitizenId(id)).toMatchObject({
            ok: false,
            code: 'citizen_id_unknown_province',
          });
        },
      ),
    );
  });

  it('rejects the reserved century digits 6–9', () => {
    fc.assert(
      fc.property(person, fc.integer({ min: 6, max: 9 }), (p, digit) => {
        expect(validateCitizenId(replaceAt(citizenIdOf(p), 3, String(digit)))).toMatchObject({
          ok: false,
          code: 'citizen_id_reserved_century',
        });
      }),
    );
  });

  it('rejects a century digit that disagrees with the declared sex or birth year', () => {
    fc.assert(
      fc.property(person, fc.integer({ min: 0, max: 5 }), (p, digit) => {
        const original = citizenIdCenturySexDigit(p.birthYear, p.sex);
        fc.pre(digit !== original);
        const result = validateCitizenId(replaceAt(citizenIdOf(p), 3, String(digit)), {
          birthYear: p.birthYear,
          sex: p.sex,
        });
        const sexDiffers = digit % 2 !== original % 2;
        expect(result).toMatchObject({
          ok: false,
          code: sexDiffers ? 'citizen_id_sex_mismatch' : 'citizen_id_century_mismatch',
        });
      }),
    );
  });

  it('rejects birth-year digits that disagree with the declared birth year', () => {
    fc.assert(
      fc.property(person, fc.integer({ min: 1, max: 99 }), (p, shift) => {
        const year = p.birthYear - (p.birthYear % 100) + ((p.birthYear + shift) % 100);
        const result = validateCitizenId(citizenIdOf({ ...p, birthYear: year }), {
          birthYear: p.birthYear,
          sex: p.sex,
        });
        expect(result).toMatchObject({ ok: false, code: 'citizen_id_birth_year_mismatch' });
      }),
    );
  });

  it('explains a sex mismatch precisely, in English and Vietnamese', () => {
    expect(validateCitizenId('001185012345', { sex: 'male' })).toEqual({
      ok: false,
      code: 'citizen_id_sex_mismatch',
      message: 'citizen id digit 4 is 1 (female, 1900s) but the declared sex is male',
      messageVi: 'Số CCCD không khớp với giới tính đã khai (chữ số thứ 4 là 1: nữ, sinh 1900–1999)',
    });
  });

  it('explains a century mismatch with the declared year', () => {
    expect(validateCitizenId('001285012345', { birthYear: 1985 })).toMatchObject({
      code: 'citizen_id_century_mismatch',
      message:
        'citizen id digit 4 is 2 (male, 2000s) but the declared birth year 1985 is not in 2000–2099',
    });
  });
});

describe('CitizenId schema', () => {
  it('accepts 12 canonical digits and refuses other spellings of them', () => {
    expect(CitizenId.safeParse('001085012345').success).toBe(true);
    const spaced = CitizenId.safeParse('001 085 012345');
    expect(spaced.success).toBe(false);
    expect(spaced.error?.issues[0]?.message).toContain('"001085012345"');
  });
});
