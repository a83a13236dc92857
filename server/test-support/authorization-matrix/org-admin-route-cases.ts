/**
 * The matrix cases of the org tree's writes (docs/decisions/0038). The ward's admin and the root's
 * admin both reach cell 2 (strictly below the ward) and the ward (to add under it); the other
 * ward's cell is out of scope. A move to the parent it has, and an edit to the values the first
 * admin wrote, change nothing, so the world stays as the other routes expect it.
 */
import { orgs } from '../fixture';
import { get, json, type Actor, type RouteCase, type World } from './model';

/** Cell 2's form as the fixture has it, with a phone number (the one field the edit writes). */
const editOf = (id: string) => {
  const org = orgs.find((o) => o.id === id)!;
  const { id: _id, parentId: _parent, hasSeal: _seal, status: _status, ...fields } = org;
  return { ...fields, phone: '024 3822 0000' };
};

/** A new residential cell per caller (codes are unique). */
const newCell = (a: Actor) => ({
  code: `mx-${a.key.replace(/_/g, '-')}`,
  name: `Chi bộ Tổ dân phố ${a.key}`,
  type: 'grassroots_cell',
  cellSubtype: null,
  taxCode: null,
  email: null,
  phone: null,
  website: null,
  province: 'Hà Nội',
  ward: null,
  addressDetail: null,
  description: null,
  allocationDirection: 'top_down',
});

const cell2Of = (w: World) => w.ids.cell2;

export const ORG_ADMIN_ROUTE_CASES: Record<string, RouteCase> = {
  'PUT /v1/orgs/:id': {
    success: 'ok',
    in: (w) => json('PUT', `/v1/orgs/${cell2Of(w)}`, editOf(cell2Of(w))),
    out: (w) => json('PUT', `/v1/orgs/${w.ids.otherCell}`, editOf(w.ids.otherCell)),
  },
  'POST /v1/orgs/:id/children': {
    success: 'ok',
    in: (w, a) => json('POST', `/v1/orgs/${w.ids.ward}/children`, newCell(a)),
    out: (w, a) => json('POST', `/v1/orgs/${w.ids.otherWard}/children`, newCell(a)),
  },
  'POST /v1/orgs/:id/move': {
    success: 'ok',
    in: (w) => json('POST', `/v1/orgs/${cell2Of(w)}/move`, { parentId: w.ids.ward }),
    out: (w) => json('POST', `/v1/orgs/${w.ids.otherCell}/move`, { parentId: w.ids.ward }),
  },
  'GET /v1/orgs/:id/history': {
    success: 'ok',
    in: (w) => get(`/v1/orgs/${cell2Of(w)}/history`),
    out: (w) => get(`/v1/orgs/${w.ids.otherCell}/history`),
  },
};
