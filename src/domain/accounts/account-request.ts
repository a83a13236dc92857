import { z } from 'zod';
import { fail, type Failure } from '../common/result';
import { Id, NonBlankText } from '../common/schemas';
import { addFailure } from '../common/zod-result';
import { Role } from '../people/user';
import { MemberFields, memberFieldLabelVi, type Member } from '../people/member';
import { validateCitizenId } from '../validation/citizen-id';

/**
 * Member accounts ("Quản lý tài khoản đảng viên", user guide part 2): a registration, an info
 * change, a position in the cell and a move out of a wrongly chosen cell are each a request that one
 * org decides. Pure rules; the server applies an approved request to the account, the member record
 * and the grants (docs/decisions/0031).
 */
export const AccountRequestKind = z.enum([
  'registration',
  'info_change',
  'position',
  'cell_change',
]);
export type AccountRequestKind = z.infer<typeof AccountRequestKind>;
export const accountRequestKindLabelVi = {
  registration: 'Đăng ký tài khoản',
  info_change: 'Thay đổi thông tin',
  position: 'Chức vụ trong chi bộ',
  cell_change: 'Thay đổi chi bộ sinh hoạt',
} as const satisfies Record<AccountRequestKind, string>;

export const AccountRequestStatus = z.enum(['pending', 'approved', 'refused']);
export type AccountRequestStatus = z.infer<typeof AccountRequestStatus>;
export const accountRequestStatusLabelVi = {
  pending: 'Chờ phê duyệt',
  approved: 'Đã duyệt',
  refused: 'Từ chối',
} as const satisfies Record<AccountRequestStatus, string>;

/** The positions a member may declare; both make him an approver of the cell once approved. */
export const DeclaredPosition = z.enum(['secretary', 'deputy_secretary']);
export type DeclaredPosition = z.infer<typeof DeclaredPosition>;

/** What a member declares at registration ("Cập nhật thông tin đảng viên"). */
export const DeclaredMemberFields = MemberFields.pick({
  fullName: true,
  birthDate: true,
  sex: true,
  citizenId: true,
  cardNo: true,
  profileNo: true,
  homeOrgId: true,
  residenceOrgId: true,
  phone: true,
  email: true,
}).extend({ position: DeclaredPosition.nullable() });

export const DeclaredMember = DeclaredMemberFields.superRefine((d, ctx) => {
  // The guide asks for the party card number or the personnel-file number, one is enough.
  if (d.cardNo === null && d.profileNo === null)
    addFailure(
      ctx,
      fail(
        'card_or_profile_required',
        'a registration needs cardNo or profileNo',
        'Vui lòng nhập Số thẻ đảng viên hoặc Số lý lịch.',
      ),
      ['cardNo'],
    );
  const check = validateCitizenId(d.citizenId, {
    birthYear: Number(d.birthDate.slice(0, 4)),
    sex: d.sex,
  });
  if (!check.ok) addFailure(ctx, check, ['citizenId']);
});
export type DeclaredMember = z.infer<typeof DeclaredMember>;

/** The fields a member may change himself; each change waits for the cell secretary. */
export const CHANGEABLE_FIELDS = [
  'fullName',
  'birthDate',
  'sex',
  'cardNo',
  'profileNo',
  'residenceOrgId',
  'phone',
  'email',
] as const;
export type ChangeableField = (typeof CHANGEABLE_FIELDS)[number];
export const ChangeableFields = MemberFields.pick({
  fullName: true,
  birthDate: true,
  sex: true,
  cardNo: true,
  profileNo: true,
  residenceOrgId: true,
  phone: true,
  email: true,
});
export type ChangeableFields = z.infer<typeof ChangeableFields>;
export const changeableFieldLabelVi = Object.fromEntries(
  CHANGEABLE_FIELDS.map((f) => [f, memberFieldLabelVi[f]]),
) as Record<ChangeableField, string>;

/** The proposed values of an info change: at least one field. */
export const InfoChanges = ChangeableFields.partial().refine((c) => Object.keys(c).length > 0, {
  message: 'Chưa có thông tin nào thay đổi.',
});
export type InfoChanges = z.infer<typeof InfoChanges>;

