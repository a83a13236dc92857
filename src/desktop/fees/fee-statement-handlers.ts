import { ACCOUNT_ROLES } from '../../api/access';
import {
  FeeRulesResponse as rulesSchema,
  StatementLinesResponse as linesSchema,
  type FeeRulesResponse,
} from '../../api/fees';
import type { FeeDataSource, FeeStatementOrg, feeCalls } from '../contract-fees';
import type { HandlersFor } from '../service-context';
import type { FeeHandlerSupport } from './fee-handler-support';

type StatementCalls =
  | 'feeStatementOrgs'
  | 'importFeeStatement'
  | 'feeStatementLines'
  | 'matchFeeStatementLine'
  | 'feeRuleVersions'
  | 'correctFeeRule';

/**
 * "Đối soát sao kê ngân hàng" (import a statement, match what it left by hand) and "Quy định
 * mức đóng đảng phí" (the rule versions; the top org's admin appends a correction).
 */
export function feeStatementHandlers(
  support: FeeHandlerSupport,
): HandlersFor<StatementCalls & keyof typeof feeCalls> {
  const { api, cache, user, grantPaths, kept, online, namedOne, noNet } = support;

  /** Admin of the root of the tree: the only one whose corrections the server takes. */
  const isTopAdmin = () =>
    user().roles.some(
      (g) => g.role === 'admin' && cache.pathOf(g.orgId)?.split('/').filter(Boolean).length === 1,
    );

  const rulesView = (value: FeeRulesResponse, source: FeeDataSource) => ({
    ...value,
    ...source,
    canCorrect: isTopAdmin(),
  });

  return {
    feeStatementOrgs() {
      const found = new Map<string, FeeStatementOrg & { path: string }>();
      for (const root of grantPaths(ACCOUNT_ROLES))
        for (const org of cache.orgsUnder(root)) {
          const active = cache.accountsOf(org.id).find((a) => a.is_active === 1);
          if (!active || found.has(org.id)) continue;
          found.set(org.id, {
            id: org.id,
            name: org.name,
            depth: org.depth,
            path: org.path,
            accountNo: active.account_no,
            bankName: active.bank_name,
          });
        }
      const items = [...found.values()]
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
        .map(({ path: _path, ...org }) => org);
      return { items };
    },

    importFeeStatement: ({ orgId, fileName, dataBase64 }) =>
      online(noNet('nhập sao kê ngân hàng'), () =>
        api.importStatement(orgId, { fileName, dataBase64 }),
      ),

    async feeStatementLines({ orgId, status }) {
      const { value, ...source } = await kept(`statement|${orgId}|${status}`, linesSchema, () =>
        api.statementLines(orgId, status),
      );
      return { ...value, ...source };
    },

    matchFeeStatementLine: (input) =>
      online(noNet('đối soát dòng sao kê'), async () => {
        const body =
          input.by === 'payment'
            ? { paymentId: input.paymentId }
            : { cellId: input.cellId, month: input.month, memberIds: input.memberIds };
        const { line, payment } = await api.matchStatementLine(input.lineId, body);
        return { line, payment: namedOne(payment) };
      }),

    async feeRuleVersions() {
      const { value, ...source } = await kept('rules', rulesSchema, () => api.rules());
      return rulesView(value, source);
    },

    correctFeeRule: (version) =>
      online(noNet('gửi phiên bản quy định đính chính'), async () => {
        const value = await api.appendRule(version);
        const fetchedAt = new Date().toISOString();
        cache.saveAnswer(`${user().id}|rules`, value, fetchedAt);
        return rulesView(value, { source: 'server', fetchedAt });
      }),
  };
}
