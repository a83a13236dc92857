import { signingFailure } from '../transfers/token-access';
import { sha256Of, blobCacheRepo } from '../../sync/repositories/blob-cache';
import { type ServiceContext } from '../service-context';
import { assertSignedOnce } from '../signing/signed-check';
import { signInBox } from '../signing/sign-in-box';
import { sendSoon, settled } from '../transfers/dossier-actions';
import { trustAnchorsOf } from '../transfers/letter-signing';
import { announceResidence, decideRequest, enqueueRequestStep } from './residence-actions';
import { renderList, signingPlace } from './residence-documents';
import type { ResidenceModel } from './residence-model';

const PROBE_SHA = '0'.repeat(64);
const REASON = {
  sign_and_approve: 'Ký số phê duyệt danh sách đảng viên giới thiệu và xin nhận xét nơi cư trú',
  sign_and_send: 'Ký số và gửi danh sách đảng viên giới thiệu và xin nhận xét nơi cư trú',
} as const;

/**
 * "Ký duyệt" / "Ký số và gửi" of a list: decided before the token is touched (no PIN asked for a
 * refused step), the list rendered as it stands, signed in its box, checked, kept for upload and
 * queued with its hash in one transaction.
 */
export async function signList(
  ctx: ServiceContext,
  model: ResidenceModel,
  input: {
    requestId: string;
    action: 'sign_and_approve' | 'sign_and_send';
    slotId: string;
    certificateId: string;
    pin: string;
  },
  now: Date,
): Promise<{ outboxId: string; listPdfSha256: string }> {
  await settled(ctx);
  const { shown } = decideRequest(
    model,
    input.requestId,
    { type: input.action, signedPdfSha256: PROBE_SHA },
    now,
  );
  const { pdf, box } = await renderList(model, shown, now);
  const anchors = trustAnchorsOf(ctx);
  const signed = await signInBox(ctx.signing, {
    pdf,
    box,
    reason: REASON[input.action],
    ...(await signingPlace(ctx, model, shown.workplaceOrgId)),
    slotId: input.slotId,
    certificateId: input.certificateId,
    pin: input.pin,
    now,
    anchors,
  });
  try {
    await assertSignedOnce(signed, pdf, anchors, now);
  } catch (err) {
    throw signingFailure(err);
  }
  const listPdfSha256 = sha256Of(signed);
  const action = { type: input.action, signedPdfSha256: listPdfSha256 };
  // Decided again: the queue may have changed while the token signed.
  const { baseRev } = decideRequest(model, input.requestId, action, now);
  const outboxId = ctx.handle.transaction(() => {
    blobCacheRepo(ctx.handle).put({
      sha256: listPdfSha256,
      contentType: 'application/pdf',
      bytes: signed,
      needsUpload: true,
      now,
    });
    return enqueueRequestStep(model, input.requestId, action, baseRev, now);
  })();
  announceResidence(ctx, model);
  sendSoon(ctx);
  return { outboxId, listPdfSha256 };
}
