import type { z } from 'zod';

/**
 * The DesktopApi calls of the party-fee procedure ("Thủ tục thu nộp đảng phí"). Merged into
 * `desktopCalls` by contract.ts.
 */
export const feeCalls = {} as const satisfies Record<
  string,
  { input: z.ZodType; output: z.ZodType }
>;
