import { ApiClientError, createApiClient, type ApiClient } from '../api/client';
import type { Session } from '../api/auth';

/**
 * Where the session outlives the process. In Electron the main process backs it with
 * safeStorage; tests and the browser host keep it in memory.
 */
export interface SessionStore {
  load(): Promise<Session | undefined>;
  save(session: Session): Promise<void>;
  clear(): Promise<void>;
}

export function memorySessionStore(): SessionStore {
  let kept: Session | undefined;
  return {
    load: async () => kept,
    save: async (session) => {
      kept = session;
    },
    clear: async () => {
      kept = undefined;
    },
  };
}

/**
 * The logged-in session and its refresh. Concurrent 401s share one refresh; a refused refresh
 * ends the session (the user must log in again).
 */
/**
 * A refresh answer that ends the session. Offline, or told to slow down (429: the token was not
 * spent), the session is kept for later; any other client error means the token is refused.
 */
const refusesSession = (err: unknown): boolean =>
  err instanceof ApiClientError && err.status >= 400 && err.status < 500 && err.status !== 429;

export class SessionHolder {
  private session: Session | undefined;
  private refreshing: Promise<boolean> | undefined;

  constructor(private readonly store: SessionStore = memorySessionStore()) {}

  get current(): Session | undefined {
    return this.session;
  }

  async restore(): Promise<Session | undefined> {
    this.session = await this.store.load();
    return this.session;
  }

  async set(session: Session): Promise<void> {
    this.session = session;
    await this.store.save(session);
  }

  async clear(): Promise<void> {
    this.session = undefined;
    await this.store.clear();
  }

  /** Gets a new access token with the refresh token; true when the caller may retry. */
  refresh(api: Pick<ApiClient, 'refresh'>): Promise<boolean> {
    this.refreshing ??= this.doRefresh(api).finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async doRefresh(api: Pick<ApiClient, 'refresh'>): Promise<boolean> {
    const refreshToken = this.session?.refreshToken;
    if (!refreshToken) return false;
    try {
      await this.set(await api.refresh(refreshToken));
      return true;
    } catch (err) {
      if (refusesSession(err)) await this.clear();
      return false;
    }
  }
}

/** An API client that sends the holder's access token and refreshes it once on a 401. */
export function connectApi(baseUrl: string, holder: SessionHolder, timeoutMs?: number): ApiClient {
  const api: ApiClient = createApiClient({
    baseUrl,
    getAccessToken: () => holder.current?.accessToken,
    onUnauthorized: () => holder.refresh(api),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
  return api;
}
