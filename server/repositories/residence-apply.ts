import { randomUUID } from 'node:crypto';
import type { PushResult } from '../../src/api/push';
import type { ResidenceFormMutation, ResidenceRequestMutation } from '../../src/api/residence';
import type { Role } from '../../src/domain/people/user';
import {
  applyResidenceFormAction,
  newResidenceForm,
  residenceFormActionLabelVi,
  type ResidenceForm,
  type ResidenceFormActor,
  type ResidenceFormCode,
} from '../../src/domain/procedures/residence-form';
import {
  applyResidenceRequestAction,
  createResidenceRequest,
  residenceRequestActionLabelVi,
  type ResidenceActor,
  type ResidenceDispatch,
  type ResidenceRequest,
  type ResidenceRequestCode,
} from '../../src/domain/procedures/residence-request';
import type { RouteOrg } from '../../src/domain/procedures/transfer-route';
import type { Caller } from '../auth/caller';
import { acceptSignedDocument } from '../blobs/letter-signature';
import { blobBytes, checkAttachments, referResidenceBlobs, referResidenceListBlobs } from './blobs';
import type { Trx } from './db';
import { expectedResidenceForm, expectedResidenceList } from './expected-residence';
import { applyOnce, outOfScopeAnswer, pushAnswer } from './push';
import {
  committeeAbove,
  findForm,
  findRequest,
  firstResidenceEventAfter,
  insertForms,
  insertRequest,
  isResidenceCell,
  pathsInScope,
  saveForm,
  saveRequest,
  type ResidenceEvent,
} from './residence';
import { loadOrgPaths, pathString } from './transfers';
import type { TransferDeps } from './transfers-apply';

type Mutation = ResidenceRequestMutation | ResidenceFormMutation;

/** Refusals about who acts, not about what was asked: the result 'forbidden'. */
const FORBIDDEN_CODES: ReadonlySet<string> = new Set<ResidenceRequestCode | ResidenceFormCode>([
  'not_processor',
  'not_approver',
  'not_residence_staff',
  'not_committee_approver',
  'not_committee_staff',
  'not_your_form',
]);

const answer = pushAnswer;
const outOfScope = (m: Mutation) => outOfScopeAnswer(m, 'list or form', 'Danh sách hoặc phiếu');

const rolesOn = (caller: Caller, path: string | null): Role[] =>
  path
    ? (caller.scope.grants.filter((g) => path.startsWith(g.path)).map((g) => g.role) as Role[])
    : [];

const eventOf = (
  caller: Caller,
  type: string,
  at: string,
  reason: string | null = null,
  signedPdfSha256: string | null = null,
): ResidenceEvent => ({
  type,
  actorId: caller.user.id,
  actorName: caller.user.fullName,
  at,
  reason,
  signedPdfSha256,
});

/** The signed PDF a signed step names, if it is one. */
const signedPdfOf = (action: { type: string }) =>
  'signedPdfSha256' in action && typeof action.signedPdfSha256 === 'string'
    ? action.signedPdfSha256
    : null;

/**
 * Applies one residence mutation in its own transaction, exactly once: the id is claimed first and
 * whatever the answer it is stored with the id and returned again on a retry (like dossiers).
 */
export async function applyResidenceMutation(
  deps: TransferDeps,
  caller: Caller,
  m: Mutation,
): Promise<PushResult> {
  return applyOnce(deps.db, deps.now, caller.user.id, m.id, (trx, now) =>
    m.entity === 'residenceRequest'
      ? decideRequest(trx, deps, caller, m, now)
      : decideForm(trx, deps, caller, m, now),
  );
}

/** "Someone did X before you": the answer to an action on a rev that moved on. */
async function stale(trx: Trx, m: Mutation, rev: number, labels: Record<string, string>) {
  const first = await firstResidenceEventAfter(trx, m.entityId, m.baseRev);
  const who = first?.actorName ?? 'người khác';
  const what = first ? (labels[first.type] ?? 'cập nhật').toLowerCase() : 'cập nhật';
  return answer(
    m,
    'conflict',
    rev,
    'stale',
    `moved on since rev ${m.baseRev}: ${first ? `${first.actorName} did ${first.type} at ${first.at}` : `now at rev ${rev}`}`,
    `Đã được ${who} ${what} trước bạn. Vui lòng đồng bộ lại và xem trạng thái mới.`,
  );
}

