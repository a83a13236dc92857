import type { X509Certificate } from 'node:crypto';
import {
  signBatch,
  type BatchMemoryDocument,
  type BatchEvent,
} from '../../signing/batch/batch-sign';
import type { CmsOptions } from '../../signing/cms/signed-data';
import { addLtv } from '../../signing/pdf/dss';
import { caCertificatesOn, embeddedChain } from '../../signing/token/ca-chain';
import { SIGN_ERRORS, TokenError } from '../../signing/token/errors';
import { RemoteTokenModule } from '../../signing/token/remote-token';
import { rfc3161Timestamper, TimestampError } from '../../signing/tsa/tsa-client';
import type { DesktopSigningOptions } from '../service-context';
import { modulePathOf } from '../transfers/token-access';
import { assertSignedOnce } from './signed-check';

// Many documents signed after one PIN entry, the desktop's way: every PKCS#11 call in the token
// worker (RemoteTokenModule) so the UI's event loop stays free, one login for the whole batch, each
// signed PDF checked before it counts, PAdES B-T with B-B when the TSA cannot be reached, B-LT when
// the CA's responders answer. Nothing is written to disk: the signed bytes are returned.

export interface TokenBatchDocument {
  id: string;
  pdf: Buffer;
  page?: number;
  rect?: [number, number, number, number];
}

export interface TokenBatchProgress {
  /** Documents finished (signed or not), 1..total, in order. */
  done: number;
  total: number;
  signed: number;
  /** The document signed next; null once the batch is over. */
  currentId: string | null;
}

export interface TokenBatchRequest {
  signing: DesktopSigningOptions;
  slotId: string;
  certificateId: string;
  pin: string;
  now: Date;
  documents: TokenBatchDocument[];
  reason: string;
  location?: string;
  /** The signer's registered signature image and the org's seal image (decision 0039). */
  signatureImage?: Buffer;
  sealImage?: Buffer;
  trustAnchors: X509Certificate[];
  /** Cancels between documents. */
  signal?: AbortSignal;
  onProgress?: (p: TokenBatchProgress) => void;
}

export interface TokenBatchResult {
  signed: { id: string; pdf: Buffer; sha256: string }[];
  notSigned: { id: string; code: string; message: string; messageVi: string }[];
  tokenRemoved: boolean;
  cancelled: boolean;
  /** Time spent inside the token's C_Sign (benchmarks). */
  tokenMs: number;
}

/** Per OCSP/CRL request; once the CA's responders do not answer, the batch stops asking them. */
const LTV_TIMEOUT_MS = 3_000;

const BATCH_FAILED_VI = 'Không ký được, văn bản này chưa được ký. Hãy thử lại.';

/** Every document reported with the same failure: nothing was signed. */
function noneSigned(req: TokenBatchRequest, err: unknown): TokenBatchResult {
  const e =
    err instanceof TokenError || err instanceof TimestampError
      ? err
      : new TokenError(
          'SIGN_BATCH_FAILED',
          BATCH_FAILED_VI,
          String((err as Error)?.message ?? err),
        );
  const notSigned = req.documents.map((d) => ({
    id: d.id,
    code: e.code,
    message: e.message,
    messageVi: e.messageVi,
  }));
  notSigned.forEach((_, i) => {
    try {
      req.onProgress?.({
        done: i + 1,
        total: notSigned.length,
        signed: 0,
        currentId: req.documents[i + 1]?.id ?? null,
      });
    } catch {
      // as in signBatch: a listener's failure must not lose the result
    }
  });
  return { signed: [], notSigned, tokenRemoved: false, cancelled: false, tokenMs: 0 };
}

/**
 * Signs `documents` in order with the certificate `certificateId` of the token in `slotId`, after
 * ONE login with `pin` (a wrong PIN is reported for every document and never retried).
 */
export async function signTokenBatch(req: TokenBatchRequest): Promise<TokenBatchResult> {
  const path = modulePathOf(req.signing);
  if (path === null)
    return noneSigned(
      req,
      new TokenError(
        'SIGN_MODULE_NOT_FOUND',
        SIGN_ERRORS.SIGN_MODULE_NOT_FOUND,
        'no PKCS#11 module configured or installed',
      ),
    );
  let module: RemoteTokenModule | undefined;
  try {
    module = await RemoteTokenModule.open(path);
    const slot = Buffer.from(req.slotId, 'hex');
    const present = (await module.listTokens()).some((t) => t.slotId === req.slotId);
    if (!present)
      throw new TokenError(
        'SIGN_TOKEN_NOT_FOUND',
        SIGN_ERRORS.SIGN_TOKEN_NOT_FOUND,
        `no token in slot ${req.slotId}`,
      );
    const keyId = req.certificateId.toLowerCase();
    const certs = await module.listCertificates(slot);
    const own = certs.find((c) => c.id === keyId);
    const cms: CmsOptions = own
      ? { chain: embeddedChain(own.info.der, caCertificatesOn(certs, keyId), req.trustAnchors) }
      : {};
    const tsaUrl = req.signing.tsaUrl;
    if (req.trustAnchors.length === 0)
      console.warn('no signing trust anchors configured: the batch is checked for integrity only');
    let ltvReachable = true;

    const total = req.documents.length;
    let done = 0;
    let signedCount = 0;
    const onProgress = (e: BatchEvent<BatchMemoryDocument>) => {
      if (e.type === 'signing') return;
      done++;
      if (e.type === 'signed') signedCount++;
      req.onProgress?.({
        done,
        total,
        signed: signedCount,
        currentId: req.documents[done]?.id ?? null,
      });
    };

    const result = await signBatch<BatchMemoryDocument>({
      module,
      slot,
      pin: req.pin,
      documents: req.documents,
      signer: { keyId, now: req.now },
      appearance: {
        reason: req.reason,
        ...(req.location ? { location: req.location } : {}),
        ...(req.signatureImage ? { signatureImage: req.signatureImage } : {}),
        ...(req.sealImage ? { sealImage: req.sealImage } : {}),
        time: req.now,
      },
      cms: tsaUrl ? { ...cms, timestamp: rfc3161Timestamper(tsaUrl) } : cms,
      timestampOptional: true,
      signal: req.signal,
      check: async (made, original) => {
        let pdf = made;
        // B-LT when the CA answers; once it does not, the rest of the batch does not wait on it.
        if (ltvReachable) {
          try {
            const ltv = await addLtv(made, {
              trustAnchors: req.trustAnchors,
              timeoutMs: LTV_TIMEOUT_MS,
            });
            pdf = ltv.pdf;
            if (!ltv.added) ltvReachable = false;
            if (!ltv.added || !ltv.complete)
              console.warn(`signature kept without complete B-LT: ${ltv.problems.join('; ')}`);
          } catch (err) {
            ltvReachable = false;
            console.warn(`batch kept without B-LT: ${(err as Error).message}`);
          }
        }
        await assertSignedOnce(pdf, original, req.trustAnchors, req.now);
        return pdf;
      },
      onProgress,
    });
    return {
      signed: result.signed.map((d) => ({ id: d.id, pdf: d.pdf, sha256: d.sha256 })),
      notSigned: result.notSigned.map((d) => ({
        id: d.id,
        code: d.code,
        message: d.message,
        messageVi: d.messageVi,
      })),
      tokenRemoved: result.tokenRemoved,
      cancelled: result.cancelled,
      tokenMs: result.tokenMs,
    };
  } catch (err) {
    return noneSigned(req, err);
  } finally {
    await module?.close().catch(() => undefined);
  }
}
