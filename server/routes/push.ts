import { rolesAllow } from '../../src/api/access';
import {
  pushMutationAccess,
  pushRoutes,
  type PushMutation,
  type PushResult,
} from '../../src/api/push';
import type { Caller } from '../auth/caller';
import type { Register } from '../http/register-route';
import { amountCeilingFromEnv } from '../payments/config';
import { applyAccountMutation } from '../repositories/accounts-apply';
import { applyFeeApproval } from '../repositories/fees-approvals-apply';
import { applyResidenceMutation } from '../repositories/residence-apply';
import { applyMutation, type TransferDeps } from '../repositories/transfers-apply';

/**
 * The roles check of a mutation type's declared access (src/api/push.ts). Its object (the dossier,
 * the cell) is checked where the mutation is applied, inside its exactly-once transaction.
 */
function refusedByRole(caller: Caller, m: PushMutation): PushResult | null {
  const { roles } = pushMutationAccess[m.entity];
  if (
    rolesAllow(
      roles,
      caller.scope.grants.map((g) => g.role),
    )
  )
    return null;
  return {
    id: m.id,
    status: 'forbidden',
    rev: null,
    code: 'role_not_allowed',
    message: `${m.entity} mutations need one of the roles ${roles === 'any' ? 'any' : roles.join(', ')}`,
    messageVi: 'Vai trò của bạn không được thực hiện thao tác này.',
  };
}

/** POST /v1/sync/push: the outbox in order, each mutation in its own transaction, exactly once. */
export function pushRoutesOf(route: Register, deps: TransferDeps): void {
  const ceiling = amountCeilingFromEnv(process.env);
  route(pushRoutes.push, async ({ body, caller }) => {
    const results = [];
    // In order: a later mutation may depend on an earlier one of the same outbox.
    for (const mutation of body.mutations)
      results.push(
        refusedByRole(caller, mutation) ?? (await applyOne(deps, caller, mutation, ceiling)),
      );
    return { results };
  });
}

async function applyOne(
  deps: TransferDeps,
  caller: Caller,
  mutation: PushMutation,
  ceiling: ReturnType<typeof amountCeilingFromEnv>,
): Promise<PushResult> {
  switch (mutation.entity) {
    case 'dossier':
      return applyMutation(deps, caller, mutation);
    case 'feeApproval':
      return applyFeeApproval(deps.db, deps.now, caller, mutation, ceiling);
    case 'residenceRequest':
    case 'residenceForm':
      return applyResidenceMutation(deps, caller, mutation);
    case 'accountRequest':
      return applyAccountMutation(deps, caller, mutation);
  }
}
