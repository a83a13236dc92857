import { oversightRoutes } from '../../src/api/oversight';
import { vietnamDay } from '../../src/domain/oversight/dashboard';
import { countByKind, pageOfFindings, reviewReadiness } from '../../src/domain/oversight/readiness';
import type { ServerContext } from '../context';
import { notFound } from '../errors';
import type { Register } from '../http/register-route';
import { dashboardCounts } from '../repositories/oversight-dashboard';
import { readinessFacts } from '../repositories/oversight-readiness';
import { findOrg } from '../repositories/orgs';

/**
 * The dashboard and the readiness review of a subtree (docs/decisions/0034). The access check has
 * placed `?orgId=` under an oversight grant of the caller before the handler runs (403 outside).
 */
export function oversightRoutesOf(route: Register, ctx: ServerContext): void {
  const rootOf = async (orgId: string) => {
    const org = await findOrg(ctx.db, orgId);
    if (!org) throw notFound();
    return org;
  };

  route(oversightRoutes.readiness, async ({ query, request }) => {
    const org = await rootOf(query.orgId);
    const now = ctx.now();
    const started = performance.now();
    const facts = await readinessFacts(ctx.db, org.path, now);
    const findings = reviewReadiness(facts);
    request.log.info(
      {
        orgId: org.id,
        orgs: facts.orgs.length,
        findings: findings.length,
        ms: Math.round(performance.now() - started),
      },
      'readiness review computed',
    );
    return {
      org: { id: org.id, code: org.code, name: org.name },
      generatedAt: now.toISOString(),
      findings: pageOfFindings(findings, query),
      counts: countByKind(findings),
      orgCount: facts.orgs.length,
      offset: query.offset,
      limit: query.limit,
    };
  });

  route(oversightRoutes.dashboard, async ({ query }) => {
    const org = await rootOf(query.orgId);
    const now = ctx.now();
    const today = vietnamDay(now);
    return {
      org: { id: org.id, code: org.code, name: org.name },
      generatedAt: now.toISOString(),
      today,
      ...(await dashboardCounts(ctx.db, org.path, today)),
    };
  });
}
