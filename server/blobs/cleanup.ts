import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../repositories/db';
import { deleteUnreferencedUploads } from '../repositories/blobs';

export interface BlobCleanup {
  everyMs: number;
  /** One run now (tests; the timer calls it too). Runs never overlap. */
  runOnce(): Promise<{ uploads: number; blobs: number }>;
  stop(): Promise<void>;
}

/**
 * The server's clean-up of uploads nothing refers to: every `everyMs` it forgets uploads older
 * than `graceMs` that no dossier refers to, and deletes the blobs left without uploader or
 * reference. The grace period leaves a client time to send the mutation that refers to what it
 * uploaded (an outbox waits for the network for days at most). Like the fees' settling run, the
 * timer never keeps a finished process alive.
 */
export function startBlobCleanup(deps: {
  db: Db;
  log: FastifyBaseLogger;
  graceMs: number;
  everyMs: number;
  now: () => Date;
}): BlobCleanup {
  let running: Promise<{ uploads: number; blobs: number }> | null = null;

  async function run() {
    const cutoff = new Date(deps.now().getTime() - deps.graceMs);
    const removed = await deleteUnreferencedUploads(deps.db, cutoff);
    if (removed.uploads > 0 || removed.blobs > 0)
      deps.log.info({ blobs: removed }, 'removed unreferenced uploads past their grace period');
    return removed;
  }

  const runOnce = () => {
    running ??= run().finally(() => {
      running = null;
    });
    return running;
  };

  const timer =
    deps.everyMs > 0
      ? setInterval(() => {
          runOnce().catch((err: unknown) =>
            deps.log.error({ err }, 'clean-up of unreferenced uploads failed'),
          );
        }, deps.everyMs)
      : null;
  timer?.unref();

  return {
    everyMs: deps.everyMs,
    runOnce,
    async stop() {
      if (timer) clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
