import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CitadCode, validateCitadCode } from './citad-code';

const digits = (min: number, max = min) =>
  fc
    .array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max })
    .map((d) => d.join(''));

describe('validateCitadCode', () => {
  it('accepts 8 digits and splits them into province, bank and branch', () => {
    fc.assert(
      fc.property(digits(2), digits(3), digits(3), (province, bank, branch) => {
        expect(validateCitadCode(province + bank + branch)).toEqual({
          ok: true,
          value: {
            code: province + bank + branch,
            provinceCode: province,
            bankCode: bank,
            branchCode: branch,
          },
        });
      }),
    );
    expect(validateCitadCode(' 01311001 ')).toMatchObject({ ok: true, value: { bankCode: '311' } });
  });

  it('rejects any other length', () => {
    fc.assert(
      fc.property(fc.oneof(digits(1, 7), digits(9, 20)), (code) => {
        expect(validateCitadCode(code)).toMatchObject({ ok: false, code: 'citad_wrong_length' });
      }),
    );
  });

  it('rejects a non-digit, naming it', () => {
    fc.assert(
      fc.property(digits(8), fc.nat(7), fc.constantFrom('A', 'o', '-', ' ', 'đ'), (code, i, c) => {
        const result = validateCitadCode(code.slice(0, i) + c + code.slice(i + 1));
        // A space at either end is trimmed away, leaving 7 digits.
        const trimmedToSeven = c === ' ' && (i === 0 || i === 7);
        expect(result).toMatchObject({
          ok: false,
          code: trimmedToSeven ? 'citad_wrong_length' : 'citad_not_digits',
        });
      }),
    );
    expect(validateCitadCode('0131100A')).toMatchObject({
      message: 'CITAD code must contain only digits, found "A" at position 8',
      messageVi: 'Mã CITAD chỉ gồm chữ số',
    });
  });
});

describe('CitadCode schema', () => {
  it('stores exactly 8 digits', () => {
    expect(CitadCode.safeParse('01311001').success).toBe(true);
    expect(CitadCode.safeParse(' 01311001').success).toBe(false);
  });
});
