import { z } from 'zod';
import { FeeMonth } from '../../domain/fees/money';
import { CELL_FEE_ROLES } from '../access';
import { authed, CellIdParams, feeRoute as route } from './shared';

/** VietQR: a code members pay by bank transfer, matched later on the account's statement. */

export const VietQrQuery = z.object({
  month: FeeMonth,
  /** Comma-separated member ids; absent = every approved, unpaid member of the cell. */
  memberIds: z
    .string()
    .max(40_000)
    .transform((v) =>
      v
        .split(',')
        .map((x) => x.trim())
        .filter((x) => x !== ''),
    )
    .pipe(z.array(z.guid()).min(1).max(1000))
    .optional(),
});
export const VietQrResponse = z.object({
  /** The EMVCo text to draw as a QR code. */
  payload: z.string(),
  /** Payment reference in the transfer description; statement lines are matched by it. */
  reference: z.string(),
  amount: z.number().int(),
  month: FeeMonth,
  memberIds: z.array(z.string()),
  bin: z.string(),
  bankName: z.string(),
  accountNo: z.string(),
  holder: z.string(),
  /** What the payer types as the description if their bank app does not read the QR. */
  description: z.string(),
});
export type VietQrResponse = z.infer<typeof VietQrResponse>;

/** The routes of fees-vietqr (server/routes/fees-vietqr.ts). */
export const feeVietQrRouteSpecs = {
  vietqr: route({
    method: 'GET',
    path: '/v1/fees/cells/:cellId/vietqr',
    summary: "A NAPAS VietQR payload for paying members' approved month to the active account",
    tag: 'fees',
    auth: true,
    params: CellIdParams,
    querystring: VietQrQuery,
    status: 200,
    response: VietQrResponse,
    errors: [...authed, 409],
    access: { roles: [...CELL_FEE_ROLES, 'member'], scope: 'org', param: 'cellId' },
  }),
};
