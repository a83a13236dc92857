import { ApiClientError, type ApiClient } from '../api/client';
import { PULL_MAX_LIMIT, RESYNC_ERROR, type PullChange, type PullResponse } from '../api/sync';
import type { SqliteHandle } from '../db/sqlite';
import { pushOutbox, type PushOutcome } from './outbox-push';
import type { PulledEntity, SyncProgress, SyncSummary } from './progress';
import {
  blobCacheRepo,
  sha256Of,
  type BlobCacheRepo,
  type CachedBlob,
} from './repositories/blob-cache';
import { beginBulkWrites, createCacheWriter, type CacheWriter } from './repositories/cache-writer';
import {
  outboxRepo,
  type OutboxCounts,
  type OutboxRepo,
  type OutboxSender,
} from './repositories/outbox';
import { prefetchRepo } from './repositories/prefetch';
import { SYNC_KEYS, syncStateRepo, type SyncStateRepo } from './repositories/sync-state';

/** The server's maximum: fewer, larger transactions (≈0.1 s of writing each at 5000). */
export const DEFAULT_PAGE_SIZE = PULL_MAX_LIMIT;
/**
 * Pulled pages written per transaction. Every commit writes the pages of every index the rows
 * touched (encrypted, into the WAL) and flushes one full-text segment per index; five pages of
 * 5000 rows share them (≈0.5 s of writing, in the runtime's own process, docs/decisions/0042).
 */
export const PAGES_PER_TRANSACTION = 5;
/** Rebuilds allowed in one run: a scope that keeps changing under us ends the run with an error. */
const MAX_RESYNCS = 3;

export interface SyncEngineOptions {
  /** The desktop cache (`openClientDb(file).handle`). */
  handle: SqliteHandle;
  /** Pull is enough for a read-only cache; push and blobs need the rest. */
  api: Pick<ApiClient, 'pull'> & Partial<Pick<ApiClient, 'push' | 'putBlob' | 'getBlob'>>;
  pageSize?: number;
  /** Pulled pages written together, in one transaction with the cursor of the last. */
  pagesPerTransaction?: number;
  /** Outbox entries per push request (at most the server's PUSH_MAX_MUTATIONS). */
  pushBatchSize?: number;
  now?: () => Date;
}

/** Whose data the cache holds: another user or server means another scope, so a fresh cache. */
export interface SyncIdentity {
  userId: string;
  serverUrl: string;
}

export type OutboxChanged = { outboxCount: number; outboxNeedsAttention: number };

type SyncEvents = {
  progress: SyncProgress;
  'sync-finished': SyncSummary;
  'outbox-changed': OutboxChanged;
  /** The outbox is empty after a push that sent something. */
  'outbox-empty': Record<string, never>;
};
type Listener<K extends keyof SyncEvents> = (event: SyncEvents[K]) => void;

