import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiClientError } from '../api/client';
import type { PullQuery, PullResponse } from '../api/sync';
import { openClientDb, type ClientDb } from '../db/client-db';
import type { SyncProgress, SyncSummary } from './progress';
import { SYNC_KEYS, syncStateRepo } from './repositories/sync-state';
import { SyncEngine } from './sync-engine';
import { wardFixture } from './test-support/ward-cache';

// The engine's paging and resync logic against a scripted page source; the real server is
// exercised by sync.integration.test.ts.

const ward = wardFixture(50);
const identity = { userId: 'u1', serverUrl: 'http://127.0.0.1:1' };

/**
 * Serves the fixture's changes in pages. Cursors are "scope:offset"; bumping `state.scope`
 * (a changed scope) makes every older cursor answer 409 resync, as the server does.
 */
function scriptedServer(pageSize: number) {
  const log: (string | undefined)[] = [];
  const state = { scope: 1, alwaysResync: false };
  return {
    log,
    state,
    async pull(query: PullQuery): Promise<PullResponse> {
      log.push(query.cursor);
      const [scope, offset] = (query.cursor ?? `${state.scope}:0`).split(':').map(Number);
      if (scope !== state.scope || (state.alwaysResync && query.cursor !== undefined)) {
        throw new ApiClientError({
          status: 409,
          code: 'resync',
          message: 'scope changed',
          messageVi: 'Phạm vi dữ liệu của bạn đã thay đổi.',
        });
      }
      const at = offset ?? 0;
      const changes = ward.changes.slice(at, at + pageSize);
      const next = at + changes.length;
      return {
        changes,
        nextCursor: `${state.scope}:${next}`,
        hasMore: next < ward.changes.length,
      };
    },
  };
}

let cache: ClientDb;
let dir: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'engine-'));
  cache = await openClientDb(join(dir, 'cache.sqlite'));
});
afterEach(async () => {
  await cache.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = (table: string) =>
  cache.handle.prepare(`select count(*) from ${table}`).pluck().get();

describe('sync engine', () => {
  it('pulls page by page until hasMore is false, with progress and sync-finished', async () => {
    const server = scriptedServer(10);
    const engine = new SyncEngine({ handle: cache.handle, api: server, pageSize: 10 });
    const progress: SyncProgress[] = [];
    const finished: SyncSummary[] = [];
    engine.on('progress', (p) => progress.push(p));
    engine.on('sync-finished', (s) => finished.push(s));
    const summary = await engine.sync(identity);
    const pages = Math.ceil(ward.changes.length / 10);
    expect(summary).toMatchObject({ pulled: ward.changes.length, pages, rebuilt: false });
    // The renderer reads again the screens of exactly these kinds.
    expect([...summary.entities].sort()).toEqual(
      [...new Set(ward.changes.map((c) => c.entity))].sort(),
    );
    expect(finished).toEqual([summary]);
    expect(progress[0]).toEqual({ phase: 'starting', pulled: 0, pages: 0 });
    expect(progress.filter((p) => p.phase === 'pulling').map((p) => p.pages)).toEqual(
      Array.from({ length: pages }, (_, i) => i + 1),
    );
    expect(progress.at(-1)?.phase).toBe('finished');
    expect(count('members')).toBe(50);
    const state = syncStateRepo(cache.handle).read();
    expect(state).toMatchObject({ cursor: `1:${ward.changes.length}`, ...identity });
    expect(state.lastSyncAt).toBe(summary.finishedAt);
    // Segment merging, postponed during the run, is back to FTS5's defaults.
    expect(cache.handle.prepare('select k, v from members_fts_config order by k').all()).toEqual(
      expect.arrayContaining([
        { k: 'automerge', v: 4 },
        { k: 'crisismerge', v: 16 },
      ]),
    );

    // The next run continues from the stored cursor.
    server.log.length = 0;
    const again = await engine.sync(identity);
    expect(server.log).toEqual([`1:${ward.changes.length}`]);
    expect(again.pulled).toBe(0);
  });

  it('joins a running sync instead of starting a second one', async () => {
    const server = scriptedServer(10);
    const engine = new SyncEngine({ handle: cache.handle, api: server, pageSize: 10 });
    const [a, b] = await Promise.all([engine.sync(identity), engine.sync(identity)]);
    expect(a).toBe(b);
    expect(server.log.filter((c) => c === undefined)).toHaveLength(1);
  });

  it('rebuilds from scratch on 409 resync, keeping the outbox', async () => {
    const server = scriptedServer(10);
    const engine = new SyncEngine({ handle: cache.handle, api: server, pageSize: 10 });
    await engine.sync(identity);
    cache.handle
      .prepare(
        `insert into outbox (id, kind, payload, base_rev, status, created_at)
         values ('m-1', 'member.update', '{}', 3, 'pending', '2026-01-05T08:00:00Z')`,
      )
      .run();
    // A member that the new scope no longer has must not survive the rebuild.
    cache.handle.prepare(`update members set full_name = 'stale' where rowid = 1`).run();
    server.state.scope = 2;
    const phases: string[] = [];
    engine.on('progress', (p) => phases.push(p.phase));
    const summary = await engine.sync(identity);
    expect(summary.rebuilt).toBe(true);
    expect(summary.pulled).toBe(ward.changes.length);
    expect(phases).toContain('resync');
    expect(count('outbox')).toBe(1);
    expect(count('members')).toBe(50);
    expect(
      cache.handle.prepare(`select count(*) from members where full_name = 'stale'`).pluck().get(),
    ).toBe(0);
  });

  it('gives up when the server keeps asking for a resync', async () => {
    const server = scriptedServer(10);
    const engine = new SyncEngine({ handle: cache.handle, api: server, pageSize: 10 });
    server.state.alwaysResync = true;
    await expect(engine.sync(identity)).rejects.toMatchObject({ status: 409, code: 'resync' });
    expect(server.log.filter((c) => c === undefined)).toHaveLength(4);
  });

  it('starts a fresh cache when another user syncs into it', async () => {
    const server = scriptedServer(100);
    const engine = new SyncEngine({ handle: cache.handle, api: server, pageSize: 100 });
    await engine.sync(identity);
    server.log.length = 0;
    const summary = await engine.sync({ ...identity, userId: 'u2' });
    expect(server.log[0]).toBeUndefined();
    expect(summary.rebuilt).toBe(true);
    expect(syncStateRepo(cache.handle).get(SYNC_KEYS.userId)).toBe('u2');
  });

  it('keeps whole pages when a pull fails midway, and resumes after them', async () => {
    const server = scriptedServer(10);
    let calls = 0;
    const flaky = {
      pull: (q: PullQuery) => {
        calls += 1;
        if (calls === 3)
          return Promise.reject(
            new ApiClientError({
              status: 0,
              code: 'unreachable',
              message: 'down',
              messageVi: 'Không kết nối được máy chủ.',
            }),
          );
        return server.pull(q);
      },
    };
    const engine = new SyncEngine({ handle: cache.handle, api: flaky, pageSize: 10 });
    await expect(engine.sync(identity)).rejects.toMatchObject({ code: 'unreachable' });
    expect(syncStateRepo(cache.handle).get(SYNC_KEYS.cursor)).toBe('1:20');
    expect(syncStateRepo(cache.handle).get(SYNC_KEYS.lastSyncAt)).toBeUndefined();
    server.log.length = 0;
    await engine.sync(identity);
    expect(server.log[0]).toBe('1:20');
    expect(count('members')).toBe(50);
  });
});
