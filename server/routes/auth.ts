import type { FastifyInstance } from 'fastify';
import { apiRoutes } from '../../src/api/routes';
import { checkQueue, DEFAULT_CHECK_QUEUE, type CheckQueueLimits } from '../auth/check-queue';
import { passwordPolicyFromEnv, type PasswordPolicy } from '../auth/password-policy';
import {
  authRateLimitsFromEnv,
  authRequestLimiter,
  type AuthRateLimits,
} from '../auth/rate-limits';
import { oidcConfigFromEnv, oidcLogin, oidcVerifier, type OidcServerConfig } from '../auth/oidc';
import { login, logout, refresh } from '../auth/sessions';
import type { ServerContext } from '../context';
import { HttpError } from '../errors';
import type { Register } from '../http/register-route';

export interface AuthOptions {
  rateLimits: AuthRateLimits;
  passwords: PasswordPolicy;
  /** Password checks at once and waiting; default 2 and 64. */
  checks?: CheckQueueLimits;
  /** Sign-in with an OpenID provider (VNeID): POST /v1/auth/oidc answers 503 without it. */
  oidc?: OidcServerConfig;
  /** Whether username/password login is allowed (default yes: demo, tests, staff accounts). */
  passwordLogin?: boolean;
}

const passwordLoginDisabled = () =>
  new HttpError(403, {
    error: 'password_login_disabled',
    message: 'Password login is turned off on this server; sign in with the OpenID provider',
    messageVi: 'Máy chủ không cho phép đăng nhập bằng mật khẩu. Vui lòng đăng nhập bằng VNeID.',
  });

/**
 * AUTH_RATE_PER_ADDRESS, AUTH_RATE_OVERALL, PASSWORD_SCRYPT_N, OIDC_ISSUER, OIDC_CLIENT_ID,
 * OIDC_CITIZEN_ID_CLAIM, and PASSWORD_LOGIN=off to allow only the OpenID provider.
 */
export function authOptionsFromEnv(env: NodeJS.ProcessEnv): AuthOptions {
  const oidc = oidcConfigFromEnv(env);
  return {
    rateLimits: authRateLimitsFromEnv(env),
    passwords: passwordPolicyFromEnv(env),
    ...(oidc ? { oidc } : {}),
    passwordLogin: env.PASSWORD_LOGIN !== 'off',
  };
}

/**
 * Login, refresh and logout. `app` must have @fastify/rate-limit registered: login and refresh
 * are limited per address and overall before they cost a password check or a database write.
 */
export function authRoutes(
  route: Register,
  ctx: ServerContext,
  app: FastifyInstance,
  options: AuthOptions = authOptionsFromEnv(process.env),
): void {
  const loginLimit = authRequestLimiter(app, options.rateLimits);
  const refreshLimit = authRequestLimiter(app, options.rateLimits);
  const oidcLimit = authRequestLimiter(app, options.rateLimits);
  const checks = checkQueue(options.checks ?? DEFAULT_CHECK_QUEUE);
  const verifier = options.oidc ? oidcVerifier(options.oidc, ctx.now) : undefined;
  route(apiRoutes.health, async () => ({ status: 'ok' as const }));
  route(apiRoutes.login, async ({ body, request }) => {
    await loginLimit(request);
    if (options.passwordLogin === false) throw passwordLoginDisabled();
    return login(ctx, body, options.passwords, checks);
  });
  route(apiRoutes.oidcLogin, async ({ body, request }) => {
    await oidcLimit(request);
    return oidcLogin(ctx, verifier, body);
  });
  route(apiRoutes.refresh, async ({ body, request }) => {
    await refreshLimit(request);
    return refresh(ctx, body.refreshToken);
  });
  route(apiRoutes.logout, async ({ body }) => {
    await logout(ctx, body.refreshToken);
    return null;
  });
}
