import { randomUUID } from 'node:crypto';
import { transferRoutes, type TransferDestination } from '../../api/transfers';
import {
  filedOnBehalfVi,
  type Attachment,
  type TransferForm,
} from '../../domain/procedures/transfer-dossier';
import type { TransferVariant } from '../../domain/procedures/transfer-route';
import { blobCacheRepo } from '../../sync/repositories/blob-cache';
import type { MyTransfer, PickedFile } from '../contract-transfers';
import { isOffline } from '../fees/fee-handler-support';
import { keepForUpload, readPickedFile } from '../residence/picked-file';
import { fail, type ServiceContext } from '../service-context';
import { announceOutbox, decide, enqueue, sendSoon, settled } from './dossier-actions';
import { dossierDetail } from './dossier-detail';
import { isQueued, type TransferModel } from './transfer-model';

const OFFLINE_FILING_VI =
  'Cần kết nối mạng để nộp hồ sơ chuyển sinh hoạt đảng. Vui lòng thử lại khi có mạng.';

/** Filing lives at the server (no push mutation makes a dossier): offline, the call says so. */
async function online<T>(ctx: ServiceContext, offlineVi: string, run: () => Promise<T>) {
  try {
    ctx.requireServerSession();
    return await run();
  } catch (err) {
    if (isOffline(err)) return fail('offline', 'needs the server, which is unreachable', offlineVi);
    throw err;
  }
}

/** Files checked before anything leaves the machine, at most one of each content. */
function checkedFiles(files: readonly PickedFile[]) {
  const out = new Map<string, ReturnType<typeof readPickedFile>>();
  for (const file of files) {
    const read = readPickedFile(file);
    out.set(read.attachment.sha256, read);
  }
  return [...out.values()];
}

/**
 * "Nộp hồ sơ": the files go up first (PUT is idempotent), then the dossier with an id made here,
 * so a retry after a lost answer files nothing twice. The pull after it brings the dossier into
 * the cache; a failed pull does not undo the filing.
 */
export async function fileTransfer(
  ctx: ServiceContext,
  input: {
    variant: TransferVariant;
    form: TransferForm;
    files: PickedFile[];
    forMemberId?: string | undefined;
  },
  now: Date,
): Promise<{ dossierId: string }> {
  const files = checkedFiles(input.files);
  const id = randomUUID();
  const user = await online(ctx, OFFLINE_FILING_VI, async () => {
    const signedIn = ctx.requireServerSession();
    const blobs = blobCacheRepo(ctx.handle);
    for (const f of files) {
      await ctx.tracked(ctx.api.putBlob(f.attachment.sha256, f.bytes));
      // Kept as uploaded: the member opens his own files offline later.
      blobs.put({ ...f.attachment, bytes: f.bytes, needsUpload: false, now });
    }
    await ctx.tracked(
      ctx.api.request(transferRoutes.submitTransfer, {
        body: {
          id,
          variant: input.variant,
          form: input.form,
          attachments: files.map((f) => f.attachment),
          ...(input.forMemberId ? { forMemberId: input.forMemberId } : {}),
        },
      }),
    );
    return signedIn;
  });
  try {
    await ctx.engine.sync({ userId: user.id, serverUrl: ctx.serverUrl });
  } catch (err) {
    console.warn('pull after filing a transfer failed; the next sync brings it', err);
  }
  ctx.emit({ type: 'dossiers-changed' });
  return { dossierId: id };
}

/** Cells of the whole tree for the destination field (online: the cache holds one branch). */
export async function transferDestinations(
  ctx: ServiceContext,
  q: string,
): Promise<{ items: TransferDestination[] }> {
  return online(ctx, 'Cần kết nối mạng để tìm tổ chức đảng nơi chuyển đến.', () =>
    ctx.tracked(ctx.api.request(transferRoutes.transferDestinations, { query: { q } })),
  );
}

/** The member's own dossiers with their trail, as the staff detail shows them. */
export function myTransfers(
  model: TransferModel,
  ctx: ServiceContext,
  now: Date,
  labelOf: (dossierId: string) => string,
): { items: MyTransfer[] } {
  if (!model.memberId) return { items: [] };
  const blobs = blobCacheRepo(ctx.handle);
  const items = model.repo.ofMember(model.memberId).map((row): MyTransfer => {
    const d = dossierDetail(model, blobs, row.id, now, labelOf);
    const blocked = d.pending.some((p) => p.status === 'needs_attention');
    return {
      id: row.id,
      variant: d.shown.variant,
      status: d.shown.status,
      destinationOrg: d.destinationOrg,
      currentOrg: d.currentOrg,
      submittedAt: d.shown.submittedAt,
      updatedAt: d.shown.updatedAt,
      reason: d.shown.reason,
      filedByVi: filedOnBehalfVi(d.shown.filedBy),
      form: d.shown.form,
      attachments: d.attachments,
      route: d.route,
      history: d.history,
      canResubmit: d.shown.status === 'returned' && !blocked,
      pendingActions: d.pending.filter((p) => p.status !== 'needs_attention').length,
      needsAttention: blocked,
    };
  });
  return { items };
}

/**
 * "Nộp lại": the corrected form with the files he kept and the ones he added, decided by the
 * machine on the cache and queued; new files wait in the blob cache and go up before the push.
 */
export async function resubmitTransfer(
  ctx: ServiceContext,
  model: TransferModel,
  input: { dossierId: string; form: TransferForm; keep: string[]; files: PickedFile[] },
  now: Date,
): Promise<{ outboxId: string }> {
  await settled(ctx);
  const cached = model.require(input.dossierId);
  const shown = model.overlay(cached, model.queuedFor(input.dossierId).filter(isQueued));
  const kept = shown.attachments.filter((a) => input.keep.includes(a.sha256));
  const added = checkedFiles(input.files);
  const attachments: Attachment[] = [
    ...kept,
    ...added.map((f) => f.attachment).filter((a) => !kept.some((k) => k.sha256 === a.sha256)),
  ];
  if (attachments.length > 20)
    return fail('too_many_files', 'at most 20 attachments', 'Hồ sơ có tối đa 20 tệp đính kèm.');
  const action = { type: 'resubmit' as const, form: input.form, attachments };
  const { baseRev } = decide(model, input.dossierId, action, now);
  for (const f of added) keepForUpload(ctx, f, now);
  const outboxId = enqueue(model, input.dossierId, action, baseRev, now);
  announceOutbox(ctx, model);
  sendSoon(ctx);
  return { outboxId };
}
