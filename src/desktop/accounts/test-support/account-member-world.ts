/**
 * Test support: the transfer world's ward with two member accounts and account requests in the
 * cache — the signed-in member's refused info change and approved position request, and another
 * member's pending cell change — what a member's cache could hold after a sync.
 */
import { AccountRequestWire } from '../../../api/accounts';
import { PullChange } from '../../../api/sync';
import type { Member } from '../../../domain/people/member';
import { change, uid, userWire } from '../../../sync/test-support/wire';
import {
  transferWorld,
  type Staff,
  type TransferWorld,
} from '../../transfers/test-support/transfer-world';

export interface AccountMemberWorld extends TransferWorld {
  member: Staff;
  record: Member;
  other: Staff;
  requests: {
    refused: AccountRequestWire;
    approved: AccountRequestWire;
    others: AccountRequestWire;
  };
}

const accountRequestChange = (data: AccountRequestWire, rev: number) =>
  PullChange.parse({ op: 'upsert', entity: 'accountRequest', id: data.id, rev, data });

export function accountMemberWorld(): AccountMemberWorld {
  const base = transferWorld();
  const { ward } = base;
  const [cell1, cell2] = [ward.cells[0]!, ward.cells[1]!];
  // Member 0 lives and works in cell 1; member 1 is in cell 2.
  const record = ward.members[0]!;
  const otherRecord = ward.members[1]!;
  const account = (n: number, m: Member): Staff => ({
    user: userWire(n, m.homeOrgId, {
      username: `dangvien.${n}`,
      fullName: m.fullName,
      memberId: m.id,
    }),
    grants: [{ role: 'member', orgId: m.homeOrgId }],
  });
  const member = account(80, record);
  const other = account(81, otherRecord);
  const names = { [cell1.id]: cell1.name, [cell2.id]: cell2.name, [ward.root.id]: ward.root.name };
  const common = (n: number, who: Staff, m: Member) => ({
    id: uid(820_000 + n),
    requesterUserId: who.user.id,
    filedByUserId: who.user.id,
    createdAt: `2026-11-0${n}T08:00:00.000Z`,
    updatedAt: `2026-11-0${n}T09:00:00.000Z`,
    history: [],
    memberName: m.fullName,
    orgNames: names,
    recordOnFile: m,
  });
  const refused = AccountRequestWire.parse({
    ...common(1, member, record),
    kind: 'info_change',
    status: 'refused',
    decidingOrgId: cell1.id,
    reason: 'Số điện thoại không đúng với hồ sơ.',
    decidedAt: '2026-11-01T10:00:00.000Z',
    memberId: record.id,
    changes: [{ field: 'phone', before: record.phone, after: '0912000111' }],
  });
  const approved = AccountRequestWire.parse({
    ...common(2, member, record),
    kind: 'position',
    status: 'approved',
    decidingOrgId: ward.root.id,
    reason: null,
    decidedAt: '2026-11-02T10:00:00.000Z',
    memberId: record.id,
    orgId: cell1.id,
    position: 'deputy_secretary',
  });
  const others = AccountRequestWire.parse({
    ...common(3, other, otherRecord),
    kind: 'cell_change',
    status: 'pending',
    decidingOrgId: cell1.id,
    reason: null,
    decidedAt: null,
    memberId: otherRecord.id,
    fromOrgId: cell2.id,
    toOrgId: cell1.id,
  });
  const changes = [
    change.user(member.user),
    change.user(other.user),
    ...[refused, approved, others].map((r, i) => accountRequestChange(r, 900_000 + i)),
  ];
  return {
    ...base,
    changes: [...base.changes, ...changes],
    member,
    record,
    other,
    requests: { refused, approved, others },
  };
}
