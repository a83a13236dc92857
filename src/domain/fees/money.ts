import { z } from 'zod';
import { fail, ok, type Result } from '../common/result';

/**
 * Amounts are whole đồng. The default ceiling refuses typing slips (an extra zero or three) while
 * leaving room for a whole cell's month; deployments can pass their own.
 */
export const DEFAULT_AMOUNT_CEILING = 1_000_000_000;

/** A month 'YYYY-MM' (the fee period). */
export const FeeMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month must be YYYY-MM');
export type FeeMonth = z.infer<typeof FeeMonth>;

/** Whole đồng from 0 to the ceiling: the zod form of `parseAmount`, for API schemas. */
export const Amount = (ceiling = DEFAULT_AMOUNT_CEILING) =>
  z
    .number({ error: 'amount must be a number of đồng' })
    .int('amount must be a whole number of đồng')
    .min(0, 'amount must not be negative')
    .max(ceiling, `amount must not exceed ${ceiling} đồng`);

export type AmountCode =
  'amount_not_numeric' | 'amount_fractional' | 'amount_negative' | 'amount_over_ceiling';

/** An amount someone typed or sent (number or digit string), refused with a message when bad. */
export function parseAmount(
  input: unknown,
  ceiling = DEFAULT_AMOUNT_CEILING,
): Result<number, AmountCode> {
  const n =
    typeof input === 'number'
      ? input
      : typeof input === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(input)
        ? Number(input)
        : Number.NaN;
  if (!Number.isFinite(n))
    return fail(
      'amount_not_numeric',
      `amount ${JSON.stringify(input)} is not a number`,
      'Số tiền phải là một số (đồng)',
    );
  if (n < 0)
    return fail('amount_negative', `amount ${n} is negative`, 'Số tiền không được là số âm');
  if (!Number.isInteger(n))
    return fail(
      'amount_fractional',
      `amount ${n} has a fraction; amounts are whole đồng`,
      'Số tiền phải là số nguyên đồng',
    );
  if (n > ceiling)
    return fail(
      'amount_over_ceiling',
      `amount ${n} exceeds the ceiling of ${ceiling} đồng`,
      `Số tiền vượt quá mức tối đa cho phép (${ceiling.toLocaleString('vi-VN')} đồng)`,
    );
  return ok(n);
}
