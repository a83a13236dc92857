/**
 * The authorization matrix (docs/decisions/0016-authorization-model.md): every route of the route
 * table and every push mutation type × every role × an object in and out of the caller's scope,
 * with the answer the declared access (src/api/access.ts) implies. The test
 * (server/authorization-matrix.test.ts) makes each request against a real server; the table in
 * docs/authorization-matrix.md is rendered from the same data (scripts/authorization-matrix.ts).
 */
import { randomUUID } from 'node:crypto';
import { FEE_STAFF_ROLES, rolesAllow, ScopeRules, type Access } from '../../src/api/access';
import { blobRoutes } from '../../src/api/blobs';
import { certificateRoutes } from '../../src/api/certificates';
import {
  feeAdminRouteSpecs,
  feeDocumentRouteSpecs,
  feeRouteSpecs,
  feeStatementRouteSpecs,
} from '../../src/api/fees';
import { pushMutationAccess, pushRoutes } from '../../src/api/push';
import { apiRoutes, type RouteSpec } from '../../src/api/routes';
import { transferRoutes } from '../../src/api/transfers';
import { DEFAULT_FEE_RULES } from '../../src/domain/fees/rules';
import type { Role } from '../../src/domain/people/user';

/** Every route group the server registers, by `METHOD /path`. */
export function routeTable(): Record<string, RouteSpec> {
  const groups: Record<string, RouteSpec>[] = [
    apiRoutes,
    pushRoutes,
    blobRoutes,
    transferRoutes,
    certificateRoutes,
    feeRouteSpecs,
    feeDocumentRouteSpecs,
    feeAdminRouteSpecs,
    feeStatementRouteSpecs,
  ];
  return Object.fromEntries(
    groups.flatMap((g) => Object.values(g)).map((spec) => [routeKey(spec), spec]),
  );
}

export const routeKey = (spec: Pick<RouteSpec, 'method' | 'path'>) => `${spec.method} ${spec.path}`;
export const mutationKey = (entity: string) => `push ${entity}`;

/** Who calls: no token, one account per role (staff at the ward), and the root org's admin. */
export interface Actor {
  key: string;
  roles: readonly Role[];
  /** Whose objects are "in scope": the ward's (staff), the caller's own (member), everyone's. */
  group: 'none' | 'staff' | 'member' | 'top';
  describeVi: string;
}

export const ACTORS: readonly Actor[] = [
  { key: 'anonymous', roles: [], group: 'none', describeVi: 'no token' },
  { key: 'admin', roles: ['admin'], group: 'staff', describeVi: 'admin of the ward' },
  { key: 'processor', roles: ['processor'], group: 'staff', describeVi: 'processor at the ward' },
  { key: 'approver', roles: ['approver'], group: 'staff', describeVi: 'approver at the ward' },
  {
    key: 'fee_officer',
    roles: ['fee_officer'],
    group: 'staff',
    describeVi: 'fee officer at the ward',
  },
  { key: 'clerk', roles: ['clerk'], group: 'staff', describeVi: 'clerk at the ward' },
  {
    key: 'member',
    roles: ['member'],
    group: 'member',
    describeVi: 'member of cell 1, nothing else',
  },
  { key: 'top-admin', roles: ['admin'], group: 'top', describeVi: 'admin of the root org' },
];

/** What an answer is: 2xx; authorized with a domain answer (not 401/403/404); or a refusal. */
export type Answer = 'ok' | 'pass' | '401' | '403' | '404';
export type Case = 'in' | 'out';

/** Rules whose out-of-scope object exists visibly (orgs are published): refused with 403. */
const VISIBLE_WHEN_OUT: readonly string[] = ['org-subtree', 'statement-line'];

/**
 * The answer the declaration implies for one actor and case. `success` is what an authorized
 * request answers ('pass' where the request cannot succeed without more setup, e.g. no gateway).
 */
export function expectedAnswer(
  access: Access,
  actor: Actor,
  kase: Case,
  success: 'ok' | 'pass',
): Answer {
  if (access.scope === 'public') return success;
  if (actor.group === 'none') return '401';
  const rolesOk = rolesAllow(access.roles, actor.roles);
  if (kase === 'out') {
    if (VISIBLE_WHEN_OUT.includes(access.scope)) return '403';
    // Lists check the role before the org they are narrowed to.
    if (access.scope === 'filtered' && !rolesOk) return '403';
    return '404';
  }
  // Payments are read by the fee staff roles only: the clerk's "in" payment is out of its reach.
  const feeStaff = actor.roles.some((r) => (FEE_STAFF_ROLES as readonly string[]).includes(r));
  if (access.scope === 'payment' && actor.group === 'staff' && !feeStaff) return '404';
  if (!rolesOk) return '403';
  if (access.scope === 'top-org' && actor.group !== 'top') return '403';
  return success;
}

