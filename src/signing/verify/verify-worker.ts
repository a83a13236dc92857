/**
 * The worker side of `verifyPdfIsolated`. It loads the verifier as it starts (ahead of need),
 * then answers each `VerifyJob` message with one `VerifyReply`. A hostile file can exhaust only
 * this thread's heap (bounded by `resourceLimits`) or time (the caller terminates it).
 */
import { X509Certificate } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { PdfSyntaxError } from '../pdf/pdf-objects';
import { PdfReadError } from '../pdf/pdf-read-error';
import { verifyDocument, type VerifyDocumentOptions } from './verify-document';
import { VerifyJob, type VerifyReply } from './verify-worker-protocol';

const toBuffer = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

async function run(job: VerifyJob): Promise<VerifyReply> {
  try {
    const options = {
      ...job.extra,
      trustAnchors: job.trustAnchors.map((der) => new X509Certificate(toBuffer(der))),
      ...(job.now ? { now: new Date(job.now) } : {}),
    } as VerifyDocumentOptions;
    return { id: job.id, ok: true, report: await verifyDocument(toBuffer(job.pdf), options) };
  } catch (err) {
    const unreadable = err instanceof PdfReadError || err instanceof PdfSyntaxError;
    const e = err as Error;
    const message = `${e.name}: ${e.message}`;
    return { id: job.id, ok: false, kind: unreadable ? 'unreadable' : 'failed', message };
  }
}

// One job at a time (the caller sends the next only after the reply); a thread that refused a
// file is ended by the caller, one that reported is kept for the next file.
parentPort!.on('message', (message: unknown) => {
  const parsed = VerifyJob.safeParse(message);
  const id = (message as { id?: unknown }).id;
  const reply = parsed.success
    ? run(parsed.data)
    : Promise.resolve<VerifyReply>({
        id: typeof id === 'number' ? id : -1,
        ok: false,
        kind: 'failed',
        message: `bad job: ${parsed.error.message}`,
      });
  void reply.then((r) => parentPort!.postMessage(r));
});
