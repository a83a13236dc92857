import { z } from 'zod';
import { Id, IsoDate, NonBlankText } from '../common/schemas';
import { Role } from '../people/user';
import { TransferRoute, TransferVariant } from './transfer-route';

/** Where a dossier stands, with the status names of the user guide. */
export const TransferStatus = z.enum([
  'pending_check',
  'checked',
  'returned',
  'rejected',
  'completed',
]);
export type TransferStatus = z.infer<typeof TransferStatus>;
export const transferStatusLabelVi = {
  pending_check: 'Chờ kiểm tra',
  checked: 'Đã kiểm tra, chờ duyệt',
  returned: 'Trả lại đảng viên',
  rejected: 'Từ chối',
  completed: 'Hoàn thành',
} as const satisfies Record<TransferStatus, string>;

export const FINAL_STATUSES: readonly TransferStatus[] = ['rejected', 'completed'];

export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256');

/** Attachments are PDFs or images (the national system accepts scans). */
export const AttachmentContentType = z.enum(['application/pdf', 'image/png', 'image/jpeg']);
export type AttachmentContentType = z.infer<typeof AttachmentContentType>;

export const Attachment = z.object({
  sha256: Sha256Hex,
  fileName: NonBlankText(255),
  contentType: AttachmentContentType,
  size: z.number().int().positive(),
});
export type Attachment = z.infer<typeof Attachment>;

export const TemporaryStay = z.object({
  startOn: IsoDate,
  endOn: IsoDate,
  /** Full-time study in Vietnam allows up to 2 years instead of under 1. */
  fullTimeStudy: z.boolean(),
});
export type TemporaryStay = z.infer<typeof TemporaryStay>;

/** The member's transfer form (phiếu chuyển sinh hoạt đảng). */
export const TransferForm = z.object({
  destinationOrgId: Id,
  reason: NonBlankText(1000),
  /** When the member moved (or will move): an official transfer starts within 60 working days. */
  movedOn: IsoDate,
  newAddress: NonBlankText(500).nullable(),
  /** Required for a temporary transfer, absent otherwise. */
  temporary: TemporaryStay.nullable(),
});
export type TransferForm = z.infer<typeof TransferForm>;

/**
 * The check form's field holding the number printed on the introduction letter ("Số giấy giới
 * thiệu").
 */
export const LETTER_NUMBER_FIELD = 'letterNumber';

/** Who filed a dossier: the member himself, or staff of his cell on his behalf ("nộp hộ"). */
export const FiledBy = z.object({
  userId: Id,
  fullName: z.string(),
  onBehalf: z.boolean(),
});
export type FiledBy = z.infer<typeof FiledBy>;

/** The trail's note on a dossier filed by staff for the member; null when he filed it himself. */
export const filedOnBehalfVi = (filedBy: FiledBy | null): string | null =>
  filedBy?.onBehalf ? `Nộp hộ bởi ${filedBy.fullName}` : null;

export const TransferDossier = z.object({
  id: Id,
  variant: TransferVariant,
  memberId: Id,
  fromOrgId: Id,
  form: TransferForm,
  attachments: z.array(Attachment).max(20),
  route: TransferRoute,
  /** Index in route.orgIds of the org where the dossier now is. */
  position: z.number().int().nonnegative(),
  status: TransferStatus,
  /** What the current org filled in when checking (free fields of the check form). */
  checkedData: z.record(z.string().max(100), z.string().max(2000)).nullable(),
  /** The next org confirmed by the check; null before a check and at the last hop. */
  nextOrgId: Id.nullable(),
  /** The latest signed introduction letter (each approving org adds a signature). */
  letterSha256: Sha256Hex.nullable(),
  /** Why it was returned or rejected. */
  reason: z.string().nullable(),
  submittedAt: z.string(),
  /** The member presents the introduction by then (30 working days after the handover). */
  presentBy: IsoDate.nullable(),
  completedAt: z.string().nullable(),
  /** Null on dossiers filed before the filer was recorded (all by the member himself). */
  filedBy: FiledBy.nullable().default(null),
});
export type TransferDossier = z.infer<typeof TransferDossier>;

const Reason = NonBlankText(1000);

/** What users do to a dossier; every change goes through applyTransferAction. */
export const TransferAction = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('resubmit'),
    form: TransferForm,
    attachments: z.array(Attachment).max(20),
  }),
  z.object({
    type: z.literal('check'),
    data: z.record(z.string().max(100), z.string().max(2000)).default({}),
    /** Null: take the proposed next org. Ignored at the last hop. */
    nextOrgId: Id.nullable().default(null),
  }),
  z.object({ type: z.literal('forward') }),
  z.object({ type: z.literal('sign_and_forward'), signedPdfSha256: Sha256Hex }),
  z.object({ type: z.literal('return'), reason: Reason }),
  z.object({ type: z.literal('reject'), reason: Reason }),
]);
export type TransferAction = z.infer<typeof TransferAction>;
export type TransferActionType = TransferAction['type'];

export const transferActionLabelVi = {
  submit: 'Nộp hồ sơ',
  resubmit: 'Nộp lại hồ sơ',
  check: 'Kiểm tra',
  forward: 'Chuyển tiếp',
  sign_and_forward: 'Ký số chuyển tiếp',
  return: 'Trả lại',
  reject: 'Từ chối',
  complete: 'Duyệt hoàn thành',
} as const;

/** Who acts: roles are those that apply at the org where the dossier now is. */
export const TransferActor = z.object({
  userId: Id,
  fullName: z.string(),
  memberId: Id.nullable(),
  rolesHere: z.array(Role),
});
export type TransferActor = z.infer<typeof TransferActor>;

/** One line of the audit trail: who, which org, what, when, which signature. */
export const TransferEvent = z.object({
  type: z.enum([
    'submit',
    'resubmit',
    'check',
    'forward',
    'sign_and_forward',
    'return',
    'reject',
    'complete',
  ]),
  orgId: Id.nullable(),
  actorId: Id,
  actorName: z.string(),
  at: z.string(),
  reason: z.string().nullable(),
  nextOrgId: Id.nullable(),
  signedPdfSha256: Sha256Hex.nullable(),
});
export type TransferEvent = z.infer<typeof TransferEvent>;
