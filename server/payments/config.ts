import { DEFAULT_AMOUNT_CEILING } from '../../src/domain/fees/money';
import { DEFAULT_FEE_RULES, type FeeRuleTable } from '../../src/domain/fees/rules';

export interface GatewayConfig {
  url: string;
  merchantId: string;
  secret: string;
}

export interface FeesConfig {
  /** Null: payments answer 503 (no gateway configured). */
  gateway: GatewayConfig | null;
  /**
   * Base URL the gateway calls back (FEES_PUBLIC_URL). Null = this server's own listening address,
   * which only the demo and the tests may use: never the request's Host header, which the caller
   * chooses.
   */
  publicUrl: string | null;
  /** Callbacks with a bad signature allowed per address and minute before 429 answers. */
  badCallbacksPerMinute: number;
  amountCeiling: number;
  rules: FeeRuleTable;
  /**
   * Unknown payments are failed after this long without a final answer (the national rule: 2 days).
   */
  settleWithinMs: number;
  /** How often the server asks the gateway about unknown payments by itself; 0 = never. */
  settleEveryMs: number;
}

const TWO_DAYS_MS = 2 * 24 * 3600 * 1000;
/** A gateway that lost its key retries a handful of times a minute; a forger is cut off at this. */
const DEFAULT_BAD_CALLBACKS_PER_MINUTE = 30;

/**
 * FEES_PUBLIC_URL as a base URL (no trailing slash). Required with a gateway outside the demo and
 * the tests: without it the gateway would be told to call back wherever a request's Host header
 * pointed.
 */
function publicUrlFromEnv(env: NodeJS.ProcessEnv, gateway: boolean, demo: boolean): string | null {
  const raw = env.FEES_PUBLIC_URL;
  if (!raw) {
    if (gateway && !demo && env.NODE_ENV !== 'test')
      throw new Error(
        'FEES_PUBLIC_URL must be set when a payment gateway is configured (FEES_GATEWAY_URL): ' +
          'it is the address the gateway calls back, e.g. https://dangvu.example.vn',
      );
    return null;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`FEES_PUBLIC_URL must be an absolute http(s) URL, got ${raw}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error(`FEES_PUBLIC_URL must be an absolute http(s) URL, got ${raw}`);
  if (url.search || url.hash)
    throw new Error(`FEES_PUBLIC_URL must have no query or fragment, got ${raw}`);
  return url.toString().replace(/\/+$/, '');
}
/**
 * Often enough that "money left my account" cases clear within minutes, rare enough to be cheap.
 */
const DEFAULT_SETTLE_EVERY_MS = 10 * 60 * 1000;

/** FEES_AMOUNT_CEILING alone, for whoever needs only the ceiling (offline approvals). */
export function amountCeilingFromEnv(env: NodeJS.ProcessEnv): number {
  const ceiling = Number(env.FEES_AMOUNT_CEILING ?? DEFAULT_AMOUNT_CEILING);
  if (!Number.isSafeInteger(ceiling) || ceiling <= 0)
    throw new Error(
      `FEES_AMOUNT_CEILING must be a positive whole number, got ${env.FEES_AMOUNT_CEILING}`,
    );
  return ceiling;
}

/**
 * FEES_GATEWAY_URL, FEES_GATEWAY_MERCHANT, FEES_GATEWAY_SECRET, FEES_PUBLIC_URL (required with a
 * gateway, except in the demo and under tests), FEES_AMOUNT_CEILING, FEES_SETTLE_INTERVAL_MS (the
 * settling run; 0 = off; off under tests unless set), FEES_BAD_CALLBACKS_PER_MINUTE (30).
 * Throws an Error meant for the operator: the server refuses to start.
 */
export function feesConfigFromEnv(
  env: NodeJS.ProcessEnv,
  options: { demo?: boolean } = {},
): FeesConfig {
  const url = env.FEES_GATEWAY_URL;
  const secret = env.FEES_GATEWAY_SECRET;
  const ceiling = amountCeilingFromEnv(env);
  const every = env.FEES_SETTLE_INTERVAL_MS;
  const settleEveryMs =
    every === undefined ? (env.NODE_ENV === 'test' ? 0 : DEFAULT_SETTLE_EVERY_MS) : Number(every);
  if (!Number.isSafeInteger(settleEveryMs) || settleEveryMs < 0)
    throw new Error(`FEES_SETTLE_INTERVAL_MS must be a whole number of ms ≥ 0, got ${every}`);
  const badCallbacks = Number(
    env.FEES_BAD_CALLBACKS_PER_MINUTE ?? DEFAULT_BAD_CALLBACKS_PER_MINUTE,
  );
  if (!Number.isSafeInteger(badCallbacks) || badCallbacks <= 0)
    throw new Error(
      `FEES_BAD_CALLBACKS_PER_MINUTE must be a positive whole number, got ${env.FEES_BAD_CALLBACKS_PER_MINUTE}`,
    );
  const merchantId = env.FEES_GATEWAY_MERCHANT ?? 'DANGPHI';
  const gateway = url && secret ? { url, secret, merchantId } : null;
  return {
    gateway,
    publicUrl: publicUrlFromEnv(env, gateway !== null, options.demo === true),
    badCallbacksPerMinute: badCallbacks,
    amountCeiling: ceiling,
    rules: DEFAULT_FEE_RULES,
    settleWithinMs: TWO_DAYS_MS,
    settleEveryMs,
  };
}
