/** The matrix cases of member accounts' routes (docs/decisions/0031). */
import type { DeclaredMember } from '../../../src/domain/accounts/account-request';
import { ids, members } from '../fixture';
import { get, json, pick, type RouteCase } from './model';

/** The member actor's own record, declared again: his account holds its numbers (409). */
const held = (): DeclaredMember => {
  const m = members.find((x) => x.id === ids.members[0])!;
  return {
    fullName: m.fullName,
    birthDate: m.birthDate,
    sex: m.sex,
    citizenId: m.citizenId,
    cardNo: m.cardNo,
    profileNo: m.profileNo,
    homeOrgId: m.homeOrgId,
    residenceOrgId: null,
    phone: '0912000111',
    email: null,
    position: null,
  };
};

/** A person the member database does not know, declaring a cell. */
const newcomer = (homeOrgId: string): DeclaredMember => ({
  fullName: 'Phan Thị Mai',
  birthDate: '1996-04-12',
  sex: 'female',
  citizenId: '001196012345',
  cardNo: '93.0555555',
  profileNo: null,
  homeOrgId,
  residenceOrgId: null,
  phone: '0987000111',
  email: null,
  position: null,
});

export const ACCOUNT_ROUTE_CASES: Record<string, RouteCase> = {
  'POST /v1/accounts/lookup': {
    success: 'ok',
    in: () => json('POST', '/v1/accounts/lookup', { citizenId: held().citizenId, cardNo: 'x1' }),
  },
  'GET /v1/accounts/cells': { success: 'ok', in: () => get('/v1/accounts/cells?q=chi%20bo') },
  'POST /v1/accounts/registrations': {
    success: 'pass',
    why: 'the declared numbers are held by the member actor’s account: 409',
    in: () =>
      json('POST', '/v1/accounts/registrations', {
        identity: { kind: 'password', username: 'mx.dangky', password: 'mat khau 2026' },
        declared: held(),
      }),
  },
  'POST /v1/accounts/registrations/on-behalf': {
    success: 'pass',
    why: 'the first staff registers (201), the next find the number held (409)',
    in: (w) =>
      json('POST', '/v1/accounts/registrations/on-behalf', {
        username: 'mx.dangkyho',
        declared: newcomer(w.ids.cell1),
      }),
    out: (w) =>
      json('POST', '/v1/accounts/registrations/on-behalf', {
        username: 'mx.dangkyho2',
        declared: newcomer(w.ids.otherCell),
      }),
  },
  'GET /v1/accounts/me': { success: 'ok', in: () => get('/v1/accounts/me') },
  'GET /v1/accounts/requests/:id': {
    success: 'ok',
    in: (w) => get(`/v1/accounts/requests/${w.ids.ownAccountRequest}`),
    out: (w, a) =>
      get(
        `/v1/accounts/requests/${pick(a, w.ids.otherAccountRequest, w.ids.cellmateAccountRequest)}`,
      ),
  },
};
