import { randomUUID } from 'node:crypto';
import type { PushMutationBody } from '../../api/push';
import type { ResidenceFormAction } from '../../domain/procedures/residence-form';
import {
  createResidenceRequest,
  validateItems,
  type ResidenceRequestItem,
  type ResidenceRequestKind,
} from '../../domain/procedures/residence-request';
import { fail, type ServiceContext } from '../service-context';
import { sendSoon, settled } from '../transfers/dossier-actions';
import { isQueued } from '../transfers/transfer-model';
import type { RequestStep, ResidenceModel } from './residence-model';

/** Tells the UI that the outbox and the lists and forms it overlays changed. */
export function announceResidence(ctx: ServiceContext, model: ResidenceModel): void {
  const counts = model.base.outbox.counts();
  ctx.emit({
    type: 'outbox-changed',
    outboxCount: counts.total,
    outboxNeedsAttention: counts.needsAttention,
  });
  ctx.emit({ type: 'residence-changed' });
}

const blockedByRefusal = (what: string, id: string): never =>
  fail(
    'needs_attention',
    `${what} ${id} has an outbox entry the server refused`,
    'Có thao tác chưa được máy chủ chấp nhận. Hãy xem thông báo, bỏ thao tác đó rồi thực hiện lại.',
  );

/**
 * Refuses a list step the machine refuses on the optimistic state; otherwise what it makes of it
 * and the rev to queue it on (a chain shares its first entry's base, rebased as each applies).
 */
export function decideRequest(model: ResidenceModel, id: string, action: RequestStep, now: Date) {
  const cached = model.requireRequest(id);
  const queued = model.queuedRequest(id);
  if (queued.some((i) => !isQueued(i))) blockedByRefusal('list', id);
  const shown = model.overlayRequest(cached, queued);
  const outcome = model.applyRequest(shown, action, now);
  if (!outcome.ok) return fail(outcome.code, outcome.message, outcome.messageVi);
  return { cached, shown, outcome, baseRev: queued[0]?.baseRev ?? cached.rev };
}

export function decideForm(
  model: ResidenceModel,
  id: string,
  action: ResidenceFormAction,
  now: Date,
) {
  const cached = model.requireForm(id);
  const queued = model.queuedForm(id);
  if (queued.some((i) => !isQueued(i))) blockedByRefusal('form', id);
  const shown = model.overlayForm(cached, queued);
  const outcome = model.applyForm(shown, action, now);
  if (!outcome.ok) return fail(outcome.code, outcome.message, outcome.messageVi);
  return { cached, shown, outcome, baseRev: queued[0]?.baseRev ?? cached.rev };
}

/** Queues a decided step; the caller announces it and may send it. */
export function enqueueStep(
  model: ResidenceModel,
  mutation: Extract<PushMutationBody, { entity: 'residenceRequest' | 'residenceForm' }>,
  now: Date,
): string {
  const id = randomUUID();
  model.base.outbox.enqueue({ id, mutation, now });
  return id;
}

const requestMutation = (entityId: string, baseRev: number, action: RequestStep) =>
  ({ entity: 'residenceRequest', entityId, baseRev, action }) as Extract<
    PushMutationBody,
    { entity: 'residenceRequest' }
  >;
const formMutation = (entityId: string, baseRev: number, action: ResidenceFormAction) =>
  ({ entity: 'residenceForm', entityId, baseRev, action }) as Extract<
    PushMutationBody,
    { entity: 'residenceForm' }
  >;

/** Queues a decided list step (signed steps included, once the wire carries them). */
export function enqueueRequestStep(
  model: ResidenceModel,
  id: string,
  action: RequestStep,
  baseRev: number,
  now: Date,
): string {
  return enqueueStep(model, requestMutation(id, baseRev, action), now);
}

export function enqueueFormStep(
  model: ResidenceModel,
  id: string,
  action: ResidenceFormAction,
  baseRev: number,
  now: Date,
): string {
  return enqueueStep(model, formMutation(id, baseRev, action), now);
}

/** One list step: decided by the machine, queued, sent when online. */
export async function queueRequestStep(
  ctx: ServiceContext,
  model: ResidenceModel,
  id: string,
  action: RequestStep,
  now: Date,
): Promise<{ outboxId: string }> {
  await settled(ctx);
  const { baseRev } = decideRequest(model, id, action, now);
  const outboxId = enqueueRequestStep(model, id, action, baseRev, now);
  announceResidence(ctx, model);
  sendSoon(ctx);
  return { outboxId };
}

export async function queueFormStep(
  ctx: ServiceContext,
  model: ResidenceModel,
  id: string,
  action: ResidenceFormAction,
  now: Date,
): Promise<{ outboxId: string }> {
  await settled(ctx);
  const { baseRev } = decideForm(model, id, action, now);
  const outboxId = enqueueFormStep(model, id, action, baseRev, now);
  announceResidence(ctx, model);
  sendSoon(ctx);
  return { outboxId };
}

/**
 * Many forms at once ("Duyệt tất cả"): every form is decided first, and nothing is queued when
 * one is refused, so the committee never ends with half its selection approved.
 */
export async function queueFormsStep(
  ctx: ServiceContext,
  model: ResidenceModel,
  ids: readonly string[],
  action: ResidenceFormAction,
  now: Date,
): Promise<{ outboxIds: string[] }> {
  await settled(ctx);
  const unique = [...new Set(ids)];
  const decided = unique.map((id) => ({ id, ...decideForm(model, id, action, now) }));
  const outboxIds = ctx.handle.transaction(() =>
    decided.map((d) => enqueueFormStep(model, d.id, action, d.baseRev, now)),
  )();
  announceResidence(ctx, model);
  sendSoon(ctx);
  return { outboxIds };
}

/** "Lập danh sách": the machine's own rules, then the list queued as its `create` on rev 0. */
export async function createList(
  ctx: ServiceContext,
  model: ResidenceModel,
  input: {
    campaignYear: number;
    workplaceOrgId: string;
    kind: ResidenceRequestKind;
    items: ResidenceRequestItem[];
  },
  now: Date,
): Promise<{ outboxId: string; requestId: string }> {
  const bad = validateItems(input.kind, input.items, now.toISOString().slice(0, 10));
  if (bad) return fail(bad.code, bad.message, bad.messageVi);
  const requestId = randomUUID();
  const outcome = createResidenceRequest(
    { id: requestId, ...input },
    model.actorAt(input.workplaceOrgId),
    { now: now.toISOString() },
  );
  if (!outcome.ok) return fail(outcome.code, outcome.message, outcome.messageVi);
  const outboxId = enqueueRequestStep(model, requestId, { type: 'create', ...input }, 0, now);
  announceResidence(ctx, model);
  sendSoon(ctx);
  return { outboxId, requestId };
}

/**
 * A form step carrying a picked file (paper scan, report): decided first, then the file kept for
 * upload and the step queued in one transaction, so a refused step leaves no file behind.
 */
export async function queueFormStepWithFile(
  ctx: ServiceContext,
  model: ResidenceModel,
  id: string,
  action: ResidenceFormAction,
  keep: () => void,
  now: Date,
): Promise<{ outboxId: string }> {
  await settled(ctx);
  const { baseRev } = decideForm(model, id, action, now);
  const outboxId = ctx.handle.transaction(() => {
    keep();
    return enqueueFormStep(model, id, action, baseRev, now);
  })();
  announceResidence(ctx, model);
  sendSoon(ctx);
  return { outboxId };
}
