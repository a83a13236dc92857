import { ApiClientError, CLIENT_ERROR, type ApiClient } from '../api/client';
import { RESIDENCE_ENTITIES } from '../api/sync';
import type { SqliteHandle } from '../db/sqlite';
import { connectApi, SessionHolder, type SessionStore } from '../sync/session';
import { SyncEngine } from '../sync/sync-engine';
import type { CachePasswordKeys } from './cache-keys';
import { startHeartbeat } from './connectivity';
import {
  desktopCalls,
  type DesktopApi,
  type DesktopCallName,
  type DesktopEvent,
  type DesktopOutput,
  type DesktopResult,
} from './contract';
import { feeCalls } from './contract-fees';
import { desktopHandlers } from './desktop-handlers';
import { listExportHandlers } from './exports/list-export-handlers';
import { feeHandlers } from './fees/fee-handlers';
import { memberHandlers } from './member-handlers';
import type { OidcClientConfig } from './oidc-login';
import { orgHandlers } from './org-handlers';
import { membersRepo } from './repositories/members';
import { orgSearchRepo } from './repositories/org-search';
import { orgTreeRepo } from './repositories/org-tree';
import { usersRepo } from './repositories/users';
import {
  fail,
  invalidInput,
  toDesktopError,
  type DesktopSigningOptions,
  type ServiceContext,
} from './service-context';
import { sessionHandlers, type OfflineUser } from './session-handlers';
import { syncHandlers, type SyncActivity } from './sync-handlers';
import { residenceHandlers } from './residence/residence-handlers';
import { accountMemberHandlers } from './accounts/account-member-handlers';
import { accountStaffHandlers } from './accounts/account-staff-handlers';
import { holidayHandlers } from './holidays/holiday-handlers';
import { imageHandlers } from './images/image-handlers';
import { importHandlers } from './imports/import-handlers';
import { oversightHandlers } from './oversight/oversight-handlers';
import { listDossiers } from './transfers/dossier-list';
import { noUpdateHandlers } from './update-handlers';
import { notificationService } from './notifications/notification-handlers';
import { transferHandlers } from './transfers/transfer-handlers';
import { transferModel } from './transfers/transfer-model';
import { userHandlers } from './user-handlers';
import { userAdminHandlers } from './users/user-admin-handlers';
import { orgAdminHandlers } from './orgs/org-admin-handlers';

const GONE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH']);

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
  /**
   * Asks the server whether it is there every this many ms, so the online status changes without
   * the user (the app uses 2 s; tests that do not look at connectivity leave it off).
   */
  heartbeatMs?: number;
}

export interface DesktopService extends DesktopApi {
  /** Loads the remembered session; call once at start-up. */
  restoreSession(): Promise<void>;
  /** Stops background work (the heartbeat) before the cache is closed. */
  close(): void;
}

/**
 * DesktopApi over the local cache and the central API: the session, the sync engine and the
 * events are wired here; the calls are answered by the handler groups (desktop-handlers.ts).
 */
export function createDesktopService(options: DesktopServiceOptions): DesktopService {
  const { handle } = options.cache;
  const serverUrl = options.serverUrl.replace(/\/+$/, '');
  const session = new SessionHolder(options.sessionStore);
  const listeners = new Set<(event: DesktopEvent) => void>();
  const tree = orgTreeRepo(handle);
  const members = membersRepo(handle);
  const orgSearch = orgSearchRepo(handle);
  const users = usersRepo(handle);

  const offline: OfflineUser = { user: null };
  const activity: SyncActivity = { online: null, progress: null, lastError: null };

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
    if (activity.online === value) return;
    const wasOffline = activity.online === false;
    activity.online = value;
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
      if (err instanceof ApiClientError) setOnline(answered(err));
      throw err;
    }
  }

  /** An error answer still means the server is there; only no answer at all means offline. */
  const answered = (err: unknown) =>
    err instanceof ApiClientError && err.code !== CLIENT_ERROR.unreachable;

  /**
   * Nothing listening, no route, no such host: the server is gone. A timeout or a connection cut
   * (a kept-alive socket the server closed) may be a busy server or a glitch: only repeated.
   */
  const slowOrGone = (err: unknown) =>
    err instanceof ApiClientError && GONE_CODES.has(err.networkCode ?? '')
      ? ('unreachable' as const)
      : ('slow' as const);

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
    activity.progress = p.phase === 'finished' ? null : p;
    emit({ type: 'sync-progress', progress: p });
  });
  engine.on('sync-finished', (summary) => {
    if (summary.dossiers > 0 || summary.pushed > 0) emit({ type: 'dossiers-changed' });
    const residencePulled = summary.entities.some((e) =>
      (RESIDENCE_ENTITIES as readonly string[]).includes(e),
    );
    if (residencePulled || summary.pushed > 0) emit({ type: 'residence-changed' });
    emit({ type: 'sync-finished', summary });
    // What the pull brought may ask something of the user: the bell (and the OS) say so.
    try {
      notifier.raise();
    } catch (err) {
      console.error('raising notifications failed', err);
    }
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

  const beatMs = options.heartbeatMs;
  const heartbeat =
    beatMs === undefined
      ? undefined
      : startHeartbeat({
          intervalMs: beatMs,
          // A stopped server refuses at once; one that is only slow must not read as gone.
          probe: () =>
            api.health({ timeoutMs: 2 * beatMs }).then(
              () => 'answered' as const,
              (err: unknown) => (answered(err) ? 'answered' : slowOrGone(err)),
            ),
          onResult: setOnline,
        });

  const currentUser = () => session.current?.user ?? offline.user;
  const requireServerSession = () => {
    const user = session.current?.user;
    if (user) return user;
    if (offline.user) {
      return fail(
        'offline_session',
        'logged in offline: log in again with the server reachable to sync',
        'Bạn đang làm việc ngoại tuyến. Hãy đăng nhập lại khi có kết nối để đồng bộ.',
      );
    }
    return fail('not_logged_in', 'not logged in', 'Bạn chưa đăng nhập.');
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
    isOnline: () => activity.online === true,
    signing: options.signing ?? {},
  };

  const notifier = notificationService(context);
  const orgs = orgHandlers({ tree, orgSearch });
  const fees = feeHandlers(context);
  const handlers = desktopHandlers({
    session: sessionHandlers(context, {
      cacheKeys: options.cacheKeys,
      oidc: options.oidc,
      offline,
    }),
    sync: syncHandlers(context, activity),
    orgs,
    members: memberHandlers({ tree, members }),
    users: userHandlers({ tree, users }),
    userAdmin: userAdminHandlers(context),
    orgAdmin: orgAdminHandlers(context),
    transfers: transferHandlers(context),
    fees,
    residence: residenceHandlers(context),
    accountStaff: accountStaffHandlers(context),
    accountMember: accountMemberHandlers(context),
    holidays: holidayHandlers(context),
    images: imageHandlers(context),
    imports: importHandlers(context),
    oversight: oversightHandlers(context),
    exports: listExportHandlers({
      tree,
      users,
      members,
      orgs,
      currentUser: () => context.currentUser(),
      dossiers: (input, today) =>
        listDossiers(
          transferModel(
            context.handle,
            context.currentUser() ?? fail('not_logged_in', 'not logged in', 'Bạn chưa đăng nhập.'),
          ),
          input,
          today,
        ),
      feeTransactions: async (input) =>
        fees.feeTransactions(feeCalls.feeTransactions.input.parse(input)),
    }),
    updates: noUpdateHandlers(),
    notifications: notifier.handlers,
  });

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
    close() {
      heartbeat?.stop();
    },
  };
}
