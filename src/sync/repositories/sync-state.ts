import { prepareColumnQuery, prepareQuery, type Params } from '../../db/client-query';
import type { SqliteHandle } from '../../db/sqlite';

/** Keys of `sync_state`. The cursor moves only together with the data it describes. */
export const SYNC_KEYS = {
  cursor: 'cursor',
  lastSyncAt: 'last_sync_at',
  userId: 'user_id',
  serverUrl: 'server_url',
} as const;
export type SyncKey = (typeof SYNC_KEYS)[keyof typeof SYNC_KEYS];

export interface SyncState {
  cursor: string | undefined;
  lastSyncAt: string | undefined;
  userId: string | undefined;
  serverUrl: string | undefined;
}

export interface SyncStateRepo {
  read(): SyncState;
  get(key: SyncKey): string | undefined;
  set(key: SyncKey, value: string): void;
  remove(key: SyncKey): void;
}

/** The value under a key of `sync_state`; also read by repositories that cache per sync. */
export const syncStateValue = (handle: SqliteHandle) =>
  prepareColumnQuery(handle, (db, p: Params<{ key: string }>) =>
    db.selectFrom('sync_state').select('value').where('key', '=', p.key),
  );

export const setSyncState = (handle: SqliteHandle) =>
  prepareQuery(handle, (db, p: Params<{ key: string; value: string }>) =>
    db
      .insertInto('sync_state')
      .values({ key: p.key, value: p.value })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })),
      ),
  );

export function syncStateRepo(handle: SqliteHandle): SyncStateRepo {
  const getStmt = syncStateValue(handle);
  const setStmt = setSyncState(handle);
  const removeStmt = prepareQuery(handle, (db, p: Params<{ key: string }>) =>
    db.deleteFrom('sync_state').where('key', '=', p.key),
  );
  const get = (key: SyncKey) => getStmt.get({ key });
  return {
    get,
    set: (key, value) => void setStmt.run({ key, value }),
    remove: (key) => void removeStmt.run({ key }),
    read: () => ({
      cursor: get(SYNC_KEYS.cursor),
      lastSyncAt: get(SYNC_KEYS.lastSyncAt),
      userId: get(SYNC_KEYS.userId),
      serverUrl: get(SYNC_KEYS.serverUrl),
    }),
  };
}
