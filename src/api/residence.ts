import { z } from 'zod';
import { Id, IsoDate } from '../domain/common/schemas';
import { ResidenceForm, ResidenceFormAction } from '../domain/procedures/residence-form';
import {
  MAX_REQUEST_ITEMS,
  ResidenceRequest,
  ResidenceRequestAction,
  ResidenceRequestItem,
  ResidenceRequestKind,
} from '../domain/procedures/residence-request';

/**
 * Residence comments over push (Quy định 213-QĐ/TW): every step is an outbox action, so lists and
 * forms are prepared offline like dossiers and applied by the server exactly once.
 *
 * A signed step (sign_and_approve, sign_and_send) names the signed PDF the desktop uploaded first;
 * the server rebuilds the unsigned list or form from its own data and accepts the upload only as
 * exactly that document plus one signature of the actor (docs/decisions/0028).
 */
/** "Lập danh sách": the list is made by its first mutation, on base rev 0. */
export const CreateResidenceRequestAction = z.object({
  type: z.literal('create'),
  campaignYear: z.number().int().min(2020).max(2100),
  workplaceOrgId: Id,
  kind: ResidenceRequestKind,
  items: z.array(ResidenceRequestItem).min(1).max(MAX_REQUEST_ITEMS),
});

export const ResidenceRequestWireAction = z.discriminatedUnion('type', [
  CreateResidenceRequestAction,
  ...ResidenceRequestAction.options,
]);
export type ResidenceRequestWireAction = z.infer<typeof ResidenceRequestWireAction>;

export const ResidenceFormWireAction = ResidenceFormAction;
export type ResidenceFormWireAction = z.infer<typeof ResidenceFormWireAction>;

export const ResidenceRequestMutation = z.object({
  id: z.uuid(),
  entity: z.literal('residenceRequest'),
  /** The list's id, made by the client when it creates the list. */
  entityId: Id,
  /** The list's rev the action was decided on; 0 to create it. */
  baseRev: z.number().int().nonnegative(),
  action: ResidenceRequestWireAction,
});
export type ResidenceRequestMutation = z.infer<typeof ResidenceRequestMutation>;

export const ResidenceFormMutation = z.object({
  id: z.uuid(),
  entity: z.literal('residenceForm'),
  entityId: Id,
  baseRev: z.number().int().positive(),
  action: ResidenceFormWireAction,
});
export type ResidenceFormMutation = z.infer<typeof ResidenceFormMutation>;

/** One line of a list's or form's trail, as pull sends it. */
export const ResidenceEventWire = z.object({
  type: z.string(),
  actorName: z.string(),
  at: z.string(),
  reason: z.string().nullable(),
  signedPdfSha256: z.string().nullable(),
});
export type ResidenceEventWire = z.infer<typeof ResidenceEventWire>;

/** Who a form or a list item is about, and the orgs' names: the residence side caches neither. */
const Names = {
  updatedAt: z.string(),
  history: z.array(ResidenceEventWire),
  orgNames: z.record(Id, z.string()),
  memberNames: z.record(Id, z.string()),
  /**
   * The members' birth dates, which the list and form PDFs print: the signer's cache may not hold
   * the member (a workplace outside the ward), and the server rebuilds the PDF with its own.
   */
  memberBirthDates: z.record(Id, z.string().nullable()).default({}),
};

/** A list as pull sends it to its workplace's staff. */
export const ResidenceRequestWire = ResidenceRequest.extend(Names);
export type ResidenceRequestWire = z.infer<typeof ResidenceRequestWire>;

/** A form as pull sends it to the workplace, the residence cell, the committee and the member. */
export const ResidenceFormWire = ResidenceForm.extend({
  ...Names,
  /**
   * The due date of the committee's campaign for the form's year: null when none is set (and in
   * forms cached before the field existed).
   */
  dueOn: IsoDate.nullable().default(null),
});
export type ResidenceFormWire = z.infer<typeof ResidenceFormWire>;
