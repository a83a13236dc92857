import { z } from 'zod';
import { SessionUser } from '../../api/auth';
import type { SqliteHandle } from '../../db/sqlite';

const KEY = 'offline_login';

/**
 * Who may open this cache offline. `verifier` is only read from caches written before the key
 * hierarchy (docs/decisions/0018) and is dropped at the next save.
 */
export const OfflineLogin = z.object({ user: SessionUser, verifier: z.string().optional() });
export type OfflineLogin = z.infer<typeof OfflineLogin>;

export function offlineLoginRepo(handle: SqliteHandle) {
  const get = handle
    .prepare<[string], string>('select value from sync_state where key = ?')
    .pluck();
  const set = handle.prepare<[string, string]>(
    'insert into sync_state (key, value) values (?, ?) on conflict (key) do update set value = excluded.value',
  );
  return {
    read(): OfflineLogin | undefined {
      const text = get.get(KEY);
      if (text === undefined) return undefined;
      try {
        const parsed = OfflineLogin.safeParse(JSON.parse(text));
        return parsed.success ? parsed.data : undefined;
      } catch {
        return undefined;
      }
    },
    save(login: OfflineLogin): void {
      set.run(KEY, JSON.stringify(login));
    },
  };
}
