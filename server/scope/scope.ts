import { createHash } from 'node:crypto';

/** One role grant of the caller with the materialized path of its org. */
export interface ScopedGrant {
  role: string;
  orgId: string;
  path: string;
}

/**
 * What a caller may read: the subtrees of the orgs of their role grants, plus the ancestors of
 * those orgs (read-only, for breadcrumbs). Paths are materialized '/root/…/self/'.
 */
export interface Scope {
  userId: string;
  grants: ScopedGrant[];
  /** Roots of the visible subtrees, none inside another. */
  subtreePaths: string[];
  /** Ids of the orgs above the subtree roots. */
  ancestorIds: string[];
  /** Changes whenever a grant or the path of a granted org changes: sync cursors carry it. */
  hash: string;
}

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

export function buildScope(userId: string, grants: ScopedGrant[]): Scope {
  const sorted = [...grants].sort((a, b) =>
    a.path !== b.path ? (a.path < b.path ? -1 : 1) : a.role < b.role ? -1 : a.role > b.role ? 1 : 0,
  );
  // Sorted by path, a root's descendants follow it directly, so one pass drops nested roots.
  const subtreePaths: string[] = [];
  for (const { path } of sorted) {
    const last = subtreePaths[subtreePaths.length - 1];
    if (last === undefined || !isInSubtree(path, last)) subtreePaths.push(path);
  }
  // An ancestor of a minimal root is never inside another root (that root would contain both).
  const ancestorIds = new Set(subtreePaths.flatMap((root) => pathIds(root).slice(0, -1)));
  const hash = createHash('sha256')
    .update(JSON.stringify([userId, sorted.map((g) => [g.role, g.orgId, g.path])]))
    .digest('base64url')
    .slice(0, 22);
  return { userId, grants: sorted, subtreePaths, ancestorIds: [...ancestorIds].sort(), hash };
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

/** The subtree roots of the grants of one role, e.g. where the caller is admin. */
export function subtreesOfRole(scope: Scope, role: string): string[] {
  return buildScope(
    scope.userId,
    scope.grants.filter((g) => g.role === role),
  ).subtreePaths;
}
