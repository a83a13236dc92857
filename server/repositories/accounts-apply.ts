import { randomUUID } from 'node:crypto';
import type { AccountRequestMutation } from '../../src/api/accounts';
import type { PushResult } from '../../src/api/push';
import {
  accountDecisionLabelVi,
  decideAccountRequest,
  decidingOrgOf,
  duplicateFailure,
  infoChangesOf,
  numberOnOtherRecordFailure,
  applyInfoChanges,
  type AccountRequest,
  type AccountRequestCode,
  type AccountRequestPayload,
  type FieldChange,
} from '../../src/domain/accounts/account-request';
import type { Failure } from '../../src/domain/common/result';
import { isCell, type OrgType } from '../../src/domain/org/org-types';
import { Member } from '../../src/domain/people/member';
import type { Role } from '../../src/domain/people/user';
import type { Caller } from '../auth/caller';
import {
  findAccountRequest,
  firstAccountEventAfter,
  insertAccountRequest,
  saveAccountRequest,
  type AccountEvent,
} from './accounts';
import { duplicateHolderOf, recordHoldingNumbers, type Numbers } from './accounts-register';
import type { Trx } from './db';
import { insertMember, liveMember, memberColumns, moveMember } from './members';
import { applyOnce, outOfScopeAnswer, pushAnswer } from './push';
import { nextRev } from './revisions';
import type { TransferDeps } from './transfers-apply';
import { followMemberMove, grantRole, updateUser } from './users';

type Mutation = AccountRequestMutation;

/** Refusals about who acts, not about what was asked: the result 'forbidden'. */
const FORBIDDEN_CODES: ReadonlySet<string> = new Set<AccountRequestCode>([
  'not_decider',
  'own_request',
]);

const answer = pushAnswer;
const outOfScope = (m: Mutation) => outOfScopeAnswer(m, 'account request', 'Yêu cầu');

interface OrgRow {
  id: string;
  parentId: string | null;
  path: string;
  type: OrgType;
  status: string;
}

async function orgsById(trx: Trx, ids: readonly string[]): Promise<Map<string, OrgRow>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const rows = await trx
    .selectFrom('orgs')
    .select(['id', 'parent_id', 'path', 'type', 'status'])
    .where('id', 'in', wanted)
    .where('deleted', '=', 0)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      { id: r.id, parentId: r.parent_id, path: r.path, type: r.type as OrgType, status: r.status },
    ]),
  );
}

const isActiveCell = (org: OrgRow | undefined) =>
  org !== undefined && org.status === 'active' && isCell(org.type);

/**
 * Applies one account mutation in its own transaction, exactly once: the id is claimed first and
 * whatever the answer it is stored with the id and returned again on a retry (like dossiers).
 */
export function applyAccountMutation(
  deps: TransferDeps,
  caller: Caller,
  m: Mutation,
): Promise<PushResult> {
  return applyOnce(deps.db, deps.now, caller.user.id, m.id, (trx, now) =>
    m.action.type === 'approve' || m.action.type === 'refuse'
      ? decide(trx, deps, caller, m, now)
      : file(trx, caller, m, now),
  );
}

const eventOf = (
  caller: Caller,
  type: AccountEvent['type'],
  at: string,
  reason: string | null,
) => ({
  type,
  actorUserId: caller.user.id,
  actorName: caller.user.fullName,
  at,
  reason,
});