async function decideRequest(
  trx: Trx,
  deps: TransferDeps,
  caller: Caller,
  m: ResidenceRequestMutation,
  now: Date,
): Promise<PushResult> {
  const stored = await findRequest(trx, m.entityId, { forUpdate: deps.engine });
  const action = m.action;
  const workplaceId =
    action.type === 'create' ? action.workplaceOrgId : stored?.value.workplaceOrgId;
  if (!workplaceId)
    return answer(m, 'invalid', null, 'not_found', 'no such list', 'Không tìm thấy danh sách.');
  const items = action.type === 'create' || action.type === 'edit' ? action.items : [];
  const paths = await loadOrgPaths(trx, [
    workplaceId,
    ...items.flatMap((i) => (i.residenceOrgId ? [i.residenceOrgId] : [])),
    // Sending creates the forms: their residence cells' committees are needed.
    ...((action.type === 'send' || action.type === 'sign_and_send') && stored
      ? stored.value.items.flatMap((i) => (i.residenceOrgId ? [i.residenceOrgId] : []))
      : []),
  ]);
  const workplace = paths.get(workplaceId);
  if (!workplace || !pathsInScope(caller.scope, [pathString(workplace)])) return outOfScope(m);
  const actor: ResidenceActor = {
    userId: caller.user.id,
    fullName: caller.user.fullName,
    memberId: caller.user.memberId,
    rolesHere: rolesOn(caller, pathString(workplace)),
  };
  const env = { now: now.toISOString() };

  if (action.type === 'create') {
    if (stored || m.baseRev !== 0)
      return answer(
        m,
        'conflict',
        stored?.rev ?? null,
        'exists',
        'a list with this id exists',
        'Danh sách này đã được lập.',
      );
    const bad = await checkItems(trx, workplace, items, paths);
    if (bad) return answer(m, 'invalid', null, bad.code, bad.message, bad.messageVi);
    const made = createResidenceRequest({ id: m.entityId, ...action }, actor, env);
    if (!made.ok)
      return answer(
        m,
        FORBIDDEN_CODES.has(made.code) ? 'forbidden' : 'invalid',
        null,
        made.code,
        made.message,
        made.messageVi,
      );
    const rev = await insertRequest(
      trx,
      made.request,
      caller.user.id,
      eventOf(caller, 'create', env.now),
      now,
      m.id,
    );
    return answer(m, 'applied', rev, null, 'applied', 'Đã lập danh sách.');
  }

  if (!stored)
    return answer(m, 'invalid', null, 'not_found', 'no such list', 'Không tìm thấy danh sách.');
  if (stored.rev !== m.baseRev) return stale(trx, m, stored.rev, residenceRequestActionLabelVi);
  if (action.type === 'edit') {
    const bad = await checkItems(trx, workplace, items, paths);
    if (bad) return answer(m, 'invalid', stored.rev, bad.code, bad.message, bad.messageVi);
  }
  const outcome = applyResidenceRequestAction(stored.value, action, actor, env);
  if (!outcome.ok)
    return answer(
      m,
      FORBIDDEN_CODES.has(outcome.code) ? 'forbidden' : 'invalid',
      stored.rev,
      outcome.code,
      outcome.message,
      outcome.messageVi,
    );
  const signed = signedPdfOf(action);
  if (signed) {
    const previous = stored.value.listPdfSha256;
    const refused = await refuseSigned(trx, deps, caller, signed, now, {
      previousSha256: previous,
      build: (signedAt) => expectedResidenceList(trx, stored.value, signedAt),
    });
    if (refused) return { ...refused, id: m.id, rev: stored.rev };
  }
  const reason = action.type === 'return' ? action.reason : null;
  const rev = await saveRequest(
    trx,
    outcome.request,
    eventOf(caller, action.type, env.now, reason, signed),
    now,
    m.id,
  );
  if (signed) await referResidenceListBlobs(trx, stored.value.id, [signed]);
  if (outcome.dispatch.length > 0) {
    const forms = formsFor(outcome.request, outcome.dispatch, paths);
    if (!forms.ok) throw new Error(forms.message);
    await insertForms(trx, forms.value, now);
  }
  return answer(m, 'applied', rev, null, 'applied', 'Đã cập nhật danh sách.');
}

