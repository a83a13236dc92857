import { orgAdminRoutes } from '../../api/org-admin';
import type { orgAdminCalls } from '../contract-org-admin';
import { isOffline } from '../fees/fee-handler-support';
import { fail, type HandlersFor, type ServiceContext } from '../service-context';

/**
 * The org tree's administration (docs/decisions/0038): each call asks the server, which checks
 * the admin's tier and the placement rules; then a sync brings the org into the cache and
 * `orgs-changed` reads the tree again. Offline, each says so in Vietnamese instead of queueing:
 * a change of the tree must be checked against the tree as it is now.
 */
export function orgAdminHandlers(ctx: ServiceContext): HandlersFor<keyof typeof orgAdminCalls> {
  async function online<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      ctx.requireServerSession();
      return await ctx.tracked(run());
    } catch (err) {
      if (isOffline(err))
        return fail(
          'offline',
          `${what} needs the server, which is unreachable`,
          'Cần kết nối mạng để chỉnh sửa tổ chức đảng. Vui lòng kiểm tra kết nối và thử lại.',
        );
      throw err;
    }
  }

  /** The change reaches the cache by pull: fetch it now, then the tree reads again. */
  async function done(what: string, run: () => Promise<{ id: string }>) {
    const org = await online(what, run);
    const user = ctx.requireServerSession();
    try {
      await ctx.engine.sync({ userId: user.id, serverUrl: ctx.serverUrl });
    } catch (err) {
      console.warn('sync after an org change failed', err);
    }
    ctx.emit({ type: 'orgs-changed' });
    return { orgId: org.id };
  }

  return {
    editOrg: ({ id, ...body }) =>
      done('editing an org', () =>
        ctx.api.request(orgAdminRoutes.editOrg, { params: { id }, body }),
      ),
    addChildOrg: ({ parentId, ...body }) =>
      done('adding an org', () =>
        ctx.api.request(orgAdminRoutes.addChildOrg, { params: { id: parentId }, body }),
      ),
    moveOrg: ({ id, parentId }) =>
      done('moving an org', () =>
        ctx.api.request(orgAdminRoutes.moveOrg, { params: { id }, body: { parentId } }),
      ),
  };
}
