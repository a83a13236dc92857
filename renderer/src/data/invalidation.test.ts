import { describe, expect, it } from 'vitest';
import type { SyncSummary } from '../../../src/desktop/contract';
import { staleAfterEvent, staleAfterSync } from './invalidation';
import { CACHED_ENTITIES, desktopQueryKey, staleTimeOf } from './query-keys';

const summary = (change: Partial<SyncSummary>): SyncSummary => ({
  pulled: 0,
  pages: 1,
  rebuilt: false,
  dossiers: 0,
  entities: [],
  pushed: 0,
  durationMs: 5,
  finishedAt: '2026-01-01T00:00:00.000Z',
  ...change,
});

const sorted = (entities: readonly string[]) => [...entities].sort();

describe('query keys', () => {
  it('start with the entity, so one prefix invalidates every screen showing it', () => {
    expect(desktopQueryKey('searchMembers', { q: 'an' })).toEqual([
      'members',
      'searchMembers',
      { q: 'an' },
    ]);
    expect(desktopQueryKey('feeApprovalSheet', null)).toEqual(['fees', 'feeApprovalSheet', null]);
  });

  it('keep what the cache holds until an event says otherwise, and re-ask the server', () => {
    expect(staleTimeOf('members')).toBe(Infinity);
    expect(staleTimeOf('fees')).toBe(0);
  });
});

describe('what a sync made stale', () => {
  it('is only the sync status when nothing was pulled or pushed', () => {
    expect(staleAfterSync(summary({}))).toEqual(['sync']);
  });

  it('follows the pulled kinds to the screens that show them', () => {
    expect(sorted(staleAfterSync(summary({ entities: ['dossier'] })))).toEqual([
      'dossiers',
      'sync',
    ]);
    const members = staleAfterSync(summary({ entities: ['member'] }));
    expect(members).toContain('members');
    // An org's member count is shown in the tree.
    expect(members).toContain('orgs');
    expect(members).not.toContain('outbox');
  });

  it('includes what the server applied from the outbox', () => {
    expect(sorted(staleAfterSync(summary({ pushed: 2 })))).toEqual([
      'accounts',
      'dossiers',
      'fees',
      'outbox',
      'residence',
      'sync',
    ]);
  });

  it('is everything when the cache was rebuilt', () => {
    expect(staleAfterSync(summary({ rebuilt: true }))).toEqual(CACHED_ENTITIES);
  });
});

describe('what an app event made stale', () => {
  it('maps each event to its entities', () => {
    expect(staleAfterEvent({ type: 'dossiers-changed' })).toEqual(['dossiers']);
    expect(staleAfterEvent({ type: 'outbox-empty' })).toContain('outbox');
    expect(staleAfterEvent({ type: 'residence-changed' })).toEqual(['residence']);
    // An edited or moved org shows in the tree and in every list that names it.
    expect(staleAfterEvent({ type: 'orgs-changed' })).toEqual(
      expect.arrayContaining(['orgs', 'members', 'users']),
    );
    expect(staleAfterEvent({ type: 'session-changed', user: null })).toEqual(CACHED_ENTITIES);
    expect(staleAfterEvent({ type: 'online-changed', online: true })).toContain('fees');
    expect(staleAfterEvent({ type: 'online-changed', online: false })).toEqual(['sync']);
    expect(
      staleAfterEvent({
        type: 'sync-progress',
        progress: { phase: 'pulling', pulled: 1, pages: 1 },
      }),
    ).toEqual([]);
  });
});
