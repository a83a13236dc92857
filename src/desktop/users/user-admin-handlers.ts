import { apiRoutes } from '../../api/routes';
import { userAdminRoutes } from '../../api/users-admin';
import { isOffline } from '../fees/fee-handler-support';
import type { userAdminCalls } from '../contract-users';
import { cachedNames } from '../repositories/cached-names';
import { fail, type HandlersFor, type ServiceContext } from '../service-context';
import { userHistoryView } from './user-history-view';

/** Every id a history's values name: the grants' and the account's orgs. */
function orgIdsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value))
    return value.flatMap((g) =>
      g && typeof g === 'object' && 'orgId' in g ? [String(g.orgId)] : [],
    );
  return [];
}

/**
 * User administration (docs/decisions/0033): each call asks the server, which checks the admin's
 * tier; then a sync brings the account into the cache and `users-changed` reads the list again.
 * Offline, each says so in Vietnamese instead of queueing: an account change must be checked now.
 */
export function userAdminHandlers(ctx: ServiceContext): HandlersFor<keyof typeof userAdminCalls> {
  let cache: ReturnType<typeof cachedNames> | undefined;
  const names = () => (cache ??= cachedNames(ctx.handle));

  async function online<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      ctx.requireServerSession();
      return await ctx.tracked(run());
    } catch (err) {
      if (isOffline(err))
        return fail(
          'offline',
          `${what} needs the server, which is unreachable`,
          'Cần kết nối mạng để quản lý người dùng. Vui lòng kiểm tra kết nối và thử lại.',
        );
      throw err;
    }
  }

  /** The change reaches the cache by pull: fetch it now, then the list reads again. */
  async function synced<T>(result: T): Promise<T> {
    const user = ctx.requireServerSession();
    try {
      await ctx.engine.sync({ userId: user.id, serverUrl: ctx.serverUrl });
    } catch (err) {
      console.warn('sync after a user change failed', err);
    }
    ctx.emit({ type: 'users-changed' });
    return result;
  }

  const done = async (what: string, run: () => Promise<{ id: string }>) => {
    const user = await online(what, run);
    return synced({ userId: user.id });
  };

  return {
    userMemberLookup: (input) =>
      online('the member lookup', () =>
        ctx.api.request(userAdminRoutes.lookupMember, { body: input }),
      ),
    createUser: async (input) => {
      const receipt = await online('adding a user', () =>
        ctx.api.request(userAdminRoutes.createUser, { body: input }),
      );
      return synced({
        userId: receipt.user.id,
        username: receipt.user.username,
        initialPassword: receipt.initialPassword,
      });
    },
    editUser: ({ id, ...body }) =>
      done('editing a user', () =>
        ctx.api.request(userAdminRoutes.editUser, { params: { id }, body }),
      ),
    lockUser: ({ id }) =>
      done('locking a user', () => ctx.api.request(userAdminRoutes.lockUser, { params: { id } })),
    unlockUser: ({ id }) =>
      done('unlocking a user', () =>
        ctx.api.request(userAdminRoutes.unlockUser, { params: { id } }),
      ),
    resetUserPassword: async ({ id }) => {
      const receipt = await online('resetting a password', () =>
        ctx.api.request(userAdminRoutes.resetPassword, { params: { id } }),
      );
      return synced({
        userId: receipt.user.id,
        username: receipt.user.username,
        initialPassword: receipt.initialPassword,
      });
    },
    grantUserRole: ({ id, ...body }) =>
      done('granting a role', () =>
        ctx.api.request(userAdminRoutes.grantUserRole, { params: { id }, body }),
      ),
    revokeUserRole: ({ id, ...body }) =>
      done('revoking a role', () =>
        ctx.api.request(userAdminRoutes.revokeUserRole, { params: { id }, body }),
      ),
    userHistory: async ({ id }) => {
      const { items } = await online('the user history', () =>
        ctx.api.request(apiRoutes.userHistory, { params: { id } }),
      );
      const userName = names().users(items.map((e) => e.changedBy));
      const orgName = names().orgs(
        items.flatMap((e) =>
          Object.entries(e.changes)
            .filter(([field]) => field === 'orgId' || field === 'roles')
            .flatMap(([, pair]) => pair.flatMap(orgIdsIn)),
        ),
      );
      return { items: userHistoryView(items, { user: userName, org: orgName }) };
    },
  };
}
