import { oversightRoutes, OVERSIGHT_ROLES, ReadinessReport } from '../../api/oversight';
import { DashboardResponse } from '../../api/oversight';
import type { ReadinessFinding } from '../../domain/oversight/readiness';
import { ReadinessKind } from '../../domain/oversight/readiness';
import { readinessPdf, readinessWorkbook } from '../../documents/readiness/readiness-report-doc';
import type { oversightCalls } from '../contract-oversight';
import { feeHandlerSupport } from '../fees/fee-handler-support';
import { fail, type HandlersFor, type ServiceContext } from '../service-context';
import { oversightCacheRepo } from './oversight-cache.repo';

/** Lines asked per request when the whole report is exported (the server's largest page). */
const EXPORT_PAGE = 5000;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Oversight (docs/decisions/0034): the server computes both answers; the last answer of each
 * query is kept (the fee answers' store, per user) and shown offline with its time. An export
 * needs every finding, so it asks the server, page by page of each kind.
 */
export function oversightHandlers(ctx: ServiceContext): HandlersFor<keyof typeof oversightCalls> {
  const { kept, online, user, noNet } = feeHandlerSupport(ctx);
  const cache = oversightCacheRepo(ctx.handle);
  const request = ctx.api.request.bind(ctx.api);

  /** The org asked for, or the highest org where the user oversees (the screens' default). */
  function rootOf(orgId: string | undefined): string {
    if (orgId) return orgId;
    const grants = user().roles.filter((g) =>
      (OVERSIGHT_ROLES as readonly string[]).includes(g.role),
    );
    const depth = (id: string) => cache.pathOf(id)?.split('/').length ?? Number.MAX_SAFE_INTEGER;
    const top = [...grants].sort((a, b) => depth(a.orgId) - depth(b.orgId))[0];
    return (
      top?.orgId ??
      fail(
        'forbidden',
        'the user oversees no org',
        'Tài khoản của bạn không có quyền xem tổng quan và rà soát của tổ chức đảng nào.',
      )
    );
  }

  async function allFindings(orgId: string) {
    const first = await ctx.tracked(
      request(oversightRoutes.readiness, { query: { orgId, limit: EXPORT_PAGE } }),
    );
    const findings: ReadinessFinding[] = [...first.findings];
    for (const kind of ReadinessKind.options)
      for (let offset = EXPORT_PAGE; offset < first.counts[kind]; offset += EXPORT_PAGE) {
        const page = await ctx.tracked(
          request(oversightRoutes.readiness, {
            query: { orgId, kind, offset, limit: EXPORT_PAGE },
          }),
        );
        findings.push(...page.findings);
      }
    // Grouped by kind again: later pages of a kind go after its first page.
    const order = new Map(ReadinessKind.options.map((k, i) => [k, i]));
    findings.sort((a, b) => order.get(a.kind)! - order.get(b.kind)!);
    return { report: first, findings };
  }

  return {
    async oversightDashboard({ orgId }) {
      const root = rootOf(orgId);
      const { value, ...source } = await kept(
        `oversight|dashboard|${root}`,
        DashboardResponse,
        () => ctx.tracked(request(oversightRoutes.dashboard, { query: { orgId: root } })),
      );
      return { ...value, ...source };
    },

    async readinessReport({ orgId, kind, offset, limit }) {
      const root = rootOf(orgId);
      const { value, ...source } = await kept(
        `oversight|readiness|${root}|${kind ?? ''}|${offset}|${limit}`,
        ReadinessReport,
        () =>
          ctx.tracked(
            request(oversightRoutes.readiness, { query: { orgId: root, kind, offset, limit } }),
          ),
      );
      return { ...value, ...source };
    },

    exportReadinessReport: ({ orgId, format }) =>
      online(noNet('xuất báo cáo rà soát đầy đủ'), async () => {
        const root = rootOf(orgId);
        const { report, findings } = await allFindings(root);
        const doc = {
          orgName: report.org.name,
          ...cache.headerOf(root),
          date: new Date(report.generatedAt),
          orgCount: report.orgCount,
          findings,
        };
        const stem = `ra-soat-san-sang-${report.org.code}-${report.generatedAt.slice(0, 10)}`;
        if (format === 'pdf') {
          const bytes = await readinessPdf(doc);
          return {
            fileName: `${stem}.pdf`,
            contentType: 'application/pdf',
            dataBase64: Buffer.from(bytes).toString('base64'),
          };
        }
        return {
          fileName: `${stem}.xlsx`,
          contentType: XLSX,
          dataBase64: (await readinessWorkbook(doc)).toString('base64'),
        };
      }),
  };
}
