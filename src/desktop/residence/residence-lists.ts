import type { z } from 'zod';
import type { ResidenceRequestWire } from '../../api/residence';
import { foldForSearch, searchTokens } from '../../domain/text/fold';
import {
  dispatchOf,
  residenceRequestActionLabelVi,
  splitByResidenceOrg,
  type ResidenceRequestAction,
} from '../../domain/procedures/residence-request';
import { exemptionOn } from '../../domain/procedures/residence-rules';
import type {
  ResidenceCandidate,
  ResidenceListAllowed,
  ResidenceListDetail,
  ResidenceListItem,
  residenceCalls,
} from '../contract-residence';
import type { ServiceContext } from '../service-context';
import { toOutboxEntry } from '../transfers/dossier-detail';
import { isQueued } from '../transfers/transfer-model';
import { fail } from '../service-context';
import type { Cached, ResidenceModel } from './residence-model';
import { fileRef, residenceNamer } from './residence-names';

type ListsInput = z.output<(typeof residenceCalls)['residenceLists']['input']>;
type CandidatesInput = z.output<(typeof residenceCalls)['residenceCandidates']['input']>;

export const LIST_FILE_NAME = 'danh-sach-gioi-thieu-xin-nhan-xet-noi-cu-tru.pdf';
const PROBE_SHA = '0'.repeat(64);

/** One probe per allowed flag: the machine decides, with the user's roles at the workplace. */
const PROBES: Record<keyof ResidenceListAllowed, ResidenceRequestAction | null> = {
  edit: null,
  submit: { type: 'submit' },
  approve: { type: 'approve' },
  signAndApprove: { type: 'sign_and_approve', signedPdfSha256: PROBE_SHA },
  return: { type: 'return', reason: 'probe' },
  send: { type: 'send' },
  signAndSend: { type: 'sign_and_send', signedPdfSha256: PROBE_SHA },
};

function allowedOn(
  model: ResidenceModel,
  shown: ResidenceRequestWire,
  blocked: boolean,
  now: Date,
): ResidenceListAllowed {
  const ask = (key: keyof ResidenceListAllowed) => {
    const probe = PROBES[key] ?? { type: 'edit', kind: shown.kind, items: shown.items };
    return !blocked && model.applyRequest(shown, probe, now).ok;
  };
  return {
    edit: ask('edit'),
    submit: ask('submit'),
    approve: ask('approve'),
    signAndApprove: ask('signAndApprove'),
    return: ask('return'),
    send: ask('send'),
    signAndSend: ask('signAndSend'),
  };
}

/** Whether the org is in one of the user's subtrees (a grant covers its subtree). */
export function inScope(model: ResidenceModel, orgId: string): boolean {
  const path = model.base.repo.orgs([orgId]).get(orgId)?.path;
  return path !== undefined && model.base.scopePaths().some((p) => path.startsWith(p));
}

/** Every list the cache holds or the outbox creates, with the user's queued steps applied. */
function shownLists(model: ResidenceModel) {
  const ids = new Set(model.cache.requests().map((r) => r.id));
  for (const item of model.base.outbox.list())
    if (item.kind === 'residenceRequest' && item.entityId !== null) ids.add(item.entityId);
  for (const id of model.base.outbox.appliedEntityIds('residenceRequest')) ids.add(id);
  return [...ids].flatMap((id) => {
    const cached = model.loadRequest(id);
    if (!cached) return [];
    const queued = model.queuedRequest(id);
    return [{ cached, queued, shown: model.overlayRequest(cached, queued) }];
  });
}

function listItem(
  model: ResidenceModel,
  { queued, shown }: Pick<ReturnType<typeof shownLists>[number], 'queued' | 'shown'>,
): ResidenceListItem {
  const name = residenceNamer(model, [shown.workplaceOrgId], [], shown);
  return {
    id: shown.id,
    campaignYear: shown.campaignYear,
    kind: shown.kind,
    status: shown.status,
    workplaceOrg: name.org(shown.workplaceOrgId),
    memberCount: shown.items.length,
    commentCount: dispatchOf(shown).filter((d) => d.commentAsked).length,
    createdAt: shown.createdAt,
    updatedAt: shown.updatedAt,
    signed: shown.listPdfSha256 !== null,
    pendingActions: queued.filter(isQueued).length,
    needsAttention: queued.some((i) => !isQueued(i)),
  };
}

