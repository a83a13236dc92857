import { ApiClientError, type ApiClient } from '../api/client';
import { PUSH_MAX_MUTATIONS } from '../api/push';
import type { BlobCacheRepo } from './repositories/blob-cache';
import type { OutboxRepo, OutboxSender } from './repositories/outbox';

export interface PushOutcome {
  /** Entries the server applied (they left the outbox). */
  applied: number;
  /** Entries the server refused (conflict, forbidden, invalid): they wait for the user. */
  notApplied: number;
  /** Entries still in the outbox. */
  remaining: number;
}

export interface PushDeps {
  api: Pick<ApiClient, 'push' | 'putBlob'>;
  outbox: OutboxRepo & OutboxSender;
  blobs: BlobCacheRepo;
  batchSize?: number;
  /** Called after each change of the outbox's rows. */
  changed(): void;
}

/** A refusal of the upload itself (bad type, too large): retrying now would not help. */
const refusedUpload = (err: unknown) =>
  err instanceof ApiClientError && err.status >= 400 && err.status < 500 && err.status !== 401;

/** Blobs made here go up before the mutations that refer to them (PUT is idempotent). */
async function uploadBlobs(deps: PushDeps): Promise<void> {
  for (const sha256 of deps.blobs.needingUpload()) {
    const blob = deps.blobs.get(sha256);
    if (!blob) continue;
    try {
      await deps.api.putBlob(sha256, blob.bytes);
      deps.blobs.markUploaded(sha256);
    } catch (err) {
      // The mutation that needs it gets its own refusal from the server, shown to the user.
      if (!refusedUpload(err)) throw err;
      console.error(`blob ${sha256} refused by the server`, err);
    }
  }
}

/**
 * Sends the outbox in seq order, in batches. Entries are marked `sending` before each request and
 * every answer is recorded in one transaction. A failed request (no answer, timeout, 5xx) puts
 * the batch back to pending and rejects: the server's idempotency makes sending it again safe,
 * as it does for entries a crash left `sending`.
 */
export async function pushOutbox(deps: PushDeps): Promise<PushOutcome> {
  const batchSize = Math.min(deps.batchSize ?? PUSH_MAX_MUTATIONS, PUSH_MAX_MUTATIONS);
  await uploadBlobs(deps);
  let applied = 0;
  let notApplied = 0;
  for (;;) {
    const batch = deps.outbox.nextBatch(batchSize);
    if (batch.length === 0) break;
    const ids = batch.map((entry) => entry.id);
    deps.outbox.markSending(ids);
    deps.changed();
    let results;
    try {
      ({ results } = await deps.api.push({ mutations: batch.map((entry) => entry.mutation) }));
    } catch (err) {
      deps.outbox.release(ids);
      deps.changed();
      throw err;
    }
    const sent = new Set(ids);
    const recorded = deps.outbox.record(results.filter((r) => sent.has(r.id)));
    applied += recorded.applied;
    notApplied += recorded.notApplied;
    // The server answers every mutation; one it did not is simply sent again next time.
    const answered = new Set(results.map((r) => r.id));
    const unanswered = ids.filter((id) => !answered.has(id));
    if (unanswered.length > 0) deps.outbox.release(unanswered);
    deps.changed();
    if (unanswered.length === ids.length) break;
  }
  return { applied, notApplied, remaining: deps.outbox.counts().total };
}