/** What a signed-in member files about himself: his linked record is the only one he may name. */
async function file(trx: Trx, caller: Caller, m: Mutation, now: Date): Promise<PushResult> {
  const existing = await findAccountRequest(trx, m.entityId);
  if (existing || m.baseRev !== 0)
    return answer(
      m,
      'conflict',
      existing?.rev ?? null,
      'exists',
      'an account request with this id exists',
      'Yêu cầu này đã được gửi.',
    );
  const memberId = caller.user.memberId;
  const member = memberId ? await liveMember(trx, memberId) : null;
  if (!member)
    return answer(
      m,
      'forbidden',
      null,
      'not_a_member',
      'only an account linked to a member record files account requests',
      'Tài khoản của bạn chưa gắn với hồ sơ đảng viên.',
    );
  const built = await payloadOf(trx, m, member, caller.user.id);
  if ('status' in built) return built;
  const orgs = await orgsById(trx, [member.homeOrgId]);
  const deciding = decidingOrgOf(built, member.homeOrgId, (id) => orgs.get(id)?.parentId ?? null);
  if (typeof deciding !== 'string')
    return answer(m, 'invalid', null, deciding.code, deciding.message, deciding.messageVi);
  const pending = await trx
    .selectFrom('account_requests')
    .select('id')
    .where('member_id', '=', member.id)
    .where('kind', '=', built.kind)
    .where('status', '=', 'pending')
    .where('deleted', '=', 0)
    .executeTakeFirst();
  if (pending)
    return answer(
      m,
      'invalid',
      null,
      'already_pending',
      `a ${built.kind} request of this member is pending`,
      'Bạn đã có một yêu cầu cùng loại đang chờ phê duyệt.',
    );
  const at = now.toISOString();
  const request = {
    id: m.entityId,
    status: 'pending',
    requesterUserId: caller.user.id,
    filedByUserId: caller.user.id,
    decidingOrgId: deciding,
    reason: null,
    createdAt: at,
    decidedAt: null,
    ...built,
  } as AccountRequest;
  const rev = await insertAccountRequest(trx, request, eventOf(caller, 'filed', at, null), now);
  return answer(m, 'applied', rev, null, 'applied', 'Đã gửi yêu cầu, chờ phê duyệt.');
}

async function payloadOf(
  trx: Trx,
  m: Mutation,
  member: Member,
  /** The filing account: its own numbers are no duplicates. */
  userId: string,
): Promise<AccountRequestPayload | PushResult> {
  const action = m.action;
  const unknownCell = (field: string) =>
    answer(
      m,
      'invalid',
      null,
      'unknown_cell',
      `${field} is not an active cell`,
      'Chi bộ đã chọn không tồn tại hoặc không còn hoạt động.',
    );
  switch (action.type) {
    case 'file_info_change': {
      const proposed = action.changes;
      if (proposed.residenceOrgId) {
        const orgs = await orgsById(trx, [proposed.residenceOrgId]);
        if (!isActiveCell(orgs.get(proposed.residenceOrgId))) return unknownCell('residenceOrgId');
      }
      const changes = infoChangesOf(member, proposed);
      if (changes.length === 0)
        return answer(
          m,
          'invalid',
          null,
          'nothing_changed',
          'every proposed value is the record’s',
          'Chưa có thông tin nào thay đổi.',
        );
      const held = await numbersHeld(trx, m, member, changes, userId);
      if (held) return held;
      const after = Member.safeParse(applyInfoChanges(member, changes));
      if (!after.success) {
        const issue = after.error.issues[0]!;
        const params = (issue as { params?: { code?: string; messageVi?: string } }).params;
        return answer(
          m,
          'invalid',
          null,
          params?.code ?? 'invalid_member',
          issue.message,
          params?.messageVi ?? 'Thông tin thay đổi không hợp lệ.',
        );
      }
      return { kind: 'info_change', memberId: member.id, changes };
    }
    case 'file_position':
      if (
        member.positions.some((p) => p.orgId === member.homeOrgId && p.position === action.position)
      )
        return answer(
          m,
          'invalid',
          null,
          'nothing_changed',
          'the member holds this position already',
          'Bạn đang giữ chức vụ này.',
        );
      return {
        kind: 'position',
        memberId: member.id,
        orgId: member.homeOrgId,
        position: action.position,
      };
    case 'file_cell_change': {
      const orgs = await orgsById(trx, [action.toOrgId]);
      if (!isActiveCell(orgs.get(action.toOrgId))) return unknownCell('toOrgId');
      return {
        kind: 'cell_change',
        memberId: member.id,
        fromOrgId: member.homeOrgId,
        toOrgId: action.toOrgId,
      };
    }
    case 'approve':
    case 'refuse':
      throw new Error(`not a filing: ${action.type}`);
  }
}

/** The card and profile numbers a change sets; those it leaves alone are not looked for. */
function changedNumbers(changes: readonly FieldChange[]): Numbers {
  const after = (field: 'cardNo' | 'profileNo') =>
    changes.find((c) => c.field === field)?.after ?? null;
  return { citizenId: null, cardNo: after('cardNo'), profileNo: after('profileNo') };
}

