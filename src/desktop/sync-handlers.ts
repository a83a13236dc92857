import type { SyncProgress } from '../sync/progress';
import { syncStateRepo } from '../sync/repositories/sync-state';
import type { DesktopError } from './contract';
import { toDesktopError, type HandlersFor, type ServiceContext } from './service-context';

export type SyncCall = 'syncNow' | 'syncStatus' | 'checkConnection';

/** What the service knows of the connection and the sync between calls. */
export interface SyncActivity {
  /** null until the first call to the server answers or fails. */
  online: boolean | null;
  /** The sync under way; null when none is. */
  progress: SyncProgress | null;
  /** Why the last sync failed; null after a successful one. */
  lastError: DesktopError | null;
}

/** Syncing with the central API, and what the status bar shows of it. */
export function syncHandlers(ctx: ServiceContext, activity: SyncActivity): HandlersFor<SyncCall> {
  const { api, engine, serverUrl, session } = ctx;
  const syncState = syncStateRepo(ctx.handle);

  return {
    async syncNow() {
      const user = ctx.requireServerSession();
      try {
        const summary = await engine.sync({ userId: user.id, serverUrl });
        activity.lastError = null;
        return summary;
      } catch (err) {
        activity.progress = null;
        activity.lastError = toDesktopError(err);
        ctx.emit({ type: 'sync-failed', error: activity.lastError });
        // A refused refresh ended the session: tell the UI to ask for the password again.
        if (!session.current) ctx.emit({ type: 'session-changed', user: ctx.currentUser() });
        throw err;
      }
    },
    syncStatus() {
      const counts = engine.outboxCounts();
      return {
        serverUrl,
        online: activity.online,
        user: ctx.currentUser(),
        lastSyncAt: syncState.read().lastSyncAt ?? null,
        pulling: engine.pulling,
        progress: activity.progress,
        outboxCount: counts.total,
        outboxNeedsAttention: counts.needsAttention,
        lastError: activity.lastError,
      };
    },
    async checkConnection() {
      await ctx.tracked(api.health()).catch(() => undefined);
      return { online: activity.online === true };
    },
  };
}
