/**
 * Test support: the transfer world's ward with member account requests in the cache, as pull
 * sends them to the ward's staff: registrations (found in the member database or not, one filed
 * on a member's behalf), an info change, a position request, a wrong-cell move, one of cell 5,
 * one of another ward, one already approved, and the cell 1 secretary's own info change.
 */
import { AccountRequestWire } from '../../../api/accounts';
import { PullChange, type OrgWire } from '../../../api/sync';
import type { Member } from '../../../domain/people/member';
import { memberWire, orgWire, uid } from '../../../sync/test-support/wire';
import { transferWorld, type TransferWorld } from '../../transfers/test-support/transfer-world';

export interface AccountWorld extends TransferWorld {
  requests: Record<
    | 'registration'
    | 'onBehalf'
    | 'infoChange'
    | 'position'
    | 'cellChange'
    | 'cell5Registration'
    | 'otherWard'
    | 'approved'
    | 'ownInfoChange',
    AccountRequestWire
  >;
  otherWardCell: OrgWire;
}

let rev = 900_000;
const changeOf = (data: AccountRequestWire) =>
  PullChange.parse({ op: 'upsert', entity: 'accountRequest', id: data.id, rev: ++rev, data });

const day = (n: number) => `2026-11-${String(n).padStart(2, '0')}T08:00:00.000Z`;

export function accountWorld(): AccountWorld {
  const base = transferWorld();
  const { ward, staff } = base;
  const [cell1, cell5] = [ward.cells[0]!, ward.cells[4]!];
  const otherRoot = orgWire(500, null, { name: 'Đảng bộ Phường Gia Thụy', code: '2256500' });
  const otherWardCell = orgWire(501, otherRoot, { name: 'Chi bộ Tổ dân phố số 1 Gia Thụy' });
  const names: Record<string, string> = {
    [ward.root.id]: ward.root.name,
    [cell1.id]: cell1.name,
    [cell5.id]: cell5.name,
    [otherWardCell.id]: otherWardCell.name,
  };
  const member0 = ward.members[0]!; // of cell 1
  const member3 = ward.members[3]!; // of cell 1
  const fresh = (n: number, homeOrgId: string, name: string): Member =>
    memberWire(8_000 + n, homeOrgId, name);

  const common = (n: number, over: Partial<AccountRequestWire> & { memberName: string }) => ({
    id: uid(800_000 + n),
    status: 'pending' as const,
    requesterUserId: uid(810_000 + n),
    filedByUserId: uid(810_000 + n),
    reason: null,
    createdAt: day(n),
    decidedAt: null,
    updatedAt: day(n),
    history: [{ type: 'filed', actorName: over.memberName, at: day(n), reason: null }],
    orgNames: names,
    recordOnFile: null,
    ...over,
  });

  const registration = (
    n: number,
    record: Member,
    opts: { onFile: boolean; phone?: string; filedBy?: string },
  ) =>
    AccountRequestWire.parse({
      ...common(n, {
        memberName: record.fullName,
        decidingOrgId: record.homeOrgId,
        recordOnFile: opts.onFile ? record : null,
        ...(opts.filedBy ? { filedByUserId: opts.filedBy } : {}),
      }),
      kind: 'registration',
      declared: {
        fullName: record.fullName,
        birthDate: record.birthDate,
        sex: record.sex,
        citizenId: record.citizenId,
        cardNo: record.cardNo,
        profileNo: record.profileNo,
        homeOrgId: record.homeOrgId,
        residenceOrgId: record.residenceOrgId,
        phone: opts.phone ?? record.phone,
        email: record.email,
        position: null,
      },
      userId: uid(810_000 + n),
      username: `dangvien.${n}`,
      memberId: opts.onFile ? record.id : null,
    });

  const requests: AccountWorld['requests'] = {
    // Declares a phone the record does not hold.
    registration: registration(1, member0, { onFile: true, phone: '0912345678' }),
    onBehalf: registration(2, fresh(2, cell1.id, 'Trịnh Văn Khải'), {
      onFile: false,
      filedBy: staff.cell1Secretary.user.id,
    }),
    infoChange: AccountRequestWire.parse({
      ...common(3, {
        memberName: member3.fullName,
        decidingOrgId: cell1.id,
        recordOnFile: member3,
      }),
      kind: 'info_change',
      memberId: member3.id,
      changes: [
        { field: 'phone', before: null, after: '0987654321' },
        { field: 'email', before: null, after: 'an@example.vn' },
      ],
    }),
    position: AccountRequestWire.parse({
      ...common(4, {
        memberName: member3.fullName,
        decidingOrgId: ward.root.id,
        recordOnFile: member3,
      }),
      kind: 'position',
      memberId: member3.id,
      orgId: cell1.id,
      position: 'deputy_secretary',
    }),
    cellChange: AccountRequestWire.parse({
      ...common(5, {
        memberName: ward.members[4]!.fullName,
        decidingOrgId: cell1.id,
        recordOnFile: ward.members[4]!,
      }),
      kind: 'cell_change',
      memberId: ward.members[4]!.id,
      fromOrgId: cell5.id,
      toOrgId: cell1.id,
    }),
    cell5Registration: registration(6, fresh(6, cell5.id, 'Lý Thị Mai'), { onFile: false }),
    otherWard: registration(7, fresh(7, otherWardCell.id, 'Đinh Văn Sơn'), { onFile: false }),
    approved: AccountRequestWire.parse({
      ...registration(8, fresh(8, cell1.id, 'Mai Văn Tùng'), { onFile: false }),
      status: 'approved',
      decidedAt: day(9),
    }),
    ownInfoChange: AccountRequestWire.parse({
      ...common(10, {
        memberName: staff.cell1Secretary.user.fullName,
        decidingOrgId: cell1.id,
        recordOnFile: member0,
        requesterUserId: staff.cell1Secretary.user.id,
        filedByUserId: staff.cell1Secretary.user.id,
      }),
      kind: 'info_change',
      memberId: member0.id,
      changes: [{ field: 'phone', before: null, after: '0911222333' }],
    }),
  };
  const changes = [
    PullChange.parse({
      op: 'upsert',
      entity: 'org',
      id: otherRoot.id,
      rev: ++rev,
      data: otherRoot,
    }),
    PullChange.parse({
      op: 'upsert',
      entity: 'org',
      id: otherWardCell.id,
      rev: ++rev,
      data: otherWardCell,
    }),
    ...Object.values(requests).map(changeOf),
  ];
  return { ...base, changes: [...base.changes, ...changes], requests, otherWardCell };
}
