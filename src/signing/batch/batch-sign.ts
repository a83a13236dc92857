/**
 * Batch signing after one PIN entry: one login, one signer, the documents in order. Each document
 * is written to its output path only when fully signed (temp file + rename in `signPdfFile`), and
 * is listed as signed only after that rename. A document that fails is reported and the batch goes
 * on; when the token goes away, the document being signed and every one after it are reported as
 * not signed with the "token removed" reason, without further token calls.
 */
import { createHash } from 'node:crypto';
import type { CmsOptions } from '../cms/signed-data';
import { signPdfFile, type PdfSignOptions } from '../pdf/sign-pdf';
import { cmsSignerOf } from '../token/cms-signer';
import { isTokenGone, SIGN_ERRORS, TokenError, tokenRemoved } from '../token/errors';
import type { SignerOptions, TokenSigner } from '../token/token-session';
import { TimestampError } from '../tsa/tsa-client';

export interface BatchDocument {
  inPath: string;
  outPath: string;
  /** Per-document placement; the rest of the appearance comes from the batch. */
  page?: number;
  rect?: [number, number, number, number];
}

export interface SignedDocument {
  index: number;
  inPath: string;
  outPath: string;
  /** SHA-256 (hex) of the file written: what a caller may forward, and nothing else. */
  sha256: string;
}

export interface UnsignedDocument {
  index: number;
  inPath: string;
  /** Exact code for the log: CKR_*, SIGN_*, TSA_*, or PDF_INVALID / FILE_ERROR. */
  code: string;
  messageVi: string;
  message: string;
}

export type BatchEvent =
  | { type: 'signing'; index: number; total: number; inPath: string }
  | ({ type: 'signed'; total: number } & SignedDocument)
  | ({ type: 'failed'; total: number } & UnsignedDocument);

export interface BatchResult {
  signed: readonly SignedDocument[];
  notSigned: readonly UnsignedDocument[];
  /** The token went away; `notSigned` holds the rest of the batch. */
  tokenRemoved: boolean;
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

export interface BatchRequest {
  module: BatchTokenModule;
  slot: Buffer;
  /** Entered once for the whole batch; dropped when the batch ends. */
  pin: string | undefined;
  documents: BatchDocument[];
  signer?: SignerOptions;
  appearance?: Omit<PdfSignOptions, 'signerName' | 'page' | 'rect'>;
  cms?: CmsOptions;
  /** Awaited; an exception thrown here is ignored so the result stays complete. */
  onProgress?: (event: BatchEvent) => void | Promise<void>;
}

const PDF_INVALID_VI = 'Tệp PDF bị hỏng hoặc không đọc được, văn bản này chưa được ký.';
const FILE_ERROR_VI = 'Không đọc hoặc ghi được tệp, văn bản này chưa được ký.';

/** The documents after a token removal are not tried: the same removal, said of each. */
const notAttempted = () =>
  new TokenError(
    'SIGN_TOKEN_REMOVED',
    SIGN_ERRORS.SIGN_TOKEN_REMOVED,
    'not attempted: the token was removed earlier in the batch',
  );

function describeFailure(err: unknown): Pick<UnsignedDocument, 'code' | 'messageVi' | 'message'> {
  if (err instanceof TokenError || err instanceof TimestampError)
    return { code: err.code, messageVi: err.messageVi, message: err.message };
  const e = err as NodeJS.ErrnoException;
  if (typeof e?.code === 'string' && e.syscall)
    return { code: 'FILE_ERROR', messageVi: FILE_ERROR_VI, message: e.message };
  return { code: 'PDF_INVALID', messageVi: PDF_INVALID_VI, message: String(e?.message ?? err) };
}

/** Logs in once (the PIN is not kept beyond this call) and signs every document it can. */
export async function signBatch(req: BatchRequest): Promise<BatchResult> {
  const total = req.documents.length;
  const signed: SignedDocument[] = [];
  const notSigned: UnsignedDocument[] = [];
  const emit = async (event: BatchEvent) => {
    try {
      await req.onProgress?.(event);
    } catch {
      // a listener's failure must not cut the batch short or lose the result
    }
  };
  const fail = async (index: number, err: unknown) => {
    const doc = req.documents[index]!;
    const entry = Object.freeze({ index, inPath: doc.inPath, ...describeFailure(err) });
    notSigned.push(entry);
    await emit({ type: 'failed', total, ...entry });
  };

  let session: BatchSession;
  try {
    session = await req.module.login(req.slot, req.pin);
  } catch (err) {
    for (let i = 0; i < total; i++) await fail(i, err);
    return Object.freeze({ signed, notSigned, tokenRemoved: isTokenGone(err), tokenMs: 0 });
  }
  let removed = false;
  let tokenMs = 0;
  try {
    let signer;
    try {
      signer = await session.signer(req.signer);
    } catch (err) {
      removed = isTokenGone(err);
      for (let i = 0; i < total; i++)
        await fail(i, removed ? tokenRemoved(err as TokenError) : err);
      return Object.freeze({ signed, notSigned, tokenRemoved: removed, tokenMs });
    }
    const cmsSigner = cmsSignerOf(signer);
    for (let index = 0; index < total; index++) {
      const doc = req.documents[index]!;
      if (removed) {
        await fail(index, notAttempted());
        continue;
      }
      await emit({ type: 'signing', index, total, inPath: doc.inPath });
      try {
        const appearance = {
          ...req.appearance,
          signerName: signer.certificate.commonName,
          page: doc.page,
          rect: doc.rect,
        };
        const bytes = await signPdfFile(doc.inPath, doc.outPath, cmsSigner, appearance, req.cms);
        const entry = Object.freeze({
          index,
          inPath: doc.inPath,
          outPath: doc.outPath,
          sha256: createHash('sha256').update(bytes).digest('hex'),
        });
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
  return Object.freeze({
    signed: Object.freeze(signed),
    notSigned: Object.freeze(notSigned),
    tokenRemoved: removed,
    tokenMs,
  });
}
