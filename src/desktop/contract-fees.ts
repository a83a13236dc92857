import { z } from 'zod';
import {
  ApprovalLine,
  ApprovalSheet,
  DocumentFile,
  FeeRuleVersionView,
  LedgerResponse,
  OrgReportResponse,
  VietQrResponse,
  Payment,
  PaymentStatus,
  paymentStatusLabelVi,
  PutBankAccountResponse,
  StatementImportResponse,
  StatementLineRow,
  UNAPPROVED_NOTE_VI,
} from '../api/fees';
import { DEFAULT_AMOUNT_CEILING, FeeMonth } from '../domain/fees/money';
import { FeeRuleVersion } from '../domain/fees/rules';

/**
 * The DesktopApi calls of the party-fee procedure ("Thủ tục thu nộp đảng phí"): the monthly
 * approval of a cell, payments through the gateway, transactions, receipts, the ledger and the
 * bank accounts. Reads go to the server and fall back on the last answer kept in the cache;
 * approvals made offline wait in the outbox; payments need the connection. Merged into
 * `desktopCalls` by contract.ts.
 */

export { DocumentFile, PaymentStatus, paymentStatusLabelVi, UNAPPROVED_NOTE_VI };
export { FeeRuleVersion, StatementImportResponse, StatementLineRow };

const Id = z.string().trim().min(1).max(64);
const Count = z.number().int().nonnegative();

/** What the UI shows when a payment is asked for offline. */
export const PAYMENT_NEEDS_CONNECTION_VI = 'Cần kết nối mạng để nộp đảng phí.';

/**
 * An amount typed by a person: whole đồng, from 0 to the ceiling. The messages are Vietnamese
 * because the UI validates with this same schema before calling.
 */
export const FeeAmountInput = z
  .number({ error: 'Số tiền phải là một số (đồng).' })
  .int('Số tiền phải là số nguyên đồng.')
  .min(0, 'Số tiền không được là số âm.')
  .max(
    DEFAULT_AMOUNT_CEILING,
    `Số tiền vượt quá mức tối đa cho phép (${DEFAULT_AMOUNT_CEILING.toLocaleString('vi-VN')} đồng).`,
  );

/** Why an amount differs from the computed one (the server asks for at least 3 characters). */
export const AdjustReasonInput = z
  .string()
  .trim()
  .min(3, 'Vui lòng nhập lý do điều chỉnh (ít nhất 3 ký tự).')
  .max(500, 'Lý do điều chỉnh không quá 500 ký tự.');

/** A cell the user works on, with what the user's roles allow there. */
export const FeeCell = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  /** The committee above it ("Đảng bộ Phường …"). */
  parentName: z.string().nullable(),
  /** Approve the month and pay for the cell (secretary, fee officer). */
  canApprove: z.boolean(),
  /** Settle an unknown payment by hand (fee officer, admin above the cell). */
  canSettle: z.boolean(),
});
export type FeeCell = z.infer<typeof FeeCell>;

/** Where the answer on screen comes from: the server now, or the cache while offline. */
export const FeeDataSource = z.object({
  source: z.enum(['server', 'cache']),
  /** When the server gave it (the cache keeps the last answer). */
  fetchedAt: z.string(),
});
export type FeeDataSource = z.infer<typeof FeeDataSource>;

/** An approval the user made offline, waiting in the outbox. */
export const PendingApproval = z.object({
  outboxId: z.string(),
  /** null = the computed amount. */
  amount: z.number().int().nullable(),
  reason: z.string().nullable(),
});

export const FeeSheetLine = ApprovalLine.extend({ pending: PendingApproval.nullable() });
export type FeeSheetLine = z.infer<typeof FeeSheetLine>;

export const FeeSheet = FeeDataSource.extend({
  cellId: z.string(),
  month: FeeMonth,
  ruleVersionId: z.string().nullable(),
  lines: z.array(FeeSheetLine),
  collectingAccount: ApprovalSheet.shape.collectingAccount,
  /** "Approve all" queued offline for this month. */
  pendingAll: z.boolean(),
});
export type FeeSheet = z.infer<typeof FeeSheet>;

