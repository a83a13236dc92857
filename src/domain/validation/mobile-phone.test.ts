import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  VIETNAMESE_MOBILE_PREFIXES,
  VietnameseMobile,
  validateVietnameseMobile,
} from './mobile-phone';

const digits = (n: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }).map((d) => d.join(''));
const nationalMobile = fc
  .tuple(fc.constantFrom(...VIETNAMESE_MOBILE_PREFIXES), digits(7))
  .map(([prefix, rest]) => prefix + rest);
/** The ways people write one number: +84 / 84 / 0, grouped with spaces, dots or dashes. */
const written = (national: string) =>
  fc
    .tuple(
      fc.constantFrom('0', '+84', '84', '+84 ', '(+84) ', '+84 0'),
      fc.array(fc.constantFrom('', '', ' ', '.', '-'), { minLength: 9, maxLength: 9 }),
    )
    .map(([country, separators]) => {
      const subscriber = [...national.slice(1)].map((d, i) => d + (separators[i] ?? '')).join('');
      return country + subscriber;
    });

describe('validateVietnameseMobile', () => {
  it('accepts every allocated prefix in every usual spelling, normalized to 0xxxxxxxxx', () => {
    fc.assert(
      fc.property(
        nationalMobile.chain((n) => fc.tuple(fc.constant(n), written(n))),
        ([national, input]) => {
          expect(validateVietnameseMobile(input)).toEqual({ ok: true, value: national });
        },
      ),
    );
    expect(validateVietnameseMobile('0912.345.678')).toEqual({ ok: true, value: '0912345678' });
    expect(validateVietnameseMobile('+84 912 345 678')).toEqual({ ok: true, value: '0912345678' });
  });

  it('rejects a digit too many or too few', () => {
    fc.assert(
      fc.property(nationalMobile, fc.boolean(), (national, cut) => {
        const mutated = cut ? national.slice(0, -1) : national + '5';
        expect(validateVietnameseMobile(mutated)).toMatchObject({
          ok: false,
          code: 'phone_wrong_length',
        });
      }),
    );
  });

  it('rejects a letter or symbol, naming it', () => {
    fc.assert(
      fc.property(
        nationalMobile,
        fc.integer({ min: 1, max: 9 }),
        fc.constantFrom('O', 'l', '*', '#', '/'),
        (n, i, c) => {
          const result = validateVietnameseMobile(n.slice(0, i) + c + n.slice(i + 1));
          expect(result).toMatchObject({ ok: false, code: 'phone_invalid_characters' });
          if (!result.ok)
            expect(result.message).toContain(`${JSON.stringify(c)} at position ${i + 1}`);
        },
      ),
    );
  });

  it('rejects unallocated prefixes', () => {
    const unallocated = Array.from(
      { length: 100 },
      (_, i) => '0' + String(i).padStart(2, '0'),
    ).filter((p) => !VIETNAMESE_MOBILE_PREFIXES.has(p) && !p.startsWith('02') && p !== '000');
    expect(unallocated).toContain('095');
    fc.assert(
      fc.property(fc.constantFrom(...unallocated), digits(7), (prefix, rest) => {
        expect(validateVietnameseMobile(prefix + rest)).toMatchObject({
          ok: false,
          code: 'phone_unknown_prefix',
        });
      }),
    );
  });

  it('recognizes landlines, foreign numbers and a missing leading zero', () => {
    expect(validateVietnameseMobile('024 3223 2045')).toMatchObject({
      code: 'phone_landline',
      message:
        'phone number 02432232045 is a landline (02x area code); a mobile number is required',
    });
    expect(validateVietnameseMobile('+1 202 555 0100')).toMatchObject({
      code: 'phone_foreign_number',
    });
    expect(validateVietnameseMobile('912345678')).toMatchObject({
      code: 'phone_missing_leading_zero',
    });
    expect(validateVietnameseMobile('09+12345678')).toMatchObject({
      code: 'phone_invalid_characters',
    });
    expect(validateVietnameseMobile('  ')).toMatchObject({
      code: 'phone_empty',
      messageVi: 'Chưa nhập số điện thoại',
    });
  });
});

describe('VietnameseMobile schema', () => {
  it('stores only the normalized form', () => {
    expect(VietnameseMobile.safeParse('0912345678').success).toBe(true);
    expect(VietnameseMobile.safeParse('+84912345678').success).toBe(false);
  });
});
