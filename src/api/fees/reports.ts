import { z } from 'zod';
import { FeeMonth } from '../../domain/fees/money';
import { FEE_STAFF_ROLES } from '../access';
import {
  authed,
  CellIdParams,
  DocumentFile,
  feeRoute as route,
  OrgIdParams,
  PaymentIdParams,
} from './shared';

/** Documents and reports: a payment's receipt, a cell's ledger, an org subtree's report. */

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
  /**
   * Paid amounts no rule version or chain could split: the groups' `collected` plus this is the
   * paid total. Absent from servers before issue 17.
   */
  unsplit: z.number().int().optional(),
  file: DocumentFile.nullable(),
});
export type OrgReportResponse = z.infer<typeof OrgReportResponse>;

/** The routes of fees-reports (server/routes/fees-reports.ts). */
export const feeReportRouteSpecs = {
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
};
