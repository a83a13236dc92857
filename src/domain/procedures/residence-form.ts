import { z } from 'zod';
import { fail, type Failure } from '../common/result';
import { Id, IsoDate, NonBlankText } from '../common/schemas';
import type { Role } from '../people/user';
import type { ResidenceActor } from './residence-request';
import { Attachment, Sha256Hex } from './transfer-dossier';

/**
 * One member's comment form at his residence ("Phiếu nhận xét", Quy định 213-QĐ/TW): written by
 * the residence cell, approved, signed and sent back by the ward or commune committee above it.
 * A sent list creates one form per member for whom a comment is asked.
 */
export const ResidenceFormStatus = z.enum([
  'awaiting_comment',
  'draft',
  'submitted',
  'approved',
  'returned',
  'sent',
]);
export type ResidenceFormStatus = z.infer<typeof ResidenceFormStatus>;
export const residenceFormStatusLabelVi = {
  awaiting_comment: 'Chờ lập phiếu',
  draft: 'Đang lập phiếu',
  submitted: 'Chờ đảng ủy duyệt',
  approved: 'Đã duyệt, chờ ký số và gửi',
  returned: 'Đảng ủy trả lại',
  sent: 'Đã gửi nơi công tác',
} as const satisfies Record<ResidenceFormStatus, string>;

/** The form's fields, in the order of the paper form. */
export const ResidenceComment = z.object({
  /** Ưu điểm. */
  strengths: NonBlankText(4000),
  /** Khuyết điểm, hạn chế. */
  shortcomings: z.string().trim().max(4000),
  /** Thực hiện nghĩa vụ công dân nơi cư trú. */
  citizenDuties: NonBlankText(4000),
  /** Đề xuất, kiến nghị. */
  proposals: z.string().trim().max(4000),
});
export type ResidenceComment = z.infer<typeof ResidenceComment>;
export const residenceCommentLabelVi = {
  strengths: 'Ưu điểm',
  shortcomings: 'Khuyết điểm, hạn chế',
  citizenDuties: 'Thực hiện nghĩa vụ công dân nơi cư trú',
  proposals: 'Đề xuất, kiến nghị',
} as const satisfies Record<keyof ResidenceComment, string>;

/** The member's report on his duties at the residence, with its file. */
export const ResidenceReport = z.object({
  summary: NonBlankText(4000),
  file: Attachment,
  submittedAt: z.string(),
});
export type ResidenceReport = z.infer<typeof ResidenceReport>;

/** A paper form the ward recorded for a member or cell that could not use the system. */
export const PaperForm = z.object({
  scan: Attachment,
  broughtBy: NonBlankText(200),
  receivedOn: IsoDate,
});
export type PaperForm = z.infer<typeof PaperForm>;

export const ResidenceForm = z.object({
  id: Id,
  requestId: Id,
  campaignYear: z.number().int(),
  memberId: Id,
  workplaceOrgId: Id,
  /** The residence cell that writes the comment. */
  residenceOrgId: Id,
  /** The ward or commune committee above it, which approves, signs and sends. */
  committeeOrgId: Id,
  reportRequired: z.boolean(),
  report: ResidenceReport.nullable(),
  comment: ResidenceComment.nullable(),
  status: ResidenceFormStatus,
  /** Why the committee returned it to the residence cell. */
  reason: z.string().nullable(),
  /** The signed PDF sent back to the workplace. */
  formPdfSha256: Sha256Hex.nullable(),
  paper: PaperForm.nullable(),
  sentAt: z.string().nullable(),
});
export type ResidenceForm = z.infer<typeof ResidenceForm>;

/** The steps that need no signature: these travel without a signed PDF. */
export const UNSIGNED_FORM_ACTIONS = [
  /** The residence cell writes or corrects the comment (saved as a draft). */
  z.object({ type: z.literal('write'), comment: ResidenceComment }),
  z.object({ type: z.literal('submit') }),
  z.object({ type: z.literal('approve') }),
  z.object({ type: z.literal('return'), reason: NonBlankText(1000) }),
  z.object({ type: z.literal('record_paper'), paper: PaperForm }),
  /** The member's own report, when the workplace asked for one. */
  z.object({ type: z.literal('report'), summary: NonBlankText(4000), file: Attachment }),
] as const;

export const ResidenceFormAction = z.discriminatedUnion('type', [
  ...UNSIGNED_FORM_ACTIONS,
  z.object({ type: z.literal('sign_and_send'), signedPdfSha256: Sha256Hex }),
]);
export type ResidenceFormAction = z.infer<typeof ResidenceFormAction>;

export const residenceFormActionLabelVi = {
  write: 'Lập phiếu nhận xét',
  submit: 'Trình phê duyệt',
  approve: 'Duyệt phiếu',
  return: 'Trả lại',
  sign_and_send: 'Ký số và gửi',
  record_paper: 'Ghi nhận phiếu giấy',
  report: 'Gửi báo cáo',
} as const satisfies Record<ResidenceFormAction['type'], string>;

/** Where the actor holds roles: the residence cell, the committee above it, or neither. */
export interface ResidenceFormActor extends ResidenceActor {
  /** Roles at the residence cell (they apply to its subtree, so a committee role counts too). */
  rolesAtResidence: Role[];
  /** Roles at the ward or commune committee. */
  rolesAtCommittee: Role[];
}

