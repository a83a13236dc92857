import type { FastifyInstance } from 'fastify';
import { apiRoutes } from '../../src/api/routes';
import { checkQueue, DEFAULT_CHECK_QUEUE, type CheckQueueLimits } from '../auth/check-queue';
import { passwordPolicyFromEnv, type PasswordPolicy } from '../auth/password-policy';
import {
  authRateLimitsFromEnv,
  authRequestLimiter,
  type AuthRateLimits,
} from '../auth/rate-limits';
import { login, logout, refresh } from '../auth/sessions';
import type { ServerContext } from '../context';
import type { Register } from '../http/register-route';

export interface AuthOptions {
  rateLimits: AuthRateLimits;
  passwords: PasswordPolicy;
  /** Password checks at once and waiting; default 2 and 64. */
  checks?: CheckQueueLimits;
}

/** AUTH_RATE_PER_ADDRESS, AUTH_RATE_OVERALL, PASSWORD_SCRYPT_N. */
export function authOptionsFromEnv(env: NodeJS.ProcessEnv): AuthOptions {
  return { rateLimits: authRateLimitsFromEnv(env), passwords: passwordPolicyFromEnv(env) };
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
  const checks = checkQueue(options.checks ?? DEFAULT_CHECK_QUEUE);
  route(apiRoutes.health, async () => ({ status: 'ok' as const }));
  route(apiRoutes.login, async ({ body, request }) => {
    await loginLimit(request);
    return login(ctx, body, options.passwords, checks);
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
