import {
  FEE_STAFF_ROLES,
  isObjectRule,
  rolesAllow,
  STAFF_ROLES,
  type Access,
  type AccessRoles,
  type ObjectRule,
} from '../../src/api/access';
import type { Caller } from '../auth/caller';
import type { ServerContext } from '../context';
import { findVisibleAccountRequest } from '../repositories/accounts';
import { forbidden, notFound } from '../errors';
import { findPayment } from '../repositories/fees-payments';
import { findStatementLine, parseStatementLineId } from '../repositories/fees-statement-match';
import { findVisibleMember } from '../repositories/members';
import { findOrg } from '../repositories/orgs';
import { findForm, findRequest, pathsInScope } from '../repositories/residence';
import {
  dossierTouchesScope,
  findDossier,
  loadOrgPaths,
  pathString,
} from '../repositories/transfers';
import { findRegistrationById } from '../repositories/user-certificates';
import { findUserInSubtrees } from '../repositories/users';
import { canSeeOrg, hasRoleOver, pathIds, subtreesOfRoles, type Scope } from './scope';

/**
 * Checks a route's declared access (src/api/access.ts) for a caller before the handler runs. An
 * object the path names is read first: outside the caller's read scope it answers 404 (orgs, whose
 * existence is public, only when absent); then the roles (403); then whether the object lies under
 * a grant of those roles (403). Handlers keep their own checks; this is the one place every route
 * passes.
 */
export type AccessCheck = (
  caller: Caller,
  access: Access,
  params: Readonly<Record<string, unknown>>,
) => Promise<void>;

/** The roles a rule's "under a grant of the route's roles" reads: staff roles for 'any'. */
const reachRoles = (roles: AccessRoles): readonly string[] =>
  roles === 'any' ? STAFF_ROLES : roles;

const grantedRoles = (scope: Scope) => scope.grants.map((g) => g.role);

/** Throws 403 when the caller holds none of the roles. */
export function checkRoles(caller: Caller, roles: AccessRoles): void {
  if (!rolesAllow(roles, grantedRoles(caller.scope))) throw forbidden();
}

type ObjectGuard = (caller: Caller, roles: AccessRoles, id: string) => Promise<void>;

function objectGuards(ctx: ServerContext): Record<ObjectRule, ObjectGuard> {
  const { db } = ctx;
  return {
    async org(caller, roles, id) {
      const org = await findOrg(db, id);
      if (!org || !canSeeOrg(caller.scope, org.id, org.path)) throw notFound();
      checkRoles(caller, roles);
    },
    async 'org-subtree'(caller, roles, id) {
      const org = await findOrg(db, id);
      if (!org) throw notFound();
      checkRoles(caller, roles);
      if (!hasRoleOver(caller.scope, reachRoles(roles), org.path)) throw forbidden();
    },
    async member(caller, roles, id) {
      const { scope } = caller;
      const member = await findVisibleMember(db, scope, id);
      if (!member) throw notFound();
      checkRoles(caller, roles);
      if (roles === 'any') return;
      const home = await findOrg(db, member.homeOrgId);
      if (!home || !hasRoleOver(scope, roles, home.path)) throw forbidden();
    },
    async user(caller, roles, id) {
      const { scope, user } = caller;
      const own = id === user.id;
      if (!own && !(await findUserInSubtrees(db, scope.subtreePaths, id))) throw notFound();
      checkRoles(caller, roles);
      if (roles === 'any') return;
      if (!(await findUserInSubtrees(db, subtreesOfRoles(scope, roles), id))) throw forbidden();
    },
    async dossier(caller, roles, id) {
      const { scope, user } = caller;
      const stored = await findDossier(db, id);
      if (!stored) throw notFound();
      const { memberId } = stored.dossier;
      const visible =
        (user.memberId !== null && user.memberId === memberId) ||
        (await dossierTouchesScope(db, scope, id)) ||
        (await findVisibleMember(db, scope, memberId)) !== null;
      if (!visible) throw notFound();
      checkRoles(caller, roles);
    },
    async payment(caller, roles, id) {
      const { scope, user } = caller;
      const payment = await findPayment(db, id);
      if (!payment) throw notFound();
      const cell = await findOrg(db, payment.cellId);
      const mine =
        payment.payerUserId === user.id ||
        payment.items.some((i) => user.memberId !== null && i.memberId === user.memberId);
      const staffSees = cell !== null && hasRoleOver(scope, FEE_STAFF_ROLES, cell.path);
      if (!mine && !staffSees) throw notFound();
      checkRoles(caller, roles);
      if (roles !== 'any' && !(cell && hasRoleOver(scope, roles, cell.path))) throw forbidden();
    },
    async 'statement-line'(caller, roles, id) {
      const key = parseStatementLineId(id);
      const line = key ? await findStatementLine(db, key) : null;
      if (!line) throw notFound();
      checkRoles(caller, roles);
      const org = await findOrg(db, line.orgId);
      if (!org || !hasRoleOver(caller.scope, reachRoles(roles), org.path)) throw forbidden();
    },
    async certificate(caller, roles, id) {
      const reg = await findRegistrationById(db, id);
      const own = reg?.userId === caller.user.id;
      const readable = (roots: string[]) => reg && roots.some((r) => reg.orgPath.startsWith(r));
      if (!reg || !(own || readable(caller.scope.subtreePaths))) throw notFound();
      checkRoles(caller, roles);
      // Another org's registration looks absent to an admin (the registry's own rule).
      if (!readable(subtreesOfRoles(caller.scope, reachRoles(roles)))) throw notFound();
    },
    async residence(caller, roles, id) {
      const { scope, user } = caller;
      const request = await findRequest(db, id);
      const form = request ? null : await findForm(db, id);
      if (!request && !form) throw notFound();
      const orgIds = request
        ? [request.value.workplaceOrgId]
        : [form!.value.workplaceOrgId, form!.value.residenceOrgId, form!.value.committeeOrgId];
      const paths = [...(await loadOrgPaths(db, orgIds)).values()].map(pathString);
      const own = form !== null && user.memberId !== null && user.memberId === form.value.memberId;
      if (!own && !pathsInScope(scope, paths)) throw notFound();
      checkRoles(caller, roles);
    },
    // The requester, and staff whose subtree holds the deciding org or the member's cell.
    async 'account-request'(caller, roles, id) {
      if (!(await findVisibleAccountRequest(db, caller.scope, id))) throw notFound();
      checkRoles(caller, roles);
    },
  };
}

/** The access check of one server: roles, then the object of object rules. */
export function routeAccessCheck(ctx: ServerContext): AccessCheck {
  const guards = objectGuards(ctx);
  return async (caller, access, params) => {
    if ('param' in access && isObjectRule(access.scope)) {
      const id = params[access.param];
      if (typeof id !== 'string') throw notFound();
      // The guard reads the object first: what the caller cannot read answers 404 whatever
      // the roles, so a refusal never tells that it exists.
      await guards[access.scope](caller, access.roles, id);
      return;
    }
    checkRoles(caller, access.roles);
    if (access.scope === 'top-org') {
      const top = caller.scope.grants.some(
        (g) =>
          (reachRoles(access.roles) as string[]).includes(g.role) && pathIds(g.path).length === 1,
      );
      if (!top) throw forbidden();
    }
  };
}
