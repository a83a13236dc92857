import type { SigningBatchResult, UnsignedItem } from '../contract-residence';
import { fail, DesktopFailure, type ServiceContext } from '../service-context';
import { signTokenBatch, type TokenBatchDocument } from '../signing/token-batch';
import { sendSoon, settled } from '../transfers/dossier-actions';
import { trustAnchorsOf } from '../transfers/letter-signing';
import { blobCacheRepo } from '../../sync/repositories/blob-cache';
import { announceResidence, decideForm, enqueueFormStep } from './residence-actions';
import { renderForm, signingPlace } from './residence-documents';
import type { ResidenceModel } from './residence-model';

const PROBE_SHA = '0'.repeat(64);
const REASON = 'Ký số xác nhận và gửi phiếu nhận xét đảng viên nơi cư trú';

/** The running batches of each service, so "Dừng ký" reaches the right one. */
const running = new WeakMap<ServiceContext, Map<string, AbortController>>();

/** Stops a batch between two documents; an unknown or finished batch is nothing to stop. */
export function cancelBatch(ctx: ServiceContext, batchId: string): void {
  running.get(ctx)?.get(batchId)?.abort();
}

const refusal = (id: string, err: unknown): UnsignedItem => {
  if (err instanceof DesktopFailure)
    return { id, code: err.error.code, messageVi: err.error.messageVi };
  throw err;
};

/**
 * "Ký số và gửi" of many forms: each is decided first (a refused one is reported, never signed;
 * none decidable and the token is not touched), rendered as it stands, then all are signed after
 * one PIN entry in the token worker with progress events. Each signed form is kept for upload and
 * queued in its own transaction, so a form is either signed and queued or reported, never half.
 */
export async function signAndSendForms(
  ctx: ServiceContext,
  model: ResidenceModel,
  input: {
    batchId: string;
    formIds: string[];
    slotId: string;
    certificateId: string;
    pin: string;
  },
  now: Date,
): Promise<SigningBatchResult> {
  await settled(ctx);
  const batches = running.get(ctx) ?? new Map<string, AbortController>();
  running.set(ctx, batches);
  if (batches.has(input.batchId))
    return fail(
      'batch_running',
      `signing batch ${input.batchId} is running`,
      'Đợt ký này đang chạy.',
    );
  const controller = new AbortController();
  batches.set(input.batchId, controller);
  try {
    const notSigned: UnsignedItem[] = [];
    const documents: TokenBatchDocument[] = [];
    let committeeOrgId: string | null = null;
    for (const id of [...new Set(input.formIds)]) {
      try {
        const { shown } = decideForm(
          model,
          id,
          { type: 'sign_and_send', signedPdfSha256: PROBE_SHA },
          now,
        );
        committeeOrgId ??= shown.committeeOrgId;
        if (shown.committeeOrgId !== committeeOrgId) {
          notSigned.push({
            id,
            code: 'other_committee',
            messageVi: 'Phiếu thuộc đảng ủy khác, không ký cùng đợt này.',
          });
          continue;
        }
        const { pdf, box } = await renderForm(model, shown, now);
        documents.push({ id, pdf, page: box.page, rect: box.rect });
      } catch (err) {
        notSigned.push(refusal(id, err));
      }
    }
    if (documents.length === 0 || committeeOrgId === null)
      return { signed: [], notSigned, tokenRemoved: false, cancelled: false };

    const batch = await signTokenBatch({
      signing: ctx.signing,
      slotId: input.slotId,
      certificateId: input.certificateId,
      pin: input.pin,
      now,
      documents,
      reason: REASON,
      ...(await signingPlace(ctx, model, committeeOrgId)),
      trustAnchors: trustAnchorsOf(ctx),
      signal: controller.signal,
      onProgress: (p) =>
        ctx.emit({ type: 'signing-progress', progress: { batchId: input.batchId, ...p } }),
    });

    const blobs = blobCacheRepo(ctx.handle);
    const signed: SigningBatchResult['signed'] = [];
    for (const doc of batch.signed) {
      const action = { type: 'sign_and_send' as const, signedPdfSha256: doc.sha256 };
      try {
        // Decided again: the queue may have changed while the token signed.
        const { baseRev } = decideForm(model, doc.id, action, now);
        const outboxId = ctx.handle.transaction(() => {
          blobs.put({
            sha256: doc.sha256,
            contentType: 'application/pdf',
            bytes: doc.pdf,
            needsUpload: true,
            now,
          });
          return enqueueFormStep(model, doc.id, action, baseRev, now);
        })();
        signed.push({ id: doc.id, outboxId, sha256: doc.sha256 });
      } catch (err) {
        notSigned.push(refusal(doc.id, err));
      }
    }
    notSigned.push(
      ...batch.notSigned.map((d) => ({ id: d.id, code: d.code, messageVi: d.messageVi })),
    );
    if (signed.length > 0) {
      announceResidence(ctx, model);
      sendSoon(ctx);
    }
    return { signed, notSigned, tokenRemoved: batch.tokenRemoved, cancelled: batch.cancelled };
  } finally {
    batches.delete(input.batchId);
  }
}
