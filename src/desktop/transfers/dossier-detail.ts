import {
  FINAL_STATUSES,
  isOverdue,
  isValidNextOrg,
  proposeNextOrg,
  transferActionLabelVi,
  type TransferAction,
} from '../../domain/procedures';
import type { DossierWire } from '../../api/transfers';
import type { BlobCacheRepo } from '../../sync/repositories/blob-cache';
import type {
  DossierAllowed,
  DossierDetail,
  DossierFile,
  OutboxEntry,
  RouteStep,
} from '../contract-transfers';
import { orgType } from './org-type';
import { orgNamer } from './org-names';
import { isQueued, type TransferModel } from './transfer-model';

/** What the letter is called in the attachment list. */
export const LETTER_FILE_NAME = 'giay-gioi-thieu-sinh-hoat-dang.pdf';

/** Candidate cells offered below a receiving committee (a ward has a few dozen). */
const MAX_CELL_CHOICES = 500;

const PROBE_SHA = '0'.repeat(64);

/** One probe per allowed flag: the machine decides, with the user's roles where the dossier is. */
const PROBES: Record<Exclude<keyof DossierAllowed, 'resubmit'>, TransferAction> = {
  check: { type: 'check', data: {}, nextOrgId: null },
  forward: { type: 'forward' },
  signAndForward: { type: 'sign_and_forward', signedPdfSha256: PROBE_SHA },
  return: { type: 'return', reason: 'probe' },
  reject: { type: 'reject', reason: 'probe' },
};

export function allowedOn(
  model: TransferModel,
  shown: DossierWire,
  blocked: boolean,
  now: Date,
): DossierAllowed {
  const ask = (action: TransferAction) => !blocked && model.apply(shown, action, now).ok;
  return {
    check: ask(PROBES.check),
    forward: ask(PROBES.forward),
    signAndForward: ask(PROBES.signAndForward),
    return: ask(PROBES.return),
    reject: ask(PROBES.reject),
    resubmit: !blocked && mayResubmit(model, shown, now),
  };
}

/**
 * Probed with the form as it stands, which may no longer pass (a date gone by): the dialog is
 * where it is corrected, so only who may resubmit, and when, decides the button.
 */
function mayResubmit(model: TransferModel, shown: DossierWire, now: Date): boolean {
  const outcome = model.apply(shown, { type: 'resubmit', form: shown.form, attachments: [] }, now);
  return outcome.ok || !['not_your_dossier', 'not_allowed_now'].includes(outcome.code);
}

function routeSteps(
  shown: DossierWire,
  name: (id: string) => { name: string },
  model: TransferModel,
): RouteStep[] {
  const done = shown.status === 'completed';
  const types = model.repo.orgs(shown.route.orgIds);
  return shown.route.orgIds.map((orgId, i) => ({
    orgId,
    name: name(orgId).name,
    type: orgType(types.get(orgId)?.type),
    side: i < shown.route.handoverIndex ? 'from' : 'to',
    state: done || i < shown.position ? 'done' : i === shown.position ? 'current' : 'later',
  }));
}

/** The proposed hop and every org the check may name instead (the machine's rules). */
function nextOrgChoices(model: TransferModel, shown: DossierWire) {
  if (FINAL_STATUSES.includes(shown.status)) return { proposed: null, choices: [] };
  const proposed = proposeNextOrg(shown.route, shown.position);
  if (proposed === null) return { proposed: null, choices: [] };
  const current = model.repo.orgs([shown.currentOrgId]).get(shown.currentOrgId);
  const candidates = [
    proposed,
    ...(current ? model.repo.cellsBelow(current.path, MAX_CELL_CHOICES).map((o) => o.id) : []),
  ];
  const pathOf = model.pathOfOnRoute(shown);
  const choices = [...new Set(candidates)].filter((id) => {
    const path = pathOf(id);
    return path !== null && isValidNextOrg(shown.route, shown.position, path) !== null;
  });
  return { proposed, choices };
}

export function toOutboxEntry(
  item: ReturnType<TransferModel['queuedFor']>[number],
  label: string,
): OutboxEntry {
  const action = 'action' in item.mutation ? item.mutation.action : undefined;
  // list() and forEntity() leave applied entries out; one here is a bug, not a state to show.
  if (item.status === 'applied') throw new Error(`outbox entry ${item.id} is applied`);
  return {
    id: item.id,
    seq: item.seq,
    kind: item.kind,
    entityId: item.entityId,
    actionType: action?.type ?? item.kind,
    status: item.status,
    resultCode: item.resultCode,
    message: item.message,
    createdAt: item.createdAt,
    label,
  };
}

export function dossierDetail(
  model: TransferModel,
  blobs: BlobCacheRepo,
  dossierId: string,
  now: Date,
  labelOf: (dossierId: string) => string,
): DossierDetail {
  const cached = model.require(dossierId);
  const queued = model.queuedFor(dossierId);
  const shown = model.overlay(cached, queued);
  const blocked = queued.some((i) => !isQueued(i));
  const { proposed, choices } = nextOrgChoices(model, shown);
  const destinationOrgId = shown.route.orgIds[shown.route.orgIds.length - 1] ?? '';
  const name = orgNamer(
    model.repo,
    [
      ...shown.route.orgIds,
      ...cached.wire.route.orgIds,
      shown.fromOrgId,
      ...shown.history.flatMap((e) => [e.orgId ?? '', e.nextOrgId ?? '']),
      ...choices,
    ],
    { ...cached.wire.orgNames, ...shown.orgNames },
  );
  const member = model.memberOf(cached.wire);
  const file = (f: Omit<DossierFile, 'cached'>): DossierFile => ({
    ...f,
    cached: blobs.has(f.sha256),
  });
  const letter = shown.letterSha256;
  const label = labelOf(dossierId);
  return {
    dossier: { ...cached.wire, rev: cached.rev },
    shown,
    member: member
      ? {
          id: member.id,
          fullName: member.full_name,
          birthDate: member.birth_date,
          cardNo: member.card_no,
          profileNo: member.profile_no,
        }
      : null,
    fromOrg: name(shown.fromOrgId),
    destinationOrg: name(destinationOrgId),
    currentOrg: name(shown.currentOrgId),
    route: routeSteps(shown, name, model),
    history: shown.history.map((e) => ({
      type: e.type,
      label: transferActionLabelVi[e.type],
      org: e.orgId ? name(e.orgId) : null,
      actorName: e.actorName,
      at: e.at,
      reason: e.reason,
      nextOrg: e.nextOrgId ? name(e.nextOrgId) : null,
      signedPdfSha256: e.signedPdfSha256,
    })),
    attachments: shown.attachments.map((a) => file(a)),
    letter: letter
      ? file({
          sha256: letter,
          fileName: LETTER_FILE_NAME,
          contentType: 'application/pdf',
          size: blobs.get(letter)?.size ?? 0,
        })
      : null,
    overdue: isOverdue(shown, now.toISOString().slice(0, 10)),
    proposedNextOrg: proposed ? name(proposed) : null,
    nextOrgChoices: choices.map(name),
    allowed: allowedOn(model, shown, blocked, now),
    pending: queued.map((i) => toOutboxEntry(i, label)),
  };
}
