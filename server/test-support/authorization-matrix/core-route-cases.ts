/** The matrix cases of the routes outside fees: auth, orgs, members, users, sync, blobs, transfers. */
import { randomUUID } from 'node:crypto';
import { dossierMutation } from './mutation-cases';
import { get, json, pick, type RouteCase, type World } from './model';

const fileTransfer = (w: World, forMemberId: string | undefined) =>
  json('POST', '/v1/transfers', {
    id: randomUUID(),
    variant: 'official',
    form: {
      // Staff file towards the other ward: a dossier coming to cell 2 would name the cellmate
      // to its staff, whom the scope tests keep out of cell 2's sight.
      destinationOrgId: forMemberId ? w.ids.otherCell : w.ids.cell2,
      reason: 'Chuyển nơi cư trú',
      movedOn: '2026-01-02',
      newAddress: 'Số 5 ngõ 12',
      temporary: null,
    },
    attachments: [],
    ...(forMemberId ? { forMemberId } : {}),
  });

export const CORE_ROUTE_CASES: Record<string, RouteCase> = {
  'GET /v1/health': { success: 'ok', in: () => get('/v1/health') },
  'POST /v1/auth/login': {
    success: 'ok',
    in: (w) =>
      json('POST', '/v1/auth/login', { username: w.username.member, password: w.password }),
  },
  'POST /v1/auth/oidc': {
    success: 'pass',
    why: 'no OpenID provider is configured in the test: 503',
    in: () => json('POST', '/v1/auth/oidc', { idToken: 'x'.repeat(40), nonce: 'n'.repeat(20) }),
  },
  'POST /v1/auth/refresh': {
    success: 'ok',
    in: async (w) =>
      json('POST', '/v1/auth/refresh', { refreshToken: await w.freshRefreshToken() }),
  },
  'POST /v1/auth/logout': {
    success: 'ok',
    in: async (w) => json('POST', '/v1/auth/logout', { refreshToken: await w.freshRefreshToken() }),
  },
  'GET /v1/me': { success: 'ok', in: () => get('/v1/me') },
  'GET /v1/orgs': { success: 'ok', in: () => get('/v1/orgs?q=chi') },
  'GET /v1/orgs/:id': {
    success: 'ok',
    in: (w) => get(`/v1/orgs/${w.ids.cell1}`),
    out: (w, a) => get(`/v1/orgs/${pick(a, w.ids.otherCell, w.ids.cell2)}`),
  },
  'GET /v1/orgs/:id/children': {
    success: 'ok',
    in: (w) => get(`/v1/orgs/${w.ids.cell1}/children`),
    out: (w, a) => get(`/v1/orgs/${pick(a, w.ids.otherCell, w.ids.cell2)}/children`),
  },
  'GET /v1/orgs/:id/ancestors': {
    success: 'ok',
    in: (w) => get(`/v1/orgs/${w.ids.cell1}/ancestors`),
    out: (w, a) => get(`/v1/orgs/${pick(a, w.ids.otherCell, w.ids.cell2)}/ancestors`),
  },
  'GET /v1/members': {
    success: 'ok',
    in: (w) => get(`/v1/members?orgId=${w.ids.cell1}`),
    out: (w, a) => get(`/v1/members?orgId=${pick(a, w.ids.otherWard, w.ids.cell2)}`),
  },
  'GET /v1/members/:id': {
    success: 'ok',
    in: (w, a) => get(`/v1/members/${pick(a, w.ids.cellmate, w.ids.self)}`),
    out: (w, a) => get(`/v1/members/${pick(a, w.ids.outsider, w.ids.cellmate)}`),
  },
  'GET /v1/members/:id/temporary-memberships': {
    success: 'ok',
    in: (w, a) => get(`/v1/members/${pick(a, w.ids.cellmate, w.ids.self)}/temporary-memberships`),
    out: (w, a) =>
      get(`/v1/members/${pick(a, w.ids.outsider, w.ids.cellmate)}/temporary-memberships`),
  },
  'GET /v1/users': {
    success: 'ok',
    in: (w) => get(`/v1/users?orgId=${w.ids.ward}`),
    out: (w) => get(`/v1/users?orgId=${w.ids.otherWard}`),
  },
  'GET /v1/users/:id': {
    success: 'ok',
    in: (w, a) => get(`/v1/users/${pick(a, w.ids.cellUser, w.ids.selfUser)}`),
    out: (w, a) => get(`/v1/users/${pick(a, w.ids.otherUser, w.ids.cellUser)}`),
  },
  'GET /v1/users/:id/history': {
    success: 'ok',
    in: (w, a) => get(`/v1/users/${pick(a, w.ids.cellUser, w.ids.selfUser)}/history`),
    out: (w, a) => get(`/v1/users/${pick(a, w.ids.otherUser, w.ids.cellUser)}/history`),
  },
  'GET /v1/sync/pull': { success: 'ok', in: () => get('/v1/sync/pull?limit=5000') },
  'POST /v1/sync/push': {
    success: 'ok',
    why: 'the route answers 200; each mutation type has its own rows below',
    in: (w) => json('POST', '/v1/sync/push', { mutations: [dossierMutation(w.ids.ownDossier)] }),
  },
  'PUT /v1/blobs/:sha256': {
    success: 'ok',
    in: (w, a) => {
      const blob = w.newBlobFor(a.key);
      const data = { data: blob.data, contentType: 'application/pdf' };
      return { method: 'PUT', url: `/v1/blobs/${blob.sha256}`, bytes: data };
    },
  },
  'GET /v1/blobs/:sha256': {
    success: 'ok',
    why: 'in: for staff an attachment of a dossier in scope, for the member his own upload',
    in: (w, a) =>
      get(`/v1/blobs/${pick(a, w.ids.ownAttachment, w.blobOf[a.key] ?? w.ids.otherBlob)}`),
    out: (w) => get(`/v1/blobs/${w.ids.otherBlob}`),
  },
  'POST /v1/transfers': {
    success: 'pass',
    why: 'the member files his own, staff file for the cellmate: a new dossier (201) or one open already (400)',
    in: (w, a) => fileTransfer(w, pick(a, w.ids.cellmate, undefined)),
    out: (w, a) => fileTransfer(w, pick(a, w.ids.outsider, w.ids.cellmate)),
  },
  'GET /v1/transfers/destinations': {
    success: 'ok',
    in: () => get(`/v1/transfers/destinations?q=${encodeURIComponent('chi bộ')}`),
  },
  'GET /v1/me/transfers': { success: 'ok', in: () => get('/v1/me/transfers') },
  'GET /v1/transfers/:id': {
    success: 'ok',
    in: (w) => get(`/v1/transfers/${w.ids.ownDossier}`),
    out: (w, a) => get(`/v1/transfers/${pick(a, w.ids.otherDossier, w.ids.cellmateDossier)}`),
  },
  'GET /v1/residence/campaigns': {
    success: 'ok',
    in: (w) => get(`/v1/residence/campaigns?orgId=${w.ids.ward}&year=2026`),
    out: (w) => get(`/v1/residence/campaigns?orgId=${w.ids.otherWard}`),
  },
  'PUT /v1/residence/campaigns/:orgId/:year': {
    success: 'ok',
    in: (w) =>
      json('PUT', `/v1/residence/campaigns/${w.ids.ward}/2026`, {
        opensOn: '2026-10-01',
        dueOn: '2026-12-15',
      }),
    out: (w) =>
      json('PUT', `/v1/residence/campaigns/${w.ids.otherWard}/2026`, {
        opensOn: '2026-10-01',
        dueOn: '2026-12-15',
      }),
  },
  'POST /v1/me/certificates': {
    success: 'pass',
    why: 'the text is no certificate of a trusted CA: 400 once authorized',
    in: () => json('POST', '/v1/me/certificates', { certificate: 'A'.repeat(200), chain: [] }),
  },
  'GET /v1/me/certificates': { success: 'ok', in: () => get('/v1/me/certificates') },
  'GET /v1/certificates': {
    success: 'ok',
    in: (w) => get(`/v1/certificates?orgId=${w.ids.ward}&status=all`),
    out: (w) => get(`/v1/certificates?orgId=${w.ids.otherWard}`),
  },
  'POST /v1/certificates/:id/revoke': {
    success: 'pass',
    why: 'revoked by the first admin (200), already revoked for the next (409)',
    in: (w, a) =>
      json(
        'POST',
        `/v1/certificates/${pick(a, w.ids.cellCertificate, w.ids.ownCertificate)}/revoke`,
        { reason: 'Mất thiết bị ký số' },
      ),
    out: (w, a) =>
      json(
        'POST',
        `/v1/certificates/${pick(a, w.ids.otherCertificate, w.ids.cellCertificate)}/revoke`,
        { reason: 'Mất thiết bị ký số' },
      ),
  },
};
