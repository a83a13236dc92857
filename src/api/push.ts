import { z } from 'zod';
import { Id } from '../domain/common/schemas';
import { Amount, FeeMonth } from '../domain/fees/money';
import { TransferAction } from '../domain/procedures/transfer-dossier';
import { ResidenceFormMutation, ResidenceRequestMutation } from './residence';
import { AccountRequestMutation } from './accounts';
import type { RouteSpec } from './routes';
import { CELL_FEE_ROLES, RESIDENCE_FORM_ROLES, RESIDENCE_LIST_ROLES, type Access } from './access';

/** One outbox entry: an action on a dossier, based on the dossier's rev the user saw. */
export const DossierMutation = z.object({
  /** Made by the client once; the server applies a given id at most once. */
  id: z.uuid(),
  entity: z.literal('dossier'),
  entityId: Id,
  /** The dossier's rev the action was decided on: a later rev on the server is a conflict. */
  baseRev: z.number().int().nonnegative(),
  action: TransferAction,
});

/** A cell's monthly fee approval made offline ("Phê duyệt đảng phí"), as POST approvals takes it. */
export const FeeApprovalAction = z
  .object({
    type: z.literal('approve'),
    month: FeeMonth,
    all: z.boolean().default(false),
    items: z
      .array(
        z.object({
          memberId: Id,
          amount: Amount().optional(),
          reason: z.string().trim().min(3).max(500).optional(),
        }),
      )
      .max(5000)
      .default([]),
  })
  .refine((a) => a.all || a.items.length > 0, { message: 'approve all or list members' });

export const FeeApprovalMutation = z.object({
  id: z.uuid(),
  entity: z.literal('feeApproval'),
  /** The cell. */
  entityId: Id,
  /** Approvals are not versioned: 0; a month approved meanwhile by someone else is a conflict. */
  baseRev: z.number().int().min(0).max(0),
  action: FeeApprovalAction,
});

export type DossierMutation = z.infer<typeof DossierMutation>;
export type FeeApprovalMutation = z.infer<typeof FeeApprovalMutation>;
/** A dossier mutation without its id (the outbox's dossier entries). */
export type DossierMutationBody = Omit<DossierMutation, 'id'>;

export const PushMutation = z.discriminatedUnion('entity', [
  DossierMutation,
  FeeApprovalMutation,
  ResidenceRequestMutation,
  ResidenceFormMutation,
  AccountRequestMutation,
]);
export type PushMutation = z.infer<typeof PushMutation>;
/** A mutation without its id, as the client's outbox stores it (distributes over unions). */
export type PushMutationBody = PushMutation extends infer M
  ? M extends PushMutation
    ? Omit<M, 'id'>
    : never
  : never;

/**
 * Who may push each mutation type, as data like the routes' access: checked per mutation before
 * it is applied (a refusal is the result 'forbidden'); the matrix test covers every type.
 */
export const pushMutationAccess = {
  dossier: { roles: 'any', scope: 'dossier', param: 'entityId' },
  feeApproval: { roles: CELL_FEE_ROLES, scope: 'org-subtree', param: 'entityId' },
  residenceRequest: { roles: RESIDENCE_LIST_ROLES, scope: 'residence', param: 'entityId' },
  residenceForm: { roles: RESIDENCE_FORM_ROLES, scope: 'residence', param: 'entityId' },
  // A member files about himself; the deciding org's approver or admin decides (account-request).
  accountRequest: { roles: 'any', scope: 'account-request', param: 'entityId' },
} as const satisfies Record<PushMutation['entity'], Access>;

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
  /** The object's rev after the mutation (applied) or as the server has it (conflict); null for fee approvals. */
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
    access: { roles: 'any', scope: 'push' },
  },
} as const satisfies Record<string, RouteSpec>;
