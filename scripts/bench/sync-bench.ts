import { rmSync } from 'node:fs';
import { openClientDb, type ClientDb } from '../../src/db/client-db';
import type { SqliteHandle } from '../../src/db/sqlite';
import { fileKeyStore, type CachePasswordKeys } from '../../src/desktop/cache-keys';
import { keysFileOf, openDesktopCache } from '../../src/desktop/desktop-cache';
import { createDesktopService } from '../../src/desktop/desktop-service';
import { beginBulkWrites } from '../../src/sync/repositories/cache-writer';
import { DEFAULT_PAGE_SIZE } from '../../src/sync/sync-engine';
import { removeSqlite, rootAdmin, startServerProcess, syncedCacheFile } from './fixture';
import { figureLine, ms } from './stats';

const SERVER_TABLES = ['orgs', 'org_bank_accounts', 'members', 'users', 'user_roles'] as const;

export interface SyncFigure {
  rows: number;
  ms: number;
  pages: number;
}

/**
 * The initial pull of the root admin's whole scope into an empty cache, through the desktop layer
 * (login, then syncNow), with the server in its own process. `encrypted` opens the cache as the app
 * does (SQLCipher, key sealed by a key file; docs/decisions/0018) in a file of its own, removed
 * after; the plain run leaves its cache for the query benchmarks.
 */
export async function initialSync(
  serverFile: string,
  opts: { encrypted?: boolean } = {},
): Promise<SyncFigure> {
  const server = await startServerProcess(serverFile);
  const plainFile = syncedCacheFile(serverFile);
  const cacheFile = opts.encrypted ? `${plainFile}.encrypted` : plainFile;
  const encryptionFiles = [`${cacheFile}.key`, keysFileOf(cacheFile)];
  const removeAll = () => {
    removeSqlite(cacheFile);
    for (const f of encryptionFiles) rmSync(f, { force: true });
  };
  removeAll();
  let cache: ClientDb;
  let cacheKeys: CachePasswordKeys | undefined;
  if (opts.encrypted) {
    const store = fileKeyStore(`${cacheFile}.key`);
    ({ cache, keys: cacheKeys } = await openDesktopCache({ file: cacheFile, store }));
  } else {
    cache = await openClientDb(cacheFile);
  }
  try {
    const desktop = createDesktopService({
      cache,
      ...(cacheKeys ? { cacheKeys } : {}),
      serverUrl: server.url,
    });
    const login = await desktop.login(await rootAdmin(serverFile));
    if (!login.ok) throw new Error(`login: ${login.error.message}`);
    const started = performance.now();
    const result = await desktop.syncNow({});
    const elapsed = performance.now() - started;
    if (!result.ok) throw new Error(`sync: ${result.error.message}`);
    return { rows: result.value.pulled, ms: elapsed, pages: result.value.pages };
  } finally {
    await cache.close();
    await server.close();
    if (opts.encrypted) removeAll();
  }
}

/**
 * The initial sync on an encrypted and on a plain cache, `rounds` times each, alternating (the
 * plain one last, so its cache stays for the query benchmarks); the fastest of each, since on a
 * shared machine noise only ever adds time.
 */
export async function encryptedAndPlainSync(
  serverFile: string,
  rounds: number,
): Promise<{ encrypted: SyncFigure; plain: SyncFigure }> {
  const encrypted: SyncFigure[] = [];
  const plain: SyncFigure[] = [];
  for (let round = 0; round < rounds; round++) {
    encrypted.push(await initialSync(serverFile, { encrypted: true }));
    plain.push(await initialSync(serverFile));
  }
  const fastest = (runs: SyncFigure[]) => runs.reduce((a, b) => (b.ms < a.ms ? b : a));
  return { encrypted: fastest(encrypted), plain: fastest(plain) };
}

/**
 * The baseline: the same rows written straight into the same tables of an empty cache, with
 * prepared statements in one transaction, full-text entries included (their text precomputed).
 */
export async function rawInsert(
  source: string,
  target: string,
  withFts: boolean,
): Promise<SyncFigure> {
  removeSqlite(target);
  const from = await openClientDb(source);
  const to = await openClientDb(target);
  try {
    const tables = SERVER_TABLES.map((table) => ({
      table,
      rows: from.handle.prepare(`select * from ${table}`).all() as Record<string, unknown>[],
    }));
    // The indexed text, as the cache writer derives it (folded name, ids or code).
    const ftsText = {
      members: from.handle
        .prepare(
          `select id, name_folded || ' ' || citizen_id || coalesce(' ' || lower(card_no), '') ||
                  coalesce(' ' || lower(profile_no), '') as text from members`,
        )
        .all() as { id: string; text: string }[],
      orgs: from.handle
        .prepare(`select id, name_folded || ' ' || code as text from orgs`)
        .all() as { id: string; text: string }[],
    };
    const textOf = {
      members: new Map(ftsText.members.map((r) => [r.id, r.text])),
      orgs: new Map(ftsText.orgs.map((r) => [r.id, r.text])),
    };
    const rows = tables.reduce((n, t) => n + t.rows.length, 0);
    // The same connection settings as the sync's, checkpoint included.
    const started = performance.now();
    const bulk = beginBulkWrites(to.handle);
    writeAll(to.handle, tables, withFts ? textOf : undefined);
    bulk.finish(1);
    return { rows, ms: performance.now() - started, pages: 1 };
  } finally {
    await from.close();
    await to.close();
    removeSqlite(target);
  }
}

function writeAll(
  handle: SqliteHandle,
  tables: { table: string; rows: Record<string, unknown>[] }[],
  fts: { members: Map<string, string>; orgs: Map<string, string> } | undefined,
): void {
  handle.transaction(() => {
    for (const { table, rows } of tables) {
      const first = rows[0];
      if (!first) continue;
      const columns = Object.keys(first);
      const insert = handle.prepare(
        `insert into ${table} (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`,
      );
      const texts =
        fts && (table === 'members' ? fts.members : table === 'orgs' ? fts.orgs : undefined);
      const ftsInsert =
        texts && handle.prepare(`insert into ${table}_fts (rowid, text) values (?, ?)`);
      for (const row of rows) {
        const { lastInsertRowid } = insert.run(row);
        if (ftsInsert && texts) ftsInsert.run(lastInsertRowid, texts.get(row.id as string) ?? '');
      }
    }
  })();
}

/**
 * With `plain`, the figure is the encrypted sync and `cipher_ratio` its cost over the plain one.
 */
export function syncLine(
  name: string,
  figure: SyncFigure,
  raw: SyncFigure,
  plain?: SyncFigure,
): string {
  const perS = Math.round((figure.rows / figure.ms) * 1000);
  const cipher = plain ? ` cipher_ratio=${(figure.ms / plain.ms).toFixed(2)}` : '';
  const line = figureLine(name, {
    rows: figure.rows,
    ms: Math.round(figure.ms),
    rows_per_s: perS,
    ratio_vs_raw: (figure.ms / raw.ms).toFixed(2),
  });
  return `${line}${cipher}`;
}

export function rawLine(name: string, raw: SyncFigure): string {
  const perS = Math.round((raw.rows / raw.ms) * 1000);
  return `bench ${name} rows=${raw.rows} ms=${ms(raw.ms)} rows_per_s=${perS}`;
}

export const SYNC_PAGE_SIZE = DEFAULT_PAGE_SIZE;
