import { createHash } from 'node:crypto';
import { STAFF_ROLES } from '../../src/api/access';

/** One role grant of the caller with the materialized path of its org. */
export interface ScopedGrant {
  role: string;
  orgId: string;
  path: string;
}

/**
 * What a caller may read, shaped by role (docs/decisions/0016-authorization-model.md): a staff
 * grant opens its org's subtree, plus the ancestors of those orgs (read-only, for breadcrumbs); a
 * member grant opens nothing of other people, only the caller's own records (`memberId`,
 * `userId`) and the names of the org it belongs to and the orgs above. Paths are materialized
 * '/root/…/self/'.
 */
export interface Scope {
  userId: string;
  /** The caller's own member record, seen whatever the grants. */
  memberId: string | null;
  /** Every grant, member grants included (role checks read them). */
  grants: ScopedGrant[];
  /** Roots of the visible subtrees (staff grants only), none inside another. */
  subtreePaths: string[];
  /** Ids of the orgs seen read-only: above the subtree roots, and the member grants' line. */
  ancestorIds: string[];
  /** Changes whenever what the scope holds may change: sync cursors carry it. */
  hash: string;
}

/** Bumped when the meaning of a scope changes, so every cursor made under the old one resyncs. */
const SCOPE_MODEL = 'role-shaped-1';

/** Staff roles read their subtree; every other role (member) reads only the caller's own things. */
export const isStaffRole = (role: string): boolean =>
  (STAFF_ROLES as readonly string[]).includes(role);

/** Exclusive upper bound of a subtree: '/a/b/' ≤ path < '/a/b0' ('0' follows '/' bytewise). */
export function subtreeUpperBound(path: string): string {
  return `${path.slice(0, -1)}0`;
}

export function isInSubtree(path: string, rootPath: string): boolean {
  return path.startsWith(rootPath);
}

/** Ids on a materialized path, root first. */
export function pathIds(path: string): string[] {
  return path.split('/').filter((id) => id !== '');
}

export function buildScope(
  userId: string,
  grants: ScopedGrant[],
  memberId: string | null = null,
): Scope {
  const sorted = [...grants].sort((a, b) =>
    a.path !== b.path ? (a.path < b.path ? -1 : 1) : a.role < b.role ? -1 : a.role > b.role ? 1 : 0,
  );
  const subtreePaths = outermost(sorted.filter((g) => isStaffRole(g.role)).map((g) => g.path));
  // An ancestor of a minimal root is never inside another root (that root would contain both).
  const readOnly = new Set(subtreePaths.flatMap((root) => pathIds(root).slice(0, -1)));
  // A member sees the name of his cell and of the orgs above it, not what is inside them.
  for (const grant of sorted)
    if (!isStaffRole(grant.role) && !subtreePaths.some((root) => isInSubtree(grant.path, root)))
      for (const id of pathIds(grant.path)) readOnly.add(id);
  const hash = createHash('sha256')
    .update(
      JSON.stringify([SCOPE_MODEL, userId, memberId, sorted.map((g) => [g.role, g.orgId, g.path])]),
    )
    .digest('base64url')
    .slice(0, 22);
  return {
    userId,
    memberId,
    grants: sorted,
    subtreePaths,
    ancestorIds: [...readOnly].sort(),
    hash,
  };
}

/** The roots among sorted paths that lie inside no other. */
function outermost(sortedPaths: string[]): string[] {
  // Sorted by path, a root's descendants follow it directly, so one pass drops nested roots.
  const roots: string[] = [];
  for (const path of sortedPaths) {
    const last = roots[roots.length - 1];
    if (last === undefined || !isInSubtree(path, last)) roots.push(path);
  }
  return roots;
}

/** True when an org with this id and path is visible to the scope. */
export function canSeeOrg(scope: Scope, id: string, path: string): boolean {
  return (
    scope.subtreePaths.some((root) => isInSubtree(path, root)) || scope.ancestorIds.includes(id)
  );
}

/** True when the org at `path` lies in a subtree of the scope (not merely an ancestor). */
export function isInScopeSubtree(scope: Scope, path: string): boolean {
  return scope.subtreePaths.some((root) => isInSubtree(path, root));
}

/** The subtree roots of the grants of one staff role, e.g. where the caller is admin. */
export function subtreesOfRole(scope: Scope, role: string): string[] {
  return subtreesOfRoles(scope, [role]);
}

/** The subtree roots of the caller's staff grants of any of `roles`; none for the member role. */
export function subtreesOfRoles(scope: Scope, roles: readonly string[]): string[] {
  return outermost(
    scope.grants.filter((g) => isStaffRole(g.role) && roles.includes(g.role)).map((g) => g.path),
  );
}

/** Whether the org at `path` lies under a grant of one of `roles` (member grants included). */
export function hasRoleOver(scope: Scope, roles: readonly string[], path: string): boolean {
  return scope.grants.some((g) => roles.includes(g.role) && isInSubtree(path, g.path));
}
