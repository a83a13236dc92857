import { z } from 'zod';
import { Id } from '../domain/common/schemas';
import { Member } from '../domain/people/member';

export const MemberIdParams = z.object({ id: Id });
export type MemberIdParams = z.infer<typeof MemberIdParams>;

export const MEMBERS_MAX_LIMIT = 200;

export const MemberListQuery = z.object({
  /** Members registered (home) or residing in this org's subtree; default: the whole scope. */
  orgId: Id.optional(),
  /** Every word of the name without diacritics, or an exact citizen id / card / profile number. */
  q: z.string().trim().max(100).optional(),
  /** Opaque, from the previous page's `nextCursor`. */
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(MEMBERS_MAX_LIMIT).default(50),
});
export type MemberListQuery = z.infer<typeof MemberListQuery>;

/** Members sorted the Vietnamese way (given name, then family and middle names). */
export const MemberListResponse = z.object({
  items: z.array(Member),
  /** Null on the last page. */
  nextCursor: z.string().nullable(),
});
export type MemberListResponse = z.infer<typeof MemberListResponse>;

/** A stay in another cell recorded when a temporary transfer completed (sinh hoạt đảng tạm thời). */
export const TemporaryMembership = z.object({
  orgId: z.string(),
  dossierId: z.string(),
  startOn: z.string(),
  endOn: z.string(),
});
export const TemporaryMembershipsResponse = z.object({ items: z.array(TemporaryMembership) });
export type TemporaryMembershipsResponse = z.infer<typeof TemporaryMembershipsResponse>;
