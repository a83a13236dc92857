import { z } from 'zod';
import { FeeMonth } from '../../domain/fees/money';
import { ACCOUNT_ROLES } from '../access';
import { Payment } from './payments';
import { authed, feeRoute as route, OrgIdParams } from './shared';

/** Bank statements: importing one, the lines left for a person, matching a line by hand. */

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
/** Why the import left a line for a person to match. */
export const UnmatchedReason = z.enum([
  'no_reference',
  'amount_differs',
  'already_matched',
  'already_paid',
]);
export type UnmatchedReason = z.infer<typeof UnmatchedReason>;

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
      reason: UnmatchedReason,
      reasonVi: z.string(),
      /** For matching the line by hand (POST /v1/fees/statement-lines/:lineId/match). */
      lineId: z.string().optional(),
    }),
  ),
});
export type StatementImportResponse = z.infer<typeof StatementImportResponse>;

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

/** The routes of fees-statements (server/routes/fees-statements.ts). */
export const feeStatementRouteSpecs = {
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
