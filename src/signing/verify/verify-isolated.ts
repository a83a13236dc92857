/**
 * Verification of a PDF from outside (an attachment, an uploaded letter) in a worker thread with
 * its own heap limit and a deadline: a hostile file that would exhaust memory or loop ends that
 * worker, never the app or the server, and is refused as `PdfRejectedError` with a precise reason.
 * No pool: one thread is kept ready (see `idle`); concurrent verifications start more. Measured
 * on the shared 2-core machine (load 12–19): a cold start costs 2–5 s (tsx's loader ≈0.5 s,
 * loading the verifier's modules ≈1–2 s); through the ready thread a two-signature letter takes
 * 0.1–0.15 s, the same as in-process.
 */
import { X509Certificate } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../../runtime/asset-paths';
import type { VerifyDocumentOptions } from './verify-document';
import type { VerifyReport } from './verify-pdf';
import type { VerifyJob, VerifyReply } from './verify-worker-protocol';

export const DEFAULT_VERIFY_TIMEOUT_MS = 15_000;
export const DEFAULT_VERIFY_MAX_MEMORY_MB = 256;

/** The file cannot be verified: damaged, hostile, too big to verify within the limits, too slow. */
export class PdfRejectedError extends Error {
  override readonly name = 'PdfRejectedError';
  readonly code = 'invalid_pdf';
  readonly messageVi = 'Tệp PDF không hợp lệ hoặc bị hỏng';
}

type FunctionKeys<T> = {
  [K in keyof T]-?: NonNullable<T[K]> extends (...args: never[]) => unknown ? K : never;
}[keyof T];

/**
 * `VerifyDocumentOptions` as data that can cross to a thread: anchors as DER or PEM, time as ISO.
 */
export type IsolatedVerifyOptions = Omit<
  VerifyDocumentOptions,
  'trustAnchors' | 'now' | FunctionKeys<VerifyDocumentOptions>
> & {
  /** DER, PEM (one or more certificates per string), or already parsed certificates. */
  trustAnchors: readonly (Buffer | Uint8Array | string | X509Certificate)[];
  now?: Date | string;
  /** Default 15 000. */
  timeoutMs?: number;
  /** Heap of the worker (old generation), default 256. */
  maxMemoryMb?: number;
};

function anchorDers(anchors: IsolatedVerifyOptions['trustAnchors']): Uint8Array[] {
  return anchors.flatMap((a) => {
    if (a instanceof X509Certificate) return [new Uint8Array(a.raw)];
    if (typeof a !== 'string') return [new Uint8Array(a)];
    const pems = a.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    if (pems.length === 0) throw new Error('a trust anchor string holds no PEM certificate');
    return pems.map((p) => new Uint8Array(new X509Certificate(p).raw));
  });
}

function jobOf(pdf: Buffer, options: IsolatedVerifyOptions, id: number): VerifyJob {
  const { trustAnchors, now, timeoutMs: _t, maxMemoryMb: _m, ...extra } = options;
  const at = now === undefined ? undefined : new Date(now);
  if (at && Number.isNaN(at.getTime())) throw new Error(`not a date: ${String(now)}`);
  return {
    id,
    pdf,
    trustAnchors: anchorDers(trustAnchors),
    ...(at ? { now: at.toISOString() } : {}),
    extra,
  };
}

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(3))} s`;

/** A verification thread; `exited` once it ended (terminated, out of memory, crashed). */
interface VerifyThread {
  worker: Worker;
  maxMemoryMb: number;
  exited: boolean;
}

function startThread(maxMemoryMb: number): VerifyThread {
  const worker = new Worker(workerEntry('verify-worker'), {
    resourceLimits: {
      maxOldGenerationSizeMb: maxMemoryMb,
      maxYoungGenerationSizeMb: Math.max(4, Math.min(32, Math.floor(maxMemoryMb / 8))),
      stackSizeMb: 4,
    },
  });
  const thread: VerifyThread = { worker, maxMemoryMb, exited: false };
  // An idle thread must neither keep the process alive nor crash it when it fails.
  worker.unref();
  worker.on('error', () => {});
  worker.once('exit', () => {
    thread.exited = true;
    if (idle === thread) idle = undefined;
  });
  return thread;
}

/**
 * One thread kept ready with the default limits, so a verification does not wait for the
 * TypeScript loader and the verifier's modules (about a second on a loaded machine): started
 * ahead, and kept after a verification that ended with a report. A thread that refused a file
 * (out of memory, out of time, unreadable) is ended and replaced.
 */
let idle: VerifyThread | undefined;

function takeThread(maxMemoryMb: number): VerifyThread {
  const ready = idle;
  idle = undefined;
  if (ready && !ready.exited && ready.maxMemoryMb === maxMemoryMb) return ready;
  if (ready) idle = ready;
  return startThread(maxMemoryMb);
}

function release(thread: VerifyThread, healthy: boolean): void {
  thread.worker.unref();
  const keep =
    healthy && !thread.exited && !idle && thread.maxMemoryMb === DEFAULT_VERIFY_MAX_MEMORY_MB;
  if (keep) idle = thread;
  else void thread.worker.terminate();
  prestartVerifyWorker();
}

/** Starts the ready thread now (at app or server start) instead of at the first verification. */
export function prestartVerifyWorker(): void {
  if (!idle) idle = startThread(DEFAULT_VERIFY_MAX_MEMORY_MB);
}

let nextJobId = 1;

/**
 * `verifyDocument` in a worker with `resourceLimits` and a deadline. Resolves with the report;
 * rejects with `PdfRejectedError` when the file is unreadable, the worker runs out of memory or
 * time, or verification fails unexpectedly on this file; with a plain Error only for bad options.
 */
export function verifyPdfIsolated(
  pdf: Buffer,
  options: IsolatedVerifyOptions,
): Promise<VerifyReport> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_VERIFY_TIMEOUT_MS;
  const maxMemoryMb = options.maxMemoryMb ?? DEFAULT_VERIFY_MAX_MEMORY_MB;
  let job: VerifyJob;
  try {
    job = jobOf(pdf, options, nextJobId++);
  } catch (err) {
    return Promise.reject(err as Error);
  }
  const thread = takeThread(maxMemoryMb);
  const { worker } = thread;
  return new Promise<VerifyReport>((resolve, reject) => {
    let settled = false;
    const finish = (healthy: boolean, outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      release(thread, healthy);
      outcome();
    };
    const refuse = (reason: string) => finish(false, () => reject(new PdfRejectedError(reason)));
    const timer = setTimeout(
      () => refuse(`verification timed out after ${seconds(timeoutMs)}`),
      timeoutMs,
    );
    const onMessage = (reply: VerifyReply) => {
      if (reply.id !== job.id) return;
      if (reply.ok) finish(true, () => resolve(reply.report));
      else if (reply.kind === 'unreadable') refuse(reply.message);
      else refuse(`verification failed: ${reply.message}`);
    };
    const onError = (err: Error & { code?: string }) => {
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY')
        refuse(`verification exceeded ${maxMemoryMb} MB`);
      else refuse(`verification worker failed: ${err.message}`);
    };
    const onExit = (code: number) =>
      refuse(`verification worker exited (code ${code}) without a result`);
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.ref();
    worker.postMessage(job);
  });
}
