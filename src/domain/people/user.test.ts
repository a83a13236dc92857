import { describe, expect, it } from 'vitest';
import { hasRoleAt, roleLabelVi, User, userStatusLabelVi, type RoleGrant } from './user';

const PROVINCE = '0b6f3c4e-1a2b-4c3d-8e4f-5a6b7c8d9e01';
const WARD = '0b6f3c4e-1a2b-4c3d-8e4f-5a6b7c8d9e02';
const CELL = '0b6f3c4e-1a2b-4c3d-8e4f-5a6b7c8d9e03';
const OTHER_WARD = '0b6f3c4e-1a2b-4c3d-8e4f-5a6b7c8d9e04';

describe('hasRoleAt', () => {
  const roles: RoleGrant[] = [
    { role: 'processor', orgId: WARD },
    { role: 'admin', orgId: PROVINCE },
  ];

  it('applies a role granted at an org to its whole subtree', () => {
    expect(hasRoleAt(roles, 'processor', [PROVINCE, WARD, CELL])).toBe(true);
    expect(hasRoleAt(roles, 'processor', [PROVINCE, WARD])).toBe(true);
    expect(hasRoleAt(roles, 'admin', [PROVINCE, OTHER_WARD])).toBe(true);
  });

  it('does not apply it above the org, beside it, or as another role', () => {
    expect(hasRoleAt(roles, 'processor', [PROVINCE])).toBe(false);
    expect(hasRoleAt(roles, 'processor', [PROVINCE, OTHER_WARD])).toBe(false);
    expect(hasRoleAt(roles, 'approver', [PROVINCE, WARD, CELL])).toBe(false);
    expect(hasRoleAt([], 'member', [PROVINCE])).toBe(false);
  });
});

describe('User', () => {
  const user: User = {
    id: '6c1f4e2a-9b3d-4e5f-8a7b-1c2d3e4f5a70',
    username: '001185012345',
    fullName: 'Nguyễn Thị Ánh',
    citizenId: '001185012345',
    phone: '0912345678',
    email: null,
    position: 'Phó Bí thư Đảng ủy',
    orgId: WARD,
    status: 'active',
    roles: [{ role: 'approver', orgId: WARD }],
  };

  it('parses a user and can be reshaped for the wire', () => {
    expect(User.parse(user)).toEqual(user);
    expect(User.omit({ roles: true }).parse(user)).not.toHaveProperty('roles');
  });

  it('requires a mobile phone and a valid citizen id', () => {
    expect(User.safeParse({ ...user, phone: '' }).success).toBe(false);
    expect(User.safeParse({ ...user, citizenId: '00118501234' }).success).toBe(false);
  });

  it('labels roles and statuses as the admin guide does', () => {
    expect(roleLabelVi.processor).toBe('Cán bộ xử lý TTHC');
    expect(roleLabelVi.approver).toBe('Lãnh đạo phê duyệt (Bí thư/Phó bí thư)');
    expect(userStatusLabelVi.deleted).toBe('Đã xóa');
  });
});