/**
 * Numbers someone else holds: another member record, or another account or pending registration
 * (TH1). Asked at filing and again at approval, since another record may take a number meanwhile.
 */
async function numbersTaken(
  trx: Trx,
  numbers: Numbers,
  except: { memberId: string | null; userId: string },
): Promise<Failure<'number_on_other_record' | 'duplicate_account'> | null> {
  const record = await recordHoldingNumbers(trx, numbers, except.memberId);
  if (record) return numberOnOtherRecordFailure(record);
  const account = await duplicateHolderOf(trx, numbers, except.userId);
  return account ? duplicateFailure(account) : null;
}

/** A new card or profile number someone else holds: refused with the holder named. */
async function numbersHeld(
  trx: Trx,
  m: Mutation,
  member: Member,
  changes: readonly FieldChange[],
  exceptUserId: string,
): Promise<PushResult | null> {
  const failure = await numbersTaken(trx, changedNumbers(changes), {
    memberId: member.id,
    userId: exceptUserId,
  });
  return failure
    ? answer(m, 'invalid', null, failure.code, failure.message, failure.messageVi)
    : null;
}

/** "Someone decided before you": the answer to a decision on a rev that moved on. */
async function stale(trx: Trx, m: Mutation, rev: number) {
  const first = await firstAccountEventAfter(trx, m.entityId, m.baseRev);
  const who = first?.actorName ?? 'người khác';
  const what =
    first && (first.type === 'approve' || first.type === 'refuse')
      ? accountDecisionLabelVi[first.type].toLowerCase()
      : 'cập nhật';
  return answer(
    m,
    'conflict',
    rev,
    'stale',
    `moved on since rev ${m.baseRev}: ${first ? `${first.actorName} did ${first.type} at ${first.at}` : `now at rev ${rev}`}`,
    `Yêu cầu đã được đồng chí ${who} ${what} trước bạn.`,
  );
}

async function decide(
  trx: Trx,
  deps: TransferDeps,
  caller: Caller,
  m: Mutation,
  now: Date,
): Promise<PushResult> {
  const stored = await findAccountRequest(trx, m.entityId, { forUpdate: deps.engine });
  if (!stored)
    return answer(m, 'invalid', null, 'not_found', 'no such request', 'Không tìm thấy yêu cầu.');
  const request = stored.value;
  const member = request.memberId ? await liveMember(trx, request.memberId) : null;
  const orgs = await orgsById(trx, [request.decidingOrgId, ...(member ? [member.homeOrgId] : [])]);
  const decidingPath = orgs.get(request.decidingOrgId)?.path ?? null;
  const paths = [decidingPath, member ? (orgs.get(member.homeOrgId)?.path ?? null) : null].filter(
    (p): p is string => p !== null,
  );
  const inScope = paths.some((p) => caller.scope.subtreePaths.some((root) => p.startsWith(root)));
  if (!inScope && request.requesterUserId !== caller.user.id) return outOfScope(m);
  if (stored.rev !== m.baseRev) return stale(trx, m, stored.rev);

  const rolesHere = decidingPath
    ? (caller.scope.grants
        .filter((g) => decidingPath.startsWith(g.path))
        .map((g) => g.role) as Role[])
    : [];
  const action = m.action;
  if (action.type !== 'approve' && action.type !== 'refuse')
    throw new Error(`not a decision: ${action.type}`);
  const at = now.toISOString();
  const outcome = decideAccountRequest(
    request,
    { userId: caller.user.id, fullName: caller.user.fullName, rolesHere },
    action,
    at,
  );
  if (!outcome.ok)
    return answer(
      m,
      FORBIDDEN_CODES.has(outcome.code) ? 'forbidden' : 'invalid',
      stored.rev,
      outcome.code,
      outcome.message,
      outcome.messageVi,
    );
  const effects =
    action.type === 'approve'
      ? await approvalEffects(trx, outcome.request, member, orgs)
      : refusalEffects(trx, outcome.request);
  if (!effects.ok)
    return answer(m, 'invalid', stored.rev, effects.code, effects.message, effects.messageVi);
  // The effects first: the request may name the member record they make.
  await effects.apply(caller.user.id, now);
  const rev = await saveAccountRequest(
    trx,
    effects.request ?? outcome.request,
    eventOf(caller, action.type, at, action.type === 'refuse' ? action.reason : null),
    now,
  );
  return answer(
    m,
    'applied',
    rev,
    null,
    'applied',
    action.type === 'approve' ? 'Đã duyệt yêu cầu.' : 'Đã từ chối yêu cầu.',
  );
}