/** One request of the matrix. */
export interface MatrixRequest {
  method: RouteSpec['method'];
  url: string;
  body?: unknown;
  /** Raw bytes instead of JSON (blob uploads). */
  bytes?: { data: Buffer; contentType: string };
}

/** The objects of the matrix's world, made by the test's seed. */
export interface World {
  ids: {
    ward: string;
    otherWard: string;
    cell1: string;
    cell2: string;
    otherCell: string;
    /** Cell 1's members: the member actor's own record, and a cellmate. */
    self: string;
    cellmate: string;
    outsider: string;
    /** The accounts: the member actor's, a cell 1 secretary's, another ward's admin's. */
    selfUser: string;
    cellUser: string;
    otherUser: string;
    /** Dossiers: the member actor's (cell 1 → cell 2), the cellmate's, another ward's. */
    ownDossier: string;
    cellmateDossier: string;
    otherDossier: string;
    /** Payments (successful): the member actor's, the cellmate's, another ward's. */
    ownPayment: string;
    cellmatePayment: string;
    otherPayment: string;
    /** Unknown payments, for settling by hand. */
    ownUnknownPayment: string;
    otherUnknownPayment: string;
    wardLine: string;
    otherLine: string;
    ownCertificate: string;
    cellCertificate: string;
    otherCertificate: string;
    otherBlob: string;
    /** Uploaded by the member actor and attached to his dossier. */
    ownAttachment: string;
  };
  /** The blob each actor uploaded itself. */
  blobOf: Record<string, string>;
  /** A new PDF for the upload route, per actor. */
  newBlobFor(actor: string): { sha256: string; data: Buffer };
  /** A fresh refresh token of the member actor (for refresh and logout). */
  freshRefreshToken(): Promise<string>;
  username: { member: string };
  password: string;
}

type Build = (w: World, a: Actor) => MatrixRequest | Promise<MatrixRequest>;

export interface RouteCase {
  /** What the authorized in-scope request answers. */
  success: 'ok' | 'pass';
  /** Why an authorized request does not answer 2xx here. */
  why?: string;
  /** The request on an in-scope object, or the only request of routes without an object. */
  in: Build;
  /** The request on an object outside the caller's scope. */
  out?: Build;
}

/** Staff see the ward's objects; the member sees its own; the root's admin sees all. */
const pick = <T>(a: Actor, staff: T, member: T): T => (a.group === 'member' ? member : staff);
const get = (url: string): MatrixRequest => ({ method: 'GET', url });
const json = (method: MatrixRequest['method'], url: string, body: unknown): MatrixRequest => ({
  method,
  url,
  body,
});

const MONTH = '2026-01';
const NO_GATEWAY = 'no payment gateway is configured: 503 once authorized';