/**
 * The items' facts the state machine cannot know: each member is registered under the workplace,
 * each residence org is a cell with a committee above it.
 */
async function checkItems(
  trx: Trx,
  workplace: readonly RouteOrg[],
  items: ResidenceRequest['items'],
  paths: Map<string, RouteOrg[]>,
): Promise<{ code: string; message: string; messageVi: string } | null> {
  const ids = items.map((i) => i.memberId);
  const rows =
    ids.length === 0
      ? []
      : await trx
          .selectFrom('members as m')
          .innerJoin('orgs as o', 'o.id', 'm.home_org_id')
          .select(['m.id', 'o.path'])
          .where('m.id', 'in', ids)
          .where('m.deleted', '=', 0)
          .execute();
  const homePath = new Map(rows.map((r) => [r.id, r.path]));
  const root = pathString(workplace);
  for (const item of items) {
    const home = homePath.get(item.memberId);
    if (!home || !home.startsWith(root))
      return {
        code: 'member_not_here',
        message: `member ${item.memberId} is not registered under the workplace org`,
        messageVi: 'Có đảng viên không sinh hoạt tại tổ chức đảng lập danh sách.',
      };
    const residence = item.residenceOrgId ? paths.get(item.residenceOrgId) : undefined;
    if (item.residenceOrgId && (!isResidenceCell(residence) || !committeeAbove(residence!)))
      return {
        code: 'bad_residence_org',
        message: `residence org ${item.residenceOrgId} is not a cell under a ward or commune committee`,
        messageVi: 'Tổ chức đảng nơi cư trú phải là một chi bộ thuộc đảng ủy xã, phường.',
      };
  }
  return null;
}

function formsFor(
  request: ResidenceRequest,
  dispatch: readonly ResidenceDispatch[],
  paths: Map<string, RouteOrg[]>,
): { ok: true; value: ResidenceForm[] } | { ok: false; message: string } {
  const forms: ResidenceForm[] = [];
  for (const d of dispatch) {
    if (!d.commentAsked) continue;
    const residence = paths.get(d.residenceOrgId);
    const committee = residence ? committeeAbove(residence) : null;
    if (!committee) return { ok: false, message: `no committee above ${d.residenceOrgId}` };
    forms.push(
      newResidenceForm({
        id: randomUUID(),
        requestId: request.id,
        campaignYear: request.campaignYear,
        memberId: d.memberId,
        workplaceOrgId: request.workplaceOrgId,
        residenceOrgId: d.residenceOrgId,
        committeeOrgId: committee.id,
        reportRequired: d.reportRequired,
      }),
    );
  }
  return { ok: true, value: forms };
}

