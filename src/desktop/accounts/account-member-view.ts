import type { AccountRequestWire, AccountRequestWireAction } from '../../api/accounts';
import type { SessionUser } from '../../api/auth';
import {
  accountRequestKindLabelVi,
  changeableFieldLabelVi,
  CHANGEABLE_FIELDS,
  type AccountRequestKind,
  type ChangeableField,
} from '../../domain/accounts/account-request';
import { positionLabelVi } from '../../domain/people/member';
import { UserStatus } from '../../domain/people/user';
import type { OutboxItem } from '../../sync/repositories/outbox';
import type { AccountRequestItem, MyAccountView } from '../contract-accounts';
import type { AccountMemberCache, MemberRecordRow } from './account-member-cache';

type FileAction = Extract<AccountRequestWireAction, { type: `file_${string}` }>;

const KIND_OF_ACTION = {
  file_info_change: 'info_change',
  file_position: 'position',
  file_cell_change: 'cell_change',
} as const satisfies Record<FileAction['type'], AccountRequestKind>;

/** A push action that files a request (not a secretary's decision). */
export const isFileAction = (action: AccountRequestWireAction): action is FileAction =>
  action.type in KIND_OF_ACTION;

const fieldsSummary = (fields: readonly string[]) =>
  fields
    .filter((f): f is ChangeableField => (CHANGEABLE_FIELDS as readonly string[]).includes(f))
    .map((f) => changeableFieldLabelVi[f])
    .join(', ');

/** The member's data on his account page and what he asks in each request. */
export function accountMemberNames(cache: AccountMemberCache) {
  const orgName = (id: string, known: Record<string, string> = {}) => ({
    id,
    // A cell outside his line of orgs (a wrong-cell move) is named by the request, if at all.
    name: known[id] ?? cache.org(id)?.name ?? 'Chi bộ đã chọn',
  });

  /** One line of what is asked: "Phó bí thư", "Số điện thoại, Email", "→ Chi bộ Khu phố 3". */
  function summaryOf(
    kind: AccountRequestKind,
    asked: { fields?: string[]; position?: string; toOrgId?: string },
    names: Record<string, string> = {},
  ): string {
    switch (kind) {
      case 'registration':
        return accountRequestKindLabelVi.registration;
      case 'info_change':
        return fieldsSummary(asked.fields ?? []);
      case 'position':
        return positionLabelVi[asked.position as keyof typeof positionLabelVi] ?? '';
      case 'cell_change':
        return `→ ${orgName(asked.toOrgId ?? '', names).name}`;
    }
  }

  return { orgName, summaryOf };
}

const queuedCounts = (queued: readonly OutboxItem[]) => ({
  pendingActions: queued.filter((i) => i.status !== 'needs_attention').length,
  needsAttention: queued.some((i) => i.status === 'needs_attention'),
});

/** A request as pull sent it, with the actions on it still in the outbox. */
export function itemOfWire(
  cache: AccountMemberCache,
  w: AccountRequestWire,
  queued: readonly OutboxItem[],
  member: MemberRecordRow | undefined,
): AccountRequestItem {
  const { orgName, summaryOf } = accountMemberNames(cache);
  const record = w.kind === 'registration' ? w.declared : (w.recordOnFile ?? null);
  const cellId =
    w.kind === 'registration'
      ? w.declared.homeOrgId
      : w.kind === 'cell_change'
        ? w.fromOrgId
        : (w.recordOnFile?.homeOrgId ?? member?.home_org_id ?? null);
  const asked =
    w.kind === 'info_change'
      ? { fields: w.changes.map((c) => c.field) }
      : w.kind === 'position'
        ? { position: w.position }
        : w.kind === 'cell_change'
          ? { toOrgId: w.toOrgId }
          : {};
  return {
    id: w.id,
    kind: w.kind,
    status: w.status,
    memberName: w.memberName,
    birthDate: record?.birthDate ?? member?.birth_date ?? null,
    citizenId: record?.citizenId ?? member?.citizen_id ?? null,
    cardNo: record ? record.cardNo : (member?.card_no ?? null),
    profileNo: record ? record.profileNo : (member?.profile_no ?? null),
    cell: cellId ? orgName(cellId, w.orgNames) : null,
    decidingOrg: orgName(w.decidingOrgId, w.orgNames),
    summary: summaryOf(w.kind, asked, w.orgNames),
    filedOnBehalf: w.filedByUserId !== w.requesterUserId,
    createdAt: w.createdAt,
    decidedAt: w.decidedAt,
    reason: w.reason,
    ...queuedCounts(queued),
  };
}

/** A request he filed that the server has not taken yet ("Chờ gửi"): what the outbox holds. */
export function itemOfQueued(
  cache: AccountMemberCache,
  user: SessionUser,
  entry: OutboxItem & { mutation: { entity: 'accountRequest'; action: FileAction } },
  member: MemberRecordRow | undefined,
  decidingOrgId: string,
): AccountRequestItem {
  const { orgName, summaryOf } = accountMemberNames(cache);
  const action = entry.mutation.action;
  const kind = KIND_OF_ACTION[action.type];
  const asked =
    action.type === 'file_info_change'
      ? { fields: Object.keys(action.changes) }
      : action.type === 'file_position'
        ? { position: action.position }
        : { toOrgId: action.toOrgId };
  return {
    id: entry.mutation.entityId,
    kind,
    status: 'pending',
    memberName: member?.full_name ?? user.fullName,
    birthDate: member?.birth_date ?? null,
    citizenId: member?.citizen_id ?? null,
    cardNo: member?.card_no ?? null,
    profileNo: member?.profile_no ?? null,
    cell: member ? orgName(member.home_org_id) : null,
    decidingOrg: orgName(decidingOrgId),
    summary: summaryOf(kind, asked),
    filedOnBehalf: false,
    createdAt: entry.createdAt,
    decidedAt: null,
    // The server refused to take it: its message is why.
    reason: entry.status === 'needs_attention' ? entry.message : null,
    ...queuedCounts([entry]),
  };
}

/**
 * His account page: the account, the record and positions, then his requests, newest first.
 * `orgNames`: the names his requests carry — his cache holds only his line of orgs, and the
 * residence cell he moved to lies outside it.
 */
export function myAccountView(
  cache: AccountMemberCache,
  user: SessionUser,
  items: AccountRequestItem[],
  orgNames: Record<string, string> = {},
): MyAccountView {
  const account = cache.user(user.id);
  const memberId = account?.member_id ?? null;
  const m = memberId ? cache.member(memberId) : undefined;
  const { orgName } = accountMemberNames(cache);
  const status = UserStatus.safeParse(account?.status);
  return {
    username: account?.username ?? user.username,
    fullName: m?.full_name ?? account?.full_name ?? user.fullName,
    // Signed in: the account is active unless the cache says otherwise.
    status: status.success ? status.data : 'active',
    member: m
      ? {
          id: m.id,
          fullName: m.full_name,
          birthDate: m.birth_date,
          sex: m.sex,
          citizenId: m.citizen_id,
          cardNo: m.card_no,
          profileNo: m.profile_no,
          homeOrg: orgName(m.home_org_id, orgNames),
          residenceOrg: m.residence_org_id ? orgName(m.residence_org_id, orgNames) : null,
          phone: m.phone,
          email: m.email,
          positions: m.positions.map((p) => ({
            org: orgName(p.orgId, orgNames),
            positionVi: positionLabelVi[p.position],
          })),
        }
      : null,
    requests: [...items].sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
  };
}
