import { randomUUID } from 'node:crypto';
import type { AccountRequestMutation } from '../../api/accounts';
import type { SessionUser } from '../../api/auth';
import type { PushMutationBody } from '../../api/push';
import {
  applyInfoChanges,
  decidingOrgOf,
  infoChangesOf,
  type AccountRequestPayload,
  type InfoChanges,
} from '../../domain/accounts/account-request';
import type { DeclaredPosition } from '../../domain/accounts/account-request';
import type { SqliteHandle } from '../../db/sqlite';
import { Member } from '../../domain/people/member';
import { outboxRepo, type OutboxItem } from '../../sync/repositories/outbox';
import type { MyAccountView } from '../contract-accounts';
import { DesktopFailure, fail, invalidInput } from '../service-context';
import { accountMemberCache, type MemberRecordRow } from './account-member-cache';
import { isFileAction, itemOfQueued, itemOfWire, myAccountView } from './account-member-view';

type AccountMutationBody = Extract<PushMutationBody, { entity: 'accountRequest' }>;
type FileAction = Extract<AccountRequestMutation['action'], { type: `file_${string}` }>;
type QueuedFiling = OutboxItem & { mutation: { entity: 'accountRequest'; action: FileAction } };

const isQueuedFiling = (item: OutboxItem): item is QueuedFiling =>
  item.mutation.entity === 'accountRequest' && isFileAction(item.mutation.action);

const noRecord = (): never =>
  fail(
    'no_member_record',
    'the account is not linked to a member record in the cache',
    'Tài khoản chưa gắn với hồ sơ đảng viên. Hãy đồng bộ dữ liệu hoặc chờ Bí thư chi bộ phê duyệt đăng ký.',
  );

/**
 * The signed-in member's account on the cache: his record, his requests with what he filed still
 * in the outbox, and each filing checked by the domain's rules before it is queued.
 */
export function accountMemberModel(handle: SqliteHandle, user: SessionUser) {
  const cache = accountMemberCache(handle);
  const outbox = outboxRepo(handle);
  const memberId = cache.user(user.id)?.member_id ?? null;
  const member = (): MemberRecordRow | undefined => (memberId ? cache.member(memberId) : undefined);
  const parentOf = (orgId: string) => cache.org(orgId)?.parentId ?? null;

  /** The deciding org of a request about his record, or the domain's refusal. */
  function decidingOrg(payload: AccountRequestPayload, record: MemberRecordRow): string {
    const org = decidingOrgOf(payload, record.home_org_id, parentOf);
    return typeof org === 'string' ? org : fail(org.code, org.message, org.messageVi);
  }

  const payloadOf = (action: FileAction, record: MemberRecordRow): AccountRequestPayload => {
    switch (action.type) {
      case 'file_info_change':
        return { kind: 'info_change', memberId: record.id, changes: [] };
      case 'file_position':
        return {
          kind: 'position',
          memberId: record.id,
          orgId: record.home_org_id,
          position: action.position,
        };
      case 'file_cell_change':
        return {
          kind: 'cell_change',
          memberId: record.id,
          fromOrgId: record.home_org_id,
          toOrgId: action.toOrgId,
        };
    }
  };

  function view(): MyAccountView {
    const record = member();
    const wires = cache.requestsOf(user.id);
    const cached = new Set(wires.map((w) => w.id));
    const items = wires.map((w) => itemOfWire(cache, w, outbox.forEntity(w.id), record));
    for (const entry of outbox.list()) {
      if (!isQueuedFiling(entry) || cached.has(entry.mutation.entityId) || !record) continue;
      const payload = payloadOf(entry.mutation.action, record);
      const org = decidingOrgOf(payload, record.home_org_id, parentOf);
      items.push(
        itemOfQueued(
          cache,
          user,
          entry,
          record,
          typeof org === 'string' ? org : record.home_org_id,
        ),
      );
    }
    const orgNames = Object.assign({}, ...wires.map((w) => w.orgNames)) as Record<string, string>;
    return myAccountView(cache, user, items, orgNames);
  }

  /** Checks a filing against his record and queues it as a new request (rev 0). */
  function file(action: FileAction, now: Date): { outboxId: string; requestId: string } {
    const record = member() ?? noRecord();
    let sent = action;
    if (action.type === 'file_info_change') {
      const changes = infoChangesOf(toChangeable(record), action.changes);
      if (changes.length === 0)
        return fail(
          'nothing_changed',
          'the proposed values are those of the record',
          'Chưa có thông tin nào thay đổi.',
        );
      // The record as it would be must still be a valid member (a card or profile number, a
      // birth date and sex that match the citizen id), or the secretary could never approve it.
      const after = Member.safeParse(applyInfoChanges(memberOf(record), changes));
      if (!after.success) throw new DesktopFailure(invalidInput(after.error));
      // Only what differs from the record goes to the secretary.
      const changed = new Set<string>(changes.map((c) => c.field));
      sent = {
        type: 'file_info_change',
        changes: Object.fromEntries(
          Object.entries(action.changes).filter(([field]) => changed.has(field)),
        ) as InfoChanges,
      };
    } else {
      decidingOrg(payloadOf(action, record), record);
      if (action.type === 'file_position') refuseHeldPosition(record, action.position);
    }
    const requestId = randomUUID();
    const outboxId = randomUUID();
    const mutation: AccountMutationBody = {
      entity: 'accountRequest',
      entityId: requestId,
      baseRev: 0,
      action: sent,
    };
    outbox.enqueue({ id: outboxId, mutation, now });
    return { outboxId, requestId };
  }

  return { user, outbox, view, file };
}

function refuseHeldPosition(record: MemberRecordRow, position: DeclaredPosition): void {
  if (record.positions.some((p) => p.orgId === record.home_org_id && p.position === position))
    fail(
      'position_held',
      `the member already holds ${position} in his cell`,
      'Đồng chí đã giữ chức vụ này trong chi bộ.',
    );
}

/** The record's changeable fields as the domain names them. */
function toChangeable(record: MemberRecordRow) {
  return {
    fullName: record.full_name,
    birthDate: record.birth_date,
    sex: record.sex as 'male' | 'female',
    cardNo: record.card_no,
    profileNo: record.profile_no,
    residenceOrgId: record.residence_org_id,
    phone: record.phone,
    email: record.email,
  };
}

/** The cached record as the domain's Member, for checking it after a change. */
function memberOf(record: MemberRecordRow) {
  return {
    ...toChangeable(record),
    id: record.id,
    citizenId: record.citizen_id,
    homeOrgId: record.home_org_id,
    joinedOn: record.joined_on,
    officialOn: record.official_on,
    positions: record.positions,
    status: record.status,
  };
}

export type AccountMemberModel = ReturnType<typeof accountMemberModel>;