/** "Danh sách đã lập": the lists of the user's workplace orgs, newest first. */
export function residenceLists(model: ResidenceModel, input: ListsInput) {
  const found = shownLists(model)
    .filter(({ shown }) => inScope(model, shown.workplaceOrgId))
    .filter(
      ({ shown }) => input.campaignYear === undefined || shown.campaignYear === input.campaignYear,
    )
    .filter(({ shown }) => input.status === undefined || shown.status === input.status)
    .sort(
      (a, b) =>
        b.shown.updatedAt.localeCompare(a.shown.updatedAt) || a.shown.id.localeCompare(b.shown.id),
    );
  return {
    items: found.slice(0, input.limit).map((l) => listItem(model, l)),
    truncated: found.length > input.limit,
  };
}

export function residenceListDetail(
  ctx: ServiceContext,
  model: ResidenceModel,
  requestId: string,
  now: Date,
  label: string,
): ResidenceListDetail {
  const cached: Cached<ResidenceRequestWire> = model.requireRequest(requestId);
  const queued = model.queuedRequest(requestId);
  const shown = model.overlayRequest(cached, queued);
  const blocked = queued.some((i) => !isQueued(i));
  const residenceIds = shown.items.flatMap((i) => (i.residenceOrgId ? [i.residenceOrgId] : []));
  const name = residenceNamer(
    model,
    [shown.workplaceOrgId, ...residenceIds],
    shown.items.map((i) => i.memberId),
    shown,
  );
  const today = now.toISOString().slice(0, 10);
  const byOrg = splitByResidenceOrg(dispatchOf(shown));
  return {
    ...listItem(model, { queued, shown }),
    reason: shown.reason,
    members: shown.items.map((item) => ({
      memberId: item.memberId,
      fullName: name.member(item.memberId).fullName,
      birthDate: name.birthDate(item.memberId),
      residenceOrg: item.residenceOrgId ? name.org(item.residenceOrgId) : null,
      reportRequired: item.reportRequired,
      exemption: item.exemption,
      exemptionVi: item.exemption ? (exemptionOn(item.exemption, today)?.labelVi ?? null) : null,
    })),
    byResidenceOrg: [...byOrg].map(([orgId, members]) => ({
      ...name.org(orgId),
      memberCount: members.length,
    })),
    listPdf: shown.listPdfSha256
      ? fileRef(ctx, {
          sha256: shown.listPdfSha256,
          fileName: LIST_FILE_NAME,
          contentType: 'application/pdf',
        })
      : null,
    history: shown.history.map((e) => ({
      ...e,
      label:
        residenceRequestActionLabelVi[e.type as keyof typeof residenceRequestActionLabelVi] ??
        e.type,
    })),
    allowed: allowedOn(model, shown, blocked, now),
    pending: queued.map((i) => toOutboxEntry(i, label)),
  };
}

/** Member name words, each matching the start of a word of the name. */
function matches(nameFolded: string, q: string | undefined): boolean {
  if (q === undefined || q.trim() === '') return true;
  const words = nameFolded.split(' ');
  return searchTokens(q).every((t) => words.some((w) => w.startsWith(t)));
}

/**
 * "Lập danh sách": the members of the org's subtree with their residence cell, and whether a list
 * of that year (queued ones included) already names them.
 */
export function residenceCandidates(
  model: ResidenceModel,
  input: CandidatesInput,
): { items: ResidenceCandidate[]; truncated: boolean } {
  const org = model.base.repo.orgs([input.orgId]).get(input.orgId);
  if (!org || !inScope(model, input.orgId))
    return fail('not_found', `org ${input.orgId} is not in scope`, 'Không tìm thấy tổ chức đảng.');
  const listed = new Set(
    shownLists(model)
      .filter(({ shown }) => shown.campaignYear === input.campaignYear)
      .flatMap(({ shown }) => shown.items.map((i) => i.memberId)),
  );
  const rows = model.cache
    .membersBelow(org.path, Number.MAX_SAFE_INTEGER)
    .filter((m) => matches(m.name_folded || foldForSearch(m.full_name), input.q));
  const page = rows.slice(0, input.limit);
  const orgs = residenceNamer(
    model,
    page.flatMap((m) => [m.home_org_id, ...(m.residence_org_id ? [m.residence_org_id] : [])]),
    [],
    { orgNames: {}, memberNames: {} },
  );
  return {
    items: page.map((m) => ({
      memberId: m.id,
      fullName: m.full_name,
      birthDate: m.birth_date,
      org: orgs.org(m.home_org_id),
      residenceOrg: m.residence_org_id ? orgs.org(m.residence_org_id) : null,
      alreadyListed: listed.has(m.id),
    })),
    truncated: rows.length > input.limit,
  };
}
