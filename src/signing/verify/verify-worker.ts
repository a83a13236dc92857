/**
 * The worker side of `verifyPdfIsolated`: one verification per thread. It loads the verifier
 * while idle (a spare started ahead), then takes one `VerifyJob` message and answers one
 * `VerifyReply`. A hostile file can exhaust only this thread's heap
 * (bounded by `resourceLimits`) or time (the caller terminates it).
 */
import { X509Certificate } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { PdfSyntaxError } from '../pdf/pdf-objects';
import { PdfReadError } from '../pdf/pdf-reader';
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
    return { ok: true, report: await verifyDocument(toBuffer(job.pdf), options) };
  } catch (err) {
    const unreadable = err instanceof PdfReadError || err instanceof PdfSyntaxError;
    const e = err as Error;
    const message = `${e.name}: ${e.message}`;
    return { ok: false, kind: unreadable ? 'unreadable' : 'failed', message };
  }
}

// One job per worker: the caller terminates it after the reply, so no state outlives a file.
parentPort!.once('message', (message: unknown) => {
  const parsed = VerifyJob.safeParse(message);
  const reply = parsed.success
    ? run(parsed.data)
    : Promise.resolve<VerifyReply>({
        ok: false,
        kind: 'failed',
        message: `bad job: ${parsed.error.message}`,
      });
  void reply.then((r) => parentPort!.postMessage(r));
});
