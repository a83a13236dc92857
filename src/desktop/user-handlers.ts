import { searchTokens } from '../domain/text/fold';
import type { OrgTreeRepo } from './repositories/org-tree';
import type { usersRepo } from './repositories/users';
import { notFound, type HandlersFor } from './service-context';

export type UserCall = 'listUsers';

/** The user accounts in the cache, for the admin screens. */
export function userHandlers({
  tree,
  users,
}: {
  tree: OrgTreeRepo;
  users: ReturnType<typeof usersRepo>;
}): HandlersFor<UserCall> {
  return {
    listUsers: ({ q, status, orgId, position, role, limit }) => {
      const underPath =
        orgId === undefined ? undefined : (tree.path(orgId) ?? notFound('org', orgId));
      const found = users.list({
        tokens: q === undefined ? [] : searchTokens(q),
        status,
        underPath,
        position,
        role,
        limit,
      });
      return { ...found, positions: users.positions() };
    },
  };
}
