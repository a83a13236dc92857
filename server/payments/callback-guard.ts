import type {} from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from '../errors';

/**
 * What the server does with gateway callbacks whose signature is wrong: they are counted (in the
 * process, and in each log line) rather than stored, and an address that keeps sending them is
 * answered 429 for the rest of the minute without even checking the signature. A forged callback
 * never changes a payment anyway; this keeps it from filling the database or the logs.
 */
export interface CallbackGuard {
  /** Throws 429 when the caller's address is over its minute's limit of bad callbacks. */
  admit(request: FastifyRequest): Promise<void>;
  /** Counts a callback whose signature (or merchant) is wrong; throws 429 past the limit. */
  badSignature(request: FastifyRequest, reference: string): Promise<void>;
  stats(): CallbackStats;
}

export interface CallbackStats {
  /** Callbacks refused for their signature since the process started. */
  badSignatures: number;
  /** Callbacks answered 429 without a look at their signature. */
  rateLimited: number;
}

const MINUTE_MS = 60_000;

export const callbacksRateLimited = (retryAfterSeconds: number) =>
  new HttpError(429, {
    error: 'rate_limited',
    message: `Too many callbacks with a bad signature from this address; retry in ${retryAfterSeconds} s`,
    messageVi: `Có quá nhiều yêu cầu sai chữ ký từ địa chỉ này. Vui lòng thử lại sau ${retryAfterSeconds} giây.`,
  });

/**
 * A guard allowing `badPerMinute` bad callbacks per address and minute. The limiter of
 * @fastify/rate-limit is made on first use from the request's server, where the plugin is
 * registered (server/app.ts).
 */
export function callbackGuard(badPerMinute: number): CallbackGuard {
  const stats: CallbackStats = { badSignatures: 0, rateLimited: 0 };
  let limiter: ReturnType<FastifyInstance['createRateLimit']> | undefined;
  const limiterOf = (request: FastifyRequest) =>
    (limiter ??= request.server.createRateLimit({ max: badPerMinute, timeWindow: MINUTE_MS }));

  return {
    async admit(request) {
      const state = await limiterOf(request)(request, { increment: false });
      if (state.isAllowed || state.remaining > 0) return;
      stats.rateLimited++;
      throw callbacksRateLimited(Math.max(1, state.ttlInSeconds));
    },
    async badSignature(request, reference) {
      stats.badSignatures++;
      // Counted on the increment itself too: parallel forgeries all past the peek stop here.
      const state = await limiterOf(request)(request);
      if (!state.isAllowed && state.isExceeded) {
        stats.rateLimited++;
        throw callbacksRateLimited(Math.max(1, state.ttlInSeconds));
      }
      request.log.warn(
        { fees: { reference, badSignatures: stats.badSignatures, rateLimited: stats.rateLimited } },
        'gateway callback with a bad signature (not stored)',
      );
    },
    stats: () => ({ ...stats }),
  };
}