/** The cases of every route, by route key. */
export const ROUTE_CASES: Record<string, RouteCase> = {
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
    why: 'the member has an open dossier already (400) or submits a new one (201)',
    in: (w) =>
      json('POST', '/v1/transfers', {
        id: randomUUID(),
        variant: 'official',
        form: {
          destinationOrgId: w.ids.cell2,
          reason: 'Chuyển nơi cư trú',
          movedOn: '2026-01-02',
          newAddress: 'Số 5 ngõ 12',
          temporary: null,
        },
        attachments: [],
      }),
  },
  'GET /v1/me/transfers': { success: 'ok', in: () => get('/v1/me/transfers') },
  'GET /v1/transfers/:id': {
    success: 'ok',
    in: (w) => get(`/v1/transfers/${w.ids.ownDossier}`),
    out: (w, a) => get(`/v1/transfers/${pick(a, w.ids.otherDossier, w.ids.cellmateDossier)}`),
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
  'PUT /v1/fees/profiles/:memberId': {
    success: 'ok',
    in: (w, a) => json('PUT', `/v1/fees/profiles/${pick(a, w.ids.cellmate, w.ids.self)}`, PROFILE),
    out: (w, a) =>
      json('PUT', `/v1/fees/profiles/${pick(a, w.ids.outsider, w.ids.cellmate)}`, PROFILE),
  },
  'GET /v1/fees/cells/:cellId/approvals': {
    success: 'ok',
    in: (w) => get(`/v1/fees/cells/${w.ids.cell1}/approvals?month=${MONTH}`),
    out: (w) => get(`/v1/fees/cells/${w.ids.otherCell}/approvals?month=${MONTH}`),
  },
  'POST /v1/fees/cells/:cellId/approvals': {
    success: 'pass',
    why: 'approving again what is approved or paid may be refused (409)',
    in: (w) =>
      json('POST', `/v1/fees/cells/${w.ids.cell1}/approvals`, { month: '2026-03', all: true }),
    out: (w) =>
      json('POST', `/v1/fees/cells/${w.ids.otherCell}/approvals`, { month: '2026-03', all: true }),
  },
  'GET /v1/fees/members/:memberId/due': {
    success: 'ok',
    in: (w, a) => get(`/v1/fees/members/${pick(a, w.ids.cellmate, w.ids.self)}/due?month=${MONTH}`),
    out: (w, a) =>
      get(`/v1/fees/members/${pick(a, w.ids.outsider, w.ids.cellmate)}/due?month=${MONTH}`),
  },
  'POST /v1/fees/payments': {
    success: 'pass',
    why: NO_GATEWAY,
    in: () => json('POST', '/v1/fees/payments', { month: MONTH }),
  },
  'POST /v1/fees/gateway/callback': {
    success: 'pass',
    why: NO_GATEWAY,
    in: () =>
      json('POST', '/v1/fees/gateway/callback', {
        merchantId: 'DANGPHI',
        reference: 'DP2601X',
        gatewayTxnId: 'T1',
        amount: 1000,
        status: 'success',
        bankReference: null,
        paidAt: '2026-01-05T08:00:00Z',
        signature: 'x',
      }),
  },
  'POST /v1/fees/payments/:id/query': {
    success: 'pass',
    why: NO_GATEWAY,
    in: (w, a) =>
      json(
        'POST',
        `/v1/fees/payments/${pick(a, w.ids.cellmatePayment, w.ids.ownPayment)}/query`,
        undefined,
      ),
    out: (w, a) =>
      json(
        'POST',
        `/v1/fees/payments/${pick(a, w.ids.otherPayment, w.ids.cellmatePayment)}/query`,
        undefined,
      ),
  },
  'POST /v1/fees/payments/settle-unknown': {
    success: 'pass',
    why: NO_GATEWAY,
    in: () => json('POST', '/v1/fees/payments/settle-unknown', undefined),
  },
  'GET /v1/fees/transactions': { success: 'ok', in: () => get('/v1/fees/transactions') },
  'POST /v1/fees/payments/:id/settle': {
    success: 'pass',
    why: 'settled by the first officer (200), final for the next (409)',
    in: (w) => json('POST', `/v1/fees/payments/${w.ids.ownUnknownPayment}/settle`, SETTLE),
    out: (w) => json('POST', `/v1/fees/payments/${w.ids.otherUnknownPayment}/settle`, SETTLE),
  },
  'GET /v1/fees/payments/:id/receipt': {
    success: 'ok',
    in: (w, a) =>
      get(`/v1/fees/payments/${pick(a, w.ids.cellmatePayment, w.ids.ownPayment)}/receipt`),
    out: (w, a) =>
      get(`/v1/fees/payments/${pick(a, w.ids.otherPayment, w.ids.cellmatePayment)}/receipt`),
  },
  'GET /v1/fees/cells/:cellId/ledger': {
    success: 'ok',
    in: (w) => get(`/v1/fees/cells/${w.ids.cell1}/ledger?year=2026`),
    out: (w) => get(`/v1/fees/cells/${w.ids.otherCell}/ledger?year=2026`),
  },
  'GET /v1/fees/rules': { success: 'ok', in: () => get('/v1/fees/rules') },
  'POST /v1/fees/rules': {
    success: 'pass',
    why: 'a copy of the first built-in version: refused as taken (409) once authorized',
    in: () => json('POST', '/v1/fees/rules', DEFAULT_FEE_RULES[0]),
  },
  'GET /v1/fees/cells/:cellId/vietqr': {
    success: 'pass',
    why: 'nothing approved to pay (409) once authorized',
    in: (w) => get(`/v1/fees/cells/${w.ids.cell1}/vietqr?month=2026-05`),
    out: (w, a) =>
      get(`/v1/fees/cells/${pick(a, w.ids.otherCell, w.ids.cell2)}/vietqr?month=2026-05`),
  },
  'POST /v1/fees/orgs/:orgId/statements': {
    success: 'pass',
    why: 'a one-line statement: accepted (200) or the org has no account of its own (409)',
    in: (w) => json('POST', `/v1/fees/orgs/${w.ids.ward}/statements`, STATEMENT),
    out: (w) => json('POST', `/v1/fees/orgs/${w.ids.otherWard}/statements`, STATEMENT),
  },
  'GET /v1/fees/orgs/:orgId/report': {
    success: 'ok',
    in: (w) => get(`/v1/fees/orgs/${w.ids.ward}/report?month=${MONTH}`),
    out: (w) => get(`/v1/fees/orgs/${w.ids.otherWard}/report?month=${MONTH}`),
  },
  'POST /v1/fees/orgs/:orgId/approvals': {
    success: 'ok',
    in: (w) =>
      json('POST', `/v1/fees/orgs/${w.ids.ward}/approvals`, { month: '2026-04', all: true }),
    out: (w) =>
      json('POST', `/v1/fees/orgs/${w.ids.otherWard}/approvals`, { month: '2026-04', all: true }),
  },
  'GET /v1/fees/orgs/:orgId/bank-accounts': {
    success: 'ok',
    in: (w) => get(`/v1/fees/orgs/${w.ids.ward}/bank-accounts`),
    out: (w) => get(`/v1/fees/orgs/${w.ids.otherWard}/bank-accounts`),
  },
  'PUT /v1/orgs/:id/bank-accounts/:accountId': {
    success: 'ok',
    in: (w) => json('PUT', `/v1/orgs/${w.ids.cell2}/bank-accounts/${CELL2_ACCOUNT}`, ACCOUNT),
    out: (w) => json('PUT', `/v1/orgs/${w.ids.otherCell}/bank-accounts/${OTHER_ACCOUNT}`, ACCOUNT),
  },
  'GET /v1/fees/orgs/:orgId/statement-lines': {
    success: 'ok',
    in: (w) => get(`/v1/fees/orgs/${w.ids.ward}/statement-lines`),
    out: (w) => get(`/v1/fees/orgs/${w.ids.otherWard}/statement-lines`),
  },
  'POST /v1/fees/statement-lines/:lineId/match': {
    success: 'pass',
    why: 'the payment named is not one the line can prove (409) once authorized',
    in: (w) =>
      json('POST', `/v1/fees/statement-lines/${w.ids.wardLine}/match`, {
        paymentId: w.ids.cellmatePayment,
      }),
    out: (w) =>
      json('POST', `/v1/fees/statement-lines/${w.ids.otherLine}/match`, {
        paymentId: w.ids.otherPayment,
      }),
  },
};

