/**
 * The admin tiers of the org tree (docs/decisions/0038), the same shape as those of the accounts
 * (src/domain/people/admin-tiers.ts, decision 0033). Orgs are named by their materialized paths
 * ('/root/…/self/'); `adminPaths` are the orgs where the caller holds the admin role.
 */

const within = (path: string, root: string) => path.startsWith(root);
const strictlyBelow = (path: string, root: string) => path !== root && path.startsWith(root);

/**
 * An admin edits or moves an org strictly below one of his: the province's admin the wards, a ward
 * admin his cells; never his own org nor one above (those are his superiors' to change).
 */
export const canChangeOrg = (adminPaths: readonly string[], orgPath: string): boolean =>
  adminPaths.some((root) => strictlyBelow(orgPath, root));

/** An admin places an org (a new one, or one he moves) under his own org or one below it. */
export const canPlaceUnder = (adminPaths: readonly string[], parentPath: string): boolean =>
  adminPaths.some((root) => within(parentPath, root));

/** Whether `parentPath` lies in the subtree at `orgPath` (itself included): a move there loops. */
export const isWithinSubtree = (orgPath: string, parentPath: string): boolean =>
  within(parentPath, orgPath);
