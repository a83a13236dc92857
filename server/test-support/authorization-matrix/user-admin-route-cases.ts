/**
 * The matrix cases of user administration (docs/decisions/0033). The routes run in this order, so
 * the cell secretary's account ends as it began: locked then unlocked, granted then revoked.
 */
import { ids, members } from '../fixture';
import { json, pick, type RouteCase } from './model';

const lookupOf = (citizenId: string) => {
  const m = members.find((x) => x.citizenId === citizenId)!;
  return { citizenId: m.citizenId, fullName: m.fullName, birthDate: m.birthDate };
};
/** Cell 3's member, made a processor of cell 3; the other ward's outsider, of his cell. */
const CELL3_MEMBER = '001188000004';
const OUTSIDER = '001195000009';

const newUser = (citizenId: string, orgId: string, username: string) => ({
  lookup: lookupOf(citizenId),
  username,
  phone: '0987000222',
  email: null,
  position: null,
  orgId,
  roles: [{ role: 'processor', orgId }],
  active: true,
});

export const USER_ADMIN_ROUTE_CASES: Record<string, RouteCase> = {
  'POST /v1/users/member-lookup': {
    success: 'ok',
    in: () => json('POST', '/v1/users/member-lookup', lookupOf(CELL3_MEMBER)),
  },
  'POST /v1/users': {
    success: 'pass',
    why: 'the first admin adds the user (201), the next finds the citizen id held (409)',
    in: () => json('POST', '/v1/users', newUser(CELL3_MEMBER, ids.cell3, 'mx.xuly.tdp3')),
    out: (w) => json('POST', '/v1/users', newUser(OUTSIDER, w.ids.otherCell, 'mx.xuly.tdp9')),
  },
  'PUT /v1/users/:id': {
    success: 'ok',
    in: (w, a) =>
      json('PUT', `/v1/users/${pick(a, w.ids.cellUser, w.ids.selfUser)}`, {
        phone: '0912345679',
        email: null,
        position: 'Bí thư chi bộ',
      }),
    out: (w, a) =>
      json('PUT', `/v1/users/${pick(a, w.ids.otherUser, w.ids.cellUser)}`, {
        phone: '0912345679',
        email: null,
        position: null,
      }),
  },
  'POST /v1/users/:id/lock': {
    success: 'ok',
    in: (w, a) => json('POST', `/v1/users/${pick(a, w.ids.cellUser, w.ids.selfUser)}/lock`, {}),
    out: (w, a) => json('POST', `/v1/users/${pick(a, w.ids.otherUser, w.ids.cellUser)}/lock`, {}),
  },
  'POST /v1/users/:id/unlock': {
    success: 'ok',
    in: (w, a) => json('POST', `/v1/users/${pick(a, w.ids.cellUser, w.ids.selfUser)}/unlock`, {}),
    out: (w, a) => json('POST', `/v1/users/${pick(a, w.ids.otherUser, w.ids.cellUser)}/unlock`, {}),
  },
  'POST /v1/users/:id/password-reset': {
    success: 'ok',
    in: (w, a) =>
      json('POST', `/v1/users/${pick(a, w.ids.cellUser, w.ids.selfUser)}/password-reset`, {}),
    out: (w, a) =>
      json('POST', `/v1/users/${pick(a, w.ids.otherUser, w.ids.cellUser)}/password-reset`, {}),
  },
  'POST /v1/users/:id/roles': {
    success: 'ok',
    in: (w, a) =>
      json('POST', `/v1/users/${pick(a, w.ids.cellUser, w.ids.selfUser)}/roles`, {
        role: 'clerk',
        orgId: w.ids.cell1,
      }),
    out: (w, a) =>
      json('POST', `/v1/users/${pick(a, w.ids.otherUser, w.ids.cellUser)}/roles`, {
        role: 'clerk',
        orgId: w.ids.cell1,
      }),
  },
  'POST /v1/users/:id/roles/revoke': {
    success: 'ok',
    in: (w, a) =>
      json('POST', `/v1/users/${pick(a, w.ids.cellUser, w.ids.selfUser)}/roles/revoke`, {
        role: 'clerk',
        orgId: w.ids.cell1,
      }),
    out: (w, a) =>
      json('POST', `/v1/users/${pick(a, w.ids.otherUser, w.ids.cellUser)}/roles/revoke`, {
        role: 'clerk',
        orgId: w.ids.cell1,
      }),
  },
};
