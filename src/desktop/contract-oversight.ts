import { z } from 'zod';
import { DashboardResponse, ReadinessReport } from '../api/oversight';
import { DocumentFile } from '../api/fees';
import { ReadinessKind } from '../domain/oversight/readiness';

/**
 * The DesktopApi calls of oversight (docs/decisions/0034): the dashboard ("Tổng quan") and the
 * readiness review ("Rà soát sẵn sàng") of a subtree, asked of the server; offline, the last
 * answer kept on this machine, marked with its time. Merged into `desktopCalls` by contract.ts.
 */

export { OVERSIGHT_ROLES } from '../api/oversight';
export {
  readinessKindLabelVi,
  ReadinessFix,
  ReadinessKind,
  type ReadinessFinding,
} from '../domain/oversight/readiness';
export { dashboardProcedureLabelVi, DashboardProcedure } from '../domain/oversight/dashboard';

const Id = z.string().trim().min(1).max(64);

/** Where an answer came from: the server now, or this machine's copy of an earlier answer. */
const AnswerSource = z.object({
  source: z.enum(['server', 'cache']),
  /** When the server gave it (the cache keeps the last answer). */
  fetchedAt: z.string(),
});

export const DashboardView = DashboardResponse.extend(AnswerSource.shape);
export type DashboardView = z.infer<typeof DashboardView>;

export const ReadinessView = ReadinessReport.extend(AnswerSource.shape);
export type ReadinessView = z.infer<typeof ReadinessView>;

/** The subtree: the org asked for, or the top org of the user's oversight grants. */
const OrgChoice = z.object({ orgId: Id.optional() });

export const oversightCalls = {
  oversightDashboard: { input: OrgChoice, output: DashboardView },
  readinessReport: {
    input: OrgChoice.extend({
      kind: ReadinessKind.optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
    output: ReadinessView,
  },
  /** The whole report as Excel or PDF (every finding), for the renderer to save. */
  exportReadinessReport: {
    input: OrgChoice.extend({ format: z.enum(['xlsx', 'pdf']) }),
    output: DocumentFile,
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
