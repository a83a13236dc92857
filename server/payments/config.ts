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
}

const TWO_DAYS_MS = 2 * 24 * 3600 * 1000;

/** FEES_GATEWAY_URL, FEES_GATEWAY_MERCHANT, FEES_GATEWAY_SECRET, FEES_PUBLIC_URL, FEES_AMOUNT_CEILING. */
export function feesConfigFromEnv(env: NodeJS.ProcessEnv): FeesConfig {
  const url = env.FEES_GATEWAY_URL;
  const secret = env.FEES_GATEWAY_SECRET;
  const ceiling = Number(env.FEES_AMOUNT_CEILING ?? DEFAULT_AMOUNT_CEILING);
  if (!Number.isSafeInteger(ceiling) || ceiling <= 0)
    throw new Error(
      `FEES_AMOUNT_CEILING must be a positive whole number, got ${env.FEES_AMOUNT_CEILING}`,
    );
  return {
    gateway:
      url && secret ? { url, secret, merchantId: env.FEES_GATEWAY_MERCHANT ?? 'DANGPHI' } : null,
    publicUrl: env.FEES_PUBLIC_URL ?? null,
    amountCeiling: ceiling,
    rules: DEFAULT_FEE_RULES,
    settleWithinMs: TWO_DAYS_MS,
  };
}