/** A payment with the names the transaction list shows. */
export const FeePayment = Payment.extend({
  cellName: z.string(),
  payerName: z.string().nullable(),
  items: z.array(
    z.object({
      memberId: z.string(),
      fullName: z.string(),
      month: FeeMonth,
      amount: z.number().int(),
    }),
  ),
});
export type FeePayment = z.infer<typeof FeePayment>;

/** A committee the user may report on (the ward's totals up the tree). */
export const FeeOrg = z.object({ id: z.string(), name: z.string(), depth: Count });
export type FeeOrg = z.infer<typeof FeeOrg>;

export const FeeOrgReport = OrgReportResponse.omit({ file: true }).extend(FeeDataSource.shape);
export type FeeOrgReport = z.infer<typeof FeeOrgReport>;

export { VietQrResponse };

export const FeeLedger = LedgerResponse.omit({ file: true }).extend(FeeDataSource.shape);
export type FeeLedger = z.infer<typeof FeeLedger>;

/** A beneficiary account as the superior's admin cross-checks it. */
export const FeeBankAccountRow = z.object({
  orgId: z.string(),
  orgName: z.string(),
  orgPath: z.string(),
  depth: Count,
  id: z.string().nullable(),
  accountNo: z.string().nullable(),
  holder: z.string().nullable(),
  bankName: z.string().nullable(),
  citadCode: z.string().nullable(),
  isActive: z.boolean(),
  /** Vietnamese findings: no account, none or several active, CITAD code, a person's name… */
  flags: z.array(z.string()),
  /** The NAPAS BIN of the bank (VietQR), as the server knows it; absent offline. */
  bin: z.string().nullable().optional(),
  /** The user is an admin above the org: may add or change its accounts (online). */
  canEdit: z.boolean().optional(),
});
export type FeeBankAccountRow = z.infer<typeof FeeBankAccountRow>;

/** A beneficiary account as an admin types it ("Thêm/Sửa tài khoản ngân hàng"). */
export const BankAccountInput = z.object({
  orgId: Id,
  /** Absent: a new account. */
  accountId: z.guid().optional(),
  accountNo: z
    .string()
    .trim()
    .min(1, 'Vui lòng nhập số tài khoản.')
    .max(40, 'Số tài khoản không quá 40 ký tự.'),
  holder: z
    .string()
    .trim()
    .min(1, 'Vui lòng nhập tên chủ tài khoản.')
    .max(200, 'Tên chủ tài khoản không quá 200 ký tự.'),
  bankName: z
    .string()
    .trim()
    .min(1, 'Vui lòng nhập tên ngân hàng.')
    .max(200, 'Tên ngân hàng không quá 200 ký tự.'),
  citadCode: z
    .string()
    .trim()
    .regex(/^\d{8}$/, 'Mã CITAD gồm đúng 8 chữ số.'),
  isActive: z.boolean(),
});
export type BankAccountInput = z.infer<typeof BankAccountInput>;

/**
 * The largest statement file the app sends: its base64 and the call around it stay under the
 * browser host's 1 MiB request limit (main/browser-host.ts MAX_BODY) and the server's 1,300,000
 * characters. The renderer checks the file's size before reading it.
 */
export const STATEMENT_MAX_BYTES = 750_000;
export const STATEMENT_TOO_LARGE_VI =
  'Tệp sao kê quá lớn (tối đa 750 KB). Hãy xuất sao kê theo khoảng thời gian ngắn hơn.';

/** An org whose own active account's statements the user imports (fee officer, admin). */
export const FeeStatementOrg = z.object({
  id: z.string(),
  name: z.string(),
  depth: Count,
  accountNo: z.string(),
  bankName: z.string(),
});
export type FeeStatementOrg = z.infer<typeof FeeStatementOrg>;

/** How a person matches a statement line: to a recorded payment, or to members' month. */
export const MatchStatementLineInput = z.discriminatedUnion('by', [
  z.object({ by: z.literal('payment'), lineId: z.string().min(8).max(400), paymentId: z.guid() }),
  z.object({
    by: z.literal('members'),
    lineId: z.string().min(8).max(400),
    cellId: z.guid(),
    month: FeeMonth,
    memberIds: z.array(z.guid()).min(1, 'Chọn ít nhất một đảng viên.').max(1000),
  }),
]);
export type MatchStatementLineInput = z.infer<typeof MatchStatementLineInput>;

