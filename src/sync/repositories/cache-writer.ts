import type { PullChange, SyncEntity } from '../../api/sync';
import type { DossierWire } from '../../api/transfers';
import { clientColumns, type ClientDatabase } from '../../db/client-schema';
import type { SqliteHandle } from '../../db/sqlite';
import {
  accountRequestRow,
  bankAccountRow,
  dossierRouteOrgRows,
  dossierRow,
  holidayYearRow,
  residenceCampaignRow,
  residenceFormRow,
  residenceRequestRow,
  memberRow,
  memberSearchText,
  orgRow,
  orgSearchText,
  userRoleRow,
  userRow,
  type BankAccountRow,
  type DossierRouteOrgRow,
  type DossierRow,
  type MemberRow,
  type OrgRow,
  type UserRoleRow,
  type UserRow,
} from '../cache-rows';
import { SYNC_KEYS, syncStateRepo } from './sync-state';

// The hot path of sync: prepared statements on the raw handle, one transaction per pulled page.
// No query builder here (docs/decisions/0022), but the same schema: table names are keys of
// ClientDatabase, every column list is the table's full list from CLIENT_COLUMNS, and each
// statement's parameter object is the table's row type.

/** Server-owned tables, written only by pull; `outbox` and `sync_state` are not among them. */
export const SERVER_OWNED_TABLES = [
  'orgs',
  'org_bank_accounts',
  'members',
  'users',
  'user_roles',
  'dossiers',
  'dossier_route_orgs',
] as const;

const TABLE_OF: Record<
  SyncEntity,
  Exclude<(typeof SERVER_OWNED_TABLES)[number], `dossier${string}`>
> = {
  org: 'orgs',
  bankAccount: 'org_bank_accounts',
  member: 'members',
  user: 'users',
  userRole: 'user_roles',
};

type Table = keyof ClientDatabase;
type Column<T extends Table> = keyof ClientDatabase[T] & string;
type FtsTable = 'members_fts' | 'orgs_fts';

const insertSql = <T extends Table>(table: T, columns: readonly Column<T>[]) =>
  `insert into ${table} (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`;

const updateSql = <T extends Table>(table: T, columns: readonly Column<T>[]) =>
  `update ${table} set ${columns
    .filter((c) => c !== 'id')
    .map((c) => `${c} = @${c}`)
    .join(', ')} where id = @id`;

const upsertSql = <T extends Table>(table: T, columns: readonly Column<T>[]) =>
  `${insertSql(table, columns)} on conflict (id) do update set ${columns
    .filter((c) => c !== 'id')
    .map((c) => `${c} = excluded.${c}`)
    .join(', ')}`;

/**
 * Writes a table that has a contentless FTS5 shadow keyed by the row's rowid: the index entry is
 * deleted and re-inserted only when the indexed text changed.
 */
function indexedTable<T extends 'orgs' | 'members', Row extends ClientDatabase[T]>(
  handle: SqliteHandle,
  table: T,
  fts: FtsTable,
  indexedColumns: readonly Column<T>[],
  searchText: (row: Row) => string,
) {
  const columns = clientColumns(table);
  const find = handle.prepare<[string], { rowid: number } & Partial<Row>>(
    `select rowid, ${indexedColumns.join(', ')} from ${table} where id = ?`,
  );
  // New rows (all of them in an initial sync) cost one statement; a conflict means an update.
  const insert = handle.prepare<[Row]>(`${insertSql(table, columns)} on conflict (id) do nothing`);
  const update = handle.prepare<[Row]>(updateSql(table, columns));
  const remove = handle.prepare<[number]>(`delete from ${table} where rowid = ?`);
  const ftsInsert = handle.prepare<[number | bigint, string]>(
    `insert into ${fts} (rowid, text) values (?, ?)`,
  );
  const ftsDelete = handle.prepare<[number]>(`delete from ${fts} where rowid = ?`);
  return {
    upsert(row: Row): void {
      const inserted = insert.run(row);
      if (inserted.changes === 1) {
        ftsInsert.run(inserted.lastInsertRowid, searchText(row));
        return;
      }
      const old = find.get(row.id);
      if (!old) throw new Error(`${table} ${row.id} neither inserted nor found`);
      update.run(row);
      const text = searchText(row);
      if (searchText(old as unknown as Row) !== text) {
        ftsDelete.run(old.rowid);
        ftsInsert.run(old.rowid, text);
      }
    },
    delete(id: string): void {
      const old = find.get(id);
      if (!old) return;
      ftsDelete.run(old.rowid);
      remove.run(old.rowid);
    },
    clear(): void {
      handle.prepare(`delete from ${table}`).run();
      // The contentless table's own command: drops the whole index at once.
      handle.prepare(`insert into ${fts} (${fts}) values ('delete-all')`).run();
    },
  };
}