/** One changed field as the secretary reviews it: the record's value and the proposed one. */
export const FieldChange = z.object({
  field: z.enum(CHANGEABLE_FIELDS),
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export type FieldChange = z.infer<typeof FieldChange>;

const Reason = NonBlankText(1000);

/** What each kind carries. */
export const AccountRequestPayload = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('registration'),
    declared: DeclaredMember,
    /** The account made for the member, pending until approved. */
    userId: Id,
    username: NonBlankText(100),
    /** The member database's record found by citizen id, card or profile number; null if none. */
    memberId: Id.nullable(),
  }),
  z.object({
    kind: z.literal('info_change'),
    memberId: Id,
    /** Only the fields that differ from the record when filed. */
    changes: z.array(FieldChange).min(1),
  }),
  z.object({
    kind: z.literal('position'),
    memberId: Id,
    /** The member's cell. */
    orgId: Id,
    position: DeclaredPosition,
  }),
  z.object({
    kind: z.literal('cell_change'),
    memberId: Id,
    fromOrgId: Id,
    toOrgId: Id,
  }),
]);
export type AccountRequestPayload = z.infer<typeof AccountRequestPayload>;

export const AccountRequestCommon = z.object({
  id: Id,
  status: AccountRequestStatus,
  /** The account the request is for (the member's own). */
  requesterUserId: Id,
  /** Who filed it: the member himself, or staff on his behalf ("đăng ký hộ"). */
  filedByUserId: Id,
  /** The org whose secretary (or admin) decides it: see decidingOrgOf. */
  decidingOrgId: Id,
  /** Why it was refused; the member reads it at his next sign-in. */
  reason: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});

export const AccountRequest = z.intersection(AccountRequestCommon, AccountRequestPayload);
export type AccountRequest = z.infer<typeof AccountRequest>;

/** The decisions, as push carries them. */
export const AccountDecision = z.discriminatedUnion('type', [
  z.object({ type: z.literal('approve') }),
  z.object({ type: z.literal('refuse'), reason: Reason }),
]);
export type AccountDecision = z.infer<typeof AccountDecision>;

export const accountDecisionLabelVi = { approve: 'Duyệt', refuse: 'Từ chối' } as const;

/** Roles that decide account requests at the deciding org or above it. */
export const ACCOUNT_DECIDER_ROLES = ['approver', 'admin'] as const satisfies readonly Role[];

/** Who decides: the roles the actor holds at the deciding org (its grants on the org's path). */
export const AccountActor = z.object({
  userId: Id,
  fullName: z.string(),
  rolesHere: z.array(Role),
});
export type AccountActor = z.infer<typeof AccountActor>;

export type AccountRequestCode =
  | 'not_allowed_now'
  | 'not_decider'
  | 'own_request'
  | 'same_cell'
  | 'nothing_changed'
  | 'not_a_cell';

export type AccountDecisionOutcome =
  { ok: true; request: AccountRequest } | Failure<AccountRequestCode>;

/**
 * The org that decides: the declared cell for a registration, the member's cell for an info
 * change, the cell he moves to for a wrong-cell change (TH3), and the superior org of the cell for
 * a secretary or deputy (the guide's "Phê duyệt chức vụ trong chi bộ").
 * @param parentOf the parent org id of an org (null at the root)
 */
export function decidingOrgOf(
  payload: AccountRequestPayload,
  memberHomeOrgId: string | null,
  parentOf: (orgId: string) => string | null,
): string | Failure<AccountRequestCode> {
  switch (payload.kind) {
    case 'registration':
      return payload.declared.homeOrgId;
    case 'info_change':
      return (
        memberHomeOrgId ??
        fail('not_a_cell', 'the member has no home cell', 'Đảng viên chưa có chi bộ sinh hoạt.')
      );
    case 'cell_change':
      return payload.fromOrgId === payload.toOrgId
        ? fail(
            'same_cell',
            'cell change to the cell the member is already in',
            'Chi bộ mới trùng với chi bộ đang sinh hoạt.',
          )
        : payload.toOrgId;
    case 'position':
      return (
        parentOf(payload.orgId) ??
        fail('not_a_cell', 'the top org has no superior', 'Tổ chức đảng này không có cấp trên.')
      );
  }
}

