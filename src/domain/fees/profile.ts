import { z } from 'zod';
import { Amount } from './money';
import { FeeCategory } from './rules';

/**
 * What a member's monthly fee is computed from. `base` is the previous month's insured salary,
 * the pension or the allowance (rate categories); `fixedAmount` the amount chosen within a range
 * (range categories). `exemption` names a reason of the rule version; the month is then 0.
 */
export const FeeProfile = z.object({
  category: FeeCategory,
  base: Amount(10_000_000_000).nullable(),
  fixedAmount: Amount().nullable(),
  voluntaryExtra: Amount(),
  exemption: z.string().min(1).max(100).nullable(),
});
export type FeeProfile = z.infer<typeof FeeProfile>;
