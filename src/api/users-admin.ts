import { z } from 'zod';
import { Id, IsoDate, NonBlankText } from '../domain/common/schemas';
import { GRANTABLE_ROLES } from '../domain/people/admin-tiers';
import { User } from '../domain/people/user';
import { CitizenId } from '../domain/validation/citizen-id';
import type { RouteSpec } from './routes';
import { UserDetail, UserIdParams } from './users';

/**
 * The writes of "Quản lý người dùng" (admin guide 2.2.1, docs/decisions/0033): add a user from the
 * member database, edit, lock and unlock, reset the password, grant and revoke roles. Online only:
 * every answer is the account as it now is; the clients' caches follow by sync.
 */

/** A role on the user screens (never the member role) at an org. */
export const StaffRoleGrant = z.object({ role: z.enum(GRANTABLE_ROLES), orgId: Id });
export type StaffRoleGrant = z.infer<typeof StaffRoleGrant>;

/** "Thêm mới tài khoản từ CSDL Đảng viên": the three fields must name one member record. */
export const MemberLookupRequest = z.object({
  citizenId: CitizenId,
  fullName: NonBlankText(200),
  birthDate: IsoDate,
});
export type MemberLookupRequest = z.infer<typeof MemberLookupRequest>;

/** What the form is prefilled with: the member's name, number and cell ("Cơ quan quản lý"). */
export const MemberLookupRecord = z.object({
  memberId: Id,
  fullName: z.string(),
  citizenId: z.string(),
  birthDate: z.string(),
  homeOrgId: Id,
  homeOrgName: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});
export type MemberLookupRecord = z.infer<typeof MemberLookupRecord>;

/** null: no member record in the caller's subtrees has these three values. */
export const MemberLookupResponse = z.object({ record: MemberLookupRecord.nullable() });
export type MemberLookupResponse = z.infer<typeof MemberLookupResponse>;

/** The new account: the lookup again (checked on the server), then what the admin adds. */
export const CreateUserRequest = z.object({
  lookup: MemberLookupRequest,
  username: User.shape.username,
  phone: User.shape.phone,
  email: User.shape.email,
  position: User.shape.position,
  /** "Cơ quan quản lý": the account's org, at or below the caller's. */
  orgId: Id,
  roles: z.array(StaffRoleGrant).min(1, 'Vui lòng chọn ít nhất một vai trò.').max(20),
  /** "Trạng thái hoạt động": unticked, the account is made locked. */
  active: z.boolean(),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

/** Shown once to the admin, who hands it over; only its hash is kept. */
export const InitialPasswordReceipt = z.object({ user: UserDetail, initialPassword: z.string() });
export type InitialPasswordReceipt = z.infer<typeof InitialPasswordReceipt>;

/**
 * "Chỉnh sửa tài khoản": the fields the admin may change (name and number come from the member
 * record); `status` is "Trạng thái hoạt động", the same as a lock or an unlock.
 */
export const EditUserRequest = z.object({
  phone: User.shape.phone,
  email: User.shape.email,
  position: User.shape.position,
  status: z.enum(['active', 'inactive']).optional(),
});
export type EditUserRequest = z.infer<typeof EditUserRequest>;

export const RoleGrantRequest = StaffRoleGrant;
export type RoleGrantRequest = StaffRoleGrant;

const writeErrors = [400, 401, 403, 404, 409, 422] as const;
const userAccess = { roles: ['admin'], scope: 'user', param: 'id' } as const;

export const userAdminRoutes = {
  lookupMember: {
    method: 'POST',
    path: '/v1/users/member-lookup',
    summary: 'Find the member record a new user is made from (citizen id, name, birth date)',
    tag: 'users',
    auth: true,
    body: MemberLookupRequest,
    status: 200,
    response: MemberLookupResponse,
    errors: [400, 401, 403],
    access: { roles: ['admin'], scope: 'filtered' },
  },
  createUser: {
    method: 'POST',
    path: '/v1/users',
    summary: 'Add a user from the member database with his role grants (admins, below their tier)',
    tag: 'users',
    auth: true,
    body: CreateUserRequest,
    status: 201,
    response: InitialPasswordReceipt,
    errors: writeErrors,
    access: { roles: ['admin'], scope: 'filtered' },
  },
  editUser: {
    method: 'PUT',
    path: '/v1/users/:id',
    summary: 'Edit a user’s phone, email and position',
    tag: 'users',
    auth: true,
    params: UserIdParams,
    body: EditUserRequest,
    status: 200,
    response: UserDetail,
    errors: writeErrors,
    access: userAccess,
  },
  lockUser: {
    method: 'POST',
    path: '/v1/users/:id/lock',
    summary: 'Lock a user account (status inactive); signing in is refused',
    tag: 'users',
    auth: true,
    params: UserIdParams,
    status: 200,
    response: UserDetail,
    errors: writeErrors,
    access: userAccess,
  },
  unlockUser: {
    method: 'POST',
    path: '/v1/users/:id/unlock',
    summary: 'Unlock a locked user account (status active)',
    tag: 'users',
    auth: true,
    params: UserIdParams,
    status: 200,
    response: UserDetail,
    errors: writeErrors,
    access: userAccess,
  },
  resetPassword: {
    method: 'POST',
    path: '/v1/users/:id/password-reset',
    summary: 'Give a user a new initial password, shown once',
    tag: 'users',
    auth: true,
    params: UserIdParams,
    status: 200,
    response: InitialPasswordReceipt,
    errors: writeErrors,
    access: userAccess,
  },
  grantUserRole: {
    method: 'POST',
    path: '/v1/users/:id/roles',
    summary: 'Grant a role at an org the caller may grant it at',
    tag: 'users',
    auth: true,
    params: UserIdParams,
    body: RoleGrantRequest,
    status: 200,
    response: UserDetail,
    errors: writeErrors,
    access: userAccess,
  },
  revokeUserRole: {
    method: 'POST',
    path: '/v1/users/:id/roles/revoke',
    summary: 'Withdraw a role grant the caller could have granted',
    tag: 'users',
    auth: true,
    params: UserIdParams,
    body: RoleGrantRequest,
    status: 200,
    response: UserDetail,
    errors: writeErrors,
    access: userAccess,
  },
} as const satisfies Record<string, RouteSpec>;
