import { z } from 'zod';
import { FeeMonth } from '../../domain/fees/money';
import { ACCOUNT_ROLES } from '../access';
import { authed, feeRoute as route, PaymentIdParams } from './shared';

/** Payments through the gateway: start, the gateway's callback, settling, the transactions list. */

export const PaymentStatus = z.enum(['unknown', 'success', 'failed']);
export type PaymentStatus = z.infer<typeof PaymentStatus>;
export const paymentStatusLabelVi = {
  unknown: 'Chưa xác định',
  success: 'Thành công',
  failed: 'Thất bại',
} as const satisfies Record<PaymentStatus, string>;
export const StartPaymentRequest = z.object({
  month: FeeMonth,
  /** Set when the cell's representative pays ("Nộp đảng phí cho chi bộ"); absent = for oneself. */
  cellId: z.guid().optional(),
  /** Chosen members; absent = every approved, unpaid member of the cell. */
  memberIds: z.array(z.guid()).min(1).max(5000).optional(),
});
export const Payment = z.object({
  id: z.string(),
  reference: z.string(),
  cellId: z.string(),
  payerUserId: z.string(),
  kind: z.enum(['self', 'cell']),
  amount: z.number().int(),
  status: PaymentStatus,
  statusVi: z.string(),
  bankReference: z.string().nullable(),
  createdAt: z.string(),
  settledAt: z.string().nullable(),
  settledVia: z.string().nullable(),
  /** The gateway's answer code of a failed payment (why it failed), when it gave one. */
  failureCode: z.string().nullable().optional(),
  /** While unknown: when the payment is settled (by query) or failed at the latest. */
  settleDeadline: z.string().nullable(),
  /**
   * While unknown and the server's settling run is on: when it next asks the gateway (the time
   * to automatic settlement the unknown-status view shows). Added with 0011.
   */
  nextAutoCheckAt: z.string().nullable().optional(),
  /** 'gateway' or 'statement' (a VietQR transfer matched on a bank statement). Added with 0011. */
  channel: z.enum(['gateway', 'statement']).optional(),
  items: z.array(z.object({ memberId: z.string(), month: FeeMonth, amount: z.number().int() })),
});
export type Payment = z.infer<typeof Payment>;
export const StartPaymentResponse = Payment.extend({ paymentUrl: z.string() });
export const TransactionsQuery = z.object({
  month: FeeMonth.optional(),
  cellId: z.guid().optional(),
  memberId: z.guid().optional(),
  status: PaymentStatus.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
/** The server's automatic settling of unknown payments (null = off on this server). */
export const AutoSettle = z.object({
  everyMs: z.number().int(),
  /** Unknown payments are settled or failed at the latest this long after they start (2 days). */
  settleWithinMs: z.number().int(),
  nextRunAt: z.string(),
});
export const TransactionsResponse = z.object({
  items: z.array(Payment),
  autoSettle: AutoSettle.nullable().optional(),
});
export const ManualSettleRequest = z.object({
  status: z.enum(['success', 'failed']),
  /** The bank's reference of the debit (evidence from the member's bank notice). */
  bankReference: z.string().trim().min(3).max(100),
  note: z.string().trim().max(1000).default(''),
});
/** The gateway's signed callback (IPN). Strings are bounded so a hostile sender costs nothing. */
export const GatewayCallback = z.object({
  merchantId: z.string().max(100),
  reference: z.string().max(100),
  gatewayTxnId: z.string().max(100),
  amount: z.number(),
  status: z.enum(['success', 'failed']),
  bankReference: z.string().max(100).nullable(),
  /** Why a payment failed: the gateway's two-digit answer code (optional: older gateways). */
  responseCode: z.string().max(8).nullable().optional(),
  paidAt: z.string().max(40),
  signature: z.string().max(200),
});
export type GatewayCallback = z.infer<typeof GatewayCallback>;
/** VNPay-style answer codes: 00 applied, 01 unknown order, 02 already settled, 04 wrong amount, 97 bad signature. */
export const GatewayCallbackAnswer = z.object({
  code: z.enum(['00', '01', '02', '04', '97']),
  message: z.string(),
});

/** The routes of fees-payments (server/routes/fees-payments.ts). */
export const feePaymentRouteSpecs = {
  startPayment: route({
    method: 'POST',
    path: '/v1/fees/payments',
    summary: 'Start a payment for oneself or for members of a cell, through the gateway',
    tag: 'fees',
    auth: true,
    body: StartPaymentRequest,
    status: 201,
    response: StartPaymentResponse,
    errors: [...authed, 409, 502, 503],
    access: { roles: 'any', scope: 'self' },
  }),
  gatewayCallback: route({
    method: 'POST',
    path: '/v1/fees/gateway/callback',
    summary: "The payment gateway's signed result (IPN)",
    tag: 'fees',
    auth: false,
    body: GatewayCallback,
    status: 200,
    response: GatewayCallbackAnswer,
    errors: [400, 429],
    access: { roles: 'any', scope: 'public' },
  }),
  queryPayment: route({
    method: 'POST',
    path: '/v1/fees/payments/:id/query',
    summary: 'Ask the gateway for the result of a payment whose status is unknown',
    tag: 'fees',
    auth: true,
    params: PaymentIdParams,
    status: 200,
    response: Payment,
    errors: [...authed, 502, 503],
    access: { roles: 'any', scope: 'payment', param: 'id' },
  }),
  settleUnknown: route({
    method: 'POST',
    path: '/v1/fees/payments/settle-unknown',
    summary:
      'Query the gateway for every unknown payment in scope (run by an officer or a scheduler)',
    tag: 'fees',
    auth: true,
    status: 200,
    response: z.object({
      checked: z.number().int(),
      settled: z.number().int(),
      gatewayErrors: z.number().int(),
    }),
    errors: [401, 403, 503],
    access: { roles: ACCOUNT_ROLES, scope: 'filtered' },
  }),
  transactions: route({
    method: 'GET',
    path: '/v1/fees/transactions',
    summary: 'Danh sách giao dịch nộp đảng phí, filtered by month, cell, member and status',
    tag: 'fees',
    auth: true,
    querystring: TransactionsQuery,
    status: 200,
    response: TransactionsResponse,
    errors: authed,
    access: { roles: 'any', scope: 'filtered' },
  }),
  settlePayment: route({
    method: 'POST',
    path: '/v1/fees/payments/:id/settle',
    summary: 'Settle an unknown payment by hand, with the bank reference as evidence (audited)',
    tag: 'fees',
    auth: true,
    params: PaymentIdParams,
    body: ManualSettleRequest,
    status: 200,
    response: Payment,
    errors: [...authed, 409],
    access: { roles: ACCOUNT_ROLES, scope: 'payment', param: 'id' },
  }),
};
