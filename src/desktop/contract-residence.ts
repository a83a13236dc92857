import { z } from 'zod';
import { ResidenceEventWire } from '../api/residence';
import { Id as EntityId, NonBlankText } from '../domain/common/schemas';
import { ResidenceComment, ResidenceFormStatus } from '../domain/procedures/residence-form';
import {
  ResidenceRequestKind,
  ResidenceRequestStatus,
} from '../domain/procedures/residence-request';
import { ResidenceExemptionCode } from '../domain/procedures/residence-rules';
import { Sha256Hex } from '../domain/procedures/transfer-dossier';
import { DocumentFile } from '../api/fees/shared';
import { DossierFile, OutboxEntry, PickedFile } from './contract-transfers';

/**
 * The DesktopApi calls of residence comments (Quy định 213-QĐ/TW, "Lấy ý kiến nhận xét của chi
 * ủy nơi cư trú"): the workplace's lists, the residence cell's forms, the committee's approval and
 * batch signing, and the forms received back. Reads come from the cache; every step is an outbox
 * action (docs/decisions/0028). Merged into `desktopCalls` by contract.ts.
 */

const Id = z.string().trim().min(1).max(64);
const Count = z.number().int().nonnegative();
const Year = z.number().int().min(2020).max(2100);
const Reason = z.string().trim().min(1, 'Vui lòng nhập lý do.').max(1000);
const OrgName = z.object({ id: z.string(), name: z.string() });
const Queued = z.object({ outboxId: z.uuid() });
const QueuedMany = z.object({ outboxIds: z.array(z.uuid()) });

/** A token, a certificate on it and its PIN, entered once (never stored or logged). */
const TokenLogin = z.object({
  slotId: z.string().min(1).max(64),
  certificateId: z.string().regex(/^[0-9a-f]{1,256}$/i),
  pin: z.string().min(4, 'Mã PIN có ít nhất 4 ký tự.').max(64),
});

/** Where the user stands in the procedure: each side has its own list (the member: his own forms). */
export const ResidenceSide = z.enum(['workplace', 'residence', 'committee', 'member']);
export type ResidenceSide = z.infer<typeof ResidenceSide>;

export const DeadlineFlag = z.enum(['on_time', 'due_soon', 'overdue']);
export type DeadlineFlag = z.infer<typeof DeadlineFlag>;

/** "Danh sách đảng viên cần giới thiệu, xin nhận xét", one row of the workplace's lists. */
export const ResidenceListItem = z.object({
  id: z.string(),
  campaignYear: Year,
  kind: ResidenceRequestKind,
  status: ResidenceRequestStatus,
  workplaceOrg: OrgName,
  memberCount: Count,
  /** Members whose comment is asked (not exempt). */
  commentCount: Count,
  createdAt: z.string(),
  updatedAt: z.string(),
  signed: z.boolean(),
  pendingActions: Count,
  needsAttention: z.boolean(),
});
export type ResidenceListItem = z.infer<typeof ResidenceListItem>;

/** One member of a list, with his residence cell (as staff corrected it) and exemption. */
export const ResidenceListMember = z.object({
  memberId: z.string(),
  fullName: z.string(),
  birthDate: z.string().nullable(),
  residenceOrg: OrgName.nullable(),
  reportRequired: z.boolean(),
  exemption: ResidenceExemptionCode.nullable(),
  /** The exemption's label (Hướng dẫn 33), or null. */
  exemptionVi: z.string().nullable(),
});
export type ResidenceListMember = z.infer<typeof ResidenceListMember>;

export const ResidenceListAllowed = z.object({
  edit: z.boolean(),
  submit: z.boolean(),
  approve: z.boolean(),
  signAndApprove: z.boolean(),
  return: z.boolean(),
  send: z.boolean(),
  signAndSend: z.boolean(),
});
export type ResidenceListAllowed = z.infer<typeof ResidenceListAllowed>;

export const ResidenceHistoryItem = ResidenceEventWire.extend({ label: z.string() });
export type ResidenceHistoryItem = z.infer<typeof ResidenceHistoryItem>;

export const ResidenceListDetail = ResidenceListItem.extend({
  reason: z.string().nullable(),
  members: z.array(ResidenceListMember),
  /** Per residence cell: how many members the sent list reaches there. */
  byResidenceOrg: z.array(OrgName.extend({ memberCount: Count })),
  /** The signed list, once an approver signed it. */
  listPdf: DossierFile.nullable(),
  history: z.array(ResidenceHistoryItem),
  allowed: ResidenceListAllowed,
  pending: z.array(OutboxEntry),
});
export type ResidenceListDetail = z.infer<typeof ResidenceListDetail>;

/** A member the workplace may put on a list ("Lập danh sách"). */
export const ResidenceCandidate = z.object({
  memberId: z.string(),
  fullName: z.string(),
  birthDate: z.string().nullable(),
  org: OrgName,
  /** From the member record; staff may correct it on the list. */
  residenceOrg: OrgName.nullable(),
  /** Already on a list of this campaign year (not returned). */
  alreadyListed: z.boolean(),
});
export type ResidenceCandidate = z.infer<typeof ResidenceCandidate>;

