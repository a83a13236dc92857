import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context';
import { routeRegistrar, type Authenticate, type Register } from '../http/register-route';
import { feesConfigFromEnv, type FeesConfig } from '../payments/config';
import { startSettleScheduler } from '../payments/scheduler';
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
 * The fee routes, each topic a Fastify plugin of its own. The gateway and limits come from the
 * environment unless given (tests). With a gateway and a settling interval, the settling run
 * starts here and stops when the server closes.
 */
export async function feeRoutesPlugin(
  app: FastifyInstance,
  authenticate: Authenticate,
  ctx: ServerContext,
  config: FeesConfig = feesConfigFromEnv(process.env),
): Promise<void> {
  const scheduler =
    config.gateway && config.settleEveryMs > 0
      ? startSettleScheduler({
          db: ctx.db,
          log: app.log,
          gateway: config.gateway,
          settleWithinMs: config.settleWithinMs,
          everyMs: config.settleEveryMs,
          now: ctx.now,
        })
      : null;
  if (scheduler) app.addHook('onClose', () => scheduler.stop());
  const deps: FeeRouteDeps = { ctx, config, scheduler };
  for (const routes of FEE_ROUTE_MODULES)
    await app.register(async (topic) => routes(routeRegistrar(topic, authenticate), deps));
}
