import type { SessionUser } from '../../api/auth';
import type { SqliteHandle } from '../../db/sqlite';
import type { UserCase } from '../../domain/notifications/notifications';
import { TransferVariant } from '../../domain/procedures/transfer-route';
import { accountModel } from '../accounts/account-model';
import { decidableRequests } from '../accounts/account-requests';
import { residenceModel } from '../residence/residence-model';
import { shownForms } from '../residence/residence-forms';
import { transferModel, type TransferModel } from '../transfers/transfer-model';

/**
 * The cases of the cache as they stand for the user (the state his queued actions leave), each
 * with what it asks of him, as the procedures' own "chờ tôi xử lý" rules say: the notifications
 * are made of these (src/domain/notifications).
 */
export function userCases(handle: SqliteHandle, user: SessionUser): UserCase[] {
  const transfers = transferModel(handle, user);
  return [
    ...transferCases(transfers, user),
    ...residenceFormCases(handle, user),
    ...accountRequestCases(handle, user),
  ];
}

function transferCases(model: TransferModel, user: SessionUser): UserCase[] {
  const ids = new Set<string>();
  for (const variant of TransferVariant.options)
    for (const side of ['from', 'to'] as const)
      for (const row of model.repo.touching({
        variant,
        side,
        status: null,
        scopePaths: model.scopePaths(),
      }))
        ids.add(row.id);
  // His own dossiers, returned to him as a member.
  if (model.memberId !== null)
    for (const row of model.repo.ofMember(model.memberId)) ids.add(row.id);

  const out: UserCase[] = [];
  for (const id of ids) {
    const cached = model.load(id);
    if (!cached) continue;
    const shown = model.overlay(cached, model.queuedFor(id));
    // A step of the history is one event: a case back in a state it had is a new ask.
    const state = `${shown.status}@${shown.currentOrgId}#${shown.history.length}`;
    // The list it is in: the side of the route where it stands ("nơi chuyển đi / đến").
    const side = shown.position < shown.route.handoverIndex ? 'outgoing' : 'incoming';
    const base = {
      subject: 'transfer' as const,
      id,
      state,
      title: model.memberOf(shown)?.full_name ?? '',
      place: `${shown.variant}/${side}`,
    };
    if (shown.status === 'returned') {
      // The member answers it from his own page; who filed it for him, from the cell's list.
      const own = shown.memberId === model.memberId;
      const filedForHim = shown.filedBy?.onBehalf === true && shown.filedBy.userId === user.id;
      out.push({
        ...base,
        place: own ? 'mine' : `${shown.variant}/outgoing`,
        ask: own || filedForHim ? 'returned' : null,
        dueOn: null,
      });
      continue;
    }
    if (!model.awaitsUser(shown)) continue;
    // A checked dossier waits for an approver there; a processor has done his part.
    const approves = model
      .rolesAt(shown.currentOrgId)
      .some((r) => r === 'approver' || r === 'admin');
    const ask = shown.status === 'checked' ? (approves ? 'approve' : null) : 'act';
    out.push({ ...base, ask, dueOn: shown.presentBy });
  }
  return out;
}

function accountRequestCases(handle: SqliteHandle, user: SessionUser): UserCase[] {
  return decidableRequests(accountModel(handle, user)).map((w) => ({
    subject: 'account_request',
    id: w.id,
    title: w.memberName,
    place: w.kind,
    state: 'pending',
    ask: 'approve',
    dueOn: null,
  }));
}

const STAFF = new Set(['processor', 'approver', 'admin']);

/**
 * Comment forms at the residence ("Nhận xét nơi cư trú"): the residence cell's own staff write
 * them (and get them back when returned); the committee's approvers approve, then sign and send.
 * Only grants at the org itself count: a ward officer is not told of every cell's forms.
 */
function residenceFormCases(handle: SqliteHandle, user: SessionUser): UserCase[] {
  const model = residenceModel(handle, user);
  const rolesRightAt = (orgId: string) =>
    model.base.grants.filter((g) => g.orgId === orgId).map((g) => g.role);
  const out: UserCase[] = [];
  for (const { shown } of shownForms(model)) {
    const atCell = rolesRightAt(shown.residenceOrgId).some((r) => STAFF.has(r));
    const approver = rolesRightAt(shown.committeeOrgId).includes('approver');
    const step = (() => {
      switch (shown.status) {
        case 'awaiting_comment':
        case 'draft':
          return atCell ? ({ ask: 'act', place: 'write' } as const) : null;
        case 'returned':
          return atCell ? ({ ask: 'returned', place: 'write' } as const) : null;
        case 'submitted':
          return approver ? ({ ask: 'approve', place: 'approve' } as const) : null;
        case 'approved':
          return approver ? ({ ask: 'act', place: 'sign' } as const) : null;
        case 'sent':
          return null;
      }
    })();
    if (!step) continue;
    out.push({
      subject: 'residence_form',
      id: shown.id,
      title: shown.memberNames[shown.memberId] ?? '',
      state: `${shown.status}#${shown.history.length}`,
      dueOn: shown.dueOn,
      ...step,
    });
  }
  return out;
}