type Effects =
  | {
      ok: true;
      apply: (actorId: string, now: Date) => Promise<void>;
      /** The request as saved, when the approval completes it (a record made for it). */
      request?: AccountRequest;
    }
  | { ok: false; code: string; message: string; messageVi: string };

type Refusal = Extract<Effects, { ok: false }>;

const noEffects: Effects = { ok: true, apply: async () => {} };

const invalidRecord = (message: string): Refusal => ({
  ok: false,
  code: 'invalid_member',
  message,
  messageVi: 'Thông tin đảng viên sau khi duyệt không hợp lệ. Vui lòng từ chối và yêu cầu gửi lại.',
});

/** A refused registration: the account says so at sign-in, with the reason on the request. */
function refusalEffects(trx: Trx, request: AccountRequest): Effects {
  if (request.kind !== 'registration') return noEffects;
  return {
    ok: true,
    apply: async (actorId, now) => {
      await updateUser(trx, request.userId, { status: 'refused' }, actorId, now);
    },
  };
}

/**
 * What an approval changes (decision 0031), checked before anything is written so an invalid
 * outcome leaves nothing half done.
 */
async function approvalEffects(
  trx: Trx,
  request: AccountRequest,
  member: Member | null,
  orgs: Map<string, OrgRow>,
): Promise<Effects> {
  switch (request.kind) {
    case 'registration': {
      const declared = request.declared;
      const numbers = member
        ? changedNumbers(infoChangesOf(member, declared))
        : { citizenId: declared.citizenId, cardNo: declared.cardNo, profileNo: declared.profileNo };
      const taken = await numbersTaken(trx, numbers, {
        memberId: member?.id ?? null,
        userId: request.userId,
      });
      if (taken) return taken;
      // What the person corrected beside the database's record, reviewed side by side by the
      // decider, lands on the record as an approved info change would.
      const correction = member ? recordChange(trx, member, infoChangesOf(member, declared)) : null;
      if (correction && !correction.ok) return correction;
      let created: Member | null = null;
      if (!member) {
        const { position: _position, ...fields } = declared;
        const parsed = Member.safeParse({
          ...fields,
          id: request.memberId ?? randomUUID(),
          joinedOn: null,
          officialOn: null,
          positions: [],
          status: 'active',
        });
        if (!parsed.success) return invalidRecord(parsed.error.message);
        created = parsed.data;
      }
      const cell = member?.homeOrgId ?? declared.homeOrgId;
      return {
        ok: true,
        // The request names the record made for it, so it travels to the member's cell.
        ...(created ? { request: { ...request, memberId: created.id } } : {}),
        apply: async (actorId, now) => {
          if (created) await insertMember(trx, created, now);
          if (correction) await correction.write(now);
          const memberId = member?.id ?? created!.id;
          await updateUser(
            trx,
            request.userId,
            { status: 'active', memberId, orgId: cell },
            actorId,
            now,
          );
          await grantWithHistory(
            trx,
            request.userId,
            { role: 'member', orgId: cell },
            actorId,
            now,
          );
          if (declared.position) {
            const parent = (await orgsById(trx, [cell])).get(cell)?.parentId;
            if (parent) await filePosition(trx, request, memberId, cell, parent, now);
          }
        },
      };
    }
    case 'info_change': {
      if (!member) return invalidRecord(`member ${request.memberId} not found`);
      const taken = await numbersTaken(trx, changedNumbers(request.changes), {
        memberId: member.id,
        userId: request.requesterUserId,
      });
      if (taken) return taken;
      const change = recordChange(trx, member, request.changes);
      if (!change.ok) return change;
      return { ok: true, apply: (_actorId, now) => change.write(now) };
    }
    case 'position': {
      if (!member) return invalidRecord(`member ${request.memberId} not found`);
      const positions = [
        ...member.positions.filter((p) => p.orgId !== request.orgId),
        { orgId: request.orgId, position: request.position },
      ];
      const next = Member.safeParse({ ...member, positions });
      if (!next.success) return invalidRecord(next.error.message);
      return {
        ok: true,
        apply: async (actorId, now) => {
          await trx
            .updateTable('members')
            .set({
              positions: JSON.stringify(positions),
              rev: await nextRev(trx),
              updated_at: now.toISOString(),
            })
            .where('id', '=', member.id)
            .execute();
          await grantWithHistory(
            trx,
            request.requesterUserId,
            { role: 'approver', orgId: request.orgId },
            actorId,
            now,
          );
        },
      };
    }
    case 'cell_change': {
      if (!member) return invalidRecord(`member ${request.memberId} not found`);
      if (!isActiveCell(orgs.get(request.toOrgId)) && !(await activeCell(trx, request.toOrgId)))
        return {
          ok: false,
          code: 'unknown_cell',
          message: `${request.toOrgId} is not an active cell`,
          messageVi: 'Chi bộ chuyển đến không tồn tại hoặc không còn hoạt động.',
        };
      const from = member.homeOrgId;
      return {
        ok: true,
        apply: async (_actorId, now) => {
          // As an official transfer completes: the home cell, then the account's grant and unit;
          // the fee profile is the member's and follows him.
          await moveMember(trx, member.id, { homeOrgId: request.toOrgId }, now);
          await followMemberMove(trx, member.id, from, request.toOrgId, now);
        },
      };
    }
  }
}

