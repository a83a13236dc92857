import { z } from 'zod';
import { Id, NonBlankText } from '../common/schemas';
import { CitizenId } from '../validation/citizen-id';
import { Email } from '../validation/email';
import { VietnameseMobile } from '../validation/mobile-phone';
import { searchTokens } from '../text/fold';

export const Role = z.enum(['admin', 'processor', 'approver', 'fee_officer', 'clerk', 'member']);
export type Role = z.infer<typeof Role>;
export const roleLabelVi = {
  admin: 'Quản trị đơn vị',
  processor: 'Cán bộ xử lý TTHC',
  approver: 'Lãnh đạo phê duyệt (Bí thư/Phó bí thư)',
  fee_officer: 'Cán bộ phụ trách đảng phí',
  clerk: 'Văn thư',
  member: 'Đảng viên',
} as const satisfies Record<Role, string>;

/**
 * A role at an org; it applies to the org's whole subtree (Quản trị cấp 1 is admin at the
 * province).
 */
export const RoleGrant = z.object({ role: Role, orgId: Id });
export type RoleGrant = z.infer<typeof RoleGrant>;

/** pending and refused: a member's registration waiting for, or refused by, his cell secretary. */
export const UserStatus = z.enum(['active', 'inactive', 'deleted', 'pending', 'refused']);
export type UserStatus = z.infer<typeof UserStatus>;
export const userStatusLabelVi = {
  active: 'Đang hoạt động',
  inactive: 'Không hoạt động',
  deleted: 'Đã xóa',
  pending: 'Chờ phê duyệt',
  refused: 'Bị từ chối',
} as const satisfies Record<UserStatus, string>;

/**
 * A staff or member account ("Quản lý người dùng" in the admin guide); phone and role are required
 * there.
 */
export const User = z.object({
  id: Id,
  username: NonBlankText(100),
  fullName: NonBlankText(200),
  citizenId: CitizenId,
  phone: VietnameseMobile,
  email: Email.nullable(),
  /** Job title as shown in the user list ("Chức vụ"), free text. */
  position: NonBlankText(200).nullable(),
  orgId: Id,
  status: UserStatus,
  roles: z.array(RoleGrant),
});
export type User = z.infer<typeof User>;

/**
 * What makes two usernames the same account: case does not count ("QuanTri.Phuong" is
 * quantri.phuong), at login and for uniqueness. Tone marks do count: "hà" and "ha" are two names.
 * Stored as users.username_key (server migration 0007 repeats this rule: migrations never import
 * app code).
 */
export const usernameKey = (username: string): string =>
  username.trim().normalize('NFC').toLowerCase();

/**
 * What the user search filters on (users.search_folded on the server): the folded words of the name
 * and the username, so a query may mix them ("ha quantri").
 */
export const userSearchText = (fullName: string, username: string): string =>
  searchTokens(`${fullName} ${username}`).join(' ');

export const userFieldLabelVi = {
  id: 'Mã định danh',
  username: 'Tên đăng nhập',
  fullName: 'Họ và tên',
  citizenId: 'Số CCCD',
  phone: 'Số điện thoại',
  email: 'Email',
  position: 'Chức vụ',
  orgId: 'Đơn vị',
  status: 'Trạng thái',
  roles: 'Vai trò',
} as const satisfies Record<keyof User, string>;

/**
 * Whether `role` was granted at the target org or at one of its ancestors.
 * @param orgPath ids from the root down to the target org, the target included
 */
export function hasRoleAt(
  roles: readonly RoleGrant[],
  role: Role,
  orgPath: readonly string[],
): boolean {
  return roles.some((grant) => grant.role === role && orgPath.includes(grant.orgId));
}
