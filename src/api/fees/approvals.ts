import { z } from 'zod';
import { Amount, FeeMonth } from '../../domain/fees/money';
import { FeeProfile } from '../../domain/fees/profile';
import { CELL_FEE_ROLES } from '../access';
import {
  authed,
  CellIdParams,
  feeRoute as route,
  MemberIdParams,
  MonthQuery,
  OrgIdParams,
} from './shared';

/** Fee profiles, a cell's monthly approvals, an org's month at once, what a member owes. */

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
  /**
   * Where the cell's payments go (the active account nearest above it), for the payer to check
   * before the money moves; null when none is active. Absent from servers before issue 17.
   */
  collectingAccount: z
    .object({
      orgName: z.string(),
      holder: z.string(),
      accountNo: z.string(),
      bankName: z.string(),
    })
    .nullable()
    .optional(),
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

/** The routes of fees-approvals (server/routes/fees-approvals.ts). */
export const feeApprovalRouteSpecs = {
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
};
