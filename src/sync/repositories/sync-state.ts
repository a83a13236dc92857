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

export function syncStateRepo(handle: SqliteHandle): SyncStateRepo {
  const getStmt = handle
    .prepare<[string], string>('select value from sync_state where key = ?')
    .pluck();
  const setStmt = handle.prepare<[string, string]>(
    'insert into sync_state (key, value) values (?, ?) on conflict (key) do update set value = excluded.value',
  );
  const removeStmt = handle.prepare<[string]>('delete from sync_state where key = ?');
  const get = (key: SyncKey) => getStmt.get(key);
  return {
    get,
    set: (key, value) => void setStmt.run(key, value),
    remove: (key) => void removeStmt.run(key),
    read: () => ({
      cursor: get(SYNC_KEYS.cursor),
      lastSyncAt: get(SYNC_KEYS.lastSyncAt),
      userId: get(SYNC_KEYS.userId),
      serverUrl: get(SYNC_KEYS.serverUrl),
    }),
  };
}
