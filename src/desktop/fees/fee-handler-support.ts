import type { z } from 'zod';
import { ApiClientError, CLIENT_ERROR } from '../../api/client';
import type { SessionUser } from '../../api/auth';
import type { Payment } from '../../api/fees';
import type { FeeDataSource, FeePayment } from '../contract-fees';
import { DesktopFailure, fail, type ServiceContext } from '../service-context';
import { feeApi } from './fee-api';
import { feeCacheRepo } from './fee-cache.repo';

/** No server to ask: unreachable, or logged in offline. */
export const isOffline = (err: unknown) =>
  (err instanceof ApiClientError && err.code === CLIENT_ERROR.unreachable) ||
  (err instanceof DesktopFailure && err.error.code === 'offline_session');

/** What every group of fee handlers uses: the fee routes, the cache, the user's grants. */
export function feeHandlerSupport(ctx: ServiceContext) {
  const api = feeApi(ctx);
  const cache = feeCacheRepo(ctx.handle);

  const user = (): SessionUser =>
    ctx.currentUser() ?? fail('not_logged_in', 'not logged in', 'Bạn chưa đăng nhập.');

  /** Paths of the orgs where the user holds one of `roles`. */
  function grantPaths(roles: readonly string[]): string[] {
    return user()
      .roles.filter((g) => roles.includes(g.role))
      .map((g) => cache.pathOf(g.orgId))
      .filter((p): p is string => p !== null);
  }
  const covers = (paths: readonly string[], path: string) => paths.some((p) => path.startsWith(p));

  /** The server's answer, kept for offline use; offline, the kept answer of the same query. */
  async function kept<T>(
    key: string,
    schema: z.ZodType<T>,
    fetch: () => Promise<T>,
  ): Promise<{ value: T } & FeeDataSource> {
    const fullKey = `${user().id}|${key}`;
    try {
      ctx.requireServerSession();
      const value = await fetch();
      const fetchedAt = new Date().toISOString();
      cache.saveAnswer(fullKey, value, fetchedAt);
      return { value, source: 'server', fetchedAt };
    } catch (err) {
      if (!isOffline(err)) throw err;
      const saved = cache.readAnswer(fullKey);
      const parsed = saved ? schema.safeParse(saved.payload) : undefined;
      if (!saved || !parsed?.success)
        return fail(
          'offline_not_cached',
          `offline and ${key} was never fetched`,
          'Không kết nối được máy chủ và dữ liệu này chưa từng được tải về máy.',
        );
      return { value: parsed.data, source: 'cache', fetchedAt: saved.fetchedAt };
    }
  }

  /** A call that changes something at the server: offline it fails with `offlineVi`. */
  async function online<T>(offlineVi: string, run: () => Promise<T>): Promise<T> {
    try {
      ctx.requireServerSession();
      return await run();
    } catch (err) {
      if (isOffline(err))
        return fail('offline', 'needs the server, which is unreachable', offlineVi);
      throw err;
    }
  }

  /** Names from the cache for what the server answers with ids. */
  function named(payments: readonly Payment[]): FeePayment[] {
    const members = cache.memberNames(payments.flatMap((p) => p.items.map((i) => i.memberId)));
    const users = cache.userNames(payments.map((p) => p.payerUserId));
    const cells = cache.orgNames(payments.map((p) => p.cellId));
    return payments.map((p) => ({
      ...p,
      cellName: cells.get(p.cellId) ?? p.cellId,
      payerName: users.get(p.payerUserId) ?? null,
      items: p.items.map((i) => ({ ...i, fullName: members.get(i.memberId) ?? i.memberId })),
    }));
  }
  const namedOne = (p: Payment): FeePayment => named([p])[0] as FeePayment;

  const noNet = (what: string) => `Cần kết nối mạng để ${what}.`;

  return { ctx, api, cache, user, grantPaths, covers, kept, online, named, namedOne, noNet };
}
export type FeeHandlerSupport = ReturnType<typeof feeHandlerSupport>;
