import type {} from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from '../errors';

/**
 * Request limits of the unauthenticated auth routes (login, refresh), per client address and
 * over all clients, per minute. They bound what one address, and everyone together, can make the
 * server spend on password checks; the per-name lockout bounds guessing one account.
 */
export interface AuthRateLimits {
  perAddressPerMinute: number;
  overallPerMinute: number;
}

/**
 * Generous enough for an office behind one NAT address and for the test suites and e2e journeys,
 * which log in many times from 127.0.0.1; an operator lowers them with the environment.
 */
export const DEFAULT_AUTH_RATE_LIMITS: AuthRateLimits = {
  perAddressPerMinute: 120,
  overallPerMinute: 1200,
};

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n <= 0)
    throw new Error(`${name} must be a positive whole number of requests per minute, got ${raw}`);
  return n;
}

/** AUTH_RATE_PER_ADDRESS and AUTH_RATE_OVERALL (requests per minute, each of login and refresh). */
export function authRateLimitsFromEnv(env: NodeJS.ProcessEnv): AuthRateLimits {
  return {
    perAddressPerMinute: positiveInteger(
      env,
      'AUTH_RATE_PER_ADDRESS',
      DEFAULT_AUTH_RATE_LIMITS.perAddressPerMinute,
    ),
    overallPerMinute: positiveInteger(
      env,
      'AUTH_RATE_OVERALL',
      DEFAULT_AUTH_RATE_LIMITS.overallPerMinute,
    ),
  };
}

export const tooManyRequests = (retryAfterSeconds: number) =>
  new HttpError(429, {
    error: 'rate_limited',
    message: `Too many requests; retry in ${retryAfterSeconds} s`,
    messageVi: `Có quá nhiều yêu cầu. Vui lòng thử lại sau ${retryAfterSeconds} giây.`,
  });

/** Counts one request; throws 429 when it is over a limit. */
export type RequestLimiter = (request: FastifyRequest) => Promise<void>;

const MINUTE_MS = 60_000;

/**
 * A limiter of one route from @fastify/rate-limit (registered on `app` before): one window per
 * client address and one shared by all. Each call makes its own counters.
 */
export function authRequestLimiter(app: FastifyInstance, limits: AuthRateLimits): RequestLimiter {
  const perAddress = app.createRateLimit({
    max: limits.perAddressPerMinute,
    timeWindow: MINUTE_MS,
  });
  const overall = app.createRateLimit({
    max: limits.overallPerMinute,
    timeWindow: MINUTE_MS,
    keyGenerator: () => 'all',
  });
  return async (request) => {
    for (const check of [perAddress, overall]) {
      const state = await check(request);
      if (!state.isAllowed && state.isExceeded) throw tooManyRequests(state.ttlInSeconds);
    }
  };
}
