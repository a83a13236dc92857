import { z } from 'zod';
import { fail, type Failure } from '../common/result';
import { Id, NonBlankText } from '../common/schemas';
import { Role } from '../people/user';
import {
  exemptionOn,
  RESIDENCE_EXEMPTIONS,
  ResidenceExemptionCode,
  type ResidenceExemptionRule,
} from './residence-rules';
import { Sha256Hex } from './transfer-dossier';

/**
 * The workplace's list of members to introduce to, or ask comments from, their residence cells
 * ("Danh sách đảng viên cần giới thiệu và xin nhận xét tại nơi cư trú", Quy định 213-QĐ/TW).
 */
export const ResidenceRequestKind = z.enum(['comment', 'introduce', 'introduce_and_comment']);
export type ResidenceRequestKind = z.infer<typeof ResidenceRequestKind>;
export const residenceRequestKindLabelVi = {
  comment: 'Xin nhận xét',
  introduce: 'Giới thiệu',
  introduce_and_comment: 'Giới thiệu và xin nhận xét',
} as const satisfies Record<ResidenceRequestKind, string>;

export const ResidenceRequestStatus = z.enum(['draft', 'pending_approval', 'approved', 'sent']);
export type ResidenceRequestStatus = z.infer<typeof ResidenceRequestStatus>;
export const residenceRequestStatusLabelVi = {
  draft: 'Đang lập',
  pending_approval: 'Chờ duyệt',
  approved: 'Đã phê duyệt',
  sent: 'Đã gửi tổ chức đảng nơi cư trú',
} as const satisfies Record<ResidenceRequestStatus, string>;

export const ResidenceRequestItem = z.object({
  memberId: Id,
  /** The residence cell; staff correct it when the member record is out of date. */
  residenceOrgId: Id.nullable(),
  /** "Báo cáo tình hình thực hiện nhiệm vụ": the member reports on his duties at the residence. */
  reportRequired: z.boolean(),
  /** Hướng dẫn 33: why the member is exempt, if he is. */
  exemption: ResidenceExemptionCode.nullable(),
});
export type ResidenceRequestItem = z.infer<typeof ResidenceRequestItem>;

/** At most a large committee's members in one list (a ward's residential cells hold about 1,500). */
export const MAX_REQUEST_ITEMS = 2000;

