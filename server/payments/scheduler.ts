import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../repositories/db';
import { unknownPayments } from '../repositories/fees-payments';
import type { GatewayConfig } from './config';
import { GatewayError } from './gateway-client';
import { settleByQuery } from './settle-by-query';

export interface SettleScheduler {
  /** When the next run starts (ISO), for the transactions' "time to automatic settlement". */
  nextRunAt(): string;
  everyMs: number;
  /** One run now (tests; the timer calls it too). Runs never overlap. */
  runOnce(): Promise<{ checked: number; settled: number; gatewayErrors: number }>;
  stop(): Promise<void>;
}

const BATCH = 500;

/**
 * The server's own settling run: every `everyMs` it asks the gateway about every unknown payment
 * (oldest first, all orgs) and applies the answers; past the 2-day limit a payment still pending
 * is failed (settleByQuery). A run that finds the gateway down logs and waits for the next one.
 */
export function startSettleScheduler(deps: {
  db: Db;
  log: FastifyBaseLogger;
  gateway: GatewayConfig;
  settleWithinMs: number;
  everyMs: number;
  now: () => Date;
}): SettleScheduler {
  let next = new Date(Date.now() + deps.everyMs);
  let running: Promise<{ checked: number; settled: number; gatewayErrors: number }> | null = null;
  let stopped = false;

  async function run() {
    const now = deps.now();
    const pending = await unknownPayments(deps.db, ['/'], now, BATCH);
    let gatewayErrors = 0;
    for (const payment of pending) {
      if (stopped) break;
      try {
        await settleByQuery(deps.db, deps.log, deps.gateway, deps.settleWithinMs, payment, now);
      } catch (err) {
        if (!(err instanceof GatewayError)) throw err;
        gatewayErrors++;
      }
    }
    const still = pending.length === 0 ? [] : await unknownPayments(deps.db, ['/'], now, BATCH);
    const result = {
      checked: pending.length,
      settled: pending.length - still.length,
      gatewayErrors,
    };
    if (pending.length > 0) deps.log.info({ fees: result }, 'settling run of unknown payments');
    return result;
  }

  const runOnce = () => {
    running ??= run().finally(() => {
      running = null;
    });
    return running;
  };

  const timer = setInterval(() => {
    next = new Date(Date.now() + deps.everyMs);
    runOnce().catch((err: unknown) =>
      deps.log.error({ err }, 'settling run of unknown payments failed'),
    );
  }, deps.everyMs);
  // The run must never keep a process alive that is otherwise done.
  timer.unref();

  return {
    everyMs: deps.everyMs,
    nextRunAt: () => next.toISOString(),
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
