import { z } from 'zod';
import type { MemberListPosition, MembersRepo } from './repositories/members';
import type { OrgTreeRepo } from './repositories/org-tree';
import { planSearch } from './search-query';
import { fail, notFound, type HandlersFor } from './service-context';

export type MemberCall = 'searchMembers' | 'orgMembers' | 'memberDetail';

// Paging cursors are opaque to the UI but parsed like any other input.
const MemberCursor = z.tuple([z.string(), z.string()]);
const encodeMemberCursor = (p: MemberListPosition) =>
  Buffer.from(JSON.stringify([p.sortKey, p.id])).toString('base64url');
function decodeMemberCursor(cursor: string): MemberListPosition {
  try {
    const [sortKey, id] = MemberCursor.parse(
      JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')),
    );
    return { sortKey, id };
  } catch {
    return fail('invalid_input', 'malformed cursor', 'Vị trí trang không hợp lệ.', 'cursor');
  }
}

/** The members in the cache: search, an org's members page by page, one member's record. */
export function memberHandlers({
  tree,
  members,
}: {
  tree: OrgTreeRepo;
  members: MembersRepo;
}): HandlersFor<MemberCall> {
  return {
    searchMembers: ({ q, limit }) => {
      const plan = planSearch(q);
      return plan ? members.search(plan, limit) : { items: [], truncated: false };
    },
    orgMembers: ({ orgId, limit, cursor }) => {
      const after = cursor === undefined ? undefined : decodeMemberCursor(cursor);
      if (!tree.exists(orgId)) notFound('org', orgId);
      const page = members.ofOrg(orgId, limit, after);
      return { items: page.items, nextCursor: page.next ? encodeMemberCursor(page.next) : null };
    },
    memberDetail: ({ memberId }) => {
      const member = members.byId(memberId) ?? notFound('member', memberId);
      const ref = (orgId: string | null) => (orgId === null ? null : (tree.ref(orgId) ?? null));
      return { member, homeOrg: ref(member.homeOrgId), residenceOrg: ref(member.residenceOrgId) };
    },
  };
}
