import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileKeyStore, type KeyStore } from '../src/desktop/cache-keys';
import { openDesktopCache } from '../src/desktop/desktop-cache';
import { createDesktopService, type DesktopService } from '../src/desktop/desktop-service';
import { signingOptionsFromEnv } from '../src/desktop/transfers/signing-config';
import type { OidcClientConfig } from '../src/desktop/oidc-login';
import type { SessionStore } from '../src/sync/session';
import { startDemoServer } from './demo-server';

/** The header's "Trực tuyến / Ngoại tuyến" follows the server within about two beats. */
const HEARTBEAT_MS = 2000;

export interface AppRuntime {
  api: DesktopService;
  serverUrl: string;
  /** Set in demo mode (asked for with `demo`): the reference server runs in this process. */
  demo?: { seeded: boolean };
  close(): Promise<void>;
}

/**
 * What both the Electron main process and the browser host serve: the desktop cache in the data
 * directory and the DesktopApi over it, talking to `serverUrl` or, when `demo` is asked for, to the
 * demo server started here. Neither: refused (a production app never falls back to the demo).
 */
export async function startAppRuntime(opts: {
  dataDir: string;
  serverUrl?: string;
  demo?: boolean;
  sessionStore?: SessionStore;
  /** Seals the cache's data key: safeStorage in Electron; by default a 0600 key file here. */
  keyStore?: KeyStore;
  /** Sign-in with this OpenID provider; the demo server accepts its ID tokens (citizen_id). */
  oidc?: OidcClientConfig;
}): Promise<AppRuntime> {
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  // Read first: a bad signing variable stops the start before anything else is opened.
  const signing = signingOptionsFromEnv(process.env);
  if (opts.serverUrl === undefined && !opts.demo)
    throw new Error('no central server configured (--server https://…, or --demo)');
  const demo =
    opts.serverUrl === undefined ? await startDemoServer(opts.dataDir, opts.oidc) : undefined;
  const serverUrl = opts.serverUrl ?? demo?.url ?? '';
  try {
    const { cache, keys } = await openDesktopCache({
      file: join(opts.dataDir, 'cache.sqlite'),
      store: opts.keyStore ?? fileKeyStore(join(opts.dataDir, 'cache.key')),
    });
    const api = createDesktopService({
      cache,
      cacheKeys: keys,
      serverUrl,
      // The demo's orgs have no registered seal images: they sign with the stand-in seal.
      signing: demo ? { demoSeals: true, ...signing } : signing,
      ...(opts.sessionStore ? { sessionStore: opts.sessionStore } : {}),
      ...(opts.oidc ? { oidc: opts.oidc } : {}),
      heartbeatMs: HEARTBEAT_MS,
    });
    await api.restoreSession();
    return {
      api,
      serverUrl,
      ...(demo ? { demo: { seeded: demo.seeded } } : {}),
      async close() {
        api.close();
        await cache.close();
        await demo?.close();
      },
    };
  } catch (err) {
    await demo?.close();
    throw err;
  }
}
