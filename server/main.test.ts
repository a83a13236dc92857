import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import axios from 'axios';
import { describe, expect, inject, it } from 'vitest';
import { freshServerDatabase, serverEngines } from '../scripts/test-support/databases';
import { loginAs } from '../scripts/test-support/login';
import { openServerDb } from '../src/db/server-db';
import { startServer } from './main';
import { PASSWORD, seedFixture } from './test-support/fixture';

describe.each(serverEngines)('the server on a real socket, %s', (engine) => {
  it('listens on 127.0.0.1, logs in over HTTP and closes', async () => {
    const fresh = await freshServerDatabase(engine, inject('postgresUrl'));
    const seeded = await openServerDb(fresh.config);
    await seedFixture(seeded.db);
    await seeded.close();
    const server = await startServer({ port: 0, dbConfig: fresh.config });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const http = axios.create({ baseURL: server.url, validateStatus: () => true });
      expect((await http.get('/v1/health')).data).toEqual({ status: 'ok' });
      const { session } = await loginAs(server.url, 'qt.viethung', PASSWORD);
      const me = await http.get('/v1/me', {
        headers: { Authorization: `Bearer ${session.accessToken}` },
      });
      expect(me.data).toMatchObject({ user: { username: 'qt.viethung' } });
    } finally {
      await server.close();
      await fresh.drop();
    }
  });

  it('starts from the command line and stops on SIGTERM', async () => {
    const fresh = await freshServerDatabase(engine, inject('postgresUrl'));
    const file = 'sqliteFile' in fresh.config ? fresh.config.sqliteFile : 'unused.sqlite';
    const env = { ...process.env };
    if ('databaseUrl' in fresh.config) env.DATABASE_URL = fresh.config.databaseUrl;
    else delete env.DATABASE_URL;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'server/cli.ts', '--port', '0', '--db', file, '--quiet'],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      let url = '';
      for await (const line of createInterface({ input: child.stdout })) {
        const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
        if (match?.[1]) {
          url = match[1];
          break;
        }
      }
      expect(url).not.toBe('');
      const health = await fetch(`${url}/v1/health`);
      expect(await health.json()).toEqual({ status: 'ok' });
      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(0);
    } finally {
      child.kill('SIGKILL');
      await fresh.drop();
    }
  });
});

describe('server command line errors', () => {
  it('exit 2 with a message', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', '--port', 'x'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(stderr).toContain("--port must be a number from 0 to 65535, got 'x'");
    expect(stderr).toContain('usage: npm run server');
  });
});
