import { openServerDb, type ServerDbConfig } from '../src/db/server-db';
import { buildServer } from './app';
import type { OidcServerConfig } from './auth/oidc';
import type { FeesConfig } from './payments/config';
import { authOptionsFromEnv } from './routes/auth';

/** Opens the database, builds the API and listens; `close` stops both. */
export async function startServer(opts: {
  port: number;
  host?: string;
  dbConfig: ServerDbConfig;
  logger?: boolean;
  /** Shared HMAC key of the access tokens; random per process when absent. */
  tokenSecret?: Buffer;
  fees?: FeesConfig;
  /** The OpenID provider to accept ID tokens of (else OIDC_* from the environment). */
  oidc?: OidcServerConfig;
}): Promise<{ url: string; close(): Promise<void> }> {
  const db = await openServerDb(opts.dbConfig);
  let app;
  try {
    app = await buildServer({
      db,
      logger: opts.logger ?? false,
      tokenSecret: opts.tokenSecret,
      ...(opts.fees ? { fees: opts.fees } : {}),
      ...(opts.oidc ? { auth: { ...authOptionsFromEnv(process.env), oidc: opts.oidc } } : {}),
    });
    await app.listen({ port: opts.port, host: opts.host ?? '127.0.0.1' });
  } catch (err) {
    await app?.close();
    await db.close();
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const host = opts.host ?? '127.0.0.1';
  const started = app;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: async () => {
      await started.close();
      await db.close();
    },
  };
}
