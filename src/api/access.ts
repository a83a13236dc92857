import { Role } from '../domain/people/user';

/**
 * Who may call a route, as data (docs/decisions/0016-authorization-model.md). The server checks it
 * in one place before any handler runs; the authorization matrix test and its table
 * (docs/authorization-matrix.md) are generated from it.
 */

/** Every role a grant can carry. */
export const ALL_ROLES: readonly Role[] = Role.options;

/** Roles that read their org's subtree. The member role reads only its own things (self-scope). */
export const STAFF_ROLES = ['admin', 'processor', 'approver', 'fee_officer', 'clerk'] as const;

/** Roles that work on a cell's fees: the secretary approves and pays for the cell. */
export const CELL_FEE_ROLES = ['approver', 'fee_officer'] as const;
/** Roles whose subtree's fee transactions, ledgers and reports are shown. */
export const FEE_STAFF_ROLES = ['approver', 'fee_officer', 'admin', 'processor'] as const;
/** Roles that prepare, approve and send the workplace's residence lists (Quy định 213). */
export const RESIDENCE_LIST_ROLES = ['processor', 'approver'] as const;
/** Roles that act on a residence comment form: the cells and committee, and the member's report. */
export const RESIDENCE_FORM_ROLES = ['processor', 'approver', 'member'] as const;
/** Roles that keep the accounts: statements, manual settling, bank accounts below. */
export const ACCOUNT_ROLES = ['fee_officer', 'admin'] as const;

/**
 * Where the object a request names must lie. Objects named by a path (or query) parameter
 * (`param`) are checked before the handler; the others are narrowed by the handler to the caller's
 * read scope.
 * Out of scope answers 404 where existence must not leak (people, accounts, dossiers, payments,
 * certificates, blobs) and 403 where it may (orgs: the org tree is published).
 */
export const ScopeRules = {
  public: 'no caller: anyone may call it',
  self: "the caller's own account and records; the request names nobody else",
  shared: "data every signed-in user may read (regulations), nobody's personal data",
  filtered:
    'a list or a sync page: roles first (403), then the handler answers only what the read scope holds (an org filter outside it: 404)',
  org: 'the org is in the read scope (staff subtrees, their ancestors, the member’s own cell and the orgs above it), else 404; then the roles (403)',
  'org-subtree':
    'the org exists (else 404); the roles (403); the org lies under a grant of one of them (else 403: orgs are published)',
  'top-org': 'the roles (403), held at the root org (else 403)',
  member:
    'the member is the caller’s own record or is registered or living in a staff subtree, else 404; then the roles (403) and, when named, the member’s cell under a grant of them (403)',
  user: 'the account is the caller’s own or sits in a staff subtree, else 404; then the roles (403) and, when named, the account under a grant of them (403)',
  dossier:
    'the dossier is the caller’s own, is about a member in scope, or its route touches a staff subtree, else 404; then the roles (403)',
  payment:
    'the payment is the caller’s (payer or own item) or its cell lies under a fee staff grant (approver, fee officer, admin, processor), else 404; then the roles (403) and, when named, its cell under a grant of them (403)',
  'statement-line':
    'the line exists (else 404); the roles (403); its account’s org under a grant of them (else 403)',
  certificate:
    'the registration is the caller’s own or its user sits in a staff subtree, else 404; then the roles (403); an admin who does not reach it gets 404',
  residence:
    'the residence list or form is the caller’s own (a form about his member record) or one of its orgs (workplace; for a form also the residence cell and its committee) lies in a staff subtree, else 404; then the roles (403)',
  'account-request':
    'the account request is the caller’s own (he is its requester) or its deciding org or the member’s cell lies in a staff subtree, else 404; then the roles (403). A request not filed yet (push, filing on base rev 0) passes to the handler, which files it for the caller only',
  filing:
    'the roles first (403); the request is the caller’s own or names a member in the read scope (else 404) whose cell lies under a grant of a staff role of the route (else 403)',
  blob: 'uploaded by the caller or referred to by an object in the read scope, else 404 (checked by the blob routes)',
  push: 'each mutation type declares its own access (pushMutationAccess): roles checked per mutation, its object where it is applied; every refusal is the result forbidden',
} as const;
export type ScopeRule = keyof typeof ScopeRules;

/** Rules whose object is a path parameter the server resolves before the handler. */
export const OBJECT_RULES = [
  'org',
  'org-subtree',
  'member',
  'user',
  'dossier',
  'payment',
  'statement-line',
  'certificate',
  'residence',
  'account-request',
] as const satisfies readonly ScopeRule[];
export type ObjectRule = (typeof OBJECT_RULES)[number];

export type AccessRoles = 'any' | readonly Role[];

/** The access of a route: roles allowed (any grant of one of them) and where its object must lie. */
export type Access =
  | { roles: AccessRoles; scope: Exclude<ScopeRule, ObjectRule> }
  | { roles: AccessRoles; scope: ObjectRule; param: string };

export const isObjectRule = (rule: ScopeRule): rule is ObjectRule =>
  (OBJECT_RULES as readonly string[]).includes(rule);

/** Whether the grants hold one of the roles (any role at all for 'any'). */
export function rolesAllow(roles: AccessRoles, granted: readonly string[]): boolean {
  if (roles === 'any') return true;
  return granted.some((role) => (roles as readonly string[]).includes(role));
}
