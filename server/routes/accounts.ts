import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { accountRoutes } from '../../src/api/accounts';
import { oidcNotConfigured, oidcVerifier } from '../auth/oidc';
import { hashPassword } from '../auth/passwords';
import { authRequestLimiter } from '../auth/rate-limits';
import type { ServerContext } from '../context';
import { HttpError, notFound, forbidden } from '../errors';
import type { Register } from '../http/register-route';
import {
  accountRequestsOfUser,
  accountRequestWires,
  findVisibleAccountRequest,
} from '../repositories/accounts';
import {
  checkDeclared,
  lookupRegistration,
  registerAccount,
  searchRegistrationCells,
} from '../repositories/accounts-register';
import { liveMember } from '../repositories/members';
import { findVisibleOrg } from '../repositories/orgs';
import { hasRoleOver } from '../scope/scope';
import { authOptionsFromEnv, type AuthOptions } from './auth';

/** Minimum length of a password chosen on the registration form. */
const MIN_PASSWORD_LENGTH = 8;

const citizenIdMismatch = () =>
  new HttpError(403, {
    error: 'citizen_id_mismatch',
    message: 'The identity token names another citizen id than the declared one',
    messageVi: 'Số CCCD đã khai không khớp với tài khoản định danh điện tử (VNeID) của bạn.',
  });

const passwordRegistrationDisabled = () =>
  new HttpError(403, {
    error: 'password_login_disabled',
    message: 'Password accounts are turned off on this server; register with the OpenID provider',
    messageVi: 'Máy chủ không cho phép đăng ký bằng mật khẩu. Vui lòng đăng ký bằng VNeID.',
  });

/**
 * Member accounts (docs/decisions/0031): the public registration (lookup, cells, register) limited
 * like login, the staff's registration on a member's behalf, and the member's own account.
 * Decisions and what a signed-in member files go through push (server/repositories/accounts-apply).
 */
export function accountRoutesOf(
  route: Register,
  ctx: ServerContext,
  app: FastifyInstance,
  options: AuthOptions = authOptionsFromEnv(process.env),
): void {
  const lookupLimit = authRequestLimiter(app, options.rateLimits);
  const cellsLimit = authRequestLimiter(app, options.rateLimits);
  const registerLimit = authRequestLimiter(app, options.rateLimits);
  const verifier = options.oidc ? oidcVerifier(options.oidc, ctx.now) : undefined;

  route(accountRoutes.registrationLookup, async ({ body, request }) => {
    await lookupLimit(request);
    return { record: await lookupRegistration(ctx.db, body) };
  });

  route(accountRoutes.registrationCells, async ({ query, request }) => {
    await cellsLimit(request);
    return { items: await searchRegistrationCells(ctx.db, query) };
  });

  route(accountRoutes.register, async ({ body, request }) => {
    await registerLimit(request);
    const { identity, declared } = body;
    let username: string;
    let passwordHash: string | null = null;
    if (identity.kind === 'oidc') {
      if (!verifier) throw oidcNotConfigured();
      const citizenId = await verifier.citizenIdOf(identity);
      if (citizenId !== declared.citizenId) throw citizenIdMismatch();
      // The account signs in through the provider: its username is only a handle.
      username = `vneid.${citizenId}`;
    } else {
      if (options.passwordLogin === false) throw passwordRegistrationDisabled();
      if (identity.password.length < MIN_PASSWORD_LENGTH)
        throw new HttpError(400, {
          error: 'weak_password',
          message: `a password needs at least ${MIN_PASSWORD_LENGTH} characters`,
          messageVi: `Mật khẩu phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`,
          field: 'identity.password',
        });
      username = identity.username;
    }
    await checkDeclared(ctx.db, declared);
    if (identity.kind === 'password')
      passwordHash = await hashPassword(identity.password, options.passwords.scrypt);
    const made = await registerAccount(
      ctx.db,
      { declared, username, passwordHash, filedBy: null },
      ctx.now(),
    );
    return { ...made, status: 'pending' as const };
  });

  route(accountRoutes.registerOnBehalf, async ({ body, caller }) => {
    // A cell the caller cannot read is absent to him; one he reads but does not manage, refused.
    const cell = await findVisibleOrg(ctx.db, caller.scope, body.declared.homeOrgId);
    if (!cell) throw notFound();
    if (!hasRoleOver(caller.scope, accountRoutes.registerOnBehalf.access.roles, cell.path))
      throw forbidden();
    await checkDeclared(ctx.db, body.declared);
    // Shown once to the staff member, who hands it over; only its hash is kept.
    const initialPassword = randomBytes(9).toString('base64url');
    const made = await registerAccount(
      ctx.db,
      {
        declared: body.declared,
        username: body.username,
        passwordHash: await hashPassword(initialPassword, options.passwords.scrypt),
        filedBy: { userId: caller.user.id, fullName: caller.user.fullName },
      },
      ctx.now(),
    );
    return { ...made, status: 'pending' as const, initialPassword };
  });

  route(accountRoutes.myAccount, async ({ caller }) => {
    const { user } = caller;
    return {
      user,
      member: user.memberId ? await liveMember(ctx.db, user.memberId) : null,
      requests: await accountRequestWires(ctx.db, await accountRequestsOfUser(ctx.db, user.id)),
    };
  });

  route(accountRoutes.getAccountRequest, async ({ params, caller }) => {
    const stored = await findVisibleAccountRequest(ctx.db, caller.scope, params.id);
    if (!stored) throw notFound();
    const [wire] = await accountRequestWires(ctx.db, [stored]);
    return wire!;
  });
}