export const ResidenceRequest = z.object({
  id: Id,
  campaignYear: z.number().int().min(2020).max(2100),
  /** The workplace cell or committee that made the list. */
  workplaceOrgId: Id,
  kind: ResidenceRequestKind,
  items: z.array(ResidenceRequestItem).min(1).max(MAX_REQUEST_ITEMS),
  status: ResidenceRequestStatus,
  /** The list PDF signed on approval or on sending, when the org signs. */
  listPdfSha256: Sha256Hex.nullable(),
  /** Why the approver sent the list back to be redone. */
  reason: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type ResidenceRequest = z.infer<typeof ResidenceRequest>;

const Reason = NonBlankText(1000);

/** The steps that need no signature: these travel without a signed PDF. */
export const UNSIGNED_REQUEST_ACTIONS = [
  z.object({
    type: z.literal('edit'),
    kind: ResidenceRequestKind,
    items: z.array(ResidenceRequestItem).min(1).max(MAX_REQUEST_ITEMS),
  }),
  z.object({ type: z.literal('submit') }),
  z.object({ type: z.literal('approve') }),
  z.object({ type: z.literal('return'), reason: Reason }),
  z.object({ type: z.literal('send') }),
] as const;

export const ResidenceRequestAction = z.discriminatedUnion('type', [
  ...UNSIGNED_REQUEST_ACTIONS,
  z.object({ type: z.literal('sign_and_approve'), signedPdfSha256: Sha256Hex }),
  z.object({ type: z.literal('sign_and_send'), signedPdfSha256: Sha256Hex }),
]);
export type ResidenceRequestAction = z.infer<typeof ResidenceRequestAction>;

export const residenceRequestActionLabelVi = {
  create: 'Lập danh sách',
  edit: 'Sửa danh sách',
  submit: 'Trình phê duyệt',
  approve: 'Phê duyệt',
  sign_and_approve: 'Ký số phê duyệt',
  return: 'Trả lại',
  send: 'Gửi tổ chức đảng nơi cư trú',
  sign_and_send: 'Ký số và gửi tổ chức đảng nơi cư trú',
} as const;

/** Who acts: the roles that apply at the workplace org of the list. */
export const ResidenceActor = z.object({
  userId: Id,
  fullName: z.string(),
  memberId: Id.nullable(),
  rolesHere: z.array(Role),
});
export type ResidenceActor = z.infer<typeof ResidenceActor>;

export type ResidenceRequestCode =
  | 'not_allowed_now'
  | 'not_processor'
  | 'not_approver'
  | 'duplicate_member'
  | 'no_residence_org'
  | 'not_introduced_member'
  | 'nothing_to_ask'
  | 'unknown_exemption';

export type ResidenceRequestOutcome =
  | { ok: true; request: ResidenceRequest; dispatch: ResidenceDispatch[] }
  | Failure<ResidenceRequestCode>;

/** What sending creates at each residence org: one item per member to introduce or ask about. */
export interface ResidenceDispatch {
  residenceOrgId: string;
  memberId: string;
  /** A comment form is asked (false: introduction only, or exempt under Hướng dẫn 33). */
  commentAsked: boolean;
  reportRequired: boolean;
}

const STAFF: readonly Role[] = ['processor', 'approver'];

const notNow = (r: ResidenceRequest, what: string) =>
  fail<ResidenceRequestCode>(
    'not_allowed_now',
    `cannot ${what} a list that is ${r.status}`,
    'Không thể thực hiện thao tác này với danh sách ở trạng thái hiện tại.',
  );

const notProcessor = () =>
  fail<ResidenceRequestCode>(
    'not_processor',
    'only processors or approvers of the workplace org may prepare the list',
    'Chỉ cán bộ xử lý hoặc lãnh đạo của tổ chức đảng nơi đảng viên công tác mới được lập danh sách.',
  );

const notApprover = () =>
  fail<ResidenceRequestCode>(
    'not_approver',
    'only the secretary or a deputy approves, signs and sends the list',
    'Chỉ Bí thư hoặc Phó bí thư mới được phê duyệt, ký số và gửi danh sách.',
  );

/**
 * The items' own rules: each member once, a residence org for everyone who is introduced, nobody
 * under a "not introduced" exemption, and at least one member for whom something is asked.
 */
export function validateItems(
  kind: ResidenceRequestKind,
  items: readonly ResidenceRequestItem[],
  today: string,
  rules: readonly ResidenceExemptionRule[] = RESIDENCE_EXEMPTIONS,
): Failure<ResidenceRequestCode> | null {
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.memberId))
      return fail(
        'duplicate_member',
        `member ${item.memberId} is twice in the list`,
        'Một đảng viên có hai lần trong danh sách.',
      );
    seen.add(item.memberId);
    if (item.exemption) {
      const rule = exemptionOn(item.exemption, today, rules);
      if (!rule)
        return fail(
          'unknown_exemption',
          `exemption ${item.exemption} is not in force on ${today}`,
          'Trường hợp miễn nhận xét không còn hiệu lực.',
        );
      if (rule.effect === 'not_introduced')
        return fail(
          'not_introduced_member',
          `member ${item.memberId} is not introduced (${item.exemption})`,
          `Đảng viên thuộc trường hợp "${rule.labelVi}" không được giới thiệu về nơi cư trú.`,
        );
    }
    if (!item.residenceOrgId)
      return fail(
        'no_residence_org',
        `member ${item.memberId} has no residence org`,
        'Có đảng viên chưa có tổ chức đảng nơi cư trú. Hãy điều chỉnh trước khi trình.',
      );
  }
  if (kind === 'comment' && items.every((i) => i.exemption !== null))
    return fail(
      'nothing_to_ask',
      'every member of a comment-only list is exempt',
      'Mọi đảng viên trong danh sách đều thuộc diện miễn nhận xét.',
    );
  return null;
}

