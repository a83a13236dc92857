import { z } from 'zod';
import { Amount, FeeMonth } from '../domain/fees/money';
import { FeeProfile } from '../domain/fees/profile';
import { FeeRuleVersion } from '../domain/fees/rules';
import { Id } from '../domain/common/schemas';
import { BankAccount } from '../domain/org/org';
import { ACCOUNT_ROLES, CELL_FEE_ROLES, FEE_STAFF_ROLES } from './access';
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
  /** Who approved the month (full name), null while unapproved. Added with 0011. */
  approvedByName: z.string().nullable().optional(),
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
    access: { roles: CELL_FEE_ROLES, scope: 'member', param: 'memberId' },
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
    access: { roles: CELL_FEE_ROLES, scope: 'org-subtree', param: 'cellId' },
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
    access: { roles: CELL_FEE_ROLES, scope: 'org-subtree', param: 'cellId' },
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
    access: { roles: 'any', scope: 'member', param: 'memberId' },
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
  format: z.enum(['json', 'xlsx', 'pdf']).default('json'),
});
export type LedgerQuery = z.infer<typeof LedgerQuery>;

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
    access: { roles: 'any', scope: 'payment', param: 'id' },
  }),
  ledger: route({
    method: 'GET',
    path: '/v1/fees/cells/:cellId/ledger',
    summary:
      "A cell's fee ledger for a year (due, paid, outstanding; ≥3 unpaid months flagged), JSON, Excel or PDF",
    tag: 'fees',
    auth: true,
    params: CellIdParams,
    querystring: LedgerQuery,
    status: 200,
    response: LedgerResponse,
    errors: authed,
    access: { roles: FEE_STAFF_ROLES, scope: 'org-subtree', param: 'cellId' },
  }),
};

// ---- Added with docs/decisions/0011-fees-completion.md: rules, VietQR, statements, reports,
// bank accounts. Existing shapes above only gained optional fields.

export const FeeRuleVersionView = z.object({
  version: FeeRuleVersion,
  /** Null for the built-in versions. */
  createdByName: z.string().nullable(),
  createdAt: z.string().nullable(),
});
export const FeeRulesResponse = z.object({
  items: z.array(FeeRuleVersionView),
  /** The version in force for the current month. */
  currentId: z.string().nullable(),
});
export type FeeRulesResponse = z.infer<typeof FeeRulesResponse>;

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

export const OrgIdParams = z.object({ orgId: Id });

export const StatementUpload = z.object({
  fileName: z.string().trim().min(1).max(200),
  /** The CSV (UTF-8) or Excel (.xlsx) export of the account, base64. */
  dataBase64: z
    .string()
    .min(1)
    .max(1_300_000)
    .regex(/^[A-Za-z0-9+/=\s]*$/, 'not base64'),
});
export const StatementLineProblem = z.object({
  lineNo: z.number().int(),
  message: z.string(),
  messageVi: z.string(),
});
const StatementLineView = z.object({
  lineNo: z.number().int(),
  date: z.string(),
  amount: z.number().int(),
  description: z.string(),
  bankReference: z.string(),
});
export const StatementImportResponse = z.object({
  /** False: nothing was imported; `problems` says why, line by line. */
  accepted: z.boolean(),
  problems: z.array(StatementLineProblem),
  /** Lines recorded now (matched and unmatched). */
  imported: z.number().int(),
  /** Lines of an earlier import (same bank reference): skipped. */
  alreadyImported: z.number().int(),
  matched: z.array(StatementLineView.extend({ paymentId: z.string(), reference: z.string() })),
  /** Left for a person to match, with the reason. */
  unmatched: z.array(
    StatementLineView.extend({
      reason: z.enum(['no_reference', 'amount_differs', 'already_matched', 'already_paid']),
      reasonVi: z.string(),
      /** For matching the line by hand (POST /v1/fees/statement-lines/:lineId/match). */
      lineId: z.string().optional(),
    }),
  ),
});
export type StatementImportResponse = z.infer<typeof StatementImportResponse>;

export const OrgReportQuery = z
  .object({
    month: FeeMonth.optional(),
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    format: z.enum(['json', 'xlsx', 'pdf']).default('json'),
  })
  .refine((q) => (q.month === undefined) !== (q.year === undefined), {
    message: 'give a month or a year',
  });