function plainTable<T extends Exclude<Table, 'orgs' | 'members'>, Row extends ClientDatabase[T]>(
  handle: SqliteHandle,
  table: T,
) {
  const upsert = handle.prepare<[Row]>(upsertSql(table, clientColumns(table)));
  const remove = handle.prepare<[string]>(`delete from ${table} where id = ?`);
  return {
    upsert: (row: Row): void => void upsert.run(row),
    delete: (id: string): void => void remove.run(id),
    clear: (): void => void handle.prepare(`delete from ${table}`).run(),
  };
}

const FTS_TABLES = ['members_fts', 'orgs_fts'] as const satisfies readonly FtsTable[];
/** FTS5's own defaults, put back after a run. */
const FTS_AUTOMERGE = 4;
const FTS_CRISISMERGE = 16;
/** Runs of at least this many pages leave enough index segments to be worth one merge. */
const OPTIMIZE_AFTER_PAGES = 16;

/** Dossiers and the orgs of their routes: a route may be re-planned, so its rows are replaced. */
function dossierTables(handle: SqliteHandle) {
  const dossiers = plainTable<'dossiers', DossierRow>(handle, 'dossiers');
  const removeRoute = handle.prepare<[string]>(
    'delete from dossier_route_orgs where dossier_id = ?',
  );
  const insertRouteOrg = handle.prepare<[DossierRouteOrgRow]>(
    insertSql('dossier_route_orgs', clientColumns('dossier_route_orgs')),
  );
  return {
    upsert(d: DossierWire, rev: number): void {
      dossiers.upsert(dossierRow(d, rev));
      removeRoute.run(d.id);
      for (const row of dossierRouteOrgRows(d)) insertRouteOrg.run(row);
    },
    clear(): void {
      dossiers.clear();
      handle.prepare('delete from dossier_route_orgs').run();
    },
  };
}

export interface BulkWriteSession {
  /** Restores the settings and merges the full-text segments the run left, if many. */
  finish(pagesWritten: number): void;
}

/**
 * Settings for a run of many page transactions:
 * - a 64 MiB page cache (the default 2 MiB is far below a province's indexes);
 * - a checkpoint every 64 MiB of WAL instead of 4 MiB, so index pages dirtied by many pages are
 *   copied back once;
 * - FTS5 segment merging postponed: every page commits one segment per index, and merging them
 *   while writing costs more than one merge at the end.
 */
export function beginBulkWrites(handle: SqliteHandle): BulkWriteSession {
  const cacheSize = Number(handle.pragma('cache_size', { simple: true }));
  const autoCheckpoint = Number(handle.pragma('wal_autocheckpoint', { simple: true }));
  handle.pragma('cache_size = -65536');
  handle.pragma('wal_autocheckpoint = 16384');
  // Literal values: FTS5 takes integers only, and better-sqlite3 binds numbers as reals.
  const ftsConfig = (automerge: number, crisismerge: number) =>
    handle.transaction(() => {
      for (const fts of FTS_TABLES) {
        handle.exec(`insert into ${fts} (${fts}, rank) values ('automerge', ${automerge})`);
        handle.exec(`insert into ${fts} (${fts}, rank) values ('crisismerge', ${crisismerge})`);
      }
    })();
  ftsConfig(0, 1999);
  return {
    finish(pagesWritten) {
      ftsConfig(FTS_AUTOMERGE, FTS_CRISISMERGE);
      if (pagesWritten >= OPTIMIZE_AFTER_PAGES) {
        for (const fts of FTS_TABLES)
          handle.prepare(`insert into ${fts} (${fts}) values ('optimize')`).run();
      }
      handle.pragma(`cache_size = ${cacheSize}`);
      handle.pragma(`wal_autocheckpoint = ${autoCheckpoint}`);
      handle.pragma('wal_checkpoint(PASSIVE)');
    },
  };
}

/** What one applied page changed that screens other than the org tree care about. */
export interface PageEffects {
  dossiers: number;
}

export interface CacheWriter {
  /** Applies one pulled page and stores its cursor, atomically. */
  applyPage(changes: readonly PullChange[], nextCursor: string): PageEffects;
  /** Empties the server-owned tables and forgets the cursor, atomically; the outbox stays. */
  clearServerState(): void;
  /**
   * Starts a cache for another user or server: clears it and records who it belongs to. What the
   * previous user queued is never sent under the new one: it waits for a user to discard it.
   */
  resetFor(identity: { userId: string; serverUrl: string }): void;
}

