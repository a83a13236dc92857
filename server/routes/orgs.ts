import { apiRoutes } from '../../src/api/routes';
import type { ServerContext } from '../context';
import { notFound } from '../errors';
import type { Register } from '../http/register-route';
import {
  ancestorsOf,
  bankAccountsOf,
  childrenOf,
  findVisibleOrg,
  searchOrgs,
} from '../repositories/orgs';
import { isInScopeSubtree } from '../scope/scope';

export function orgRoutes(route: Register, ctx: ServerContext): void {
  route(apiRoutes.getOrg, async ({ params, caller }) => {
    const org = await findVisibleOrg(ctx.db, caller.scope, params.id);
    if (!org) throw notFound();
    // Ancestors are shown for the breadcrumb only; their accounts are not the caller's business.
    const bankAccounts = isInScopeSubtree(caller.scope, org.path)
      ? await bankAccountsOf(ctx.db, org.id)
      : [];
    return { ...org, bankAccounts };
  });

  route(apiRoutes.orgChildren, async ({ params, caller }) => {
    const org = await findVisibleOrg(ctx.db, caller.scope, params.id);
    if (!org) throw notFound();
    return { items: await childrenOf(ctx.db, caller.scope, org.id) };
  });

  route(apiRoutes.orgAncestors, async ({ params, caller }) => {
    const org = await findVisibleOrg(ctx.db, caller.scope, params.id);
    if (!org) throw notFound();
    return { items: await ancestorsOf(ctx.db, org.path) };
  });

  route(apiRoutes.searchOrgs, async ({ query, caller }) => {
    const { items, total } = await searchOrgs(ctx.db, caller.scope, query);
    return { items, total, page: query.page, pageSize: query.pageSize };
  });
}
