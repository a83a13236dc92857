import { pushRoutes } from '../../src/api/push';
import type { Register } from '../http/register-route';
import { feesConfigFromEnv } from '../payments/config';
import { applyFeeApproval } from '../repositories/fees-approvals-apply';
import { applyMutation, type TransferDeps } from '../repositories/transfers-apply';

/** POST /v1/sync/push: the outbox in order, each mutation in its own transaction, exactly once. */
export function pushRoutesOf(route: Register, deps: TransferDeps): void {
  const ceiling = feesConfigFromEnv(process.env).amountCeiling;
  route(pushRoutes.push, async ({ body, caller }) => {
    const results = [];
    // In order: a later mutation may depend on an earlier one of the same outbox.
    for (const mutation of body.mutations)
      results.push(
        mutation.entity === 'feeApproval'
          ? await applyFeeApproval(deps.db, deps.now, caller, mutation, ceiling)
          : await applyMutation(deps, caller, mutation),
      );
    return { results };
  });
}