export const FeeRules = FeeDataSource.extend({
  items: z.array(FeeRuleVersionView),
  currentId: z.string().nullable(),
  /** Admin of the top org: may submit a corrected version (online). */
  canCorrect: z.boolean(),
});
export type FeeRules = z.infer<typeof FeeRules>;

const CellMonth = z.object({ cellId: Id, month: FeeMonth });
const PaymentRef = z.object({ paymentId: z.guid() });
const Year = z.number().int().min(2000).max(2100);

export const feeCalls = {
  /** The cells under the user's roles (cache), for the cell pickers. */
  feeCells: {
    input: z.object({}).strict(),
    output: z.object({ items: z.array(FeeCell), orgs: z.array(FeeOrg) }),
  },
  /** "Phê duyệt mức đóng đảng phí": each member's computed, approved and paid amount. */
  feeApprovalSheet: { input: CellMonth, output: FeeSheet },
  /**
   * Approves one, many or all members (an adjusted amount needs a reason). Online it applies at
   * once and answers the new sheet; unreachable, it waits in the outbox (`queued`).
   */
  approveFees: {
    input: CellMonth.extend({
      all: z.boolean().default(false),
      items: z
        .array(
          z.object({
            memberId: z.guid(),
            amount: FeeAmountInput.optional(),
            reason: AdjustReasonInput.optional(),
          }),
        )
        .max(5000)
        .default([]),
    }).refine((r) => r.all || r.items.length > 0, {
      message: 'Chọn đảng viên cần phê duyệt.',
      path: ['items'],
    }),
    output: z.object({
      queued: z.boolean(),
      outboxId: z.string().nullable(),
      sheet: FeeSheet.nullable(),
    }),
  },
  /**
   * "Nộp đảng phí cho chi bộ": starts a payment at the gateway for chosen members, or every
   * approved unpaid one. Needs the connection; the UI opens `paymentUrl`.
   */
  startFeePayment: {
    input: CellMonth.extend({ memberIds: z.array(z.guid()).min(1).max(5000).optional() }),
    output: z.object({ payment: FeePayment, paymentUrl: z.string() }),
  },
  /** "Nộp đảng phí" of a member: what he owes himself for a month (online). */
  myFeeDue: {
    input: z.object({ month: FeeMonth }),
    output: z.object({
      month: FeeMonth,
      amount: z.number().int(),
      approved: z.boolean(),
      paid: z.boolean(),
      /** Why nothing is due yet (the month not approved, …). */
      note: z.string().nullable(),
    }),
  },
  /** "Nộp đảng phí" of a member: pays his own month at the gateway (online). */
  startOwnFeePayment: {
    input: z.object({ month: FeeMonth }),
    output: z.object({ payment: FeePayment, paymentUrl: z.string() }),
  },
  /** One payment as the server has it now (the payment screen waits for the result). */
  feePayment: {
    input: PaymentRef.extend({ cellId: Id, month: FeeMonth }),
    output: z.object({ payment: FeePayment.nullable() }),
  },
  /** "Danh sách giao dịch nộp đảng phí" with its filters. */
  feeTransactions: {
    input: z.object({
      month: FeeMonth.optional(),
      cellId: Id.optional(),
      memberId: z.guid().optional(),
      status: PaymentStatus.optional(),
      limit: z.number().int().min(1).max(500).default(200),
    }),
    output: FeeDataSource.extend({ items: z.array(FeePayment) }),
  },
  /** "Tra cứu kết quả": asks the gateway about a payment whose result is unknown. */
  queryFeePayment: { input: PaymentRef, output: FeePayment },
  /** Manual settlement of an unknown payment with the bank's reference (audited). */
  settleFeePayment: {
    input: PaymentRef.extend({
      status: z.enum(['success', 'failed']),
      bankReference: z
        .string()
        .trim()
        .min(3, 'Vui lòng nhập mã giao dịch của ngân hàng (ít nhất 3 ký tự).')
        .max(100),
      note: z.string().trim().max(1000).default(''),
    }),
    output: FeePayment,
  },
  /** "In biên lai": the receipt PDF of a successful payment (later prints say re-print). */
  feeReceipt: { input: PaymentRef, output: DocumentFile },
  /** "Sổ thu nộp đảng phí" of a cell: due, paid, outstanding; ≥3 unpaid months flagged. */
  feeLedger: {
    input: z.object({ cellId: Id, year: Year, upTo: z.number().int().min(1).max(12).default(12) }),
    output: FeeLedger,
  },
  /** The ledger as an Excel or PDF file; the renderer saves the bytes where the user chooses. */
  exportFeeLedger: {
    input: z.object({
      cellId: Id,
      year: Year,
      upTo: z.number().int().min(1).max(12).default(12),
      format: z.enum(['xlsx', 'pdf']).default('xlsx'),
    }),
    output: DocumentFile,
  },
  /** The fee report of a committee's subtree for a year: per cell, totals up the tree, the split. */
  feeOrgReport: {
    input: z.object({ orgId: Id, year: Year }),
    output: FeeOrgReport,
  },
  /** The report as Excel or PDF, for the renderer to save. */
  exportFeeOrgReport: {
    input: z.object({ orgId: Id, year: Year, format: z.enum(['xlsx', 'pdf']) }),
    output: DocumentFile,
  },
  /** A VietQR code for cells that collect by bank transfer (the reference is in its description). */
  feeVietQr: {
    input: CellMonth.extend({ memberIds: z.array(z.guid()).min(1).max(1000).optional() }),
    output: VietQrResponse,
  },
  /**
   * "Tài khoản ngân hàng": the accounts of the orgs under the user's admin and fee-officer roles,
   * with the server's findings when online, the cache's offline (`source`).
   */
  feeBankAccounts: {
    input: z.object({ onlyFlagged: z.boolean().default(false) }),
    output: z.object({
      items: z.array(FeeBankAccountRow),
      source: FeeDataSource.shape.source.optional(),
    }),
  },
  /** Adds or changes an org's account (admins above it; online). Activating one deactivates the others. */
  saveFeeBankAccount: {
    input: BankAccountInput,
    output: PutBankAccountResponse.extend({ flagsVi: z.array(z.string()) }),
  },
  /** The orgs whose statements the user imports: own active account, fee officer or admin (cache). */
  feeStatementOrgs: {
    input: z.object({}).strict(),
    output: z.object({ items: z.array(FeeStatementOrg) }),
  },
  /**
   * "Đối soát sao kê ngân hàng": imports a CSV or Excel statement of the org's account. A file
   * with any bad line is refused whole (`accepted: false`, problems line by line). Online.
   */
  importFeeStatement: {
    input: z.object({
      orgId: Id,
      fileName: z.string().trim().min(1).max(200),
      dataBase64: z
        .string()
        .min(
          1,
          'Tệp sao kê rỗng: chọn tệp sao kê xuất từ ngân hàng (CSV hoặc Excel) rồi tải lên lần nữa.',
        )
        .max(Math.ceil(STATEMENT_MAX_BYTES / 3) * 4, STATEMENT_TOO_LARGE_VI)
        .regex(/^[A-Za-z0-9+/=]*$/, 'Tệp sao kê không đọc được.'),
    }),
    output: StatementImportResponse,
  },
  /** The imported lines left for a person to match (or the matched ones). */
  feeStatementLines: {
    input: z.object({ orgId: Id, status: z.enum(['unmatched', 'matched']).default('unmatched') }),
    output: FeeDataSource.extend({ orgId: z.string(), items: z.array(StatementLineRow) }),
  },
  /** Matches one line by hand (audited with the user's name); a line is matched once. Online. */
  matchFeeStatementLine: {
    input: MatchStatementLineInput,
    output: z.object({ line: StatementLineRow, payment: FeePayment }),
  },
  /** "Quy định mức đóng đảng phí": the rule versions, who corrected them, the one in force. */
  feeRuleVersions: { input: z.object({}).strict(), output: FeeRules },
  /** Appends a corrected rule version (admin of the top org; online); past versions stay. */
  correctFeeRule: { input: FeeRuleVersion, output: FeeRules },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