/** A dossier action on a rev that is long gone: in scope it is a conflict, never applied. */
export const dossierMutation = (dossierId: string) => ({
  id: randomUUID(),
  entity: 'dossier',
  entityId: dossierId,
  baseRev: 999_999,
  action: { type: 'forward' },
});

/** The cases of every push mutation type: the result 'forbidden' stands for 403. */
export const MUTATION_CASES: Record<string, RouteCase> = {
  [mutationKey('dossier')]: {
    success: 'pass',
    why: 'in scope the stale base rev makes it a conflict',
    in: (w) => pushOf(dossierMutation(w.ids.ownDossier)),
    out: (w, a) => pushOf(dossierMutation(pick(a, w.ids.otherDossier, w.ids.cellmateDossier))),
  },
  [mutationKey('feeApproval')]: {
    success: 'pass',
    why: 'applied, or a conflict with an earlier approval',
    in: (w) => pushOf(feeApproval(w.ids.cell1)),
    out: (w) => pushOf(feeApproval(w.ids.otherCell)),
  },
};

const pushOf = (mutation: object): MatrixRequest =>
  json('POST', '/v1/sync/push', { mutations: [mutation] });
const feeApproval = (cellId: string) => ({
  id: randomUUID(),
  entity: 'feeApproval',
  entityId: cellId,
  baseRev: 0,
  action: { type: 'approve', month: '2026-06', all: true },
});

const PROFILE = {
  category: 'salaried',
  base: 8_500_000,
  fixedAmount: null,
  voluntaryExtra: 0,
  exemption: null,
};
const SETTLE = { status: 'success', bankReference: 'FT26010599999', note: 'Đối chiếu sao kê' };
const STATEMENT = {
  fileName: 'saoke.csv',
  dataBase64: Buffer.from(
    'Ngày,Số tiền,Nội dung,Số tham chiếu\n05/01/2026,50000,Ung ho,FTMATRIX1\n',
  ).toString('base64'),
};
const CELL2_ACCOUNT = '00000000-0000-4000-8000-000000000921';
const OTHER_ACCOUNT = '00000000-0000-4000-8000-000000000922';
const ACCOUNT = {
  accountNo: '1234567890123',
  holder: 'CHI BO TO DAN PHO SO 2',
  bankName: 'Agribank',
  citadCode: '01204001',
  isActive: true,
};