const ReportAmounts = z.object({
  due: z.number().int(),
  paid: z.number().int(),
  outstanding: z.number().int(),
});
export const OrgReportResponse = z.object({
  orgId: z.string(),
  orgName: z.string(),
  /** 'YYYY-MM' or 'YYYY'. */
  period: z.string(),
  cells: z.array(
    ReportAmounts.extend({
      cellId: z.string(),
      code: z.string(),
      name: z.string(),
      parentId: z.string().nullable(),
      members: z.number().int(),
      /** Members with 3 or more unpaid months in the year (up to the period). */
      flaggedMembers: z.number().int(),
    }),
  ),
  /** Each org of the subtree that has cells under it, with the totals of those cells. */
  orgs: z.array(
    ReportAmounts.extend({
      orgId: z.string(),
      name: z.string(),
      parentId: z.string().nullable(),
      depth: z.number().int(),
    }),
  ),
  totals: ReportAmounts,
  /** How the collected (paid) amount splits between levels, per rule version and direction. */
  split: z.array(
    z.object({
      ruleVersionId: z.string(),
      direction: z.enum(['top_down', 'bottom_up']),
      collected: z.number().int(),
      parts: z.array(
        z.object({
          orgId: z.string(),
          name: z.string(),
          level: z.string(),
          amount: z.number().int(),
        }),
      ),
    }),
  ),
  file: DocumentFile.nullable(),
});
export type OrgReportResponse = z.infer<typeof OrgReportResponse>;

export const BankAccountFlagSchema = z.enum(['treasury', 'personal_holder', 'bank_unknown']);
export const SubordinateBankAccounts = z.object({
  items: z.array(
    z.object({
      orgId: z.string(),
      orgCode: z.string(),
      orgName: z.string(),
      parentId: z.string().nullable(),
      depth: z.number().int(),
      /** The org's accounts, active first; empty = none registered. */
      accounts: z.array(
        BankAccount.extend({
          flags: z.array(BankAccountFlagSchema),
          flagsVi: z.array(z.string()),
          bin: z.string().nullable(),
        }),
      ),
      /** Org-level problems: no account, no active account. */
      problemsVi: z.array(z.string()),
    }),
  ),
});
export type SubordinateBankAccounts = z.infer<typeof SubordinateBankAccounts>;

export const BankAccountParams = z.object({ id: Id, accountId: Id });
export const PutBankAccountRequest = z.object({
  accountNo: z.string().max(40),
  holder: z.string().max(200),
  bankName: z.string().max(200),
  citadCode: z.string().max(20),
  /** "Sử dụng": making this one active makes the org's other accounts inactive. */
  isActive: z.boolean(),
});
export const PutBankAccountResponse = BankAccount.extend({
  flags: z.array(BankAccountFlagSchema),
  rev: z.number().int(),
});

/** Approve a month for every cell under an org at once (officers and admins above the cells). */
export const OrgApproveRequest = z.object({
  month: FeeMonth,
  /** Only "all": every member not approved yet, at the computed amount. */
  all: z.literal(true),
});
export type OrgApproveRequest = z.infer<typeof OrgApproveRequest>;
export const OrgApproveResponse = z.object({
  orgId: z.string(),
  month: FeeMonth,
  ruleVersionId: z.string(),
  cells: z.number().int(),
  /** Active members registered in those cells. */
  members: z.number().int(),
  /** Approved now at the computed amount. */
  approved: z.number().int(),
  /** Approved before (adjusted or not): left as they were. */
  alreadyApproved: z.number().int(),
  /** Paid without an approval: left alone. */
  paid: z.number().int(),
  /** No profile or one the rules cannot compute: left unapproved (the cell's sheet says why). */
  notComputable: z.number().int(),
});
export type OrgApproveResponse = z.infer<typeof OrgApproveResponse>;

export const feeAdminRouteSpecs = {
  rules: route({
    method: 'GET',
    path: '/v1/fees/rules',
    summary: 'The fee rule versions (built-in and corrections), oldest first',
    tag: 'fees',
    auth: true,
    status: 200,
    response: FeeRulesResponse,
    errors: [401, 403],
    access: { roles: 'any', scope: 'shared' },
  }),
  appendRule: route({
    method: 'POST',
    path: '/v1/fees/rules',
    summary: 'Append a rule version (a correction: higher seq, `corrects`); top-org admins only',
    tag: 'fees',
    auth: true,
    body: FeeRuleVersion,
    status: 201,
    response: FeeRulesResponse,
    errors: [400, 401, 403, 409],
    access: { roles: ['admin'], scope: 'top-org' },
  }),
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
  importStatement: route({
    method: 'POST',
    path: '/v1/fees/orgs/:orgId/statements',
    summary:
      "Import a bank statement (CSV/XLSX) of the org's active account: all lines or none; matched transfers become payments once",
    tag: 'fees',
    auth: true,
    params: OrgIdParams,
    body: StatementUpload,
    status: 200,
    response: StatementImportResponse,
    errors: [...authed, 409],
    access: { roles: ACCOUNT_ROLES, scope: 'org-subtree', param: 'orgId' },
  }),
  orgReport: route({
    method: 'GET',
    path: '/v1/fees/orgs/:orgId/report',
    summary:
      'Fee report of an org subtree for a month or year: per cell, totals up the tree, the split between levels; JSON, Excel or PDF',
    tag: 'fees',
    auth: true,
    params: OrgIdParams,
    querystring: OrgReportQuery,
    status: 200,
    response: OrgReportResponse,
    errors: authed,
    access: { roles: FEE_STAFF_ROLES, scope: 'org-subtree', param: 'orgId' },
  }),
  approveOrgMonth: route({
    method: 'POST',
    path: '/v1/fees/orgs/:orgId/approvals',
    summary:
      "Approve a month for every cell under the org at once: members not approved yet, at the computed amount; others' approvals stay",
    tag: 'fees',
    auth: true,
    params: OrgIdParams,
    body: OrgApproveRequest,
    status: 200,
    response: OrgApproveResponse,
    errors: authed,
    access: { roles: [...CELL_FEE_ROLES, 'admin'], scope: 'org-subtree', param: 'orgId' },
  }),
  subordinateBankAccounts: route({
    method: 'GET',
    path: '/v1/fees/orgs/:orgId/bank-accounts',
    summary:
      "The bank accounts of the org and the orgs below it, flagged, for the superior's admin",
    tag: 'fees',
    auth: true,
    params: OrgIdParams,
    status: 200,
    response: SubordinateBankAccounts,
    errors: authed,
    access: { roles: ACCOUNT_ROLES, scope: 'org-subtree', param: 'orgId' },
  }),
  putBankAccount: route({
    method: 'PUT',
    path: '/v1/orgs/:id/bank-accounts/:accountId',
    summary:
      "Create or update an org's beneficiary account (admins above it); personal and treasury accounts are refused",
    tag: 'fees',
    auth: true,
    params: BankAccountParams,
    body: PutBankAccountRequest,
    status: 200,
    response: PutBankAccountResponse,
    errors: [...authed, 409],
    access: { roles: ['admin'], scope: 'org-subtree', param: 'id' },
  }),
};