type PullCounts = Pick<SyncSummary, 'pulled' | 'pages' | 'rebuilt' | 'dossiers' | 'entities'>;

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
  private readonly api: SyncEngineOptions['api'];
  private readonly pageSize: number;
  private readonly pagesPerTransaction: number;
  private readonly pushBatchSize: number | undefined;
  private readonly now: () => Date;
  private readonly listeners: { [K in keyof SyncEvents]: Set<Listener<K>> } = {
    progress: new Set(),
    'sync-finished': new Set(),
    'outbox-changed': new Set(),
    'outbox-empty': new Set(),
  };
  private running: Promise<SyncSummary> | undefined;
  private pushing: Promise<PushOutcome> | undefined;
  /** The outbox (what the user did, waiting for the server); enqueue through it. */
  readonly outbox: OutboxRepo & OutboxSender;
  /** Local copies of attachments and signed letters. */
  readonly blobs: BlobCacheRepo;

  constructor(options: SyncEngineOptions) {
    this.handle = options.handle;
    this.writer = createCacheWriter(options.handle);
    this.state = syncStateRepo(options.handle);
    this.api = options.api;
    this.pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    this.pagesPerTransaction = options.pagesPerTransaction ?? PAGES_PER_TRANSACTION;
    this.pushBatchSize = options.pushBatchSize;
    this.now = options.now ?? (() => new Date());
    this.outbox = outboxRepo(options.handle);
    this.blobs = blobCacheRepo(options.handle);
  }

  on<K extends keyof SyncEvents>(event: K, listener: Listener<K>): () => void {
    this.listeners[event].add(listener);
    return () => this.listeners[event].delete(listener);
  }

  get pulling(): boolean {
    return this.running !== undefined;
  }

  get pushingNow(): boolean {
    return this.pushing !== undefined;
  }

  /**
   * Runs one sync (push what is queued, then pull); a call while one is running joins it
   * instead of starting another.
   */
  sync(identity: SyncIdentity): Promise<SyncSummary> {
    this.running ??= this.run(identity).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /**
   * Uploads the blobs made here, then sends the outbox (outbox-push.ts). One push at a time: a
   * call while one runs joins it. With `asUserId`, nothing is sent unless the cache is that
   * user's (a new user's outbox starts after their first sync).
   */
  push(asUserId?: string): Promise<PushOutcome> {
    if (asUserId !== undefined && !this.cacheBelongsTo(asUserId))
      return Promise.resolve({ applied: 0, notApplied: 0, remaining: this.outbox.counts().total });
    this.pushing ??= this.runPush().finally(() => {
      this.pushing = undefined;
    });
    return this.pushing;
  }

  /** Outbox counts, as the sync indicator shows them. */
  outboxCounts(): OutboxCounts {
    return this.outbox.counts();
  }

  /** Tells listeners the outbox changed: after an action was queued or discarded, too. */
  outboxChanged(): void {
    const counts = this.outbox.counts();
    this.emit('outbox-changed', {
      outboxCount: counts.total,
      outboxNeedsAttention: counts.needsAttention,
    });
  }

  /** A blob from the cache, or downloaded (its SHA-256 checked) and cached. */
  async fetchBlob(sha256: string): Promise<CachedBlob> {
    const cached = this.blobs.get(sha256);
    if (cached) return cached;
    if (!this.api.getBlob) throw new Error('this sync engine cannot download blobs');
    const { contentType, bytes } = await this.api.getBlob(sha256);
    const actual = sha256Of(bytes);
    if (actual !== sha256) throw new Error(`blob ${sha256} downloaded as ${actual}: refused`);
    this.blobs.put({ sha256, contentType, bytes, needsUpload: false, now: this.now() });
    return { contentType, size: bytes.byteLength, bytes };
  }

  private async runPush(): Promise<PushOutcome> {
    const { push, putBlob } = this.api;
    if (!push || !putBlob) throw new Error('this sync engine cannot push');
    let sent = false;
    const outcome = await pushOutbox({
      api: { push, putBlob },
      outbox: this.outbox,
      blobs: this.blobs,
      ...(this.pushBatchSize ? { batchSize: this.pushBatchSize } : {}),
      changed: () => {
        sent = true;
        this.outboxChanged();
      },
    });
    if (sent && outcome.remaining === 0) this.emit('outbox-empty', {});
    return outcome;
  }

  private cacheBelongsTo(userId: string): boolean {
    return this.state.read().userId === userId;
  }

  /** Something to send: a sendable outbox entry or a blob waiting for upload. */
  private hasWorkToPush(): boolean {
    return this.outbox.nextBatch(1).length > 0 || this.blobs.needingUpload().length > 0;
  }

  /** Downloads the attachments of the dossiers waiting for this user; failures are only logged. */
  private async prefetch(userId: string): Promise<void> {
    if (!this.api.getBlob) return;
    for (const sha256 of prefetchRepo(this.handle).missingBlobs(userId)) {
      try {
        await this.fetchBlob(sha256);
      } catch (err) {
        console.error(`prefetch of blob ${sha256} failed`, err);
      }
    }
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
    // The server decides on what was done offline before we read its state.
    // Only the cache's own user's: another user's entries are set aside by the reset below.
    const mine = this.cacheBelongsTo(identity.userId);
    const pushed = this.api.push && mine && this.hasWorkToPush() ? (await this.push()).applied : 0;
    // Applied entries held now are at revs this pull reaches: once it has, they have done their
    // part (the overlay skips them already once their entity's cached rev passes theirs).
    const settled = this.outbox.appliedIds();
    const bulk = beginBulkWrites(this.handle);
    let counts: PullCounts | undefined;
    try {
      counts = await this.pullAll(identity);
    } finally {
      bulk.finish(counts?.pages ?? 0);
    }
    this.outbox.forget(settled);
    await this.prefetch(identity.userId);
    const finished = this.now();
    const summary: SyncSummary = {
      ...counts,
      pushed,
      durationMs: finished.getTime() - started.getTime(),
      finishedAt: finished.toISOString(),
    };
    this.state.set(SYNC_KEYS.lastSyncAt, summary.finishedAt);
    this.emit('progress', { phase: 'finished', pulled: summary.pulled, pages: summary.pages });
    this.emit('sync-finished', summary);
    return summary;
  }

  private async pullAll(identity: SyncIdentity): Promise<PullCounts> {
    let rebuilt = false;
    const before = this.state.read();
    if (before.userId !== identity.userId || before.serverUrl !== identity.serverUrl) {
      this.writer.resetFor(identity);
      rebuilt = before.userId !== undefined || before.cursor !== undefined;
    }
    const cursor = this.state.get(SYNC_KEYS.cursor);
    let pulled = 0;
    let pages = 0;
    let dossiers = 0;
    const entities = new Set<PulledEntity>();
    let resyncs = 0;
    this.emit('progress', { phase: 'starting', pulled, pages });

    // Whole pages received but not yet written, and the cursor that goes with them.
    let unwritten: PullChange[][] = [];
    let unwrittenCursor: string | undefined;
    const write = () => {
      if (unwrittenCursor === undefined) return;
      dossiers += this.writer.applyPage(unwritten.flat(), unwrittenCursor).dossiers;
      unwritten = [];
      unwrittenCursor = undefined;
    };

    // The cursor of the request in flight (pages received may not be written yet).
    let requested = cursor;
    let next = this.pull(requested);
    for (;;) {
      let page: PullResponse;
      try {
        page = await next;
      } catch (err) {
        // A resync answer to a pull from scratch would loop forever: let it surface.
        if (!isResync(err) || requested === undefined || resyncs >= MAX_RESYNCS) {
          // The pages received are whole: keep them, so the next run resumes after them.
          write();
          throw err;
        }
        resyncs += 1;
        this.writer.clearServerState();
        rebuilt = true;
        unwritten = [];
        unwrittenCursor = undefined;
        pulled = 0;
        pages = 0;
        dossiers = 0;
        entities.clear();
        this.emit('progress', { phase: 'resync', pulled, pages });
        requested = undefined;
        next = this.pull(requested);
        continue;
      }
      // Ask for the next page before applying this one, so the server works while we write.
      // The request leaves only once the event loop turns (axios dispatches in a microtask,
      // the socket write follows), so turn it before the synchronous apply.
      if (page.hasMore) {
        requested = page.nextCursor;
        next = this.pull(requested);
        next.catch(() => undefined);
        await new Promise((resolve) => setImmediate(resolve));
      }
      unwritten.push(page.changes);
      unwrittenCursor = page.nextCursor;
      if (!page.hasMore || unwritten.length >= this.pagesPerTransaction) write();
      for (const change of page.changes) entities.add(change.entity);
      pulled += page.changes.length;
      pages += 1;
      this.emit('progress', { phase: 'pulling', pulled, pages });
      if (!page.hasMore) break;
    }
    return { pulled, pages, rebuilt, dossiers, entities: [...entities] };
  }
}
