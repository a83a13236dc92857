import { z } from 'zod';
import { AccountRequestStatus } from '../accounts/account-request';
import { FeeMonth } from '../fees/money';

/**
 * The counts of the dashboard ("Tổng quan", issue 14) for one org subtree. Each is computed by the
 * server in SQL; the card titles and the rate are here so the app and the report say the same.
 */

/** The procedures whose dossiers the dashboard counts, with the user guide's names. */
export const DashboardProcedure = z.enum(['transfer', 'residence_list', 'residence_form']);
export type DashboardProcedure = z.infer<typeof DashboardProcedure>;
export const dashboardProcedureLabelVi = {
  transfer: 'Chuyển sinh hoạt đảng',
  residence_list: 'Danh sách đề nghị nhận xét nơi cư trú',
  residence_form: 'Phiếu nhận xét nơi cư trú',
} as const satisfies Record<DashboardProcedure, string>;

const Count = z.number().int().nonnegative();

export const DossierCount = z.object({
  procedure: DashboardProcedure,
  /** The dossier's state as its state machine names it. */
  status: z.string(),
  count: Count,
});
export type DossierCount = z.infer<typeof DossierCount>;

export const FeeCollection = z.object({
  month: FeeMonth,
  /** Members whose monthly amount the cell approved this month. */
  approvedMembers: Count,
  /** Of those, members whose month a successful payment holds. */
  paidMembers: Count,
  approvedAmount: Count,
  paidAmount: Count,
  /** paidMembers / approvedMembers, null when nothing is approved yet (not a 0 % month). */
  rate: z.number().min(0).max(1).nullable(),
});
export type FeeCollection = z.infer<typeof FeeCollection>;

export const Dashboard = z.object({
  /** Accounts of the subtree's staff and members, by status (locked accounts are "inactive"). */
  users: z.object({ active: Count, inactive: Count, pending: Count, refused: Count }),
  /** Member account registrations decided in the subtree (user guide part 2). */
  memberAccounts: z.record(AccountRequestStatus, Count),
  dossiers: z.array(DossierCount),
  overdue: z.object({
    /** Open transfers whose member had to present the introduction before today. */
    transfers: Count,
    /** Residence forms not sent back while their committee's campaign is past its due date. */
    residenceForms: Count,
  }),
  fees: FeeCollection,
});
export type Dashboard = z.infer<typeof Dashboard>;

/** The collection rate of a month: none when no member's amount is approved yet. */
export const collectionRate = (approvedMembers: number, paidMembers: number): number | null =>
  approvedMembers === 0 ? null : Math.min(1, paidMembers / approvedMembers);

/** Vietnam has kept UTC+7 all year since 1975, without daylight saving. */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** The day (YYYY-MM-DD) an instant falls on in Vietnam: what "today" and "this month" mean. */
export const vietnamDay = (at: Date): string =>
  new Date(at.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
