import { z } from 'zod';
import { ApiClientError, CLIENT_ERROR, type ApiClient } from '../api/client';
import { apiRoutes } from '../api/routes';
import type { SqliteHandle } from '../db/sqlite';
import type { SessionUser } from '../api/auth';
import { foldForSearch, searchTokens } from '../domain/text/fold';
import type { SyncProgress } from '../sync/progress';
import { syncStateRepo } from '../sync/repositories/sync-state';
import { connectApi, SessionHolder, type SessionStore } from '../sync/session';
import { SyncEngine } from '../sync/sync-engine';
import {
  desktopCalls,
  type DesktopApi,
  type DesktopCallName,
  type DesktopError,
  type DesktopEvent,
  type DesktopOutput,
  type DesktopResult,
} from './contract';
import { feeHandlers } from './fees/fee-handlers';
import type { CachePasswordKeys } from './cache-keys';
import { checkLegacyOfflineVerifier } from './offline-login';
import { beginOidcLogin, type OidcClientConfig, type OidcLoginAttempt } from './oidc-login';
import { membersRepo, type MemberListPosition } from './repositories/members';
import { offlineLoginRepo } from './repositories/offline-login';
import { orgSearchRepo } from './repositories/org-search';
import { orgTreeRepo } from './repositories/org-tree';
import { usersRepo } from './repositories/users';
import { planSearch } from './search-query';
import {
  fail,
  invalidInput,
  notFound,
  toDesktopError,
  type DesktopSigningOptions,
  type HandlersFor,
  type ServiceContext,
} from './service-context';
import { transferHandlers } from './transfers/transfer-handlers';

export interface DesktopServiceOptions {
  /** The opened desktop cache (`openDesktopCache(…).cache`, or `openClientDb(file)` in tests). */
  cache: { handle: SqliteHandle };
  /** The cache key's password wraps (`openDesktopCache(…).keys`); without them, no offline login. */
  cacheKeys?: CachePasswordKeys;
  /** Central API base URL, e.g. http://127.0.0.1:8080. */
  serverUrl: string;
  /** Keeps the session across restarts; in memory when absent. */
  sessionStore?: SessionStore;
  /** Changes per pull page. */
  pageSize?: number;
  timeoutMs?: number;
  signing?: DesktopSigningOptions;
  /** The OpenID provider (VNeID) to offer sign-in with; none: password login only. */
  oidc?: OidcClientConfig;
}

export interface DesktopService extends DesktopApi {
  /** Loads the remembered session; call once at start-up. */
  restoreSession(): Promise<void>;
}

// Paging cursors are opaque to the UI but parsed like any other input.
const MemberCursor = z.tuple([z.string(), z.string()]);
const encodeMemberCursor = (p: MemberListPosition) =>
  Buffer.from(JSON.stringify([p.sortKey, p.id])).toString('base64url');
function decodeMemberCursor(cursor: string): MemberListPosition {
  try {
    const [sortKey, id] = MemberCursor.parse(
      JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')),
    );
    return { sortKey, id };
  } catch {
    return fail('invalid_input', 'malformed cursor', 'Vị trí trang không hợp lệ.', 'cursor');
  }
}