/** What sending asks of each residence org. */
export function dispatchOf(request: ResidenceRequest): ResidenceDispatch[] {
  const asksComment = request.kind !== 'introduce';
  return request.items.map((item) => ({
    residenceOrgId: item.residenceOrgId ?? '',
    memberId: item.memberId,
    commentAsked: asksComment && item.exemption === null,
    reportRequired: item.reportRequired && asksComment && item.exemption === null,
  }));
}

/** The members of each residence org, for the per-org copies of the list. */
export function splitByResidenceOrg(dispatch: readonly ResidenceDispatch[]) {
  const byOrg = new Map<string, ResidenceDispatch[]>();
  for (const d of dispatch)
    byOrg.set(d.residenceOrgId, [...(byOrg.get(d.residenceOrgId) ?? []), d]);
  return byOrg;
}

/** A new list, as the workplace drafts it ("Lập danh sách"). */
export function createResidenceRequest(
  input: {
    id: string;
    campaignYear: number;
    workplaceOrgId: string;
    kind: ResidenceRequestKind;
    items: ResidenceRequestItem[];
  },
  actor: ResidenceActor,
  env: { now: string; rules?: readonly ResidenceExemptionRule[] },
): ResidenceRequestOutcome {
  if (!actor.rolesHere.some((r) => STAFF.includes(r))) return notProcessor();
  const bad = validateItems(input.kind, input.items, env.now.slice(0, 10), env.rules);
  if (bad) return bad;
  return {
    ok: true,
    request: {
      ...input,
      status: 'draft',
      listPdfSha256: null,
      reason: null,
      createdAt: env.now,
      sentAt: null,
    },
    dispatch: [],
  };
}

/**
 * Applies one action to a list. Pure, like the transfer machine: the app shows the optimistic
 * result and the server decides with the same code. Sending returns what to create at each
 * residence org.
 */
export function applyResidenceRequestAction(
  request: ResidenceRequest,
  action: ResidenceRequestAction,
  actor: ResidenceActor,
  env: { now: string; rules?: readonly ResidenceExemptionRule[] },
): ResidenceRequestOutcome {
  if (!actor.rolesHere.some((r) => STAFF.includes(r))) return notProcessor();
  const approver = actor.rolesHere.includes('approver');
  const done = (next: Partial<ResidenceRequest>, dispatch: ResidenceDispatch[] = []) => ({
    ok: true as const,
    request: { ...request, ...next },
    dispatch,
  });
  switch (action.type) {
    case 'edit': {
      if (request.status !== 'draft') return notNow(request, 'edit');
      const bad = validateItems(action.kind, action.items, env.now.slice(0, 10), env.rules);
      if (bad) return bad;
      return done({ kind: action.kind, items: action.items });
    }
    case 'submit':
      if (request.status !== 'draft') return notNow(request, 'submit');
      return done({ status: 'pending_approval', reason: null });
    case 'approve':
    case 'sign_and_approve':
      if (request.status !== 'pending_approval') return notNow(request, 'approve');
      if (!approver) return notApprover();
      return done({
        status: 'approved',
        listPdfSha256: action.type === 'sign_and_approve' ? action.signedPdfSha256 : null,
      });
    case 'return':
      if (request.status !== 'pending_approval' && request.status !== 'approved')
        return notNow(request, 'return');
      if (!approver) return notApprover();
      return done({ status: 'draft', reason: action.reason, listPdfSha256: null });
    case 'send':
    case 'sign_and_send': {
      if (request.status !== 'approved') return notNow(request, 'send');
      // "Bí thư … hoặc người được phân công" sends; only the secretary or a deputy signs.
      if (action.type === 'sign_and_send' && !approver) return notApprover();
      const sent = done({
        status: 'sent',
        sentAt: env.now,
        listPdfSha256:
          action.type === 'sign_and_send' ? action.signedPdfSha256 : request.listPdfSha256,
      });
      return { ...sent, dispatch: dispatchOf(sent.request) };
    }
  }
}