export type ResidenceFormCode =
  | 'not_allowed_now'
  | 'not_residence_staff'
  | 'not_committee_approver'
  | 'not_committee_staff'
  | 'not_your_form'
  | 'report_not_asked'
  | 'no_comment';

export type ResidenceFormOutcome = { ok: true; form: ResidenceForm } | Failure<ResidenceFormCode>;

const STAFF: readonly Role[] = ['processor', 'approver'];
const isStaff = (roles: readonly Role[]) => roles.some((r) => STAFF.includes(r));

const notNow = (f: ResidenceForm, what: string) =>
  fail<ResidenceFormCode>(
    'not_allowed_now',
    `cannot ${what} a form that is ${f.status}`,
    'Không thể thực hiện thao tác này với phiếu ở trạng thái hiện tại.',
  );

/** Who and where a form is about: what a sent list fixes for each member. */
export type ResidenceFormSeed = Pick<
  ResidenceForm,
  | 'id'
  | 'requestId'
  | 'campaignYear'
  | 'memberId'
  | 'workplaceOrgId'
  | 'residenceOrgId'
  | 'committeeOrgId'
  | 'reportRequired'
>;

/** A form as a sent list creates it: nothing written yet, waiting for the residence cell. */
export const newResidenceForm = (seed: ResidenceFormSeed): ResidenceForm => ({
  ...seed,
  report: null,
  comment: null,
  status: 'awaiting_comment',
  reason: null,
  formPdfSha256: null,
  paper: null,
  sentAt: null,
});

/** Open: the workplace is still waiting for it. */
export const isResidenceFormOpen = (f: Pick<ResidenceForm, 'status'>) => f.status !== 'sent';

/**
 * Applies one action to a form. Pure: the server decides with the same code the app uses for its
 * optimistic view. The residence cell writes and submits; the committee approves, returns, signs
 * and sends, or records a paper form instead; the member adds his report.
 */
export function applyResidenceFormAction(
  form: ResidenceForm,
  action: ResidenceFormAction,
  actor: ResidenceFormActor,
  env: { now: string },
): ResidenceFormOutcome {
  const done = (next: Partial<ResidenceForm>): ResidenceFormOutcome => ({
    ok: true,
    form: { ...form, ...next },
  });
  if (form.status === 'sent' && action.type !== 'report') return notNow(form, action.type);
  switch (action.type) {
    case 'report':
      if (actor.memberId !== form.memberId)
        return fail(
          'not_your_form',
          'only the member reports on his own duties',
          'Chỉ đảng viên được yêu cầu mới gửi báo cáo này.',
        );
      if (!form.reportRequired)
        return fail(
          'report_not_asked',
          'the workplace did not ask this member for a report',
          'Nơi công tác không yêu cầu đảng viên báo cáo.',
        );
      return done({ report: { summary: action.summary, file: action.file, submittedAt: env.now } });
    case 'write':
    case 'submit':
      if (!isStaff(actor.rolesAtResidence))
        return fail(
          'not_residence_staff',
          'only the residence cell writes the comment',
          'Chỉ chi bộ nơi đảng viên cư trú mới lập phiếu nhận xét.',
        );
      if (!['awaiting_comment', 'draft', 'returned'].includes(form.status))
        return notNow(form, action.type);
      if (action.type === 'write') return done({ comment: action.comment, status: 'draft' });
      if (!form.comment)
        return fail(
          'no_comment',
          'write the comment before submitting it',
          'Hãy nhập nội dung nhận xét trước khi trình phê duyệt.',
        );
      return done({ status: 'submitted', reason: null });
    case 'approve':
    case 'return':
    case 'sign_and_send':
      if (!actor.rolesAtCommittee.includes('approver'))
        return fail(
          'not_committee_approver',
          'only the ward or commune committee secretary or a deputy decides on forms',
          'Chỉ Bí thư hoặc Phó bí thư đảng ủy xã, phường mới duyệt, trả lại và ký gửi phiếu.',
        );
      if (action.type === 'approve')
        return form.status === 'submitted' ? done({ status: 'approved' }) : notNow(form, 'approve');
      if (action.type === 'return')
        return form.status === 'submitted' || form.status === 'approved'
          ? done({ status: 'returned', reason: action.reason })
          : notNow(form, 'return');
      return form.status === 'approved'
        ? done({ status: 'sent', formPdfSha256: action.signedPdfSha256, sentAt: env.now })
        : notNow(form, 'sign and send');
    case 'record_paper':
      if (!isStaff(actor.rolesAtCommittee))
        return fail(
          'not_committee_staff',
          'only the ward or commune committee records paper forms',
          'Chỉ đảng ủy xã, phường mới ghi nhận phiếu nhận xét bằng giấy.',
        );
      return done({ status: 'sent', paper: action.paper, reason: null, sentAt: env.now });
  }
}

/** Invariants every reachable form keeps; the tests hold the machine to them. */
export function residenceFormInvariantViolations(f: ResidenceForm): string[] {
  const out: string[] = [];
  if (['submitted', 'approved'].includes(f.status) && !f.comment)
    out.push('submitted without a comment');
  if (f.status === 'returned' && !f.reason) out.push('returned without a reason');
  if (f.status === 'sent' && !f.formPdfSha256 && !f.paper)
    out.push('sent without a signed or paper form');
  if (f.status !== 'sent' && (f.formPdfSha256 || f.paper)) out.push('a form before it was sent');
  if (f.report && !f.reportRequired) out.push('a report nobody asked for');
  return out;
}