/** DesktopApi over the local cache and the central API. */
export function createDesktopService(options: DesktopServiceOptions): DesktopService {
  const { handle } = options.cache;
  const serverUrl = options.serverUrl.replace(/\/+$/, '');
  const session = new SessionHolder(options.sessionStore);
  const listeners = new Set<(event: DesktopEvent) => void>();
  const tree = orgTreeRepo(handle);
  const members = membersRepo(handle);
  const orgSearch = orgSearchRepo(handle);
  const syncState = syncStateRepo(handle);
  const users = usersRepo(handle);
  const offlineLogins = offlineLoginRepo(handle);

  /** Set after an offline login: the user works on the cache, without a server session. */
  let offlineUser: SessionUser | null = null;
  let online: boolean | null = null;
  let progress: SyncProgress | null = null;
  let lastError: DesktopError | null = null;
  let oidcAttempt: OidcLoginAttempt | null = null;

  const emit = (event: DesktopEvent) => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (err) {
        console.error('desktop event listener failed', err);
      }
    }
  };
  const setOnline = (value: boolean) => {
    if (online === value) return;
    const wasOffline = online === false;
    online = value;
    emit({ type: 'online-changed', online: value });
    // Back online: what was done offline goes out now, without waiting for a sync.
    if (value && wasOffline && session.current) pushInBackground();
  };
  /** Any answer from the server means online; no answer means offline. */
  async function tracked<T>(call: Promise<T>): Promise<T> {
    try {
      const value = await call;
      setOnline(true);
      return value;
    } catch (err) {
      if (err instanceof ApiClientError) setOnline(err.code !== CLIENT_ERROR.unreachable);
      throw err;
    }
  }

  const api: ApiClient = connectApi(serverUrl, session, options.timeoutMs);
  const engine = new SyncEngine({
    handle,
    api: {
      pull: (query) => tracked(api.pull(query)),
      push: (req) => tracked(api.push(req)),
      putBlob: (sha256, bytes) => tracked(api.putBlob(sha256, bytes)),
      getBlob: (sha256) => tracked(api.getBlob(sha256)),
    },
    ...(options.pageSize ? { pageSize: options.pageSize } : {}),
  });
  function pushInBackground(): void {
    const user = session.current?.user;
    if (!user) return;
    engine.push(user.id).catch((err: unknown) => console.error('background push failed', err));
  }
  engine.on('outbox-changed', (counts) => emit({ type: 'outbox-changed', ...counts }));
  engine.on('outbox-empty', () => emit({ type: 'outbox-empty' }));
  engine.on('progress', (p) => {
    progress = p.phase === 'finished' ? null : p;
    emit({ type: 'sync-progress', progress: p });
  });
  engine.on('sync-finished', (summary) => {
    if (summary.dossiers > 0 || summary.pushed > 0) emit({ type: 'dossiers-changed' });
    emit({ type: 'sync-finished', summary });
    // The search vocabulary follows the data: rebuild it now rather than on the next keystroke.
    setImmediate(() => {
      // The caller may have closed the cache right after the sync (a one-shot sync, a test).
      if (!handle.open) return;
      try {
        members.warmSearch();
        orgSearch.warmSearch();
      } catch (err) {
        console.error('search warm-up failed', err);
      }
    });
  });

  const currentUser = () => session.current?.user ?? offlineUser;
  const requireServerSession = () => {
    const user = session.current?.user;
    if (user) return user;
    if (offlineUser) {
      return fail(
        'offline_session',
        'logged in offline: log in again with the server reachable to sync',
        'Bạn đang làm việc ngoại tuyến. Hãy đăng nhập lại khi có kết nối để đồng bộ.',
      );
    }
    return fail('not_logged_in', 'not logged in', 'Bạn chưa đăng nhập.');
  };

  /**
   * The last online user of this cache may get in with the same password while offline: the
   * password must unwrap the cache's key (docs/decisions/0018); no verifier of it is kept.
   */
  async function offlineLogin(username: string, password: string): Promise<SessionUser | null> {
    const keys = options.cacheKeys;
    const known = offlineLogins.read();
    if (!keys || !known || known.user.id !== syncState.read().userId) return null;
    if (foldForSearch(known.user.username) !== foldForSearch(username)) return null;
    const wrongPassword = () =>
      fail(
        'invalid_credentials',
        'wrong password for offline login',
        'Tên đăng nhập hoặc mật khẩu không đúng.',
      );
    if (keys.has(known.user.id)) {
      return (await keys.unlock(known.user.id, password)) ? known.user : wrongPassword();
    }
    // A cache from before the key hierarchy: its verifier lets the user in once, and is replaced
    // by a wrap of the key.
    if (!known.verifier) return null;
    if (!(await checkLegacyOfflineVerifier(password, known.verifier))) return wrongPassword();
    await keys.enroll(known.user.id, password);
    offlineLogins.save({ user: known.user });
    return known.user;
  }
  const emitSession = () => emit({ type: 'session-changed', user: currentUser() });
  const requireOrg = (orgId: string) => {
    if (!tree.exists(orgId)) notFound('org', orgId);
  };

  const context: ServiceContext = {
    handle,
    serverUrl,
    api,
    session,
    engine,
    tracked,
    emit,
    currentUser,
    requireServerSession,
    isOnline: () => online === true,
    signing: options.signing ?? {},
  };

  const handlers: HandlersFor<DesktopCallName> = {
    async login(input) {
      let s;
      try {
        s = await tracked(api.login(input));
      } catch (err) {
        if (!(err instanceof ApiClientError) || err.code !== CLIENT_ERROR.unreachable) throw err;
        const user = await offlineLogin(input.username, input.password);
        if (!user) throw err;
        offlineUser = user;
        emitSession();
        return { user, offline: true };
      }
      await session.set(s);
      offlineUser = null;
      // The server accepted the password: it may open this cache offline from now on.
      offlineLogins.save({ user: s.user });
      await options.cacheKeys?.enroll(s.user.id, input.password).catch((err: unknown) => {
        // The login stands; only the offline login with this password will be refused.
        console.error('wrapping the cache key with the password failed', err);
      });
      emitSession();
      return { user: s.user, offline: false };
    },
    async logout() {
      const refreshToken = session.current?.refreshToken;
      if (refreshToken) {
        // Revoking is best effort: offline, the token simply expires.
        await tracked(api.logout(refreshToken)).catch(() => undefined);
      }
      await session.clear();
      offlineUser = null;
      emitSession();
      return {};
    },
    session: () => ({ user: currentUser(), offline: !session.current && offlineUser !== null }),
    oidcStatus: () => ({ configured: options.oidc !== undefined }),
    async startOidcLogin() {
      const config =
        options.oidc ??
        fail(
          'oidc_not_configured',
          'no OpenID provider configured',
          'Ứng dụng chưa được cấu hình đăng nhập bằng VNeID.',
        );
      // One sign-in at a time: a new click replaces the one left waiting in another tab.
      oidcAttempt?.cancel();
      const attempt = await beginOidcLogin(config, async ({ idToken, nonce }) => {
        const s = await tracked(api.request(apiRoutes.oidcLogin, { body: { idToken, nonce } }));
        await session.set(s);
        offlineUser = null;
        // No password: offline, this user reopens through the remembered session only (0020).
        offlineLogins.save({ user: s.user });
        emitSession();
      });
      oidcAttempt = attempt;
      attempt.done.then(
        () => undefined,
        (err: unknown) => {
          const error = toDesktopError(err);
          if (error.code !== 'oidc_cancelled') emit({ type: 'oidc-login-failed', error });
        },
      );
      return { authorizationUrl: attempt.authorizationUrl };
    },
    async syncNow() {
      const user = requireServerSession();
      try {
        const summary = await engine.sync({ userId: user.id, serverUrl });
        lastError = null;
        return summary;
      } catch (err) {
        progress = null;
        lastError = toDesktopError(err);
        emit({ type: 'sync-failed', error: lastError });
        // A refused refresh ended the session: tell the UI to ask for the password again.
        if (!session.current) emitSession();
        throw err;
      }
    },
    syncStatus() {
      const counts = engine.outboxCounts();
      return {
        serverUrl,
        online,
        user: currentUser(),
        lastSyncAt: syncState.read().lastSyncAt ?? null,
        pulling: engine.pulling,
        progress,
        outboxCount: counts.total,
        outboxNeedsAttention: counts.needsAttention,
        lastError,
      };
    },
    async checkConnection() {
      await tracked(api.health()).catch(() => undefined);
      return { online: online === true };
    },

    orgChildren: ({ orgId }) => {
      if (orgId !== null) requireOrg(orgId);
      return { items: tree.children(orgId) };
    },
    orgAncestors: ({ orgId }) => ({ items: tree.ancestors(orgId) ?? notFound('org', orgId) }),
    orgSubtree: ({ orgId, limit, cursor }) =>
      tree.subtree(orgId, limit, cursor) ?? notFound('org', orgId),
    orgSubtreeIds: ({ orgId, limit, cursor }) =>
      tree.subtreeIds(orgId, limit, cursor) ?? notFound('org', orgId),
    orgDetail: ({ orgId }) => tree.detail(orgId) ?? notFound('org', orgId),
    searchOrgs: ({ q, limit }) => {
      const plan = planSearch(q);
      return plan ? orgSearch.search(plan, limit) : { items: [], truncated: false };
    },
    searchMembers: ({ q, limit }) => {
      const plan = planSearch(q);
      return plan ? members.search(plan, limit) : { items: [], truncated: false };
    },
    orgMembers: ({ orgId, limit, cursor }) => {
      const after = cursor === undefined ? undefined : decodeMemberCursor(cursor);
      requireOrg(orgId);
      const page = members.ofOrg(orgId, limit, after);
      return { items: page.items, nextCursor: page.next ? encodeMemberCursor(page.next) : null };
    },
    memberDetail: ({ memberId }) => {
      const member = members.byId(memberId) ?? notFound('member', memberId);
      const ref = (orgId: string | null) => (orgId === null ? null : (tree.ref(orgId) ?? null));
      return { member, homeOrg: ref(member.homeOrgId), residenceOrg: ref(member.residenceOrgId) };
    },
    findOrgs: ({ code, name, status, underOrgId, limit }) => {
      const underPath =
        underOrgId === undefined
          ? undefined
          : (tree.path(underOrgId) ?? notFound('org', underOrgId));
      const plan = name === undefined ? undefined : planSearch(name);
      return orgSearch.find({
        codePrefix: code?.toLowerCase(),
        nameMatch: plan?.prefixes,
        status,
        underPath,
        limit,
      });
    },
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
    ...transferHandlers(context),
    ...feeHandlers(context),
  };

  async function call<K extends DesktopCallName>(
    name: K,
    input: unknown,
  ): Promise<DesktopResult<DesktopOutput<K>>> {
    const parsed = desktopCalls[name].input.safeParse(input);
    if (!parsed.success) return { ok: false, error: invalidInput(parsed.error) };
    try {
      const handler = handlers[name] as (
        i: unknown,
      ) => DesktopOutput<K> | Promise<DesktopOutput<K>>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (err) {
      return { ok: false, error: toDesktopError(err) };
    }
  }

  const calls = Object.fromEntries(
    (Object.keys(desktopCalls) as DesktopCallName[]).map((name) => [
      name,
      (input: unknown) => call(name, input),
    ]),
  ) as unknown as Omit<DesktopApi, 'subscribe'>;

  return {
    ...calls,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    restoreSession: async () => {
      await session.restore();
    },
  };
}
