import { z } from 'zod';
import { Id } from '../domain/common/schemas';
import {
  Attachment,
  TransferDossier,
  TransferEvent,
  TransferForm,
} from '../domain/procedures/transfer-dossier';
import { TransferVariant } from '../domain/procedures/transfer-route';

/**
 * A member submits a transfer form, or staff of his cell file it on his behalf (`forMemberId`);
 * `id` is made by the client so a retry creates nothing new.
 */
export const SubmitTransferRequest = z.object({
  id: Id,
  variant: TransferVariant,
  form: TransferForm,
  attachments: z.array(Attachment).max(20),
  /** The member filed for; absent when the caller files his own. */
  forMemberId: Id.optional(),
});
export type SubmitTransferRequest = z.infer<typeof SubmitTransferRequest>;

/**
 * Who a dossier is about, as pull sends it with the dossier: a receiving org's cache holds no
 * members of the sending side, yet it must see whom it receives (and may have to name them in a
 * new letter).
 */
export const DossierMember = z.object({
  fullName: z.string(),
  birthDate: z.string(),
  citizenId: z.string(),
  cardNo: z.string().nullable(),
  profileNo: z.string().nullable(),
  joinedOn: z.string().nullable(),
  officialOn: z.string().nullable(),
});
export type DossierMember = z.infer<typeof DossierMember>;

/** A dossier as the server holds it: the machine's state, where it is, its trail. */
export const DossierWire = TransferDossier.extend({
  currentOrgId: Id,
  updatedAt: z.string(),
  history: z.array(TransferEvent),
  /**
   * Names of the route's orgs by id, as pull sends them: a client caches only its scope's orgs,
   * yet the route and the introduction letter name every org the dossier passes.
   */
  orgNames: z.record(Id, z.string()).optional(),
  member: DossierMember.optional(),
});
export type DossierWire = z.infer<typeof DossierWire>;

/** What the API answers: the wire shape, its rev, and the overdue flag as of the server's today. */
export const DossierView = DossierWire.extend({
  rev: z.number().int().positive(),
  overdue: z.boolean(),
});
export type DossierView = z.infer<typeof DossierView>;

export const TransferIdParams = z.object({ id: Id });
export const MyTransfersResponse = z.object({ items: z.array(DossierView) });
export type MyTransfersResponse = z.infer<typeof MyTransfersResponse>;

/** "Nơi chuyển đến": a cell of the whole tree (the tree is published), found by name or code. */
export const TransferDestinationQuery = z.object({ q: z.string().trim().min(1).max(100) });
export const TransferDestination = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  /** The org above the cell: many cells share a name ("Chi bộ Tổ dân phố số 1"). */
  parentName: z.string().nullable(),
});
export type TransferDestination = z.infer<typeof TransferDestination>;
export const TransferDestinationsResponse = z.object({ items: z.array(TransferDestination) });

export const transferRoutes = {
  submitTransfer: {
    method: 'POST',
    path: '/v1/transfers',
    summary:
      'A member submits a transfer of party activity, or a processor or approver of his cell files it on his behalf (attachments uploaded first as blobs)',
    tag: 'transfers',
    auth: true,
    body: SubmitTransferRequest,
    status: 201,
    response: DossierView,
    errors: [400, 401, 403, 404, 409, 413, 415],
    access: { roles: ['member', 'processor', 'approver'], scope: 'filing' },
  },
  transferDestinations: {
    method: 'GET',
    path: '/v1/transfers/destinations',
    summary: 'Active cells of the whole tree by name or code, for the destination of a transfer',
    tag: 'transfers',
    auth: true,
    querystring: TransferDestinationQuery,
    status: 200,
    response: TransferDestinationsResponse,
    errors: [400, 401, 403],
    access: { roles: 'any', scope: 'shared' },
  },
  myTransfers: {
    method: 'GET',
    path: '/v1/me/transfers',
    summary: 'The signed-in member’s transfer dossiers, newest first',
    tag: 'transfers',
    auth: true,
    status: 200,
    response: MyTransfersResponse,
    errors: [401, 403],
    access: { roles: ['member'], scope: 'self' },
  },
  getTransfer: {
    method: 'GET',
    path: '/v1/transfers/:id',
    summary: 'One dossier with its status and history (its member, or staff on its route)',
    tag: 'transfers',
    auth: true,
    params: TransferIdParams,
    status: 200,
    response: DossierView,
    errors: [400, 401, 404],
    access: { roles: 'any', scope: 'dossier', param: 'id' },
  },
} as const;
// Not `satisfies RouteSpec`: routes.ts → sync.ts → this file would make a cycle; the server's
// registrar checks the shape where the routes are registered.
