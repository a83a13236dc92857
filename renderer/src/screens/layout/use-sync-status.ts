import { App } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SyncProgress, SyncStatus } from '../../../../src/desktop/contract';
import { PRIMED_FOR_MS, useBridge, useDesktopEvents, useFetchDesktop } from '../../desktop-context';

/** How often the connection is checked: often while offline, to notice the server coming back. */
const CHECK_ONLINE_MS = 60_000;
const CHECK_OFFLINE_MS = 10_000;

export interface SyncState {
  status: SyncStatus | undefined;
  /** Progress of the running sync, from `sync-progress` events. */
  progress: SyncProgress | null;
  syncing: boolean;
  syncNow(): Promise<void>;
}

/** The sync status, kept fresh by app events and a periodic connection check. */
export function useSyncStatus(): SyncState {
  const bridge = useBridge();
  const fetchDesktop = useFetchDesktop();
  const { message } = App.useApp();
  const [status, setStatus] = useState<SyncStatus>();
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  const [syncing, setSyncing] = useState(false);
  const mounted = useRef(true);
  /** Syncs ended so far: a status read asked before the last one ended says "pulling" wrongly. */
  const syncsEnded = useRef(0);

  /** Fresh by default; on mount, the answer primed at start-up will do. */
  const refresh = useCallback(
    (maxAgeMs = 0) => {
      const endedBefore = syncsEnded.current;
      return fetchDesktop('syncStatus', {}, maxAgeMs).then(
        (value) => {
          if (!mounted.current) return;
          // The read asked at sync-finished answers next; this one would show the sync as running.
          if (syncsEnded.current !== endedBefore) return;
          setStatus(value);
          if (!value.pulling) setProgress(null);
        },
        () => {
          // The indicator keeps the last status it had.
        },
      );
    },
    [fetchDesktop],
  );

  useEffect(() => {
    mounted.current = true;
    void refresh(PRIMED_FOR_MS);
    return () => {
      mounted.current = false;
    };
  }, [refresh]);

  const online = status?.online;
  useEffect(() => {
    const timer = setInterval(
      () => void bridge.call('checkConnection', {}).then(() => refresh()),
      online === false ? CHECK_OFFLINE_MS : CHECK_ONLINE_MS,
    );
    return () => clearInterval(timer);
  }, [bridge, refresh, online]);

  useDesktopEvents((event) => {
    switch (event.type) {
      case 'sync-progress':
        setProgress(event.progress.phase === 'finished' ? null : event.progress);
        if (event.progress.phase === 'starting') void refresh();
        break;
      case 'sync-finished':
      case 'sync-failed':
        syncsEnded.current++;
        setProgress(null);
        setStatus((s) => s && { ...s, pulling: false });
        void refresh();
        break;
      case 'outbox-changed':
        // The counts arrive with the event: shown at once, the rest read again.
        setStatus(
          (s) =>
            s && {
              ...s,
              outboxCount: event.outboxCount,
              outboxNeedsAttention: event.outboxNeedsAttention,
            },
        );
        void refresh();
        break;
      case 'outbox-empty':
      case 'online-changed':
      case 'session-changed':
        void refresh();
        break;
      case 'dossiers-changed':
      case 'residence-changed':
      case 'accounts-changed':
      case 'users-changed':
      case 'orgs-changed':
      case 'update-ready':
      case 'notifications-raised':
      case 'signing-progress':
      case 'oidc-login-failed':
        break;
    }
  });

  const syncNow = useCallback(async () => {
    setSyncing(true);
    const result = await bridge.call('syncNow', {});
    setSyncing(false);
    void refresh();
    if (!result.ok) message.error(result.error.messageVi);
  }, [bridge, message, refresh]);

  // Progress events count too: a sync that began before this frame mounted (the one right after
  // login) is known by its events while the status read at mount may predate it.
  return {
    status,
    progress,
    syncing: syncing || status?.pulling === true || progress !== null,
    syncNow,
  };
}
