import type { Generated } from 'kysely';

/**
 * Party-fee tables of the central server (migration 0002_fees). Amounts are whole đồng in bigint
 * columns (pg returns them as strings: repositories convert with Number).
 */

export interface FeeProfilesTable {
  member_id: string;
  category: string;
  base: number | null;
  fixed_amount: number | null;
  voluntary_extra: number;
  exemption: string | null;
  updated_by: string;
  updated_at: string;
}

/** The amount the cell approved for one member and month (one row per member and month). */
export interface FeeApprovalsTable {
  member_id: string;
  month: string;
  cell_id: string;
  computed_amount: number;
  amount: number;
  /** Why the approved amount differs from the computed one; null when it does not. */
  adjust_reason: string | null;
  rule_version: string;
  approved_by: string;
  approved_at: string;
}

export interface FeePaymentsTable {
  id: string;
  /** Sent to the gateway and put in transfer descriptions: letters and digits only. */
  reference: string;
  cell_id: string;
  payer_user_id: string;
  /** 'self' (a member for himself) or 'cell' (the representative for chosen members). */
  kind: string;
  bank_account_id: string;
  amount: number;
  /** 'unknown' (chưa xác định) until the gateway or an officer settles it: 'success' | 'failed'. */
  status: string;
  gateway_txn_id: string | null;
  bank_reference: string | null;
  created_at: string;
  settled_at: string | null;
  /** 'callback' | 'query' | 'manual' | 'timeout'. */
  settled_via: string | null;
  settled_by: string | null;
  /** The gateway's two-digit answer code of a failure (0009); null when it gave none. */
  failure_code: Generated<string | null>;
  /** 'gateway' or 'statement' (a VietQR transfer matched on an imported statement); 0004. */
  channel: Generated<string>;
}

export interface FeePaymentItemsTable {
  payment_id: string;
  member_id: string;
  month: string;
  amount: number;
  /** 1 while the payment is unknown or successful: one holding item per member and month (0004). */
  holds: Generated<number>;
}

/** Every gateway message and manual action on payments, applied or not (the audit trail). */
export interface FeePaymentEventsTable {
  id: string;
  payment_id: string | null;
  reference: string | null;
  source: string;
  outcome: string;
  detail: string;
  actor_user_id: string | null;
  at: string;
}

/** A receipt (biên lai): its number is `seq` within the collecting org and year. */
export interface FeeReceiptsTable {
  payment_id: string;
  org_id: string;
  year: number;
  seq: number;
  issued_at: string;
  /** 1 for the first print; more means the paper is a re-print. */
  print_count: number;
}

/** A fee rule version (the FeeRuleVersion JSON in `body`); appended, never updated (0004). */
export interface FeeRuleVersionsTable {
  id: string;
  seq: number;
  body: string;
  created_by: string | null;
  created_at: string;
}

/** A VietQR code handed out: a transfer with `reference` in its description pays these (0004). */
export interface FeeVietqrRequestsTable {
  reference: string;
  cell_id: string;
  bank_account_id: string;
  month: string;
  amount: number;
  /** JSON array of member ids. */
  member_ids: string;
  created_by: string;
  created_at: string;
  /** The payment recorded when a statement line matched it. */
  payment_id: string | null;
}

/** An imported bank-statement line, once per account and bank reference (0004). */
export interface FeeStatementLinesTable {
  bank_account_id: string;
  bank_reference: string;
  date: string;
  amount: number;
  description: string;
  /** 'matched' (a payment was recorded) or 'unmatched' (left for a person, see `reason`). */
  status: string;
  reason: string | null;
  payment_id: string | null;
  imported_by: string;
  imported_at: string;
}

export interface FeesDatabase {
  fee_rule_versions: FeeRuleVersionsTable;
  fee_vietqr_requests: FeeVietqrRequestsTable;
  fee_statement_lines: FeeStatementLinesTable;
  fee_receipts: FeeReceiptsTable;
  fee_profiles: FeeProfilesTable;
  fee_approvals: FeeApprovalsTable;
  fee_payments: FeePaymentsTable;
  fee_payment_items: FeePaymentItemsTable;
  fee_payment_events: FeePaymentEventsTable;
}
