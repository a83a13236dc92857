/**
 * The model of the authorization matrix: the routes, the callers, the answer an access declaration
 * implies, and the shape of a case (a request on an object in, and one out of, the caller's scope).
 */
import { FEE_STAFF_ROLES, rolesAllow, type Access } from '../../../src/api/access';
import { accountRoutes } from '../../../src/api/accounts';
import { blobRoutes } from '../../../src/api/blobs';
import { certificateRoutes } from '../../../src/api/certificates';
import { feeRouteSpecs } from '../../../src/api/fees';
import { holidayRoutes } from '../../../src/api/holidays';
import { orgAdminRoutes } from '../../../src/api/org-admin';
import { importRoutes } from '../../../src/api/imports';
import { oversightRoutes } from '../../../src/api/oversight';
import { pushRoutes } from '../../../src/api/push';
import { registeredImageRoutes } from '../../../src/api/registered-images';
import { apiRoutes, type RouteSpec } from '../../../src/api/routes';
import { residenceCampaignRoutes } from '../../../src/api/residence-campaigns';
import { transferRoutes } from '../../../src/api/transfers';
import { userAdminRoutes } from '../../../src/api/users-admin';
import type { Role } from '../../../src/domain/people/user';

/** Every route group the server registers, by `METHOD /path`. */
export function routeTable(): Record<string, RouteSpec> {
  const groups: Record<string, RouteSpec>[] = [
    apiRoutes,
    orgAdminRoutes,
    pushRoutes,
    blobRoutes,
    transferRoutes,
    certificateRoutes,
    feeRouteSpecs,
    residenceCampaignRoutes,
    accountRoutes,
    userAdminRoutes,
    holidayRoutes,
    oversightRoutes,
    registeredImageRoutes,
    importRoutes,
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
    if ((access.scope === 'filtered' || access.scope === 'filing') && !rolesOk) return '403';
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
    /** Residence lists (sent): cell 1's, the other ward's. */
    wardResidenceList: string;
    otherResidenceList: string;
    /** Residence forms: about the member actor (cell 1, living in cell 2), about the outsider. */
    ownResidenceForm: string;
    otherResidenceForm: string;
    /** Uploaded by the member actor and attached to his dossier. */
    ownAttachment: string;
    /** Pending info changes: the member actor's, the cellmate's, the other ward's outsider's. */
    ownAccountRequest: string;
    cellmateAccountRequest: string;
    otherAccountRequest: string;
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

export type Build = (w: World, a: Actor) => MatrixRequest | Promise<MatrixRequest>;

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
export const pick = <T>(a: Actor, staff: T, member: T): T =>
  a.group === 'member' ? member : staff;
export const get = (url: string): MatrixRequest => ({ method: 'GET', url });
export const json = (
  method: MatrixRequest['method'],
  url: string,
  body: unknown,
): MatrixRequest => ({ method, url, body });
