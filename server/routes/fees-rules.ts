import { feeRuleRouteSpecs, type FeeRulesResponse } from '../../src/api/fees';
import { appendRuleVersion, ruleFor } from '../../src/domain/fees/rules';
import type { Caller } from '../auth/caller';
import { badRequest, forbidden } from '../errors';
import type { Register } from '../http/register-route';
import { feeRuleAuthors, insertFeeRule, loadFeeRules } from '../repositories/fees-rules';
import { pathIds } from '../scope/scope';
import type { FeeRouteDeps } from './fees-access';
import { conflict } from './fees-refusals';

/** Admin of the top org (the root of the tree): the only one who corrects the fee rules. */
const isTopAdmin = (caller: Caller) =>
  caller.scope.grants.some((g) => g.role === 'admin' && pathIds(g.path).length === 1);

/** The fee rule versions, and appending a correction. */
export function feeRuleRoutes(route: Register, { ctx }: FeeRouteDeps): void {
  const s = feeRuleRouteSpecs;

  async function rulesView(): Promise<FeeRulesResponse> {
    const [rules, authors] = await Promise.all([loadFeeRules(ctx.db), feeRuleAuthors(ctx.db)]);
    const byId = new Map(authors.map((a) => [a.id, a]));
    const current = ruleFor(ctx.now().toISOString().slice(0, 7), rules);
    return {
      items: rules.map((version) => {
        const a = byId.get(version.id);
        return {
          version,
          createdByName: a?.full_name ?? null,
          createdAt: a && a.full_name !== null ? a.created_at : null,
        };
      }),
      currentId: current.ok ? current.value.id : null,
    };
  }

  route(s.rules, async () => rulesView());

  route(s.appendRule, async ({ body, caller }) => {
    if (!isTopAdmin(caller)) throw forbidden();
    const appended = appendRuleVersion(await loadFeeRules(ctx.db), body);
    if (!appended.ok) {
      if (appended.code === 'rule_id_taken' || appended.code === 'rule_seq_not_last')
        throw conflict(appended.message, appended.messageVi);
      throw badRequest('body', appended.message, appended.messageVi);
    }
    if (!(await insertFeeRule(ctx.db, body, caller.user.id, ctx.now())))
      throw conflict(
        `rule ${body.id} or seq ${body.seq} was taken meanwhile`,
        'Một phiên bản khác vừa được thêm. Vui lòng tải lại và thử lại.',
      );
    return rulesView();
  });
}