/** The member record after `changes`, validated before anything is written. */
function recordChange(
  trx: Trx,
  member: Member,
  changes: readonly FieldChange[],
): { ok: true; write: (now: Date) => Promise<void> } | Refusal {
  const next = Member.safeParse(applyInfoChanges(member, changes));
  if (!next.success) return invalidRecord(next.error.message);
  return {
    ok: true,
    write: async (now) => {
      if (changes.length === 0) return;
      // A new residence cell moves the member (its old cell's caches drop him); the rest is a
      // plain update.
      if (next.data.residenceOrgId !== member.residenceOrgId)
        await moveMember(trx, member.id, { residenceOrgId: next.data.residenceOrgId }, now);
      const {
        home_org_id: _home,
        residence_org_id: _residence,
        ...plain
      } = memberColumns(next.data);
      await trx
        .updateTable('members')
        .set({ ...plain, rev: await nextRev(trx), updated_at: now.toISOString() })
        .where('id', '=', member.id)
        .execute();
    },
  };
}

async function activeCell(trx: Trx, id: string) {
  return isActiveCell((await orgsById(trx, [id])).get(id));
}

/** A grant and its user-history entry: who gave which role where, and when. */
async function grantWithHistory(
  trx: Trx,
  userId: string,
  grant: { role: Role; orgId: string },
  actorId: string,
  now: Date,
): Promise<void> {
  const held = await trx
    .selectFrom('user_roles')
    .select('id')
    .where('user_id', '=', userId)
    .where('role', '=', grant.role)
    .where('org_id', '=', grant.orgId)
    .where('deleted', '=', 0)
    .executeTakeFirst();
  if (held) return;
  await grantRole(trx, userId, grant, now);
  await trx
    .insertInto('user_history')
    .values({
      id: randomUUID(),
      user_id: userId,
      changed_by: actorId,
      changed_at: now.toISOString(),
      changes: JSON.stringify({ roles: [null, { ...grant, granted: true }] }),
    })
    .execute();
}

/** The position a registration declared, filed as its own request once the account is approved. */
async function filePosition(
  trx: Trx,
  registration: AccountRequest & { kind: 'registration' },
  memberId: string,
  cell: string,
  superior: string,
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  const position: AccountRequest = {
    id: randomUUID(),
    status: 'pending',
    requesterUserId: registration.userId,
    filedByUserId: registration.filedByUserId,
    decidingOrgId: superior,
    reason: null,
    createdAt: at,
    decidedAt: null,
    kind: 'position',
    memberId,
    orgId: cell,
    position: registration.declared.position!,
  };
  await insertAccountRequest(
    trx,
    position,
    {
      type: 'filed',
      actorUserId: registration.userId,
      actorName: registration.declared.fullName,
      at,
      reason: null,
    },
    now,
  );
}
