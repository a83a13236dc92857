// @vitest-environment jsdom
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncSummary } from '../../src/desktop/contract';
import { useDesktopQuery } from './desktop-context';
import { FakeDesktopBridge } from './test-support/fake-desktop-bridge';
import { renderWithDesktop } from './test-support/render-with-desktop';

afterEach(cleanup);

const finished = (entities: SyncSummary['entities']): SyncSummary => ({
  pulled: entities.length,
  pages: 1,
  rebuilt: false,
  dossiers: 0,
  entities,
  pushed: 0,
  durationMs: 1,
  finishedAt: '2026-01-01T00:00:00.000Z',
});

/** Shows the count of users found and whether the answer is the current one. */
function UserCount({ q }: { q: string | null }) {
  const list = useDesktopQuery('listUsers', q === null ? null : { q, limit: 10 });
  return (
    <div data-testid="count" data-settled={String(list.settled)}>
      {list.error ? list.error.messageVi : (list.data?.total ?? '-')}
    </div>
  );
}

function usersAnswering(totals: number[]) {
  const bridge = new FakeDesktopBridge();
  let next = 0;
  bridge.answer('listUsers', () => ({
    items: [],
    total: totals[Math.min(next++, totals.length - 1)] ?? 0,
    truncated: false,
    positions: [],
  }));
  return bridge;
}

const settledCount = async () => {
  await waitFor(() => expect(screen.getByTestId('count').dataset.settled).toBe('true'));
  return screen.getByTestId('count').textContent;
};

describe('useDesktopQuery', () => {
  it('reads again when a sync pulled the entity it shows, and only then', async () => {
    const bridge = usersAnswering([3, 4]);
    renderWithDesktop(<UserCount q="an" />, bridge);
    expect(await settledCount()).toBe('3');

    act(() => bridge.emit({ type: 'sync-finished', summary: finished(['dossier']) }));
    expect(await settledCount()).toBe('3');
    expect(bridge.callsOf('listUsers')).toHaveLength(1);

    act(() => bridge.emit({ type: 'sync-finished', summary: finished(['user']) }));
    await waitFor(() => expect(screen.getByTestId('count').textContent).toBe('4'));
    expect(bridge.callsOf('listUsers')).toHaveLength(2);
  });

  it('skips a null input and shows a failed call as its DesktopError', async () => {
    const bridge = new FakeDesktopBridge().answer('listUsers', () => ({
      code: 'broken',
      message: 'broken',
      messageVi: 'Hỏng rồi',
    }));
    const { rerender } = renderWithDesktop(<UserCount q={null} />, bridge);
    expect(screen.getByTestId('count').dataset.settled).toBe('false');
    expect(bridge.calls).toEqual([]);

    rerender(<UserCount q="x" />);
    await waitFor(() => expect(screen.getByTestId('count').textContent).toBe('Hỏng rồi'));
    expect(screen.getByTestId('count').dataset.settled).toBe('true');
  });

  it('shows nothing once its input turns null, not the previous answer', async () => {
    const bridge = usersAnswering([5]);
    const { rerender } = renderWithDesktop(<UserCount q="an" />, bridge);
    expect(await settledCount()).toBe('5');
    rerender(<UserCount q={null} />);
    expect(screen.getByTestId('count').textContent).toBe('-');
  });
});
