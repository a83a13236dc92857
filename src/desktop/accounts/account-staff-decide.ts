import { randomUUID } from 'node:crypto';
import type { PushMutationBody } from '../../api/push';
import type { AccountDecision } from '../../domain/accounts/account-request';
import type { ServiceContext } from '../service-context';
import { sendSoon, settled } from '../transfers/dossier-actions';
import { isQueued } from '../transfers/transfer-model';
import type { AccountModel } from './account-model';

export interface DecisionOutcome {
  id: string;
  outboxId: string | null;
  messageVi: string | null;
}

/** Tells the UI that the outbox and the requests it overlays changed. */
export function announceAccounts(ctx: ServiceContext, m: AccountModel): void {
  const counts = m.base.outbox.counts();
  ctx.emit({
    type: 'outbox-changed',
    outboxCount: counts.total,
    outboxNeedsAttention: counts.needsAttention,
  });
  ctx.emit({ type: 'accounts-changed' });
}

/** The machine's answer on the optimistic state, and the rev to queue the decision on. */
function check(
  m: AccountModel,
  id: string,
  decision: AccountDecision,
  now: Date,
): { baseRev: number } | { messageVi: string } {
  const cached = m.load(id);
  if (!cached) return { messageVi: 'Không tìm thấy yêu cầu tài khoản.' };
  const queued = m.queuedOf(id);
  if (queued.some((i) => !isQueued(i)))
    return {
      messageVi:
        'Có thao tác chưa được máy chủ chấp nhận. Hãy xem thông báo, bỏ thao tác đó rồi thực hiện lại.',
    };
  const outcome = m.apply(m.overlay(cached, queued), decision, now);
  if (!outcome.ok) return { messageVi: outcome.messageVi };
  // A chain shares its first entry's base, rebased as each applies.
  return { baseRev: queued[0]?.baseRev ?? cached.rev };
}

/**
 * "Duyệt" / "Từ chối" on one or many: each request is checked on its own and queued as its own
 * outbox entry, so one already decided by another secretary does not hold back the others.
 */
export async function decideAccountRequests(
  ctx: ServiceContext,
  m: AccountModel,
  input: { ids: string[]; decision: 'approve' | 'refuse'; reason?: string | undefined },
  now: Date,
): Promise<{ items: DecisionOutcome[] }> {
  await settled(ctx);
  const decision: AccountDecision =
    input.decision === 'approve'
      ? { type: 'approve' }
      : { type: 'refuse', reason: input.reason ?? '' };
  const items = ctx.handle.transaction(() =>
    [...new Set(input.ids)].map((id): DecisionOutcome => {
      const checked = check(m, id, decision, now);
      if ('messageVi' in checked) return { id, outboxId: null, messageVi: checked.messageVi };
      const outboxId = randomUUID();
      const mutation: Extract<PushMutationBody, { entity: 'accountRequest' }> = {
        entity: 'accountRequest',
        entityId: id,
        baseRev: checked.baseRev,
        action: decision,
      };
      m.base.outbox.enqueue({ id: outboxId, mutation, now });
      return { id, outboxId, messageVi: null };
    }),
  )();
  if (items.some((i) => i.outboxId !== null)) {
    announceAccounts(ctx, m);
    sendSoon(ctx);
  }
  return { items };
}