async function decideForm(
  trx: Trx,
  deps: TransferDeps,
  caller: Caller,
  m: ResidenceFormMutation,
  now: Date,
): Promise<PushResult> {
  const stored = await findForm(trx, m.entityId, { forUpdate: deps.engine });
  if (!stored)
    return answer(
      m,
      'invalid',
      null,
      'not_found',
      'no such form',
      'Không tìm thấy phiếu nhận xét.',
    );
  const form = stored.value;
  const paths = await loadOrgPaths(trx, [
    form.workplaceOrgId,
    form.residenceOrgId,
    form.committeeOrgId,
  ]);
  const path = (id: string) => {
    const p = paths.get(id);
    return p ? pathString(p) : null;
  };
  const own = caller.user.memberId !== null && caller.user.memberId === form.memberId;
  const orgPaths = [form.workplaceOrgId, form.residenceOrgId, form.committeeOrgId].flatMap(
    (id) => path(id) ?? [],
  );
  if (!own && !pathsInScope(caller.scope, orgPaths)) return outOfScope(m);
  if (stored.rev !== m.baseRev) return stale(trx, m, stored.rev, residenceFormActionLabelVi);

  const action = m.action;
  const files =
    action.type === 'report'
      ? [action.file]
      : action.type === 'record_paper'
        ? [action.paper.scan]
        : [];
  const bad = await checkAttachments(trx, caller, files);
  if (bad) return answer(m, 'invalid', stored.rev, 'bad_attachment', bad.message, bad.messageVi);

  const actor: ResidenceFormActor = {
    userId: caller.user.id,
    fullName: caller.user.fullName,
    memberId: caller.user.memberId,
    rolesHere: rolesOn(caller, path(form.residenceOrgId)),
    rolesAtResidence: rolesOn(caller, path(form.residenceOrgId)),
    rolesAtCommittee: rolesOn(caller, path(form.committeeOrgId)),
  };
  const env = { now: now.toISOString() };
  const outcome = applyResidenceFormAction(form, action, actor, env);
  if (!outcome.ok)
    return answer(
      m,
      FORBIDDEN_CODES.has(outcome.code) ? 'forbidden' : 'invalid',
      stored.rev,
      outcome.code,
      outcome.message,
      outcome.messageVi,
    );
  const signed = signedPdfOf(action);
  if (signed) {
    const refused = await refuseSigned(trx, deps, caller, signed, now, {
      previousSha256: null,
      build: (signedAt) => expectedResidenceForm(trx, form, signedAt),
    });
    if (refused) return { ...refused, id: m.id, rev: stored.rev };
  }
  const reason = action.type === 'return' ? action.reason : null;
  const rev = await saveForm(
    trx,
    outcome.form,
    eventOf(caller, action.type, env.now, reason, signed),
    now,
    m.id,
  );
  await referResidenceBlobs(trx, form.id, [
    ...files.map((f) => f.sha256),
    ...(signed ? [signed] : []),
  ]);
  return answer(m, 'applied', rev, null, 'applied', 'Đã cập nhật phiếu nhận xét.');
}

/**
 * The signed PDF of a signed step, through the one acceptance rule of signed documents (as the
 * transfer letter's): the document as last signed, or the one the server rebuilds for the signing
 * day, plus exactly one new signature by the actor's registered certificate. Null when accepted.
 */
async function refuseSigned(
  trx: Trx,
  deps: TransferDeps,
  caller: Caller,
  sha256: string,
  now: Date,
  base: { previousSha256: string | null; build: (signedAt: Date) => Promise<Buffer | null> },
): Promise<Omit<PushResult, 'id' | 'rev'> | null> {
  const pdf = await blobBytes(trx, sha256);
  if (!pdf)
    return {
      status: 'invalid',
      code: 'document_missing',
      message: `signed document ${sha256} was not uploaded`,
      messageVi: 'Tệp đã ký số chưa được tải lên máy chủ.',
    };
  const previous = base.previousSha256 ? await blobBytes(trx, base.previousSha256) : null;
  // A list signed on approval may be signed again on sending on top of that version, or rendered
  // afresh and signed once: both are the list the server holds.
  const onTop =
    previous !== null &&
    pdf.length > previous.length &&
    pdf.subarray(0, previous.length).equals(previous);
  const verdict = await acceptSignedDocument(trx, {
    pdf,
    base: onTop ? { kind: 'previous', bytes: previous } : { kind: 'generated', build: base.build },
    actorUserId: caller.user.id,
    trustAnchors: deps.trustAnchors,
    now,
  });
  if (verdict.ok) return null;
  return {
    status: verdict.status,
    code: verdict.code,
    message: `the signed document is refused: ${verdict.message}`,
    messageVi: verdict.messageVi,
  };
}
