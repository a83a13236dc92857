import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BankAccountNo, validateBankAccountNo } from './bank-account-no';

const digits = (min: number, max = min) =>
  fc
    .array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max })
    .map((d) => d.join(''));
/** Digits grouped with spaces, as printed on cards and statements. */
const grouped = (s: string) =>
  fc
    .array(fc.constantFrom('', '', ' ', '  '), { minLength: s.length, maxLength: s.length })
    .map((gaps) => [...s].map((d, i) => d + (gaps[i] ?? '')).join(''));

describe('validateBankAccountNo', () => {
  it('accepts 6–19 digits, with spaces removed', () => {
    fc.assert(
      fc.property(
        digits(6, 19).chain((n) => fc.tuple(fc.constant(n), grouped(n))),
        ([number, input]) => {
          expect(validateBankAccountNo(input)).toEqual({ ok: true, value: number });
        },
      ),
    );
  });

  it('rejects fewer than 6 or more than 19 digits', () => {
    fc.assert(
      fc.property(fc.oneof(digits(1, 5), digits(20, 30)), (number) => {
        expect(validateBankAccountNo(number)).toMatchObject({
          ok: false,
          code: 'bank_account_no_wrong_length',
        });
      }),
    );
  });

  it('refuses letters with their own message, naming the letter', () => {
    fc.assert(
      fc.property(
        digits(6, 19),
        fc.nat(),
        fc.constantFrom('O', 'o', 'l', 'A', 'Đ'),
        (number, at, letter) => {
          const i = at % number.length;
          const result = validateBankAccountNo(number.slice(0, i) + letter + number.slice(i + 1));
          expect(result).toMatchObject({ ok: false, code: 'bank_account_no_has_letters' });
          if (!result.ok)
            expect(result.message).toContain(`${JSON.stringify(letter)} at position ${i + 1}`);
        },
      ),
    );
  });

  it('refuses other characters', () => {
    fc.assert(
      fc.property(digits(6, 19), fc.nat(), fc.constantFrom('-', '.', '/', '#'), (number, at, c) => {
        const i = at % number.length;
        expect(validateBankAccountNo(number.slice(0, i) + c + number.slice(i + 1))).toMatchObject({
          ok: false,
          code: 'bank_account_no_invalid_characters',
        });
      }),
    );
    expect(validateBankAccountNo('  ')).toMatchObject({ code: 'bank_account_no_empty' });
  });
});

describe('BankAccountNo schema', () => {
  it('stores digits only', () => {
    expect(BankAccountNo.safeParse('001190000528').success).toBe(true);
    expect(BankAccountNo.safeParse('0011 9000 0528').success).toBe(false);
  });
});