// ---- Statement lines left for a person to match (0011, "leaves the rest for a person to match").

/** An imported statement line: its account and bank reference, opaque to clients. */
export const StatementLineIdParams = z.object({
  lineId: z
    .string()
    .min(8)
    .max(400)
    .regex(/^[A-Za-z0-9_-]+$/, 'not a statement line id'),
});
export const StatementLinesQuery = z.object({
  status: z.enum(['unmatched', 'matched']).default('unmatched'),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
export const UnmatchedReason = z.enum([
  'no_reference',
  'amount_differs',
  'already_matched',
  'already_paid',
]);
export const StatementLineRow = z.object({
  lineId: z.string(),
  bankAccountId: z.string(),
  accountNo: z.string(),
  date: z.string(),
  amount: z.number().int(),
  description: z.string(),
  bankReference: z.string(),
  status: z.enum(['unmatched', 'matched']),
  /** Why the import left the line for a person (kept after a person matched it). */
  reason: UnmatchedReason.nullable(),
  reasonVi: z.string().nullable(),
  paymentId: z.string().nullable(),
  importedAt: z.string(),
  importedByName: z.string().nullable(),
  /** Who matched the line by hand, and when (null when the import matched it). */
  matchedByName: z.string().nullable(),
  matchedAt: z.string().nullable(),
});
export type StatementLineRow = z.infer<typeof StatementLineRow>;
export const StatementLinesResponse = z.object({
  orgId: z.string(),
  items: z.array(StatementLineRow),
});
export type StatementLinesResponse = z.infer<typeof StatementLinesResponse>;

/**
 * A person matches a line: to a payment that is already recorded (an unknown payment this
 * transfer proves is settled; a successful one the line only confirms), or to members' approved
 * month of a cell (a new successful payment, as the import records one).
 */
export const MatchStatementLineRequest = z.union([
  z.object({ paymentId: z.guid() }).strict(),
  z
    .object({
      cellId: z.guid(),
      month: FeeMonth,
      memberIds: z.array(z.guid()).min(1).max(1000),
    })
    .strict(),
]);
export type MatchStatementLineRequest = z.infer<typeof MatchStatementLineRequest>;
export const MatchStatementLineResponse = z.object({
  line: StatementLineRow,
  payment: Payment,
});
export type MatchStatementLineResponse = z.infer<typeof MatchStatementLineResponse>;

export const feeStatementRouteSpecs = {
  statementLines: route({
    method: 'GET',
    path: '/v1/fees/orgs/:orgId/statement-lines',
    summary:
      "Imported statement lines of the org's accounts: those left for a person to match, or the matched ones",
    tag: 'fees',
    auth: true,
    params: OrgIdParams,
    querystring: StatementLinesQuery,
    status: 200,
    response: StatementLinesResponse,
    errors: authed,
    access: { roles: ACCOUNT_ROLES, scope: 'org-subtree', param: 'orgId' },
  }),
  matchStatementLine: route({
    method: 'POST',
    path: '/v1/fees/statement-lines/:lineId/match',
    summary:
      'Match a statement line by hand to a payment or to members’ approved month (audited); a line is matched once',
    tag: 'fees',
    auth: true,
    params: StatementLineIdParams,
    body: MatchStatementLineRequest,
    status: 200,
    response: MatchStatementLineResponse,
    errors: [...authed, 409],
    access: { roles: ACCOUNT_ROLES, scope: 'statement-line', param: 'lineId' },
  }),
};
