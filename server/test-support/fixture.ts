import { BankAccount, Org } from '../../src/domain/org/org';
import { Member } from '../../src/domain/people/member';
import { User } from '../../src/domain/people/user';
import { hashPassword, type ScryptParams } from '../auth/passwords';
import type { Db } from '../repositories/db';
import { insertMember } from '../repositories/members';
import { insertBankAccount, insertOrg } from '../repositories/orgs';
import { insertUser } from '../repositories/users';

/** Cheap scrypt for tests: 2^10 instead of 2^15. */
export const TEST_SCRYPT: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };
export const PASSWORD = 'Mật khẩu đúng 2026';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Ids of the fixture: a province, two wards, three cells in the first and one in the second. */
export const ids = {
  province: uuid(1),
  ward: uuid(2),
  cell1: uuid(3),
  cell2: uuid(4),
  cell3: uuid(5),
  otherWard: uuid(6),
  otherCell: uuid(7),
  account: uuid(20),
  members: [uuid(101), uuid(102), uuid(103), uuid(104), uuid(105)] as const,
  outsider: uuid(109),
  provinceAdmin: uuid(201),
  wardAdmin: uuid(202),
  secretary: uuid(203),
  inactive: uuid(204),
  otherAdmin: uuid(205),
  /** Works at the province office, processes the ward's dossiers. */
  delegate: uuid(206),
};

const org = (
  id: string,
  parentId: string | null,
  type: Org['type'],
  code: string,
  name: string,
): Org =>
  Org.parse({
    id,
    code,
    name,
    parentId,
    type,
    cellSubtype: null,
    taxCode: null,
    email: null,
    phone: null,
    website: null,
    province: 'Hà Nội',
    ward: null,
    addressDetail: null,
    description: null,
    allocationDirection: 'top_down',
    hasSeal: type !== 'grassroots_cell',
    status: 'active',
  });

export const orgs = [
  org(ids.province, null, 'province_committee', '2200000', 'Đảng bộ Thành phố Hà Nội'),
  org(ids.ward, ids.province, 'superior_committee', '2256101', 'Đảng bộ Phường Việt Hưng'),
  org(ids.cell1, ids.ward, 'grassroots_cell', '2256102', 'Chi bộ Tổ dân phố số 1'),
  org(ids.cell2, ids.ward, 'grassroots_cell', '2256103', 'Chi bộ Tổ dân phố số 2'),
  org(ids.cell3, ids.ward, 'grassroots_cell', '2256104', 'Chi bộ Tổ dân phố số 3'),
  org(ids.otherWard, ids.province, 'superior_committee', '2256201', 'Đảng bộ Phường Phúc Lợi'),
  org(ids.otherCell, ids.otherWard, 'grassroots_cell', '2256202', 'Chi bộ Tổ dân phố số 9'),
];

const member = (
  id: string,
  fullName: string,
  citizenId: string,
  birthDate: string,
  sex: 'male' | 'female',
  homeOrgId: string,
  residenceOrgId: string | null = null,
): Member =>
  Member.parse({
    id,
    fullName,
    birthDate,
    sex,
    citizenId,
    cardNo: `93.0${citizenId.slice(-6)}`,
    profileNo: null,
    homeOrgId,
    residenceOrgId,
    phone: null,
    email: null,
    joinedOn: '2010-05-19',
    officialOn: '2011-05-19',
    positions: [],
    status: 'active',
  });

const [m1, m2, m3, m4, m5] = ids.members;
export const members = [
  member(m1, 'Nguyễn Văn Đức', '001085000001', '1985-03-02', 'male', ids.cell1),
  member(m2, 'Trần Thị Hoa', '001190000002', '1990-07-15', 'female', ids.cell1),
  member(m3, 'Lê Văn An', '001075000003', '1975-01-20', 'male', ids.cell2),
  member(m4, 'Phạm Thị Bích', '001188000004', '1988-11-30', 'female', ids.cell3),
  // Registered in the other ward but living in cell 3: visible to the ward through residence.
  member(m5, 'Hoàng Văn Em', '001092000005', '1992-02-14', 'male', ids.otherCell, ids.cell3),
  member(ids.outsider, 'Đỗ Thị Giang', '001195000009', '1995-09-09', 'female', ids.otherCell),
];

const user = (
  id: string,
  username: string,
  fullName: string,
  citizenId: string,
  orgId: string,
  roles: User['roles'],
  status: User['status'] = 'active',
  position: string | null = null,
): User =>
  User.parse({
    id,
    username,
    fullName,
    citizenId,
    phone: '0912345678',
    email: null,
    position,
    orgId,
    status,
    roles,
  });

export const users = [
  user(ids.provinceAdmin, 'qt.thanhpho', 'Vũ Minh Khoa', '001080000201', ids.province, [
    { role: 'admin', orgId: ids.province },
  ]),
  user(
    ids.wardAdmin,
    'qt.viethung',
    'Bùi Thị Lan',
    '001183000202',
    ids.ward,
    [
      { role: 'admin', orgId: ids.ward },
      { role: 'processor', orgId: ids.ward },
    ],
    'active',
    'Chuyên viên',
  ),
  user(
    ids.secretary,
    'bithu.tdp1',
    'Ngô Văn Minh',
    '001070000203',
    ids.cell1,
    [{ role: 'approver', orgId: ids.cell1 }],
    'active',
    'Bí thư chi bộ',
  ),
  user(
    ids.inactive,
    'nghi.viec',
    'Đặng Văn Nam',
    '001078000204',
    ids.cell2,
    [{ role: 'clerk', orgId: ids.cell2 }],
    'inactive',
  ),
  user(ids.otherAdmin, 'qt.phucloi', 'Lý Thị Oanh', '001186000205', ids.otherWard, [
    { role: 'admin', orgId: ids.otherWard },
  ]),
  user(ids.delegate, 'xuly.viethung', 'Tạ Văn Phúc', '001081000206', ids.province, [
    { role: 'processor', orgId: ids.ward },
  ]),
];

export const bankAccount = BankAccount.parse({
  id: ids.account,
  orgId: ids.ward,
  accountNo: '0011004567890',
  holder: 'Đảng ủy Phường Việt Hưng',
  bankName: 'Vietcombank',
  citadCode: '01203001',
  isActive: true,
});

/** Writes the fixture through the repositories, in one transaction. */
export async function seedFixture(db: Db, now = new Date('2026-01-05T08:00:00Z')): Promise<void> {
  const passwordHash = await hashPassword(PASSWORD, TEST_SCRYPT);
  await db.transaction().execute(async (trx) => {
    for (const o of orgs) await insertOrg(trx, o, now);
    await insertBankAccount(trx, bankAccount, now);
    for (const m of members) await insertMember(trx, m, now);
    for (const u of users) await insertUser(trx, { user: u, passwordHash }, now);
  });
}
