import { ApiClientError, type ApiClient } from '../api/client';
import { PULL_MAX_LIMIT, RESYNC_ERROR, type PullResponse } from '../api/sync';
import type { SqliteHandle } from '../db/sqlite';
import type { SyncProgress, SyncSummary } from './progress';
import { beginBulkWrites, createCacheWriter, type CacheWriter } from './repositories/cache-writer';
import { SYNC_KEYS, syncStateRepo, type SyncStateRepo } from './repositories/sync-state';

/** The server's maximum: fewer, larger transactions (≈0.1 s of writing each at 5000). */
export const DEFAULT_PAGE_SIZE = PULL_MAX_LIMIT;
/** Rebuilds allowed in one run: a scope that keeps changing under us ends the run with an error. */
const MAX_RESYNCS = 3;

export interface SyncEngineOptions {
  /** The desktop cache (`openClientDb(file).handle`). */
  handle: SqliteHandle;
  api: Pick<ApiClient, 'pull'>;
  pageSize?: number;
  now?: () => Date;
}

/** Whose data the cache holds: another user or server means another scope, so a fresh cache. */
export interface SyncIdentity {
  userId: string;
  serverUrl: string;
}

type SyncEvents = { progress: SyncProgress; 'sync-finished': SyncSummary };
type Listener<K extends keyof SyncEvents> = (event: SyncEvents[K]) => void;

const isResync = (err: unknown) =>
  err instanceof ApiClientError && err.status === 409 && err.code === RESYNC_ERROR;

/**
 * Pulls the caller's scope into the cache page by page. Each page and its cursor are written in
 * one transaction, so an interrupted run resumes from the last whole page.
 */
export class SyncEngine {
  private readonly handle: SqliteHandle;
  private readonly writer: CacheWriter;
  private readonly state: SyncStateRepo;
  private readonly api: Pick<ApiClient, 'pull'>;
  private readonly pageSize: number;
  private readonly now: () => Date;
  private readonly listeners: { [K in keyof SyncEvents]: Set<Listener<K>> } = {
    progress: new Set(),
    'sync-finished': new Set(),
  };
  private running: Promise<SyncSummary> | undefined;

  constructor(options: SyncEngineOptions) {
    this.handle = options.handle;
    this.writer = createCacheWriter(options.handle);
    this.state = syncStateRepo(options.handle);
    this.api = options.api;
    this.pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    this.now = options.now ?? (() => new Date());
  }

  on<K extends keyof SyncEvents>(event: K, listener: Listener<K>): () => void {
    this.listeners[event].add(listener);
    return () => this.listeners[event].delete(listener);
  }

  get pulling(): boolean {
    return this.running !== undefined;
  }

  /** Runs one sync; a call while one is running joins it instead of starting another. */
  sync(identity: SyncIdentity): Promise<SyncSummary> {
    this.running ??= this.run(identity).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private emit<K extends keyof SyncEvents>(event: K, payload: SyncEvents[K]): void {
    for (const listener of this.listeners[event]) {
      try {
        listener(payload);
      } catch (err) {
        console.error(`sync ${event} listener failed`, err);
      }
    }
  }

  private pull(cursor: string | undefined): Promise<PullResponse> {
    return this.api.pull(
      cursor === undefined ? { limit: this.pageSize } : { cursor, limit: this.pageSize },
    );
  }

  private async run(identity: SyncIdentity): Promise<SyncSummary> {
    const started = this.now();
    const bulk = beginBulkWrites(this.handle);
    let counts: { pulled: number; pages: number; rebuilt: boolean } | undefined;
    try {
      counts = await this.pullAll(identity);
    } finally {
      bulk.finish(counts?.pages ?? 0);
    }
    const finished = this.now();
    const summary: SyncSummary = {
      ...counts,
      durationMs: finished.getTime() - started.getTime(),
      finishedAt: finished.toISOString(),
    };
    this.state.set(SYNC_KEYS.lastSyncAt, summary.finishedAt);
    this.emit('progress', { phase: 'finished', pulled: summary.pulled, pages: summary.pages });
    this.emit('sync-finished', summary);
    return summary;
  }

  private async pullAll(
    identity: SyncIdentity,
  ): Promise<{ pulled: number; pages: number; rebuilt: boolean }> {
    let rebuilt = false;
    const before = this.state.read();
    if (before.userId !== identity.userId || before.serverUrl !== identity.serverUrl) {
      this.writer.resetFor(identity);
      rebuilt = before.userId !== undefined || before.cursor !== undefined;
    }
    let cursor = this.state.get(SYNC_KEYS.cursor);
    let pulled = 0;
    let pages = 0;
    let resyncs = 0;
    this.emit('progress', { phase: 'starting', pulled, pages });

    let next = this.pull(cursor);
    for (;;) {
      let page: PullResponse;
      try {
        page = await next;
      } catch (err) {
        // A resync answer to a pull from scratch would loop forever: let it surface.
        if (!isResync(err) || cursor === undefined || resyncs >= MAX_RESYNCS) throw err;
        resyncs += 1;
        this.writer.clearServerState();
        rebuilt = true;
        cursor = undefined;
        pulled = 0;
        pages = 0;
        this.emit('progress', { phase: 'resync', pulled, pages });
        next = this.pull(cursor);
        continue;
      }
      // Ask for the next page before applying this one, so the server works while we write.
      // The request leaves only once the event loop turns (axios dispatches in a microtask,
      // the socket write follows), so turn it before the synchronous apply.
      if (page.hasMore) {
        next = this.pull(page.nextCursor);
        next.catch(() => undefined);
        await new Promise((resolve) => setImmediate(resolve));
      }
      this.writer.applyPage(page.changes, page.nextCursor);
      cursor = page.nextCursor;
      pulled += page.changes.length;
      pages += 1;
      this.emit('progress', { phase: 'pulling', pulled, pages });
      if (!page.hasMore) break;
    }
    return { pulled, pages, rebuilt };
  }
}
