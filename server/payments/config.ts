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
  /** Base URL the gateway calls back; null = taken from the request (development and tests). */
  publicUrl: string | null;
  amountCeiling: number;
  rules: FeeRuleTable;
  /** Unknown payments are failed after this long without a final answer (the national rule: 2 days). */
  settleWithinMs: number;
  /** How often the server asks the gateway about unknown payments by itself; 0 = never. */
  settleEveryMs: number;
}

const TWO_DAYS_MS = 2 * 24 * 3600 * 1000;
/** Often enough that "money left my account" cases clear within minutes, rare enough to be cheap. */
const DEFAULT_SETTLE_EVERY_MS = 10 * 60 * 1000;

/**
 * FEES_GATEWAY_URL, FEES_GATEWAY_MERCHANT, FEES_GATEWAY_SECRET, FEES_PUBLIC_URL, FEES_AMOUNT_CEILING,
 * FEES_SETTLE_INTERVAL_MS (the settling run; 0 = off; off under tests unless set).
 */
export function feesConfigFromEnv(env: NodeJS.ProcessEnv): FeesConfig {
  const url = env.FEES_GATEWAY_URL;
  const secret = env.FEES_GATEWAY_SECRET;
  const ceiling = Number(env.FEES_AMOUNT_CEILING ?? DEFAULT_AMOUNT_CEILING);
  if (!Number.isSafeInteger(ceiling) || ceiling <= 0)
    throw new Error(
      `FEES_AMOUNT_CEILING must be a positive whole number, got ${env.FEES_AMOUNT_CEILING}`,
    );
  const every = env.FEES_SETTLE_INTERVAL_MS;
  const settleEveryMs =
    every === undefined ? (env.NODE_ENV === 'test' ? 0 : DEFAULT_SETTLE_EVERY_MS) : Number(every);
  if (!Number.isSafeInteger(settleEveryMs) || settleEveryMs < 0)
    throw new Error(`FEES_SETTLE_INTERVAL_MS must be a whole number of ms ≥ 0, got ${every}`);
  return {
    gateway:
      url && secret ? { url, secret, merchantId: env.FEES_GATEWAY_MERCHANT ?? 'DANGPHI' } : null,
    publicUrl: env.FEES_PUBLIC_URL ?? null,
    amountCeiling: ceiling,
    rules: DEFAULT_FEE_RULES,
    settleWithinMs: TWO_DAYS_MS,
    settleEveryMs,
  };
}
