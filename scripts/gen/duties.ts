import type { Role } from '../../src/domain/people/user';
import type { PlannedOrg } from './org-builder';

/**
 * What an officer does, and so the account and role the officer gets: the secretary approves,
 * a cell's deputy approves too (the guide lets "the secretary or deputy" approve), and each
 * committee has an admin, a processor, a fee officer and a clerk.
 */
export type Duty = 'secretary' | 'deputy' | 'admin' | 'processor' | 'fee_officer' | 'clerk';

export const DUTY_ROLE: Record<Duty, Role> = {
  secretary: 'approver',
  deputy: 'approver',
  admin: 'admin',
  processor: 'processor',
  fee_officer: 'fee_officer',
  clerk: 'clerk',
};

const USERNAME_PREFIX: Record<Duty, string> = {
  secretary: 'bithu',
  deputy: 'phobithu',
  admin: 'quantri',
  processor: 'xuly',
  fee_officer: 'ketoan',
  clerk: 'vanthu',
};

/** Staff of the demo ward keep the names of the demo accounts (demo-accounts.ts). */
const DEMO_WARD_USERNAMES: Partial<Record<Duty, string>> = { processor: 'canbo.xuly' };

/**
 * "bithu.chibo1" and "quantri.phuong" in the demo ward, "bithu.2256178" elsewhere: org codes are
 * unique, so usernames are too.
 */
export function usernameFor(org: PlannedOrg, duty: Duty): string {
  if (org.demoKey === 'phuong' && DEMO_WARD_USERNAMES[duty]) return DEMO_WARD_USERNAMES[duty];
  return `${USERNAME_PREFIX[duty]}.${org.demoKey ?? org.row.code}`;
}

/** The job title shown in the user list ("Chức vụ"). */
export function jobTitle(org: PlannedOrg, duty: Duty): string {
  const cell = org.type === 'grassroots_cell' || org.type === 'affiliated_cell';
  // Central committees (Đảng bộ Chính phủ…) are of the province type but have a Đảng ủy.
  const leadership = cell
    ? 'Chi bộ'
    : org.row.name.startsWith('Đảng bộ Thành phố')
      ? 'Thành ủy'
      : org.row.name.startsWith('Đảng bộ Tỉnh')
        ? 'Tỉnh ủy'
        : 'Đảng ủy';
  switch (duty) {
    case 'secretary':
      return `Bí thư ${leadership}`;
    case 'deputy':
      return `Phó Bí thư ${leadership}`;
    case 'admin':
      return `Chuyên viên Văn phòng ${cell ? 'Đảng ủy' : leadership}`;
    case 'processor':
      return 'Cán bộ xử lý thủ tục hành chính';
    case 'fee_officer':
      return 'Cán bộ phụ trách đảng phí';
    case 'clerk':
      return 'Văn thư';
  }
}
