import { z } from 'zod';
import { Id } from '../domain/common/schemas';
import { BankAccount, Org } from '../domain/org/org';
import { OrgWire } from './sync';

/** `:id` of the org routes. */
export const OrgIdParams = z.object({ id: Id });
export type OrgIdParams = z.infer<typeof OrgIdParams>;

/** An org in lists, trees and breadcrumbs. */
export const OrgSummary = OrgWire.pick({
  id: true,
  code: true,
  name: true,
  parentId: true,
  type: true,
  cellSubtype: true,
  status: true,
  path: true,
  depth: true,
});
export type OrgSummary = z.infer<typeof OrgSummary>;

/**
 * The detail screen of an org (admin guide: "Xem chi tiết"). Bank accounts are listed for orgs in
 * the caller's subtrees; an ancestor shown for the breadcrumb comes without them.
 */
export const OrgDetail = OrgWire.extend({ bankAccounts: z.array(BankAccount) });
export type OrgDetail = z.infer<typeof OrgDetail>;

/** A child in "Xem cấp con", with the number of its own children so the tree knows what opens. */
export const OrgChild = OrgSummary.extend({ childCount: z.number().int().nonnegative() });
export type OrgChild = z.infer<typeof OrgChild>;

export const OrgChildrenResponse = z.object({ items: z.array(OrgChild) });
export type OrgChildrenResponse = z.infer<typeof OrgChildrenResponse>;

/** The breadcrumb of an org: its ancestors, root first, without the org itself. */
export const OrgAncestorsResponse = z.object({ items: z.array(OrgSummary) });
export type OrgAncestorsResponse = z.infer<typeof OrgAncestorsResponse>;

export const OrgSearchQuery = z.object({
  /** Matches the code (prefix) or every word of the name, without diacritics. */
  q: z.string().trim().max(100).optional(),
  status: Org.shape.status.optional(),
  /** Only the direct children of this org. */
  parentId: Id.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type OrgSearchQuery = z.infer<typeof OrgSearchQuery>;

export const OrgSearchResponse = z.object({
  items: z.array(OrgSummary),
  total: z.number().int().nonnegative(),
  page: z.number().int().positive(),
  pageSize: z.number().int().positive(),
});
export type OrgSearchResponse = z.infer<typeof OrgSearchResponse>;
