import type { RoleGrant } from '../../../../src/domain/people/user';

/**
 * What the signed-in admin may do to an org, as the server's tier rule says it
 * (src/domain/org/org-admin-tiers.ts, docs/decisions/0038), read from the org's path: the screen
 * offers only what the server would accept, and the server checks again.
 */
export function orgAdminAccess(
  grants: readonly RoleGrant[] | undefined,
  org: { id: string; path: string },
): { change: boolean; addUnder: boolean } {
  const adminOrgs = (grants ?? []).filter((g) => g.role === 'admin').map((g) => g.orgId);
  const under = (id: string) => org.path.includes(`/${id}/`);
  return {
    // Strictly below one of his orgs: never his own or above.
    change: adminOrgs.some((id) => id !== org.id && under(id)),
    addUnder: adminOrgs.some(under),
  };
}