export function createCacheWriter(handle: SqliteHandle): CacheWriter {
  const state = syncStateRepo(handle);
  const orgs = indexedTable<'orgs', OrgRow>(
    handle,
    'orgs',
    'orgs_fts',
    ['name_folded', 'code'],
    orgSearchText,
  );
  const members = indexedTable<'members', MemberRow>(
    handle,
    'members',
    'members_fts',
    ['name_folded', 'citizen_id', 'card_no', 'profile_no'],
    memberSearchText,
  );
  const bankAccounts = plainTable<'org_bank_accounts', BankAccountRow>(handle, 'org_bank_accounts');
  const users = plainTable<'users', UserRow>(handle, 'users');
  const userRoles = plainTable<'user_roles', UserRoleRow>(handle, 'user_roles');
  const writers = { orgs, org_bank_accounts: bankAccounts, members, users, user_roles: userRoles };
  const dossiers = dossierTables(handle);
  // Kept like dossiers: written by pull, cleared only when the cache is rebuilt.
  const residenceRequests = plainTable<'residence_requests', ClientDatabase['residence_requests']>(
    handle,
    'residence_requests',
  );
  const residenceForms = plainTable<'residence_forms', ClientDatabase['residence_forms']>(
    handle,
    'residence_forms',
  );
  const accountRequests = plainTable<'account_requests', ClientDatabase['account_requests']>(
    handle,
    'account_requests',
  );
  const holidayYears = plainTable<'holiday_years', ClientDatabase['holiday_years']>(
    handle,
    'holiday_years',
  );
  const residenceCampaigns = plainTable<
    'residence_campaigns',
    ClientDatabase['residence_campaigns']
  >(handle, 'residence_campaigns');
  // Downloaded copies go with the data that referred to them; bytes made here wait for upload.
  const clearFetchedBlobs = handle.prepare('delete from blob_cache where needs_upload = 0');
  const holdForeignOutbox = handle.prepare(
    `update outbox set status = 'needs_attention', result_code = 'other_user',
       message = 'Thao tác của tài khoản khác trên máy này, chưa được gửi lên máy chủ.'
     where status not in ('needs_attention', 'applied')`,
  );
  // Applied entries stand in for state the pull brings: a rebuilt cache pulls it all again.
  const dropAppliedOutbox = handle.prepare(`delete from outbox where status = 'applied'`);

  function apply(change: PullChange): void {
    if (change.op === 'delete') return writers[TABLE_OF[change.entity]].delete(change.id);
    switch (change.entity) {
      case 'org':
        return orgs.upsert(orgRow(change.data, change.rev));
      case 'member':
        return members.upsert(memberRow(change.data, change.rev));
      case 'bankAccount':
        return bankAccounts.upsert(bankAccountRow(change.data, change.rev));
      case 'user':
        return users.upsert(userRow(change.data, change.rev));
      case 'userRole':
        return userRoles.upsert(userRoleRow(change.data, change.rev));
      case 'dossier':
        return dossiers.upsert(change.data, change.rev);
      case 'residenceRequest':
        return residenceRequests.upsert(residenceRequestRow(change.data, change.rev));
      case 'residenceForm':
        return residenceForms.upsert(residenceFormRow(change.data, change.rev));
      case 'accountRequest':
        return accountRequests.upsert(accountRequestRow(change.data, change.rev));
      case 'holidayYear':
        return holidayYears.upsert(holidayYearRow(change.data, change.rev));
      case 'residenceCampaign':
        return residenceCampaigns.upsert(residenceCampaignRow(change.data, change.rev));
    }
  }

  const clearServerState = () => {
    for (const table of Object.values(writers)) table.clear();
    dossiers.clear();
    residenceRequests.clear();
    residenceForms.clear();
    accountRequests.clear();
    holidayYears.clear();
    residenceCampaigns.clear();
    clearFetchedBlobs.run();
    state.remove(SYNC_KEYS.cursor);
    state.remove(SYNC_KEYS.lastSyncAt);
  };

  return {
    applyPage: handle.transaction((changes: readonly PullChange[], nextCursor: string) => {
      let dossierChanges = 0;
      for (const change of changes) {
        apply(change);
        if (change.entity === 'dossier') dossierChanges += 1;
      }
      state.set(SYNC_KEYS.cursor, nextCursor);
      return { dossiers: dossierChanges };
    }),
    clearServerState: handle.transaction(clearServerState),
    resetFor: handle.transaction((identity: { userId: string; serverUrl: string }) => {
      const previous = state.read();
      if (previous.userId !== undefined && previous.userId !== identity.userId)
        holdForeignOutbox.run();
      clearServerState();
      dropAppliedOutbox.run();
      state.set(SYNC_KEYS.userId, identity.userId);
      state.set(SYNC_KEYS.serverUrl, identity.serverUrl);
    }),
  };
}
