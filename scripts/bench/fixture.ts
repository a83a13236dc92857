import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { openServerDb } from '../../src/db/server-db';
import { DEMO_PASSWORD } from '../gen/demo-accounts';
import { generatedTemplate } from '../test-support/sync-server';

export type Tier = 'ward' | 'province';

export const BENCH_DIR = join(tmpdir(), 'dangvu-bench-cache');

/**
 * The generated server database of a tier (generated on first use, then reused while the
 * generator is unchanged). The benchmark's own copy: logins write to it.
 */
export async function serverDbFile(tier: Tier, seed: number): Promise<string> {
  console.error(
    `# the ${tier} tier (seed ${seed}) is generated once, then reused from ${BENCH_DIR}`,
  );
  const template = await generatedTemplate(tier, seed);
  const file = join(BENCH_DIR, `server-${basename(template)}`);
  if (!existsSync(file)) {
    mkdirSync(BENCH_DIR, { recursive: true });
    copyFileSync(template, `${file}.partial`);
    renameSync(`${file}.partial`, file);
  }
  return file;
}

/** An active admin of the tier's root org (the province committee, or the ward's root). */
export async function rootAdmin(file: string): Promise<{ username: string; password: string }> {
  const server = await openServerDb({ sqliteFile: file });
  try {
    const row = await server.db
      .selectFrom('user_roles as r')
      .innerJoin('orgs as o', 'o.id', 'r.org_id')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select('u.username')
      .where('r.role', '=', 'admin')
      .where('r.deleted', '=', 0)
      .where('u.status', '=', 'active')
      .orderBy('o.depth')
      .orderBy(sql`u.username`)
      .executeTakeFirstOrThrow();
    return { username: row.username, password: DEMO_PASSWORD };
  } finally {
    await server.close();
  }
}

/** The API in a child process on loopback; `close` ends it. */
export async function startServerProcess(
  file: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'server-child.ts');
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script, file], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (line) =>
      resolve((JSON.parse(line) as { url: string }).url),
    );
  });
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.stdin?.end();
      }),
  };
}

/** Where the cache synced from a server file is kept for the query benchmarks. */
export const syncedCacheFile = (serverFile: string) =>
  join(BENCH_DIR, `client-of-${basename(serverFile)}`);

/** Removes a SQLite file with its WAL and shared-memory files. */
export function removeSqlite(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}
