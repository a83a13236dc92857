import { z } from 'zod';
import { Id, IsoDate } from '../domain/common/schemas';
import { Dashboard } from '../domain/oversight/dashboard';
import { ReadinessFinding, ReadinessKind } from '../domain/oversight/readiness';
import type { Role } from '../domain/people/user';
import type { RouteSpec } from './routes';

/**
 * Oversight of an org subtree (issue 14, docs/decisions/0034): the dashboard's counts and the
 * readiness review, computed on the server from the tables that hold the data, online only.
 */

/** Who oversees a subtree: its admins and the committee's staff who process and approve. */
export const OVERSIGHT_ROLES = [
  'admin',
  'approver',
  'processor',
] as const satisfies readonly Role[];

/** `?orgId=`: the root of the subtree; it must lie under an oversight grant of the caller. */
export const OversightQuery = z.object({ orgId: Id });
export type OversightQuery = z.infer<typeof OversightQuery>;

/** The org a report is about, for its title. */
export const OversightOrg = z.object({ id: Id, code: z.string(), name: z.string() });
export type OversightOrg = z.infer<typeof OversightOrg>;

/**
 * A province has tens of thousands of findings: the screen shows the first lines of each kind and
 * asks for more of one kind (`kind`, `offset`); the counts are always the whole subtree's.
 */
export const ReadinessQuery = OversightQuery.extend({
  kind: ReadinessKind.optional(),
  offset: z.coerce.number().int().min(0).default(0),
  /** Lines of each kind answered, from `offset`. */
  limit: z.coerce.number().int().min(1).max(5000).default(200),
});
export type ReadinessQuery = z.infer<typeof ReadinessQuery>;

export const ReadinessReport = z.object({
  org: OversightOrg,
  /** When the server computed it (ISO 8601), for the report's date and a cached copy's age. */
  generatedAt: z.iso.datetime({ offset: true }),
  /**
   * Grouped by kind in the report's order, tree order within a kind: of each kind asked, the
   * lines from `offset`, at most `limit`.
   */
  findings: z.array(ReadinessFinding),
  /** Every finding of the subtree, per kind (not only those answered). */
  counts: z.record(ReadinessKind, z.number().int().nonnegative()),
  /** How many orgs the review covered. */
  orgCount: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  limit: z.number().int().positive(),
});
export type ReadinessReport = z.infer<typeof ReadinessReport>;

export const DashboardResponse = Dashboard.extend({
  org: OversightOrg,
  generatedAt: z.iso.datetime({ offset: true }),
  /** The day overdue items are counted against, in Vietnam's time zone. */
  today: IsoDate,
});
export type DashboardResponse = z.infer<typeof DashboardResponse>;

const access = { roles: OVERSIGHT_ROLES, scope: 'org-subtree', param: 'orgId' } as const;

export const oversightRoutes = {
  readiness: {
    method: 'GET',
    path: '/v1/oversight/readiness',
    summary: 'What still blocks going live in an org subtree (the directives’ checklist)',
    tag: 'oversight',
    auth: true,
    querystring: ReadinessQuery,
    status: 200,
    response: ReadinessReport,
    errors: [400, 401, 403, 404],
    access,
  },
  dashboard: {
    method: 'GET',
    path: '/v1/oversight/dashboard',
    summary: 'Counts of an org subtree: accounts, dossiers by state, overdue items, fee collection',
    tag: 'oversight',
    auth: true,
    querystring: OversightQuery,
    status: 200,
    response: DashboardResponse,
    errors: [400, 401, 403, 404],
    access,
  },
} as const satisfies Record<string, RouteSpec>;
