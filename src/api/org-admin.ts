import { z } from 'zod';
import { Id } from '../domain/common/schemas';
import { Org } from '../domain/org/org';
import { OrgIdParams } from './orgs';
import type { RouteSpec } from './routes';
import { OrgWire } from './sync';

/**
 * The writes of "Quản lý tổ chức Đảng" (admin guide 2.2.2 "Chỉnh sửa cơ quan",
 * docs/decisions/0038): edit an org with its allocation direction, add an org under one, move an
 * org to another parent. Online only: every answer is the org as it now is; caches follow by sync.
 */

/** The fields of the guide's org form an admin sets; place (parent, path) and status are not. */
export const OrgFields = Org.pick({
  code: true,
  name: true,
  type: true,
  cellSubtype: true,
  taxCode: true,
  email: true,
  phone: true,
  website: true,
  province: true,
  ward: true,
  addressDetail: true,
  description: true,
  allocationDirection: true,
});
export type OrgFields = z.infer<typeof OrgFields>;

/** "Chỉnh sửa cơ quan": every field of the form, as the admin left it. */
export const EditOrgRequest = OrgFields;
export type EditOrgRequest = OrgFields;

/** "Thêm đơn vị trực thuộc": the new org's fields; the parent is the route's org. */
export const NewOrgRequest = OrgFields;
export type NewOrgRequest = OrgFields;

/** "Chuyển đơn vị": the org's new parent. */
export const MoveOrgRequest = z.object({ parentId: Id });
export type MoveOrgRequest = z.infer<typeof MoveOrgRequest>;

export const OrgHistoryAction = z.enum(['create', 'edit', 'move']);
export type OrgHistoryAction = z.infer<typeof OrgHistoryAction>;

/** One change of an org: who, when, what, each field as [before, after]. */
export const OrgHistoryEntry = z.object({
  id: Id,
  orgId: Id,
  action: OrgHistoryAction,
  changedBy: Id,
  changedAt: z.string(),
  changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])),
});
export type OrgHistoryEntry = z.infer<typeof OrgHistoryEntry>;

export const OrgHistoryResponse = z.object({ items: z.array(OrgHistoryEntry) });
export type OrgHistoryResponse = z.infer<typeof OrgHistoryResponse>;

const writeErrors = [400, 401, 403, 404, 409, 422] as const;
/** An admin over the org (the tier rule then asks for it strictly below his own). */
const orgAdminAccess = { roles: ['admin'], scope: 'org-subtree', param: 'id' } as const;

export const orgAdminRoutes = {
  editOrg: {
    method: 'PUT',
    path: '/v1/orgs/:id',
    summary: 'Edit an org below the admin’s own: names, type, contacts, allocation direction',
    tag: 'orgs',
    auth: true,
    params: OrgIdParams,
    body: EditOrgRequest,
    status: 200,
    response: OrgWire,
    errors: writeErrors,
    access: orgAdminAccess,
  },
  addChildOrg: {
    method: 'POST',
    path: '/v1/orgs/:id/children',
    summary: 'Add an org under one at or below the admin’s own',
    tag: 'orgs',
    auth: true,
    params: OrgIdParams,
    body: NewOrgRequest,
    status: 201,
    response: OrgWire,
    errors: writeErrors,
    access: orgAdminAccess,
  },
  moveOrg: {
    method: 'POST',
    path: '/v1/orgs/:id/move',
    summary: 'Move an org below the admin’s own under another parent in his scope',
    tag: 'orgs',
    auth: true,
    params: OrgIdParams,
    body: MoveOrgRequest,
    status: 200,
    response: OrgWire,
    errors: writeErrors,
    access: orgAdminAccess,
  },
  orgHistory: {
    method: 'GET',
    path: '/v1/orgs/:id/history',
    summary: 'Change history of an org (admins over it)',
    tag: 'orgs',
    auth: true,
    params: OrgIdParams,
    status: 200,
    response: OrgHistoryResponse,
    errors: [400, 401, 403, 404],
    access: orgAdminAccess,
  },
} as const satisfies Record<string, RouteSpec>;