/** A comment form as the three sides list it. */
export const ResidenceFormItem = z.object({
  id: z.string(),
  requestId: z.string(),
  campaignYear: Year,
  status: ResidenceFormStatus,
  member: z.object({ id: z.string(), fullName: z.string() }),
  workplaceOrg: OrgName,
  residenceOrg: OrgName,
  committeeOrg: OrgName,
  reportRequired: z.boolean(),
  hasReport: z.boolean(),
  /** Recorded from paper ("Phiếu giấy"), shown as such in every list. */
  paper: z.boolean(),
  /** The committee's due date for the year, when it set a campaign. */
  dueOn: z.string().nullable(),
  deadline: DeadlineFlag,
  updatedAt: z.string(),
  sentAt: z.string().nullable(),
  pendingActions: Count,
  needsAttention: z.boolean(),
});
export type ResidenceFormItem = z.infer<typeof ResidenceFormItem>;

export const ResidenceFormAllowed = z.object({
  write: z.boolean(),
  submit: z.boolean(),
  approve: z.boolean(),
  return: z.boolean(),
  signAndSend: z.boolean(),
  recordPaper: z.boolean(),
  report: z.boolean(),
});
export type ResidenceFormAllowed = z.infer<typeof ResidenceFormAllowed>;

export const ResidenceFormDetail = ResidenceFormItem.extend({
  memberBirthDate: z.string().nullable(),
  comment: ResidenceComment.nullable(),
  reason: z.string().nullable(),
  report: z.object({ summary: z.string(), submittedAt: z.string(), file: DossierFile }).nullable(),
  paperForm: z
    .object({ broughtBy: z.string(), receivedOn: z.string(), scan: DossierFile })
    .nullable(),
  /** The signed form sent back to the workplace. */
  formPdf: DossierFile.nullable(),
  history: z.array(ResidenceHistoryItem),
  allowed: ResidenceFormAllowed,
  pending: z.array(OutboxEntry),
});
export type ResidenceFormDetail = z.infer<typeof ResidenceFormDetail>;

/** "Nhận phiếu": per workplace cell, who has come back and who is still missing. */
export const ResidenceReceiptSummary = z.object({
  workplaceOrg: OrgName,
  asked: Count,
  received: Count,
  paper: Count,
  missing: z.array(
    z.object({
      memberId: z.string(),
      fullName: z.string(),
      residenceOrg: OrgName,
      status: ResidenceFormStatus,
    }),
  ),
});
export type ResidenceReceiptSummary = z.infer<typeof ResidenceReceiptSummary>;

/** One document of a signing batch that was not signed, and why (code for logs, Vietnamese). */
export const UnsignedItem = z.object({ id: z.string(), code: z.string(), messageVi: z.string() });
export type UnsignedItem = z.infer<typeof UnsignedItem>;

/** The clean result of a batch: exactly what was signed and queued, and what was not. */
export const SigningBatchResult = z.object({
  signed: z.array(z.object({ id: z.string(), outboxId: z.uuid(), sha256: Sha256Hex })),
  notSigned: z.array(UnsignedItem),
  tokenRemoved: z.boolean(),
  cancelled: z.boolean(),
});
export type SigningBatchResult = z.infer<typeof SigningBatchResult>;

/** The progress event of a signing batch ("Đang ký 17/62"). */
export const SigningProgress = z.object({
  batchId: z.uuid(),
  /** Documents finished (signed or not) so far. */
  done: Count,
  total: Count,
  signed: Count,
  /** The document being signed now, or null when the batch has ended. */
  currentId: z.string().nullable(),
});
export type SigningProgress = z.infer<typeof SigningProgress>;

/** A committee's yearly window: lists open on `opensOn`, forms are due back by `dueOn`. */
export const ResidenceCampaignWindow = z.object({
  year: Year,
  opensOn: z.iso.date(),
  dueOn: z.iso.date(),
});
export type ResidenceCampaignWindow = z.infer<typeof ResidenceCampaignWindow>;

/** The committee's campaign as the server has it, and whether the user may set it. */
export const ResidenceCampaignState = z.object({
  /** The ward or commune committee asked about (or the user's own), null when he has none. */
  committee: OrgName.nullable(),
  campaign: ResidenceCampaignWindow.nullable(),
  canEdit: z.boolean(),
});
export type ResidenceCampaignState = z.infer<typeof ResidenceCampaignState>;

const ListInput = z.object({ requestId: Id });
const FormInput = z.object({ formId: Id });
const FormIds = z.array(Id).min(1).max(2000);

// The transfer forms pick files too; the schema lives with them (contract-transfers.ts).
export { PickedFile } from './contract-transfers';

