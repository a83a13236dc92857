import { z } from 'zod';
import { Id } from '../domain/common/schemas';
import { Role, User, UserStatus } from '../domain/people/user';
import { OrgSummary } from './orgs';
import { UserWire } from './sync';

export const UserIdParams = z.object({ id: Id });
export type UserIdParams = z.infer<typeof UserIdParams>;

/** A user account with its role grants, as the admin screens show it (never a password hash). */
export const UserDetail = UserWire.extend({ roles: User.shape.roles, createdAt: z.string() });
export type UserDetail = z.infer<typeof UserDetail>;

/** The filters of the admin guide's user list: name, status, unit, position, role. */
export const UserListQuery = z.object({
  /** Words of the full name and username, diacritics folded; the closest matches first. */
  q: z.string().trim().max(100).optional(),
  status: UserStatus.optional(),
  /** Users of this org's subtree. */
  orgId: Id.optional(),
  position: z.string().trim().min(1).max(200).optional(),
  /** Users holding this role anywhere. */
  role: Role.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type UserListQuery = z.infer<typeof UserListQuery>;

export const UserListResponse = z.object({
  items: z.array(UserDetail),
  total: z.number().int().nonnegative(),
  page: z.number().int().positive(),
  pageSize: z.number().int().positive(),
});
export type UserListResponse = z.infer<typeof UserListResponse>;

/** One edit of a user: `{ field: [before, after] }`, secrets replaced by a marker. */
export const UserHistoryEntry = z.object({
  id: z.string(),
  userId: z.string(),
  changedBy: z.string(),
  changedAt: z.string(),
  changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])),
});
export type UserHistoryEntry = z.infer<typeof UserHistoryEntry>;

/** Newest first. */
export const UserHistoryResponse = z.object({ items: z.array(UserHistoryEntry) });
export type UserHistoryResponse = z.infer<typeof UserHistoryResponse>;

/** The signed-in user, their org and their role grants. */
export const MeResponse = z.object({ user: UserDetail, org: OrgSummary });
export type MeResponse = z.infer<typeof MeResponse>;
