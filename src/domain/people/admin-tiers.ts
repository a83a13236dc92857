/**
 * The admin tiers of "Quản lý người dùng" (docs/decisions/0033): what an admin may grant and whose
 * account he may manage. Orgs are named by their materialized paths ('/root/…/self/').
 */
import type { Role } from './user';

/** An admin grant, or a grant of the managed account, at the org with this path. */
export interface PathGrant {
  role: Role;
  orgPath: string;
}

/** Roles granted on the user screens; the member role follows the member's cell (accounts). */
export const GRANTABLE_ROLES = ['admin', 'processor', 'approver', 'fee_officer', 'clerk'] as const;
export type GrantableRole = (typeof GRANTABLE_ROLES)[number];

export const isGrantableRole = (role: Role): role is GrantableRole =>
  (GRANTABLE_ROLES as readonly Role[]).includes(role);

const within = (path: string, root: string) => path.startsWith(root);
const strictlyBelow = (path: string, root: string) => path !== root && path.startsWith(root);

/**
 * Whether an admin whose admin grants sit at `adminPaths` may grant `role` at the org at
 * `orgPath`: an admin role only at an org strictly below one of his (the province's level-1 admin
 * makes the wards' admins, a ward admin his cells'), any other staff role at his org or below
 * (a ward admin makes his ward's processors). Never the member role.
 */
export function canGrant(adminPaths: readonly string[], grant: PathGrant): boolean {
  if (!isGrantableRole(grant.role)) return false;
  const reaches = grant.role === 'admin' ? strictlyBelow : within;
  return adminPaths.some((root) => reaches(grant.orgPath, root));
}

/**
 * Whether the admin (`adminId`, admin grants at `adminPaths`) may manage an account: never his
 * own; the account's org lies at or below one of his; and every staff grant it holds is one he
 * could grant, so a peer admin (same org) or a higher tier is out of reach. Member grants do not
 * count: they follow the member's cell.
 */
export function canManageAccount(
  adminId: string,
  adminPaths: readonly string[],
  account: { id: string; orgPath: string; grants: readonly PathGrant[] },
): boolean {
  if (account.id === adminId) return false;
  if (!adminPaths.some((root) => within(account.orgPath, root))) return false;
  return account.grants.filter((g) => g.role !== 'member').every((g) => canGrant(adminPaths, g));
}
