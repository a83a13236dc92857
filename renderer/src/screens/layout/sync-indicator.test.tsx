// @vitest-environment jsdom
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus, SyncSummary } from '../../../../src/desktop/contract';
import { NavigationContext } from '../../navigation';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import { SyncIndicator } from './sync-indicator';
import { useSyncStatus } from './use-sync-status';

afterEach(cleanup);

const status = (pulling: boolean, lastSyncAt: string | null): SyncStatus => ({
  serverUrl: 'http://127.0.0.1:1',
  online: true,
  user: null,
  lastSyncAt,
  pulling,
  progress: null,
  outboxCount: 0,
  outboxNeedsAttention: 0,
  lastError: null,
});

const summary: SyncSummary = {
  pulled: 1,
  pages: 1,
  rebuilt: false,
  dossiers: 0,
  entities: ['org'],
  pushed: 0,
  durationMs: 5,
  finishedAt: '2026-12-07T09:00:00.000Z',
};

function Indicator() {
  const sync = useSyncStatus();
  return (
    <NavigationContext.Provider value={{ screen: { name: 'orgs' }, go: () => undefined }}>
      <SyncIndicator sync={sync} readOnly={false} />
    </NavigationContext.Provider>
  );
}

const indicator = () => screen.getByTestId('sync-indicator');

describe('SyncIndicator', () => {
  it('is idle after sync-finished even when the status read at the start answers last', async () => {
    // The host answers each status read when the test says so, in the order it chooses.
    const pending: { answer: SyncStatus; resolve: (s: SyncStatus) => void }[] = [];
    let syncing = false;
    let lastSyncAt: string | null = null;
    const bridge = new FakeDesktopBridge().answer(
      'syncStatus',
      () =>
        new Promise<SyncStatus>((resolve) =>
          // What is true when the read is asked, answered later.
          pending.push({ answer: status(syncing, lastSyncAt), resolve }),
        ),
    );
    const answer = (i: number) => {
      const read = pending[i];
      if (!read) throw new Error(`no status read #${i}`);
      act(() => read.resolve(read.answer));
    };
    renderWithDesktop(<Indicator />, bridge);
    await waitFor(() => expect(pending).toHaveLength(1));
    answer(0);
    await waitFor(() => expect(indicator().dataset.syncState).toBe('idle'));

    // A sync starts (the status is read while it runs), then finishes before that read answers.
    syncing = true;
    act(() =>
      bridge.emit({ type: 'sync-progress', progress: { phase: 'starting', pulled: 0, pages: 0 } }),
    );
    await waitFor(() => expect(pending).toHaveLength(2));
    syncing = false;
    lastSyncAt = summary.finishedAt;
    act(() => bridge.emit({ type: 'sync-finished', summary }));
    expect(indicator().dataset.syncState).toBe('idle');
    // The read begun while syncing answers late: it must not show the sync as running again.
    answer(1);
    await act(() => Promise.resolve());
    expect(indicator().dataset.syncState).toBe('idle');
    // The read asked after sync-finished is a new one, not the one begun while syncing.
    await waitFor(() => expect(pending).toHaveLength(3));
    answer(2);
    await waitFor(() => expect(indicator().dataset.lastSyncAt).toBe(summary.finishedAt));
    expect(indicator().dataset.syncState).toBe('idle');
  });

  it('a press on "Đồng bộ" while a sync runs still reaches the service, which joins it', async () => {
    const bridge = new FakeDesktopBridge()
      .answer('syncStatus', () => status(true, null))
      .answer('syncNow', () => summary);
    renderWithDesktop(<Indicator />, bridge);
    await waitFor(() => expect(indicator().dataset.syncState).toBe('syncing'));
    const button = screen.getByRole('button', { name: /Đồng bộ/ });
    expect(button.getAttribute('aria-busy')).toBe('true');
    act(() => button.click());
    await waitFor(() => expect(bridge.callsOf('syncNow')).toHaveLength(1));
  });
});
