import { z } from 'zod';
import { Amount, FeeMonth } from '../domain/fees/money';
import { FeeProfile } from '../domain/fees/profile';
import type { RouteSpec } from './routes';

/** The national system's note for a month the cell has not approved yet (amount shown as 0). */
export const UNAPPROVED_NOTE_VI = 'Đảng phí tháng này của đảng viên chưa được phê duyệt';

export const MemberIdParams = z.object({ memberId: z.guid() });
export const CellIdParams = z.object({ cellId: z.guid() });
export const PaymentIdParams = z.object({ id: z.guid() });
export const MonthQuery = z.object({ month: FeeMonth });

export const FeeProfileResponse = FeeProfile.extend({
  memberId: z.string(),
  updatedAt: z.string(),
});
export type FeeProfileResponse = z.infer<typeof FeeProfileResponse>;

/** One member's line in the cell's monthly approval screen. */
export const ApprovalLine = z.object({
  memberId: z.string(),
  fullName: z.string(),
  /** Computed from the profile and the rules; null when it cannot be (no profile, bad profile). */
  computedAmount: z.number().int().nullable(),
  computeMessageVi: z.string().nullable(),
  approved: z.boolean(),
  /** What the member owes: the approved amount, or 0 while unapproved. */
  amount: z.number().int(),
  adjustReason: z.string().nullable(),
  note: z.string().nullable(),
  paid: z.boolean(),
});
export const ApprovalSheet = z.object({
  cellId: z.string(),
  month: FeeMonth,
  ruleVersionId: z.string().nullable(),
  lines: z.array(ApprovalLine),
});
export type ApprovalSheet = z.infer<typeof ApprovalSheet>;

export const ApproveRequest = z
  .object({
    month: FeeMonth,
    /** Approve every member of the cell at the computed amount (those not listed in `items`). */
    all: z.boolean().default(false),
    items: z
      .array(
        z.object({
          memberId: z.guid(),
          /** Adjusted amount; omitted = the computed amount. */
          amount: Amount().optional(),
          reason: z.string().trim().min(3).max(500).optional(),
        }),
      )
      .max(5000)
      .default([]),
  })
  .refine((r) => r.all || r.items.length > 0, { message: 'approve all or list members' });
export type ApproveRequest = z.infer<typeof ApproveRequest>;

export const MemberDue = z.object({
  memberId: z.string(),
  month: FeeMonth,
  amount: z.number().int(),
  approved: z.boolean(),
  paid: z.boolean(),
  note: z.string().nullable(),
});

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
  /** While unknown: when the payment is settled (by query) or failed at the latest. */
  settleDeadline: z.string().nullable(),
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
export const TransactionsResponse = z.object({ items: z.array(Payment) });

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
  paidAt: z.string().max(40),
  signature: z.string().max(200),
});
export type GatewayCallback = z.infer<typeof GatewayCallback>;

/** VNPay-style answer codes: 00 applied, 01 unknown order, 02 already settled, 04 wrong amount, 97 bad signature. */
export const GatewayCallbackAnswer = z.object({
  code: z.enum(['00', '01', '02', '04', '97']),
  message: z.string(),
});

const route = <const S extends RouteSpec>(spec: S): S => spec;
const authed = [400, 401, 403, 404] as const;

export const feeRouteSpecs = {
  putFeeProfile: route({
    method: 'PUT',
    path: '/v1/fees/profiles/:memberId',
    summary: "Set a member's fee profile (category, base or fixed amount, voluntary extra)",
    tag: 'fees',
    auth: true,
    params: MemberIdParams,
    body: FeeProfile,
    status: 200,
    response: FeeProfileResponse,
    errors: authed,
  }),
  approvalSheet: route({
    method: 'GET',
    path: '/v1/fees/cells/:cellId/approvals',
    summary: "A cell's monthly amounts: computed, approved, paid",
    tag: 'fees',
    auth: true,
    params: CellIdParams,
    querystring: MonthQuery,
    status: 200,
    response: ApprovalSheet,
    errors: authed,
  }),
  approve: route({
    method: 'POST',
    path: '/v1/fees/cells/:cellId/approvals',
    summary: 'Approve the monthly amounts of one, many or all members (adjustments need a reason)',
    tag: 'fees',
    auth: true,
    params: CellIdParams,
    body: ApproveRequest,
    status: 200,
    response: ApprovalSheet,
    errors: [...authed, 409],
  }),
  memberDue: route({
    method: 'GET',
    path: '/v1/fees/members/:memberId/due',
    summary: 'What a member owes for a month (0 with a note while unapproved)',
    tag: 'fees',
    auth: true,
    params: MemberIdParams,
    querystring: MonthQuery,
    status: 200,
    response: MemberDue,
    errors: authed,
  }),
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
    errors: [400],
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
  }),
};

/** A generated file (PDF, Excel) in a JSON answer: the app saves or opens it. */
export const DocumentFile = z.object({
  fileName: z.string(),
  contentType: z.string(),
  dataBase64: z.string(),
});
export type DocumentFile = z.infer<typeof DocumentFile>;

export const LedgerQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  /** Months 1..upTo are counted; default 12. */
  upTo: z.coerce.number().int().min(1).max(12).default(12),
  format: z.enum(['json', 'xlsx']).default('json'),
});

const LedgerMonth = z.object({
  month: FeeMonth,
  due: z.number().int(),
  paid: z.number().int(),
  outstanding: z.number().int(),
});
export const LedgerResponse = z.object({
  cellId: z.string(),
  year: z.number().int(),
  rows: z.array(
    z.object({
      memberId: z.string(),
      fullName: z.string(),
      months: z.array(LedgerMonth),
      due: z.number().int(),
      paid: z.number().int(),
      outstanding: z.number().int(),
      unpaidMonths: z.number().int(),
      flagged: z.boolean(),
    }),
  ),
  totals: z.array(LedgerMonth),
  file: DocumentFile.nullable(),
});

export const feeDocumentRouteSpecs = {
  receipt: route({
    method: 'GET',
    path: '/v1/fees/payments/:id/receipt',
    summary:
      'The receipt (biên lai) PDF of a successful payment; later prints are marked as re-prints',
    tag: 'fees',
    auth: true,
    params: PaymentIdParams,
    status: 200,
    response: DocumentFile,
    errors: [...authed, 409],
  }),
  ledger: route({
    method: 'GET',
    path: '/v1/fees/cells/:cellId/ledger',
    summary:
      "A cell's fee ledger for a year (due, paid, outstanding; ≥3 unpaid months flagged), JSON or Excel",
    tag: 'fees',
    auth: true,
    params: CellIdParams,
    querystring: LedgerQuery,
    status: 200,
    response: LedgerResponse,
    errors: authed,
  }),
};
