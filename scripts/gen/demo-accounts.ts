import type { Role } from '../../src/domain/people/user';
import type { Sex } from './names';

/** The password of every generated account (README, demo mode, end-to-end tests). */
export const DEMO_PASSWORD = 'Demo@2026';

export interface DemoAccount {
  username: string;
  fullName: string;
  sex: Sex;
  role: Role;
  /** Name of the org the role is granted at, in the demo ward. */
  orgName: string;
  /** What the account is for, in Vietnamese, as the README shows it. */
  descriptionVi: string;
}

export const DEMO_WARD_NAME = 'Đảng bộ Phường Việt Hưng';
export const DEMO_CELL_NAME = 'Chi bộ Tổ dân phố số 1';

/**
 * The accounts of the demo ward (Đảng bộ Phường Việt Hưng), present in every tier. Their names
 * are fixed so that the README and the tests can name them; everyone else is drawn from the seed.
 */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    username: 'quantri.phuong',
    fullName: 'Trần Thị Thu Hà',
    sex: 'female',
    role: 'admin',
    orgName: DEMO_WARD_NAME,
    descriptionVi:
      'Quản trị đơn vị của Đảng bộ phường: người dùng, cây tổ chức, tài khoản ngân hàng',
  },
  {
    username: 'canbo.xuly',
    fullName: 'Lê Minh Tuấn',
    sex: 'male',
    role: 'processor',
    orgName: DEMO_WARD_NAME,
    descriptionVi:
      'Cán bộ xử lý thủ tục hành chính của Đảng bộ phường: kiểm tra, chuyển tiếp hồ sơ',
  },
  {
    username: 'bithu.phuong',
    fullName: 'Nguyễn Văn Hưng',
    sex: 'male',
    role: 'approver',
    orgName: DEMO_WARD_NAME,
    descriptionVi: 'Bí thư Đảng ủy phường: duyệt, ký số hồ sơ',
  },
  {
    username: 'ketoan.phuong',
    fullName: 'Phạm Thị Lan',
    sex: 'female',
    role: 'fee_officer',
    orgName: DEMO_WARD_NAME,
    descriptionVi: 'Cán bộ phụ trách đảng phí của Đảng bộ phường',
  },
  {
    username: 'vanthu.phuong',
    fullName: 'Đỗ Thị Mai',
    sex: 'female',
    role: 'clerk',
    orgName: DEMO_WARD_NAME,
    descriptionVi: 'Văn thư Đảng ủy phường: giữ con dấu',
  },
  {
    username: 'bithu.chibo1',
    fullName: 'Phạm Văn Bình',
    sex: 'male',
    role: 'approver',
    orgName: DEMO_CELL_NAME,
    descriptionVi: 'Bí thư Chi bộ Tổ dân phố số 1: duyệt đảng phí, lập phiếu nhận xét nơi cư trú',
  },
];

/**
 * Members of the demo ward with a member account (role "Đảng viên" at their cell), made with the
 * demo transfers (demo-transfers.ts): `dangvien1.chibo1` is the first such member of Chi bộ Tổ
 * dân phố số 1. The spares below have no dossier yet, for `npm run demo:member`; every member of
 * a demo dossier has an account too, numbered on after them.
 */
export const demoMemberUsername = (cellKey: string, n: number): string => `dangvien${n}.${cellKey}`;

export const DEMO_MEMBER_SPARES: readonly { cell: string; count: number; cellName: string }[] = [
  { cell: 'chibo1', count: 3, cellName: DEMO_CELL_NAME },
  { cell: 'chibo2', count: 1, cellName: 'Chi bộ Tổ dân phố số 2' },
  { cell: 'thcs1', count: 2, cellName: 'Chi bộ Tổ Khoa học Tự nhiên' },
];
