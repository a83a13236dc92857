import { planSearch } from './search-query';
import type { orgSearchRepo } from './repositories/org-search';
import type { OrgTreeRepo } from './repositories/org-tree';
import { notFound, type HandlersFor } from './service-context';

export type OrgCall =
  | 'orgChildren'
  | 'orgAncestors'
  | 'orgSubtree'
  | 'orgSubtreeIds'
  | 'orgDetail'
  | 'searchOrgs'
  | 'findOrgs';

/** The org tree in the cache: browsing it, searching it, finding orgs by code, name, status. */
export function orgHandlers({
  tree,
  orgSearch,
}: {
  tree: OrgTreeRepo;
  orgSearch: ReturnType<typeof orgSearchRepo>;
}): HandlersFor<OrgCall> {
  return {
    orgChildren: ({ orgId }) => {
      if (orgId !== null && !tree.exists(orgId)) notFound('org', orgId);
      return { items: tree.children(orgId) };
    },
    orgAncestors: ({ orgId }) => ({ items: tree.ancestors(orgId) ?? notFound('org', orgId) }),
    orgSubtree: ({ orgId, limit, cursor }) =>
      tree.subtree(orgId, limit, cursor) ?? notFound('org', orgId),
    orgSubtreeIds: ({ orgId, limit, cursor }) =>
      tree.subtreeIds(orgId, limit, cursor) ?? notFound('org', orgId),
    orgDetail: ({ orgId }) => tree.detail(orgId) ?? notFound('org', orgId),
    searchOrgs: ({ q, limit }) => {
      const plan = planSearch(q);
      return plan ? orgSearch.search(plan, limit) : { items: [], truncated: false };
    },
    findOrgs: ({ code, name, status, underOrgId, limit }) => {
      const underPath =
        underOrgId === undefined
          ? undefined
          : (tree.path(underOrgId) ?? notFound('org', underOrgId));
      const plan = name === undefined ? undefined : planSearch(name);
      return orgSearch.find({
        codePrefix: code?.toLowerCase(),
        nameMatch: plan?.prefixes,
        status,
        underPath,
        limit,
      });
    },
  };
}
