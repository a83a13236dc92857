import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { freshServerDatabase } from '../../scripts/test-support/databases';
import { loginAs, type LoggedIn } from '../../scripts/test-support/login';
import { openServerDb, type ServerDb, type ServerEngine } from '../../src/db/server-db';
import { buildServer } from '../app';
import type { Db } from '../repositories/db';
import { PASSWORD, seedFixture } from './fixture';

type ServerOptions = Parameters<typeof buildServer>[0];

export interface TestServerOptions {
  engine: ServerEngine;
  /** The cluster of the global setup (`inject('postgresUrl')`); unused on SQLite. */
  postgresUrl: string;
  /** Writes the database's rows; the fixture (`seedFixture`) when left out. */
  seed?: (db: Db) => Promise<void>;
  /** The password of the seeded accounts, for the login helpers (the fixture's by default). */
  password?: string;
  /** Where the server's clock starts; tests move it through `clock.now`. */
  startsAt?: Date;
  /** The server reads the wall clock instead, for what is issued now (ID tokens); no `clock`. */
  wallClock?: boolean;
  /** The rest of the server's configuration: transfers (trust anchors), fees, auth, logger. */
  server?: Omit<ServerOptions, 'db' | 'now'>;
}

/** A seeded database and the API on it, listening on loopback, with a clock tests can move. */
export interface TestServer {
  app: FastifyInstance;
  server: ServerDb;
  clock: { now: Date };
  /** e.g. http://127.0.0.1:41234, for HTTP clients; `app.inject` works as well. */
  url: string;
  /** Logs in through the typed client: the session and a client sending its token. */
  loginAs(username: string): Promise<LoggedIn>;
  /** Logs in and returns the access token. */
  tokenFor(username: string): Promise<string>;
  get(url: string, token?: string): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** The one way tests start the reference server: every server test file goes through here. */
export async function openTestServer(options: TestServerOptions): Promise<TestServer> {
  const fresh = await freshServerDatabase(options.engine, options.postgresUrl);
  const server = await openServerDb(fresh.config);
  await (options.seed ?? seedFixture)(server.db);
  const clock = { now: options.startsAt ?? new Date('2026-01-05T09:00:00Z') };
  const app = await buildServer({
    logger: false,
    ...options.server,
    db: server,
    now: options.wallClock ? () => new Date() : () => clock.now,
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const password = options.password ?? PASSWORD;
  return {
    app,
    server,
    clock,
    url,
    loginAs: (username) => loginAs(url, username, password),
    tokenFor: async (username) => (await loginAs(url, username, password)).session.accessToken,
    get: (path, token) =>
      app.inject({
        method: 'GET',
        url: path,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      }),
    async close() {
      await app.close();
      await server.close();
      await fresh.drop();
    },
  };
}
