import { z } from 'zod';
import { SessionUser } from '../../api/auth';
import type { SqliteHandle } from '../../db/sqlite';
import { setSyncState, syncStateValue } from '../../sync/repositories/sync-state';

const KEY = 'offline_login';

/**
 * Who may open this cache offline. `verifier` is only read from caches written before the key
 * hierarchy (docs/decisions/0018) and is dropped at the next save.
 */
export const OfflineLogin = z.object({ user: SessionUser, verifier: z.string().optional() });
export type OfflineLogin = z.infer<typeof OfflineLogin>;

export function offlineLoginRepo(handle: SqliteHandle) {
  const get = syncStateValue(handle);
  const set = setSyncState(handle);
  return {
    read(): OfflineLogin | undefined {
      const text = get.get({ key: KEY });
      if (text === undefined) return undefined;
      try {
        const parsed = OfflineLogin.safeParse(JSON.parse(text));
        return parsed.success ? parsed.data : undefined;
      } catch {
        return undefined;
      }
    },
    save(login: OfflineLogin): void {
      set.run({ key: KEY, value: JSON.stringify(login) });
    },
  };
}
