import { z } from 'zod';
import { EditOrgRequest, NewOrgRequest, OrgHistoryAction } from '../api/org-admin';

/**
 * The DesktopApi calls of the org tree's administration (docs/decisions/0038): online only, each
 * answered by the server, then a sync brings the change into the cache and `orgs-changed` reads
 * the tree again. Merged into `desktopCalls` by contract.ts.
 */

/** The org's editable fields, as the screen's form fills them. */
export type { OrgFields } from '../api/org-admin';

const Id = z.string().trim().min(1).max(64);
const Done = z.object({ orgId: z.string() });

/** One change of an org in the screen's words: "Loại phân bổ: từ trên xuống → từ dưới lên". */
export const OrgHistoryItem = z.object({
  id: z.string(),
  action: OrgHistoryAction,
  changedAt: z.string(),
  changedBy: z.object({ id: z.string(), name: z.string() }),
  changes: z.array(
    z.object({
      field: z.string(),
      labelVi: z.string(),
      before: z.string().nullable(),
      after: z.string().nullable(),
    }),
  ),
});
export type OrgHistoryItem = z.infer<typeof OrgHistoryItem>;

export const orgAdminCalls = {
  /** "Chỉnh sửa cơ quan": every field of the form, allocation direction included. */
  editOrg: { input: EditOrgRequest.extend({ id: Id }), output: Done },
  /** "Thêm đơn vị trực thuộc": a new org under `parentId`. */
  addChildOrg: { input: NewOrgRequest.extend({ parentId: Id }), output: Done },
  /** "Chuyển đơn vị": the org `id` under `parentId`. */
  moveOrg: { input: z.object({ id: Id, parentId: Id }), output: Done },
  /** "Lịch sử chỉnh sửa", read from the server, newest first. */
  orgHistory: { input: z.object({ id: Id }), output: z.object({ items: z.array(OrgHistoryItem) }) },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