/**
 * Approve or refuse a pending request. The decider needs an approver or admin grant at the deciding
 * org or above; nobody decides his own request (staff who filed for a member may decide it).
 */
export function decideAccountRequest(
  request: AccountRequest,
  actor: AccountActor,
  decision: AccountDecision,
  now: string,
): AccountDecisionOutcome {
  if (request.status !== 'pending')
    return fail(
      'not_allowed_now',
      `request ${request.id} is already ${request.status}`,
      `Yêu cầu đã được xử lý (${accountRequestStatusLabelVi[request.status]}).`,
    );
  if (!actor.rolesHere.some((r) => (ACCOUNT_DECIDER_ROLES as readonly string[]).includes(r)))
    return fail(
      'not_decider',
      'only the secretary, a deputy or the admin of the deciding org decides account requests',
      'Chỉ Bí thư, Phó bí thư hoặc quản trị của tổ chức đảng có thẩm quyền mới được phê duyệt.',
    );
  if (actor.userId === request.requesterUserId)
    return fail(
      'own_request',
      'a user cannot decide his own account request',
      'Không thể tự phê duyệt yêu cầu của chính mình.',
    );
  return decision.type === 'approve'
    ? { ok: true, request: { ...request, status: 'approved', decidedAt: now, reason: null } }
    : {
        ok: true,
        request: { ...request, status: 'refused', decidedAt: now, reason: decision.reason },
      };
}

const asText = (value: string | null | undefined): string | null => value ?? null;

/** The fields of `proposed` that differ from the member record, for an info change. */
export function infoChangesOf(
  record: Pick<Member, ChangeableField>,
  proposed: InfoChanges,
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of CHANGEABLE_FIELDS) {
    if (!(field in proposed)) continue;
    const before = asText(record[field]);
    const after = asText(proposed[field]);
    if (before !== after) changes.push({ field, before, after });
  }
  return changes;
}

/** The member record after an approved info change (the caller re-validates it as a Member). */
export function applyInfoChanges<M extends Pick<Member, ChangeableField>>(
  record: M,
  changes: readonly FieldChange[],
): M {
  const next = { ...record };
  for (const { field, after } of changes) (next as Record<string, unknown>)[field] = after;
  return next;
}

/** Which identifying number another account already holds, for the duplicate message. */
export const DuplicateField = z.enum(['citizenId', 'cardNo', 'profileNo']);
export type DuplicateField = z.infer<typeof DuplicateField>;
export const duplicateFieldLabelVi = {
  citizenId: 'Số CCCD',
  cardNo: 'Số thẻ đảng viên',
  profileNo: 'Số lý lịch',
} as const satisfies Record<DuplicateField, string>;

/** The holder of a duplicate number as the guide's TH1 shows him: name and cell. */
export const DuplicateHolder = z.object({
  field: DuplicateField,
  fullName: z.string(),
  orgName: z.string().nullable(),
});
export type DuplicateHolder = z.infer<typeof DuplicateHolder>;

/**
 * A number another member record carries: two records would share one card, profile or citizen
 * id number, which the member database never allows.
 */
export function numberOnOtherRecordFailure(
  holder: DuplicateHolder,
): Failure<'number_on_other_record'> {
  const where = holder.orgName ? ` (${holder.orgName})` : '';
  return fail(
    'number_on_other_record',
    `${holder.field} belongs to another member record`,
    `${duplicateFieldLabelVi[holder.field]} đã thuộc hồ sơ đảng viên của đồng chí ${holder.fullName}${where}. ` +
      'Vui lòng kiểm tra lại số này.',
  );
}

export function duplicateFailure(holder: DuplicateHolder): Failure<'duplicate_account'> {
  const where = holder.orgName ? ` (${holder.orgName})` : '';
  return fail(
    'duplicate_account',
    `${holder.field} is already held by another account`,
    `${duplicateFieldLabelVi[holder.field]} đã được dùng cho tài khoản của đồng chí ${holder.fullName}${where}. ` +
      'Vui lòng kiểm tra lại; nếu trùng một trong hai số thẻ đảng hoặc số lý lịch, hãy dùng số còn lại để đăng ký.',
  );
}
