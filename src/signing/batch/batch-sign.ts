/**
 * Batch signing after one PIN entry: one login, one signer, the documents in order. Documents are
 * files or bytes in memory. A file is written to its output path only when fully signed and
 * checked (temp file + rename), and is listed as signed only after that rename; bytes are returned
 * and nothing touches the disk. A document that fails is reported and the batch goes on; when the
 * token goes away, the document being signed and every one after it are reported as not signed
 * with the "token removed" reason, without further token calls. Cancelling (the signal) stops
 * between two documents: the rest are reported as cancelled.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { CmsOptions } from '../cms/signed-data';
import { signPdf, type PdfSignOptions } from '../pdf/sign-pdf';
import { cmsSignerOf } from '../token/cms-signer';
import { isTokenGone, SIGN_ERRORS, TokenError, tokenRemoved } from '../token/errors';
import type { SignerOptions, TokenSigner } from '../token/token-session';
import { TimestampError } from '../tsa/tsa-client';

/** Per-document placement; the rest of the appearance comes from the batch. */
interface Placement {
  page?: number;
  rect?: [number, number, number, number];
}

export interface BatchFileDocument extends Placement {
  inPath: string;
  outPath: string;
}

export interface BatchMemoryDocument extends Placement {
  id: string;
  pdf: Buffer;
}

export type BatchDocument = BatchFileDocument | BatchMemoryDocument;

/** What names a document in the result: its input path, or its id. */
type SourceOf<D> = D extends BatchFileDocument ? { inPath: string } : { id: string };
/** Where the signed document is: the file written, or the bytes. */
type OutputOf<D> = D extends BatchFileDocument
  ? { inPath: string; outPath: string }
  : { id: string; pdf: Buffer };

export type SignedDocument<D extends BatchDocument = BatchFileDocument> = {
  index: number;
  /** SHA-256 (hex) of the signed bytes: what a caller may forward, and nothing else. */
  sha256: string;
} & OutputOf<D>;

export type UnsignedDocument<D extends BatchDocument = BatchFileDocument> = {
  index: number;
  /** Exact code for the log: CKR_*, SIGN_*, TSA_*, or PDF_INVALID / FILE_ERROR. */
  code: string;
  messageVi: string;
  message: string;
} & SourceOf<D>;

export type BatchEvent<D extends BatchDocument = BatchFileDocument> =
  | ({ type: 'signing'; index: number; total: number } & SourceOf<D>)
  | ({ type: 'signed'; total: number } & SignedDocument<D>)
  | ({ type: 'failed'; total: number } & UnsignedDocument<D>);

export interface BatchResult<D extends BatchDocument = BatchFileDocument> {
  signed: readonly SignedDocument<D>[];
  notSigned: readonly UnsignedDocument<D>[];
  /** The token went away; `notSigned` holds the rest of the batch. */
  tokenRemoved: boolean;
  /** The signal stopped the batch; `notSigned` holds the rest, as SIGN_CANCELLED. */
  cancelled: boolean;
  /** C_Sign time spent in the token (benchmarks). */
  tokenMs: number;
}

/**
 * `Pkcs11Module` (token calls but C_Sign in this thread) or `RemoteTokenModule` (all in a worker).
 */
export interface BatchTokenModule {
  login(slot: Buffer, pin: string | undefined): BatchSession | Promise<BatchSession>;
}
interface BatchSession {
  signer(options?: SignerOptions): TokenSigner | Promise<TokenSigner>;
  close(): void | Promise<void>;
}

export interface BatchRequest<D extends BatchDocument = BatchFileDocument> {
  module: BatchTokenModule;
  slot: Buffer;
  /** Entered once for the whole batch; dropped when the batch ends. */
  pin: string | undefined;
  documents: D[];
  signer?: SignerOptions;
  appearance?: Omit<PdfSignOptions, 'signerName' | 'page' | 'rect'>;
  cms?: CmsOptions;
  /**
   * With `cms.timestamp`: a TSA that cannot be reached gives B-B signatures instead of failures,
   * and is not asked again in this batch (one timeout, not one per document).
   */
  timestampOptional?: boolean;
  /**
   * Runs on each signed PDF before it counts (and before a file is written): may add to it (a
   * DSS) and returns the final bytes; throwing leaves the document not signed, with that reason.
   */
  check?: (signed: Buffer, original: Buffer, index: number) => Promise<Buffer>;
  /** Checked before each document: once aborted, the rest are reported as cancelled. */
  signal?: AbortSignal;
  /** Awaited; an exception thrown here is ignored so the result stays complete. */
  onProgress?: (event: BatchEvent<D>) => void | Promise<void>;
}

const PDF_INVALID_VI = 'Tệp PDF bị hỏng hoặc không đọc được, văn bản này chưa được ký.';
const FILE_ERROR_VI = 'Không đọc hoặc ghi được tệp, văn bản này chưa được ký.';
export const SIGN_CANCELLED_VI = 'Đã dừng ký theo yêu cầu, văn bản này chưa được ký.';

/** The documents after a token removal are not tried: the same removal, said of each. */
const notAttempted = () =>
  new TokenError(
    'SIGN_TOKEN_REMOVED',
    SIGN_ERRORS.SIGN_TOKEN_REMOVED,
    'not attempted: the token was removed earlier in the batch',
  );

const cancelled = () =>
  new TokenError('SIGN_CANCELLED', SIGN_CANCELLED_VI, 'not attempted: the batch was cancelled');