export const residenceCalls = {
  /** "Danh sách đã lập": the lists of the user's workplace orgs. */
  residenceLists: {
    input: z.object({
      campaignYear: Year.optional(),
      status: ResidenceRequestStatus.optional(),
      limit: z.number().int().min(1).max(2000).default(500),
    }),
    output: z.object({ items: z.array(ResidenceListItem), truncated: z.boolean() }),
  },
  residenceListDetail: { input: ListInput, output: ResidenceListDetail },
  /** "Lập danh sách": a committee's or cell's members (whole subtree), or name search within it. */
  residenceCandidates: {
    input: z.object({
      orgId: Id,
      campaignYear: Year,
      q: z.string().max(200).optional(),
      limit: z.number().int().min(1).max(2000).default(2000),
    }),
    output: z.object({ items: z.array(ResidenceCandidate), truncated: z.boolean() }),
  },
  /** Creates a draft list (the client makes its id) and queues it. */
  createResidenceList: {
    input: z.object({
      campaignYear: Year,
      workplaceOrgId: Id,
      kind: ResidenceRequestKind,
      items: z
        .array(
          z.object({
            memberId: EntityId,
            residenceOrgId: EntityId.nullable(),
            reportRequired: z.boolean(),
            exemption: ResidenceExemptionCode.nullable(),
          }),
        )
        .min(1, 'Hãy chọn ít nhất một đảng viên.')
        .max(2000),
    }),
    output: Queued.extend({ requestId: z.string() }),
  },
  /** "Trình phê duyệt", "Phê duyệt", "Gửi": the unsigned steps. */
  residenceListAction: {
    input: ListInput.extend({ action: z.enum(['submit', 'approve', 'send']) }),
    output: Queued,
  },
  returnResidenceList: { input: ListInput.extend({ reason: Reason }), output: Queued },
  /**
   * "Ký duyệt" / "Ký số và gửi": renders the list PDF, signs it on the token and queues the step.
   */
  signResidenceList: {
    input: ListInput.extend(TokenLogin.shape).extend({
      action: z.enum(['sign_and_approve', 'sign_and_send']),
    }),
    output: Queued.extend({ listPdfSha256: Sha256Hex }),
  },

  /** The forms the user's orgs hold on one side: residence cell, committee, or workplace. */
  residenceForms: {
    input: z.object({
      side: ResidenceSide,
      campaignYear: Year.optional(),
      status: ResidenceFormStatus.optional(),
      /** Member name words. */
      q: z.string().max(200).optional(),
      limit: z.number().int().min(1).max(5000).default(2000),
    }),
    output: z.object({ items: z.array(ResidenceFormItem), truncated: z.boolean() }),
  },
  residenceFormDetail: { input: FormInput, output: ResidenceFormDetail },
  /** "Lập phiếu nhận xét": saves the comment as a draft. */
  writeResidenceForm: {
    input: FormInput.extend({ comment: ResidenceComment }),
    output: Queued,
  },
  /** "Trình" (residence cell) or "Duyệt phiếu" (committee), one or many at once. */
  residenceFormsAction: {
    input: z.object({ formIds: FormIds, action: z.enum(['submit', 'approve']) }),
    output: QueuedMany,
  },
  returnResidenceForm: { input: FormInput.extend({ reason: Reason }), output: Queued },
  /** The ward records a paper form with its scan, who brought it and when. */
  recordPaperResidenceForm: {
    input: FormInput.extend({
      scan: PickedFile,
      broughtBy: NonBlankText(200),
      receivedOn: z.iso.date(),
    }),
    output: Queued,
  },
  /**
   * "Ký số và gửi": renders every form, signs them in the token worker after one PIN entry, and
   * queues each signed one. Progress arrives as `signing-progress` events with `batchId`.
   */
  signAndSendResidenceForms: {
    input: TokenLogin.extend({ batchId: z.uuid(), formIds: FormIds }),
    output: SigningBatchResult,
  },
  /** The member's report on his duties at the residence, with its file (when the list asks one). */
  submitResidenceReport: {
    input: FormInput.extend({ summary: NonBlankText(4000), file: PickedFile }),
    output: Queued,
  },
  /** Stops a batch between two documents: the signed ones stay signed and queued. */
  cancelSigningBatch: { input: z.object({ batchId: z.uuid() }), output: z.object({}) },
  /** "Nhận phiếu": per workplace cell, who is still missing. */
  residenceReceipts: {
    input: z.object({ campaignYear: Year }),
    output: z.object({ items: z.array(ResidenceReceiptSummary) }),
  },
  /**
   * "Đợt lấy nhận xét": the campaign a ward or commune committee set for the year (its own when
   * `orgId` is absent: the first committee the user holds a role at). Online only.
   */
  residenceCampaign: {
    input: z.object({ orgId: Id.optional(), year: Year }),
    output: ResidenceCampaignState,
  },
  /** "Thiết lập đợt nhận xét": the committee's processors and approvers set it. Online only. */
  saveResidenceCampaign: {
    input: z
      .object({ orgId: Id, year: Year, opensOn: z.iso.date(), dueOn: z.iso.date() })
      .refine((c) => c.dueOn > c.opensOn, {
        message: 'Hạn gửi phiếu phải sau ngày bắt đầu đợt nhận xét.',
        path: ['dueOn'],
      }),
    output: ResidenceCampaignWindow,
  },
  /** Downloads the signed forms (and reports, paper scans) as one zip for the archive. */
  exportResidenceForms: { input: z.object({ formIds: FormIds }), output: DocumentFile },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
