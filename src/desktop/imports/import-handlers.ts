import { importRoutes } from '../../api/imports';
import { prepareQuery, type Params } from '../../db/client-query';
import type { importCalls, ImportInput } from '../contract-imports';
import { isOffline } from '../fees/fee-handler-support';
import { fail, type HandlersFor, type ServiceContext } from '../service-context';

/** "Nhập dữ liệu": the admin's orgs, and the import's preview and apply through the server. */
export function importHandlers(ctx: ServiceContext): HandlersFor<keyof typeof importCalls> {
  const orgById = prepareQuery(ctx.handle, (db, p: Params<{ id: string }>) =>
    db.selectFrom('orgs').select(['id', 'code', 'name']).where('id', '=', p.id),
  );

  async function online<T>(run: () => Promise<T>): Promise<T> {
    try {
      ctx.requireServerSession();
      return await ctx.tracked(run());
    } catch (err) {
      if (isOffline(err))
        return fail(
          'offline',
          'an import needs the server, which is unreachable',
          'Cần kết nối mạng để nhập dữ liệu. Vui lòng kiểm tra kết nối và thử lại.',
        );
      throw err;
    }
  }

  const request = ({ orgId, files }: ImportInput) => ({ query: { orgId }, body: { files } });

  return {
    importScopes: () => {
      const user = ctx.currentUser();
      const ids = (user?.roles ?? []).filter((g) => g.role === 'admin').map((g) => g.orgId);
      return [...new Set(ids)].flatMap((id) => orgById.get({ id }) ?? []);
    },
    previewImport: (input) =>
      online(() => ctx.api.request(importRoutes.previewImport, request(input))),
    applyImport: async (input) => {
      const applied = await online(() => ctx.api.request(importRoutes.applyImport, request(input)));
      // The rows reach the cache by pull: fetch them now; applied already, so a failure only delays.
      const user = ctx.requireServerSession();
      await ctx.engine.sync({ userId: user.id, serverUrl: ctx.serverUrl }).catch(() => undefined);
      return applied;
    },
  };
}
