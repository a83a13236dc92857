import type { FastifyBaseLogger } from 'fastify';
import type { ServerContext } from '../context';
import type { Register } from '../http/register-route';
import { feesConfigFromEnv, type FeesConfig } from '../payments/config';
import { startSettleScheduler, type SettleScheduler } from '../payments/scheduler';
import type { FeeRouteDeps } from './fees-access';
import { feeApprovalRoutes } from './fees-approvals';
import { feeBankAccountRoutes } from './fees-bank-accounts';
import { feePaymentRoutes } from './fees-payments';
import { feeReportRoutes } from './fees-reports';
import { feeRuleRoutes } from './fees-rules';
import { feeStatementRoutes } from './fees-statements';
import { feeVietQrRoutes } from './fees-vietqr';

/** The fee route modules, one per topic; each mirrors its contract module in src/api/fees/. */
const FEE_ROUTE_MODULES: readonly ((route: Register, deps: FeeRouteDeps) => void)[] = [
  feeApprovalRoutes,
  feePaymentRoutes,
  feeVietQrRoutes,
  feeRuleRoutes,
  feeStatementRoutes,
  feeReportRoutes,
  feeBankAccountRoutes,
];

/**
 * Fee routes; the gateway and limits come from the environment unless given (tests). With a
 * gateway and a settling interval, the settling run starts here; `onClose` gets its stop.
 */
export function feeRoutes(
  route: Register,
  ctx: ServerContext,
  config: FeesConfig = feesConfigFromEnv(process.env),
  onClose?: (stop: () => Promise<void>) => void,
  log?: FastifyBaseLogger,
): { scheduler: SettleScheduler | null } {
  const scheduler =
    config.gateway && config.settleEveryMs > 0 && log
      ? startSettleScheduler({
          db: ctx.db,
          log,
          gateway: config.gateway,
          settleWithinMs: config.settleWithinMs,
          everyMs: config.settleEveryMs,
          now: ctx.now,
        })
      : null;
  if (scheduler) onClose?.(() => scheduler.stop());
  for (const register of FEE_ROUTE_MODULES) register(route, { ctx, config, scheduler });
  return { scheduler };
}
