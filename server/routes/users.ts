import { apiRoutes } from '../../src/api/routes';
import type { ServerContext } from '../context';
import { forbidden, notFound } from '../errors';
import type { Register } from '../http/register-route';
import { findOrg, findVisibleOrg, orgSummary } from '../repositories/orgs';
import { findUserInSubtrees, listUsers, userHistory } from '../repositories/users';
import { subtreesOfRoles, type Scope } from '../scope/scope';

/** Where the caller holds the user screens' declared roles (admin); at least one is needed. */
function adminSubtrees(scope: Scope): string[] {
  const roots = subtreesOfRoles(scope, apiRoutes.listUsers.access.roles);
  if (roots.length === 0) throw forbidden();
  return roots;
}

export function userRoutes(route: Register, ctx: ServerContext): void {
  route(apiRoutes.me, async ({ caller }) => {
    const org = await findOrg(ctx.db, caller.user.orgId);
    if (!org) throw notFound();
    return { user: caller.user, org: orgSummary(org) };
  });

  route(apiRoutes.listUsers, async ({ query, caller }) => {
    const roots = adminSubtrees(caller.scope);
    let withinPath: string | undefined;
    if (query.orgId) {
      const org = await findVisibleOrg(ctx.db, caller.scope, query.orgId);
      if (!org) throw notFound();
      withinPath = org.path;
    }
    const { orgId: _unused, ...filters } = query;
    const { items, total } = await listUsers(ctx.db, roots, { ...filters, withinPath });
    return { items, total, page: query.page, pageSize: query.pageSize };
  });

  route(apiRoutes.getUser, async ({ params, caller }) => {
    if (params.id === caller.user.id) return caller.user;
    const user = await findUserInSubtrees(ctx.db, caller.scope.subtreePaths, params.id);
    if (!user) throw notFound();
    return user;
  });

  route(apiRoutes.userHistory, async ({ params, caller }) => {
    const roots = adminSubtrees(caller.scope);
    const user = await findUserInSubtrees(ctx.db, roots, params.id);
    if (!user) throw notFound();
    return { items: await userHistory(ctx.db, user.id) };
  });
}
