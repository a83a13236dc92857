import { z } from 'zod';
import { Id } from '../domain/common/schemas';
import { TransferAction } from '../domain/procedures/transfer-dossier';
import type { RouteSpec } from './routes';

/** One outbox entry: an action on a dossier, based on the dossier's rev the user saw. */
export const PushMutation = z.object({
  /** Made by the client once; the server applies a given id at most once. */
  id: z.uuid(),
  entity: z.literal('dossier'),
  entityId: Id,
  /** The dossier's rev the action was decided on: a later rev on the server is a conflict. */
  baseRev: z.number().int().nonnegative(),
  action: TransferAction,
});
export type PushMutation = z.infer<typeof PushMutation>;
/** A mutation without its id, as the client's outbox stores it (distributes over unions). */
export type PushMutationBody = PushMutation extends infer M
  ? M extends PushMutation
    ? Omit<M, 'id'>
    : never
  : never;

export const PUSH_MAX_MUTATIONS = 500;

export const PushRequest = z.object({
  mutations: z.array(PushMutation).min(1).max(PUSH_MAX_MUTATIONS),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const PushStatus = z.enum(['applied', 'conflict', 'forbidden', 'invalid']);
export type PushStatus = z.infer<typeof PushStatus>;

export const PushResult = z.object({
  id: z.uuid(),
  status: PushStatus,
  /** The dossier's rev after the mutation (applied) or as the server has it (conflict). */
  rev: z.number().int().nonnegative().nullable(),
  /** Stable reason code for the app to branch on (the state machine's codes, 'stale', …). */
  code: z.string().nullable(),
  message: z.string(),
  messageVi: z.string(),
});
export type PushResult = z.infer<typeof PushResult>;

export const PushResponse = z.object({ results: z.array(PushResult) });
export type PushResponse = z.infer<typeof PushResponse>;

export const pushRoutes = {
  push: {
    method: 'POST',
    path: '/v1/sync/push',
    summary: 'Apply the client’s outbox in order, each mutation exactly once',
    tag: 'sync',
    auth: true,
    body: PushRequest,
    status: 200,
    response: PushResponse,
    errors: [400, 401, 413, 415],
  },
} as const satisfies Record<string, RouteSpec>;
