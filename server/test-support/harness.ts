import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { freshServerDatabase } from '../../scripts/test-support/databases';
import { openServerDb, type ServerDb, type ServerEngine } from '../../src/db/server-db';
import { buildServer } from '../app';
import { PASSWORD, seedFixture } from './fixture';

/** A seeded database and the API on it, with a clock tests can move. */
export interface TestServer {
  app: FastifyInstance;
  server: ServerDb;
  clock: { now: Date };
  /** Logs in and returns the access token. */
  tokenFor(username: string): Promise<string>;
  get(url: string, token?: string): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function openTestServer(
  engine: ServerEngine,
  postgresUrl: string,
  options: { logger?: object } = {},
): Promise<TestServer> {
  const fresh = await freshServerDatabase(engine, postgresUrl);
  const server = await openServerDb(fresh.config);
  await seedFixture(server.db);
  const clock = { now: new Date('2026-01-05T09:00:00Z') };
  const app = await buildServer({
    db: server,
    logger: options.logger ?? false,
    now: () => clock.now,
  });
  return {
    app,
    server,
    clock,
    async tokenFor(username) {
      const res = await app.inject({
        method: 'POST',
        url: '/v1/auth/login',
        payload: { username, password: PASSWORD },
      });
      if (res.statusCode !== 200)
        throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      return (res.json() as { accessToken: string }).accessToken;
    },
    get: (url, token) =>
      app.inject({
        method: 'GET',
        url,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      }),
    async close() {
      await app.close();
      await server.close();
      await fresh.drop();
    },
  };
}
