import { randomUUID } from 'node:crypto';
import type { TransferAction } from '../../domain/procedures';
import { fail, type ServiceContext } from '../service-context';
import { isQueued, type TransferModel } from './transfer-model';

/** Tells the UI that the outbox and the dossiers it overlays changed. */
export function announceOutbox(ctx: ServiceContext, model: TransferModel): void {
  const counts = model.outbox.counts();
  ctx.emit({
    type: 'outbox-changed',
    outboxCount: counts.total,
    outboxNeedsAttention: counts.needsAttention,
  });
  ctx.emit({ type: 'dossiers-changed' });
}

/** The background send of each service, so the next action waits for its outcome. */
const sending = new WeakMap<ServiceContext, Promise<void>>();

/**
 * Online with a server session: sends the outbox now, then pulls so the cache shows what the
 * server made of it. Never fails the caller: what is not sent stays queued for the next sync.
 */
export function sendSoon(ctx: ServiceContext): void {
  const user = ctx.session.current?.user;
  if (!user || !ctx.isOnline()) return;
  const previous = sending.get(ctx) ?? Promise.resolve();
  const run = previous.then(async () => {
    const pushed = await ctx.engine.push();
    if (pushed.applied > 0) await ctx.engine.sync({ userId: user.id, serverUrl: ctx.serverUrl });
  });
  sending.set(
    ctx,
    run.catch((err: unknown) => {
      console.warn('background push failed; the outbox keeps the actions', err);
    }),
  );
}

/**
 * Waits for the background send of an earlier action: once an entry is applied it leaves the
 * outbox, and a new action must rest on the rev the pull then brings, not on the one before.
 */
export async function settled(ctx: ServiceContext): Promise<void> {
  await sending.get(ctx);
}

/**
 * Refuses an action the machine refuses on the optimistic state (with its code and Vietnamese
 * message); otherwise returns what it would make of it. A dossier with a refused entry waits for
 * the user to discard it first: anything queued after it would be refused as well.
 */
export function decide(model: TransferModel, dossierId: string, action: TransferAction, now: Date) {
  const cached = model.require(dossierId);
  const queued = model.queuedFor(dossierId);
  if (queued.some((i) => !isQueued(i)))
    fail(
      'needs_attention',
      `dossier ${dossierId} has an outbox entry the server refused`,
      'Hồ sơ có thao tác chưa được máy chủ chấp nhận. Hãy xem thông báo, bỏ thao tác đó rồi thực hiện lại.',
    );
  const shown = model.overlay(cached, queued);
  const outcome = model.apply(shown, action, now);
  if (!outcome.ok) return fail(outcome.code, outcome.message, outcome.messageVi);
  // Queued on top of earlier entries, it shares their base: the outbox rebases the chain on the
  // rev the server gives each applied entry (src/sync/repositories/outbox.ts).
  const baseRev = queued[0]?.baseRev ?? cached.rev;
  return { cached, shown, outcome, baseRev };
}

/** Queues a decided action in the outbox and tells the UI; the caller may send it. */
export function enqueue(
  model: TransferModel,
  dossierId: string,
  action: TransferAction,
  baseRev: number,
  now: Date,
): string {
  const id = randomUUID();
  model.outbox.enqueue({
    id,
    mutation: { entity: 'dossier', entityId: dossierId, baseRev, action },
    now,
  });
  return id;
}

/** check / forward / return / reject: validated by the machine, queued, sent when online. */
export async function queueAction(
  ctx: ServiceContext,
  model: TransferModel,
  dossierId: string,
  action: TransferAction,
  now: Date,
): Promise<{ outboxId: string }> {
  await settled(ctx);
  const { baseRev } = decide(model, dossierId, action, now);
  const outboxId = enqueue(model, dossierId, action, baseRev, now);
  announceOutbox(ctx, model);
  sendSoon(ctx);
  return { outboxId };
}

/**
 * Drops an entry the server has not applied, and the entries of the same dossier queued after it
 * (they were decided on top of it). An entry being sent cannot be dropped.
 */
export function discardEntry(ctx: ServiceContext, model: TransferModel, id: string): void {
  const item = model.outbox.get(id);
  if (!item)
    return fail('not_found', `outbox entry ${id} not found`, 'Không tìm thấy thao tác chờ gửi.');
  if (item.status === 'sending')
    return fail(
      'outbox_sending',
      `outbox entry ${id} is being sent`,
      'Thao tác đang được gửi lên máy chủ, không thể bỏ. Hãy chờ kết quả.',
    );
  const later =
    item.entityId === null
      ? []
      : model.outbox
          .forEntity(item.entityId)
          .filter((i) => i.kind === item.kind && i.seq > item.seq && i.status !== 'sending');
  if (!model.outbox.discard(id))
    return fail(
      'outbox_sending',
      `outbox entry ${id} could not be discarded`,
      'Thao tác đang được gửi lên máy chủ, không thể bỏ. Hãy chờ kết quả.',
    );
  for (const i of later) model.outbox.discard(i.id);
  announceOutbox(ctx, model);
}
