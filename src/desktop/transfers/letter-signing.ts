import type { X509Certificate } from 'node:crypto';
import type { z } from 'zod';
import type { DossierWire } from '../../api/transfers';
import { loadCertificates } from '../../signing/verify/chain';
import { PdfRejectedError, verifyPdfIsolated } from '../../signing/verify/verify-isolated';
import type { VerifyReport } from '../../signing/verify/verify-pdf';
import { blobCacheRepo, sha256Of } from '../../sync/repositories/blob-cache';
import type { transferCalls } from '../contract-transfers';
import { fail, type ServiceContext } from '../service-context';
import { signInBox } from '../signing/sign-in-box';
import { readBlobBytes } from './blob-access';
import { announceOutbox, decide, enqueue, sendSoon, settled } from './dossier-actions';
import { boxesOf, boxFor, newLetter } from './letter-layout';
import { sealedOrg, signingImagesFor } from './seal-images';
import type { TransferModel } from './transfer-model';

type SignInput = z.output<(typeof transferCalls)['signAndForwardDossier']['input']>;

const PROBE_SHA = '0'.repeat(64);
const REASON = 'Ký số chuyển tiếp giấy giới thiệu sinh hoạt đảng';

/** The configured trust anchors (operator's PEM), or none. */
export function trustAnchorsOf(ctx: ServiceContext): X509Certificate[] {
  const pem = ctx.signing.trustAnchorsPem;
  return pem ? loadCertificates(pem) : [];
}

/** The current letter (signed by an earlier org) or a new one when no org has signed yet. */
async function letterToSign(
  ctx: ServiceContext,
  model: TransferModel,
  shown: DossierWire,
  now: Date,
) {
  if (shown.letterSha256 === null) return (await newLetter(model, shown, now)).pdf;
  const blob = await readBlobBytes(ctx, shown.letterSha256, {
    code: 'letter_not_cached',
    messageVi:
      'Giấy giới thiệu đã ký của hồ sơ chưa được tải về máy. Hãy kết nối mạng để tải về rồi ký.',
  });
  return blob.bytes;
}

/** Verified in a worker: the letter came from the server, and may be hostile. */
async function verifyLetter(
  pdf: Buffer,
  anchors: X509Certificate[],
  now: Date,
): Promise<VerifyReport> {
  try {
    return await verifyPdfIsolated(pdf, { trustAnchors: anchors, now });
  } catch (err) {
    if (!(err instanceof PdfRejectedError)) throw err;
    return fail(
      'invalid_pdf',
      `the letter cannot be verified: ${err.message}`,
      'Tệp PDF không hợp lệ hoặc bị hỏng: không kiểm tra được giấy giới thiệu, hồ sơ chưa được chuyển.',
    );
  }
}

/** Refuses a produced letter whose signatures do not all verify (nothing bad is ever queued). */
async function assertSignedLetter(
  signed: Buffer,
  before: number,
  anchors: X509Certificate[],
  now: Date,
) {
  const report = await verifyLetter(signed, anchors, now);
  const broken = report.signatures.find((s) => !s.intact);
  const untrusted =
    anchors.length > 0
      ? report.signatures.find((s) => !s.chain.trusted || (s.timestamp && !s.timestamp.trusted))
      : undefined;
  if (report.signatures.length !== before + 1 || broken || untrusted) {
    const bad = broken ?? untrusted;
    return fail(
      'invalid_signature',
      `the signed letter does not verify: ${bad ? `${bad.fieldName}: ${bad.errors.join('; ')}` : `${report.signatures.length} signatures, expected ${before + 1}`}`,
      untrusted && !broken
        ? 'Chữ ký số vừa tạo không chuỗi được đến chứng thư gốc đã cấu hình, hồ sơ chưa được chuyển. Hãy kiểm tra chứng thư số hoặc cấu hình chứng thư gốc.'
        : 'Chữ ký số vừa tạo không hợp lệ, hồ sơ chưa được chuyển. Hãy ký lại.',
    );
  }
  if (anchors.length === 0)
    console.warn('no signing trust anchors configured: the letter was checked for integrity only');
}

/**
 * Signs the introduction letter in this org's box with the token (an incremental signature: the
 * earlier ones stay byte for byte), checks it, keeps it for upload, and queues sign-and-forward.
 * With a TSA configured the signature is PAdES B-T; when the TSA cannot be reached (offline) it is
 * B-B rather than no signature at all.
 */
export async function signAndForward(
  ctx: ServiceContext,
  model: TransferModel,
  input: SignInput,
  now: Date,
): Promise<{ outboxId: string; letterSha256: string }> {
  await settled(ctx);
  // The machine decides before the token is touched: no PIN asked for a refused action.
  const { shown } = decide(
    model,
    input.dossierId,
    { type: 'sign_and_forward', signedPdfSha256: PROBE_SHA },
    now,
  );
  const letter = await letterToSign(ctx, model, shown, now);
  const before = (await verifyLetter(letter, [], now)).signatures.length;
  const box = boxFor(boxesOf(letter), shown);
  const anchors = trustAnchorsOf(ctx);
  const place = model.repo.orgs([shown.currentOrgId]).get(shown.currentOrgId);
  const images = await signingImagesFor(ctx, place && sealedOrg(place));

  const signed = await signInBox(ctx.signing, {
    pdf: letter,
    box,
    reason: REASON,
    ...(place ? { location: place.name } : {}),
    ...images,
    slotId: input.slotId,
    certificateId: input.certificateId,
    pin: input.pin,
    now,
    anchors,
  });
  await assertSignedLetter(signed, before, anchors, now);

  const letterSha256 = sha256Of(signed);
  blobCacheRepo(ctx.handle).put({
    sha256: letterSha256,
    contentType: 'application/pdf',
    bytes: signed,
    needsUpload: true,
    now,
  });
  const action = { type: 'sign_and_forward' as const, signedPdfSha256: letterSha256 };
  // Decided again with the real letter: the queue may have changed while the token signed.
  const { baseRev } = decide(model, input.dossierId, action, now);
  const outboxId = enqueue(model, input.dossierId, action, baseRev, now);
  announceOutbox(ctx, model);
  sendSoon(ctx);
  return { outboxId, letterSha256 };
}
