import { z } from 'zod';
import {
  CreateUserRequest,
  EditUserRequest,
  MemberLookupRecord,
  MemberLookupRequest,
  StaffRoleGrant,
} from '../api/users-admin';

/**
 * The DesktopApi calls of user administration (docs/decisions/0033): online only, each answered by
 * the server, then a sync brings the change into the cache and `users-changed` reads the list
 * again. Merged into `desktopCalls` by contract.ts.
 */

/** The member record the new account is made from, as the form is prefilled with it. */
export { MemberLookupRecord };

const Id = z.string().trim().min(1).max(64);
const Done = z.object({ userId: z.string() });
const Shown = z.object({ userId: z.string(), username: z.string(), initialPassword: z.string() });

/** One changed field of a history entry, in the screen's words. */
export const UserHistoryChange = z.object({
  field: z.string(),
  labelVi: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export type UserHistoryChange = z.infer<typeof UserHistoryChange>;

/** "Lịch sử chỉnh sửa": who changed what, newest first. */
export const UserHistoryItem = z.object({
  id: z.string(),
  changedAt: z.string(),
  changedBy: z.object({ id: z.string(), name: z.string() }),
  changes: z.array(UserHistoryChange),
});
export type UserHistoryItem = z.infer<typeof UserHistoryItem>;

export const userAdminCalls = {
  /** "Tìm kiếm" of "Thêm mới tài khoản từ CSDL Đảng viên": the member record, by the server. */
  userMemberLookup: {
    input: MemberLookupRequest,
    output: z.object({ record: MemberLookupRecord.nullable() }),
  },
  /** "Lưu" of the new account; its initial password is shown once. */
  createUser: { input: CreateUserRequest, output: Shown },
  /** "Sửa": phone, email, position, status. */
  editUser: { input: EditUserRequest.extend({ id: Id }), output: Done },
  lockUser: { input: z.object({ id: Id }), output: Done },
  unlockUser: { input: z.object({ id: Id }), output: Done },
  /** "Đặt lại mật khẩu": a new initial password, shown once. */
  resetUserPassword: { input: z.object({ id: Id }), output: Shown },
  /** "Phân quyền": one grant or withdrawal. */
  grantUserRole: { input: StaffRoleGrant.extend({ id: Id }), output: Done },
  revokeUserRole: { input: StaffRoleGrant.extend({ id: Id }), output: Done },
  /** "Lịch sử chỉnh sửa", read from the server. */
  userHistory: {
    input: z.object({ id: Id }),
    output: z.object({ items: z.array(UserHistoryItem) }),
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