/** One row of the matrix: what a request of an actor on a route or mutation type must answer. */
export interface MatrixRow {
  key: string;
  access: Access;
  actor: Actor;
  kase: Case;
  expected: Answer;
  build: Build;
}

/** Every row: each case of each route and mutation type for each actor. */
export function matrixRows(): MatrixRow[] {
  const table = routeTable();
  const entries: [string, Access, RouteCase][] = [
    ...Object.entries(ROUTE_CASES).map(([key, c]): [string, Access, RouteCase] => {
      const spec = table[key];
      if (!spec) throw new Error(`matrix case ${key} is not a route`);
      return [key, spec.access, c];
    }),
    ...Object.entries(pushMutationAccess).map(([entity, access]): [string, Access, RouteCase] => {
      const c = MUTATION_CASES[mutationKey(entity)];
      if (!c) throw new Error(`no matrix case for push mutation ${entity}`);
      return [mutationKey(entity), access, c];
    }),
  ];
  const rows: MatrixRow[] = [];
  for (const [key, access, c] of entries)
    for (const actor of ACTORS) {
      // A push answers 200 with a result per mutation: every refusal is 'forbidden' (403).
      const expected = (kase: Case) => {
        const answer = expectedAnswer(access, actor, kase, c.success);
        return key.startsWith('push ') && answer === '404' ? '403' : answer;
      };
      rows.push({ key, access, actor, kase: 'in', expected: expected('in'), build: c.in });
      // The root's admin has nothing out of scope; the anonymous caller is refused anyway.
      if (c.out && actor.group !== 'top')
        rows.push({ key, access, actor, kase: 'out', expected: expected('out'), build: c.out });
    }
  return rows;
}

const roleList = (access: Access) =>
  access.roles === 'any' ? 'any' : access.roles.map((r) => `\`${r}\``).join(', ');

/** docs/authorization-matrix.md, from the declarations and the cases. */
export function renderMatrixMarkdown(): string {
  const rows = matrixRows();
  const cell = (key: string, actor: Actor) => {
    const of = (kase: Case) =>
      rows.find((r) => r.key === key && r.actor.key === actor.key && r.kase === kase)?.expected;
    const inAnswer = of('in');
    const outAnswer = of('out');
    return outAnswer ? `${inAnswer} / ${outAnswer}` : `${inAnswer}`;
  };
  const keys = [...new Set(rows.map((r) => r.key))];
  const accessOf = (key: string) => rows.find((r) => r.key === key)!.access;
  const whyOf = (key: string) => (ROUTE_CASES[key] ?? MUTATION_CASES[key])?.why ?? '';
  const header = `| Route | Roles | Scope | ${ACTORS.map((a) => a.key).join(' | ')} | Note |`;
  const line = `|${' --- |'.repeat(ACTORS.length + 4)}`;
  const body = keys.map((key) => {
    const access = accessOf(key);
    const cells = ACTORS.map((a) => cell(key, a)).join(' | ');
    return `| \`${key}\` | ${roleList(access)} | \`${access.scope}\` | ${cells} | ${whyOf(key)} |`;
  });
  return [
    '# Authorization matrix',
    '',
    'Generated from the access declarations of the route table (`src/api/access.ts`, the `access`',
    'field of every route and `pushMutationAccess`) by `server/test-support/authorization-matrix.ts`;',
    '`npx tsx scripts/authorization-matrix.ts` rewrites it and `server/authorization-matrix.test.ts`',
    'fails when it differs. The same test makes every request below against a real server, on',
    'SQLite and on PostgreSQL. Decision record: `docs/decisions/0016-authorization-model.md`.',
    '',
    'Each cell: the answer to a request on an object **in** the caller’s scope / on one **out** of',
    'it (one answer for routes that name no object). `ok` is 2xx; `pass` is authorized but',
    'answered by the domain (see the note: 400, 409, 503 — never 401, 403 or 404); for push',
    'mutation types `403` is the result `forbidden`.',
    '',
    'Callers: ' + ACTORS.map((a) => `\`${a.key}\` (${a.describeVi})`).join(', ') + '.',
    'In scope means the ward’s objects for staff, the caller’s own for the member (its record,',
    'account, dossier, payment, certificate; its cell for org reads) and everything for the root’s',
    'admin, who has no out-of-scope column. Out of scope is another ward’s object for staff and a',
    'cellmate’s (or another cell) for the member.',
    '',
    '## Scope rules',
    '',
    ...Object.entries(ScopeRules).map(([rule, text]) => `- \`${rule}\`: ${text}`),
    '',
    '## Matrix',
    '',
    header,
    line,
    ...body,
    '',
  ].join('\n');
}
