import type { SqliteHandle } from '../../db/sqlite';
import { transferVariantLabelVi } from '../../domain/procedures';
import { blobCacheRepo } from '../../sync/repositories/blob-cache';
import { outboxRepo, type OutboxItem } from '../../sync/repositories/outbox';
import type { transferCalls } from '../contract-transfers';
import { fail, type HandlersFor, type ServiceContext } from '../service-context';
import { accountOutboxLabel } from '../accounts/account-labels';
import { residenceOutboxLabel } from '../residence/residence-labels';
import { readBlob, readBlobBytes } from './blob-access';
import { discardEntry, queueAction } from './dossier-actions';
import { dossierDetail, toOutboxEntry } from './dossier-detail';
import { listDossiers } from './dossier-list';
import { signAndForward, trustAnchorsOf } from './letter-signing';
import { checkSignatures } from './signature-checks';
import { listTokens } from './token-access';
import {
  listCertificateRegistrations,
  registerTokenCertificate,
  revokeCertificateRegistration,
  tokenCertificateRegistration,
} from './certificate-registry';
import { transferModel, type TransferModel } from './transfer-model';
import {
  fileTransfer,
  myTransfers,
  resubmitTransfer,
  transferDestinations,
} from './transfer-filing';

const notLoggedIn = () => fail('not_logged_in', 'not logged in', 'Bạn chưa đăng nhập.');

/** "Nguyễn Văn A — Chuyển sinh hoạt đảng chính thức", for outbox entries. */
function outboxLabel(handle: SqliteHandle, model: TransferModel, item: OutboxItem): string {
  switch (item.mutation.entity) {
    case 'feeApproval': {
      const [year, month] = item.mutation.action.month.split('-');
      const cell = model.repo.orgs([item.mutation.entityId]).get(item.mutation.entityId)?.name;
      return `Phê duyệt đảng phí tháng ${month}/${year}${cell ? ` — ${cell}` : ''}`;
    }
    case 'residenceRequest':
    case 'residenceForm':
      return residenceOutboxLabel(handle, model.repo, item);
    case 'accountRequest':
      return accountOutboxLabel(item.mutation.action);
    case 'dossier':
      return dossierLabel(model, item.entityId);
  }
}

function dossierLabel(model: TransferModel, dossierId: string | null): string {
  const cached = dossierId === null ? undefined : model.load(dossierId);
  if (!cached) return 'Hồ sơ chuyển sinh hoạt đảng';
  const w = cached.wire;
  const name = model.repo.members([w.memberId]).get(w.memberId)?.full_name;
  const variant = transferVariantLabelVi[w.variant];
  return name ? `${name} — ${variant}` : variant;
}

/** Handlers of the transfer calls (lists, dossier, actions, token, outbox). */
export function transferHandlers(ctx: ServiceContext): HandlersFor<keyof typeof transferCalls> {
  /** The machine on the cache for the logged-in user (online or offline). */
  const model = (): TransferModel => transferModel(ctx.handle, ctx.currentUser() ?? notLoggedIn());
  const now = () => new Date();

  return {
    fileTransfer: (input) => fileTransfer(ctx, input, now()),
    transferDestinations: ({ q }) => transferDestinations(ctx, q),
    myTransfers: () => {
      const m = model();
      return myTransfers(m, ctx, now(), (id) => dossierLabel(m, id));
    },
    resubmitTransfer: (input) => resubmitTransfer(ctx, model(), input, now()),
    listDossiers: (input) => listDossiers(model(), input, now().toISOString().slice(0, 10)),
    dossierDetail: ({ dossierId }) => {
      const m = model();
      return dossierDetail(m, blobCacheRepo(ctx.handle), dossierId, now(), (id) =>
        dossierLabel(m, id),
      );
    },
    readBlob: ({ sha256 }) => readBlob(ctx, sha256),
    async verifyPdfSignatures({ sha256 }) {
      const blob = await readBlobBytes(ctx, sha256);
      if (blob.contentType !== 'application/pdf')
        return fail(
          'not_pdf',
          `blob ${sha256} is ${blob.contentType}`,
          'Tệp không phải PDF nên không có chữ ký số.',
        );
      return { signatures: await checkSignatures(blob.bytes, trustAnchorsOf(ctx), now()) };
    },
    checkDossier: ({ dossierId, data, nextOrgId }) =>
      queueAction(ctx, model(), dossierId, { type: 'check', data, nextOrgId }, now()),
    forwardDossier: ({ dossierId }) =>
      queueAction(ctx, model(), dossierId, { type: 'forward' }, now()),
    returnDossier: ({ dossierId, reason }) =>
      queueAction(ctx, model(), dossierId, { type: 'return', reason }, now()),
    rejectDossier: ({ dossierId, reason }) =>
      queueAction(ctx, model(), dossierId, { type: 'reject', reason }, now()),
    listTokens: () => listTokens(ctx.signing, now()),
    signAndForwardDossier: (input) => signAndForward(ctx, model(), input, now()),
    tokenCertificateRegistration: ({ fingerprintSha256 }) =>
      tokenCertificateRegistration(ctx, fingerprintSha256),
    registerTokenCertificate: (ref) => registerTokenCertificate(ctx, ref),
    listCertificateRegistrations: ({ status }) => listCertificateRegistrations(ctx, status),
    revokeCertificateRegistration: ({ id, reason }) =>
      revokeCertificateRegistration(ctx, id, reason),
    listOutbox: () => {
      const user = ctx.currentUser();
      const items = outboxRepo(ctx.handle).list();
      const m = user ? model() : undefined;
      return {
        items: items.map((i) => toOutboxEntry(i, m ? outboxLabel(ctx.handle, m, i) : i.kind)),
      };
    },
    discardOutboxEntry: ({ id }) => {
      const kind = outboxRepo(ctx.handle).get(id)?.kind;
      discardEntry(ctx, model(), id);
      // The residence screens overlay the outbox too: what they show changed.
      if (kind === 'residenceRequest' || kind === 'residenceForm')
        ctx.emit({ type: 'residence-changed' });
      return {};
    },
    async pushNow() {
      ctx.requireServerSession();
      return ctx.engine.push();
    },
  };
}
