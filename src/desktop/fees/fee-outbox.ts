import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { PushMutationBody } from '../../api/push';
import type { SqliteHandle } from '../../db/sqlite';
import { outboxRepo } from '../../sync/repositories/outbox';

// Approvals made offline wait in the outbox as 'feeApproval' mutations (DESIGN.md, sync push)
// and go with the next push; the approval sheet shows them as pending until then.

export interface ApprovalRequest {
  cellId: string;
  month: string;
  all: boolean;
  items: { memberId: string; amount?: number | undefined; reason?: string | undefined }[];
}

/** What the sheet needs of a queued approval; read loosely so an older entry never breaks it. */
const QueuedApproval = z.object({
  entity: z.literal('feeApproval'),
  action: z.object({
    month: z.string(),
    all: z.boolean().default(false),
    items: z
      .array(
        z.object({
          memberId: z.string(),
          amount: z.number().int().nullish(),
          reason: z.string().nullish(),
        }),
      )
      .default([]),
  }),
});

export interface PendingApprovals {
  /** The outbox id of a queued "approve all", or null. */
  all: string | null;
  items: Map<string, { outboxId: string; amount: number | null; reason: string | null }>;
}

/** The push mutation of an approval; the cell is its entity (one cell's approvals go in order). */
const approvalMutation = (r: ApprovalRequest): PushMutationBody => ({
  entity: 'feeApproval',
  entityId: r.cellId,
  baseRev: 0,
  action: { type: 'approve', month: r.month, all: r.all, items: r.items },
});

export function feeApprovalOutbox(handle: SqliteHandle) {
  const repo = outboxRepo(handle);
  return {
    enqueue(request: ApprovalRequest): string {
      const id = randomUUID();
      repo.enqueue({ id, mutation: approvalMutation(request) });
      return id;
    },
    counts() {
      const c = repo.counts();
      return { outboxCount: c.total, outboxNeedsAttention: c.needsAttention };
    },
    /** The approvals of a cell's month still in the outbox, later ones over earlier ones. */
    pendingFor(cellId: string, month: string): PendingApprovals {
      const pending: PendingApprovals = { all: null, items: new Map() };
      for (const entry of repo.forEntity(cellId)) {
        const parsed = QueuedApproval.safeParse(entry.mutation);
        const action = parsed.success ? parsed.data.action : null;
        if (!action || action.month !== month) continue;
        if (action.all) pending.all = entry.id;
        for (const item of action.items)
          pending.items.set(item.memberId, {
            outboxId: entry.id,
            amount: item.amount ?? null,
            reason: item.reason ?? null,
          });
      }
      return pending;
    },
  };
}
