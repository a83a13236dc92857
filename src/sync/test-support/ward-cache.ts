import type { Member } from '../../domain/people/member';
import type { OrgWire, UserWire } from '../../api/sync';
import type { PullChange } from '../../api/sync';
import { bankAccountWire, change, memberWire, orgWire, userRoleWire, userWire } from './wire';

// A small hand-made ward for unit tests: one ward committee, twelve residential cells, and
// members with common Vietnamese names (many share a name, to exercise tie-breaking by id).

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Ngọc', 'Thanh'];
const GIVEN = [
  'An',
  'Anh',
  'Ánh',
  'Bình',
  'Cường',
  'Dũng',
  'Đức',
  'Hà',
  'Hải',
  'Hạnh',
  'Hùng',
  'Lan',
  'Linh',
  'Nam',
  'Tâm',
  'Tú',
  'Tuấn',
  'Yến',
];

export interface WardFixture {
  root: OrgWire;
  cells: OrgWire[];
  members: Member[];
  users: UserWire[];
  changes: PullChange[];
}

export function wardFixture(memberCount = 300): WardFixture {
  const root = orgWire(1, null, { name: 'Đảng bộ Phường Việt Hưng', code: '2256101' });
  const cells = Array.from({ length: 12 }, (_, i) =>
    orgWire(10 + i, root, {
      name: `Chi bộ Tổ dân phố số ${i + 1}`,
      code: `22561${String(i + 10).padStart(2, '0')}`,
    }),
  );
  const members = Array.from({ length: memberCount }, (_, i) => {
    // Every 25th member shares one name, so lists need the id to break ties.
    const name =
      i % 25 === 3
        ? 'Nguyễn Văn An'
        : `${FAMILY[i % FAMILY.length]} ${MIDDLE[(i * 3 + (i >> 2)) % MIDDLE.length]} ${GIVEN[(i * 13) % GIVEN.length]}`;
    const home = cells[i % 3 === 0 ? 0 : i % cells.length] ?? root;
    return memberWire(i + 1, home.id, name);
  });
  const cell1 = cells[0] ?? root;
  const users = [
    userWire(1, root.id, {
      username: 'quantri.phuong',
      fullName: 'Trần Thị Thu Hà',
      position: 'Quản trị đơn vị',
    }),
    userWire(2, root.id, {
      username: 'canbo.xuly',
      fullName: 'Lê Minh Tuấn',
      position: 'Chuyên viên',
    }),
    userWire(3, cell1.id, {
      username: 'bithu.chibo1',
      fullName: 'Phạm Văn Bình',
      position: 'Bí thư chi bộ',
      status: 'inactive',
    }),
  ];
  const grants = [
    userRoleWire(1, users[0]?.id ?? '', root.id),
    { ...userRoleWire(2, users[1]?.id ?? '', root.id), role: 'processor' as const },
    { ...userRoleWire(3, users[2]?.id ?? '', cell1.id), role: 'approver' as const },
  ];
  const changes = [
    change.org(root),
    ...cells.map((c) => change.org(c)),
    change.bankAccount(bankAccountWire(1, root.id, { isActive: false, accountNo: '1900000000' })),
    change.bankAccount(bankAccountWire(2, root.id)),
    ...members.map((m) => change.member(m)),
    ...users.map((u) => change.user(u)),
    ...grants.map((g) => change.userRole(g)),
  ];
  return { root, cells, members, users, changes };
}
