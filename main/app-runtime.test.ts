import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Plain from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { isPlainSqliteFile } from '../src/db/sqlcipher';
import { startAppRuntime } from './app-runtime';

// What `npm start` leaves in its data directory: an encrypted cache and its keys, owner-only.

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'app-runtime-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

it('opens the cache encrypted under a 0600 key file, and again after a restart', async () => {
  const first = await startAppRuntime({ dataDir, serverUrl: 'http://127.0.0.1:9' });
  expect(await first.api.session({})).toMatchObject({ ok: true });
  await first.close();

  const cache = join(dataDir, 'cache.sqlite');
  expect(isPlainSqliteFile(cache)).toBe(false);
  const plain = new Plain(cache, { readonly: true });
  expect(() => plain.prepare('select count(*) from sqlite_master').get()).toThrow(
    'file is not a database',
  );
  plain.close();
  for (const file of ['cache.key', 'cache.sqlite.keys'])
    expect(statSync(join(dataDir, file)).mode & 0o777).toBe(0o600);

  const again = await startAppRuntime({ dataDir, serverUrl: 'http://127.0.0.1:9' });
  await again.close();
  expect(readdirSync(dataDir).filter((f) => f.includes('unreadable'))).toEqual([]);
});