const isFile = (doc: BatchDocument): doc is BatchFileDocument => 'inPath' in doc;

function describeFailure(err: unknown): Pick<UnsignedDocument, 'code' | 'messageVi' | 'message'> {
  if (err instanceof TokenError || err instanceof TimestampError)
    return { code: err.code, messageVi: err.messageVi, message: err.message };
  const e = err as NodeJS.ErrnoException;
  if (typeof e?.code === 'string' && e.syscall)
    return { code: 'FILE_ERROR', messageVi: FILE_ERROR_VI, message: e.message };
  return { code: 'PDF_INVALID', messageVi: PDF_INVALID_VI, message: String(e?.message ?? err) };
}

/** A complete file or none: a temp file renamed into place. */
function writeWhole(outPath: string, bytes: Buffer): void {
  const tmp = `${outPath}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(tmp, bytes, { flag: 'wx' });
    renameSync(tmp, outPath);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

const sha256Hex = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Logs in once (the PIN is not kept beyond this call) and signs every document it can. */
export async function signBatch<D extends BatchDocument = BatchFileDocument>(
  req: BatchRequest<D>,
): Promise<BatchResult<D>> {
  const total = req.documents.length;
  const signed: SignedDocument<D>[] = [];
  const notSigned: UnsignedDocument<D>[] = [];
  const sourceOf = (doc: D) =>
    (isFile(doc) ? { inPath: doc.inPath } : { id: doc.id }) as SourceOf<D>;
  const emit = async (event: BatchEvent<D>) => {
    try {
      await req.onProgress?.(event);
    } catch {
      // a listener's failure must not cut the batch short or lose the result
    }
  };
  const fail = async (index: number, err: unknown) => {
    const entry = Object.freeze({
      index,
      ...sourceOf(req.documents[index]!),
      ...describeFailure(err),
    }) as UnsignedDocument<D>;
    notSigned.push(entry);
    await emit({ type: 'failed', total, ...entry });
  };
  const result = (removed: boolean, stopped: boolean, tokenMs: number): BatchResult<D> =>
    Object.freeze({
      signed: Object.freeze(signed),
      notSigned: Object.freeze(notSigned),
      tokenRemoved: removed,
      cancelled: stopped,
      tokenMs,
    });

  if (req.signal?.aborted) {
    for (let i = 0; i < total; i++) await fail(i, cancelled());
    return result(false, true, 0);
  }
  let session: BatchSession;
  try {
    session = await req.module.login(req.slot, req.pin);
  } catch (err) {
    for (let i = 0; i < total; i++) await fail(i, err);
    return result(isTokenGone(err), false, 0);
  }
  let removed = false;
  let stopped = false;
  let tokenMs = 0;
  try {
    let signer;
    try {
      signer = await session.signer(req.signer);
    } catch (err) {
      removed = isTokenGone(err);
      for (let i = 0; i < total; i++)
        await fail(i, removed ? tokenRemoved(err as TokenError) : err);
      return result(removed, false, tokenMs);
    }
    const cmsSigner = cmsSignerOf(signer);
    let cms = req.cms;
    const sign = async (pdf: Buffer, options: PdfSignOptions) => {
      try {
        return await signPdf(pdf, cmsSigner, options, cms);
      } catch (err) {
        const unreachable = err instanceof TimestampError && err.code === 'TSA_UNREACHABLE';
        if (!unreachable || !req.timestampOptional || !cms?.timestamp) throw err;
        console.warn(
          `timestamp authority unreachable, signing without a timestamp: ${err.message}`,
        );
        const { timestamp: _unreachable, ...withoutTimestamp } = cms;
        cms = withoutTimestamp;
        return signPdf(pdf, cmsSigner, options, cms);
      }
    };
    for (let index = 0; index < total; index++) {
      const doc = req.documents[index]!;
      if (removed) {
        await fail(index, notAttempted());
        continue;
      }
      if (stopped || req.signal?.aborted) {
        stopped = true;
        await fail(index, cancelled());
        continue;
      }
      await emit({ type: 'signing', index, total, ...sourceOf(doc) });
      try {
        const appearance = {
          ...req.appearance,
          signerName: signer.certificate.commonName,
          page: doc.page,
          rect: doc.rect,
        };
        const original = isFile(doc) ? readFileSync(doc.inPath) : doc.pdf;
        const made = await sign(original, appearance);
        const bytes = req.check ? await req.check(made, original, index) : made;
        if (isFile(doc)) writeWhole(doc.outPath, bytes);
        // The file or the bytes, as the document came (a conditional type TS cannot narrow here).
        const output = (
          isFile(doc) ? { inPath: doc.inPath, outPath: doc.outPath } : { id: doc.id, pdf: bytes }
        ) as OutputOf<D>;
        const entry = Object.freeze({
          index,
          ...output,
          sha256: sha256Hex(bytes),
        }) as SignedDocument<D>;
        signed.push(entry);
        await emit({ type: 'signed', total, ...entry });
      } catch (err) {
        removed = isTokenGone(err);
        await fail(index, removed ? tokenRemoved(err as TokenError) : err);
      }
    }
    tokenMs = signer.tokenMs;
  } finally {
    try {
      await session.close();
    } catch {
      // a removed token cannot close its session; the result is what matters
    }
  }
  return result(removed, stopped, tokenMs);
}
