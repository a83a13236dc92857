import { createHash } from 'node:crypto';
import type { SqliteHandle } from '../../src/db/sqlite';

/**
 * A canonical dump of a desktop cache, to compare two caches: every server-owned table sorted by
 * id, the cursor, and the full-text indexes read back term by term (fts5vocab) and mapped to row
 * ids, so rowid differences do not matter but a stale or missing index entry does.
 */
export function dumpCache(handle: SqliteHandle): Record<string, string> {
  const tables = ['orgs', 'org_bank_accounts', 'members', 'users', 'user_roles'];
  const dump: Record<string, string> = {};
  const hash = (rows: unknown[]) => createHash('sha256').update(JSON.stringify(rows)).digest('hex');
  for (const table of tables) {
    const rows = handle.prepare(`select * from ${table} order by id`).all();
    dump[table] = `${rows.length}:${hash(rows)}`;
  }
  for (const [fts, table] of [
    ['members_fts', 'members'],
    ['orgs_fts', 'orgs'],
  ] as const) {
    const vocab = `temp.${fts}_vocab`;
    handle.exec(
      `create virtual table if not exists ${vocab} using fts5vocab(main, ${fts}, instance)`,
    );
    const entries = handle
      .prepare(
        `select t.id, v.term, v.offset from ${vocab} v left join ${table} t on t.rowid = v.doc
         order by t.id, v.offset`,
      )
      .all();
    const docs = handle.prepare(`select count(*) from ${fts}`).pluck().get();
    dump[fts] = `${docs}:${entries.length}:${hash(entries)}`;
  }
  dump.cursor = String(
    handle.prepare(`select value from sync_state where key = 'cursor'`).pluck().get(),
  );
  return dump;
}

/** Index entries that point at no row: must be none. */
export function orphanIndexEntries(handle: SqliteHandle): number {
  let orphans = 0;
  for (const [fts, table] of [
    ['members_fts', 'members'],
    ['orgs_fts', 'orgs'],
  ] as const) {
    orphans += Number(
      handle
        .prepare(`select count(*) from ${fts} where rowid not in (select rowid from ${table})`)
        .pluck()
        .get(),
    );
    orphans += Number(
      handle
        .prepare(`select count(*) from ${table} where rowid not in (select rowid from ${fts})`)
        .pluck()
        .get(),
    );
  }
  return orphans;
}
