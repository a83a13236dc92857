import { z } from 'zod';
import { AccountEventWire, CellChoice, RegistrationPrefill } from '../api/accounts';
import {
  AccountRequestKind,
  AccountRequestStatus,
  DeclaredMember,
  DeclaredPosition,
  DuplicateHolder,
  InfoChanges,
} from '../domain/accounts/account-request';
import { NonBlankText } from '../domain/common/schemas';
import { UserStatus } from '../domain/people/user';
import { CitizenId } from '../domain/validation/citizen-id';

/**
 * The DesktopApi calls of member accounts (user guide part 2, docs/decisions/0031): the cell
 * secretary's "Quản lý tài khoản đảng viên" and the two other approval lists, read from the cache
 * and decided through the outbox; registering a member on his behalf (online); the member's own
 * account page and the requests he files (outbox); and registration before any sign-in (online).
 * Merged into `desktopCalls` by contract.ts.
 */

/** The member database's record as the registration form prefills it. */
export { RegistrationPrefill };

const Id = z.string().trim().min(1).max(64);
const Count = z.number().int().nonnegative();
const OrgName = z.object({ id: z.string(), name: z.string() });
const Queued = z.object({ outboxId: z.uuid() });
const Reason = z.string().trim().min(1, 'Vui lòng nhập lý do từ chối.').max(1000);

/** One row of an approval list ("Quản lý tài khoản đảng viên", "Phê duyệt chức vụ", …). */
export const AccountRequestItem = z.object({
  id: z.string(),
  kind: AccountRequestKind,
  status: AccountRequestStatus,
  memberName: z.string(),
  birthDate: z.string().nullable(),
  citizenId: z.string().nullable(),
  cardNo: z.string().nullable(),
  profileNo: z.string().nullable(),
  /** The member's cell (the declared one for a registration). */
  cell: OrgName.nullable(),
  decidingOrg: OrgName,
  /** One line of what is asked: "Phó bí thư", "Số điện thoại, Email", "→ Chi bộ Khu phố 3". */
  summary: z.string(),
  /** Filed by staff for the member ("đăng ký hộ"). */
  filedOnBehalf: z.boolean(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  reason: z.string().nullable(),
  /** Actions on it queued in the outbox, not yet applied by the server. */
  pendingActions: Count,
  /** A queued action the server refused: the user must look at it. */
  needsAttention: z.boolean(),
});
export type AccountRequestItem = z.infer<typeof AccountRequestItem>;

/** One row of the side-by-side review: what the member declares beside what is on file. */
export const ComparedField = z.object({
  field: z.string(),
  labelVi: z.string(),
  declared: z.string().nullable(),
  onFile: z.string().nullable(),
  differs: z.boolean(),
});
export type ComparedField = z.infer<typeof ComparedField>;

export const AccountRequestDetail = z.object({
  item: AccountRequestItem,
  /**
   * Registration: the declared data beside the member database's record; info change: the proposed
   * values beside the record's; position and cell change: the rows that change.
   */
  fields: z.array(ComparedField),
  /** No record in the member database matched a registration: the secretary checks it by hand. */
  notOnFile: z.boolean(),
  history: z.array(AccountEventWire),
  /** The signed-in user may decide it (an approver or admin of the deciding org, not his own). */
  canDecide: z.boolean(),
});
export type AccountRequestDetail = z.infer<typeof AccountRequestDetail>;

/** The outcome per request of a decision on many: queued, or why not. */
export const DecisionOutcome = z.object({
  id: z.string(),
  outboxId: z.uuid().nullable(),
  messageVi: z.string().nullable(),
});

/** What a signed-in member sees of his account ("Thông tin tài khoản"). */
export const MyAccountView = z.object({
  username: z.string(),
  fullName: z.string(),
  status: UserStatus,
  /** His member record as the cache holds it; null before his registration is approved. */
  member: z
    .object({
      id: z.string(),
      fullName: z.string(),
      birthDate: z.string(),
      sex: z.string(),
      citizenId: z.string(),
      cardNo: z.string().nullable(),
      profileNo: z.string().nullable(),
      homeOrg: OrgName.nullable(),
      residenceOrg: OrgName.nullable(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
      positions: z.array(z.object({ org: OrgName, positionVi: z.string() })),
    })
    .nullable(),
  requests: z.array(AccountRequestItem),
});
export type MyAccountView = z.infer<typeof MyAccountView>;

/** The failure of a registration whose number another account holds, with the holder. */
export const RegistrationOutcome = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), requestId: z.string() }),
  z.object({ ok: z.literal(false), messageVi: z.string(), holder: DuplicateHolder }),
]);
export type RegistrationOutcome = z.infer<typeof RegistrationOutcome>;

/** The staff's calls: approval lists, decisions, registering on a member's behalf. */
export const accountStaffCalls = {
  /** The approval lists of the orgs the user decides for (default: pending ones). */
  accountRequests: {
    input: z.object({
      kind: AccountRequestKind.optional(),
      status: AccountRequestStatus.optional(),
      /** Requests decided by this org or one under it. */
      orgId: Id.optional(),
      /** Words of the member's name without diacritics, or an exact citizen id / card / profile no. */
      q: z.string().trim().max(100).optional(),
      limit: z.number().int().min(1).max(2000).default(500),
    }),
    output: z.object({ items: z.array(AccountRequestItem), truncated: z.boolean() }),
  },
  accountRequestDetail: { input: z.object({ id: Id }), output: AccountRequestDetail },
  /** "Duyệt" / "Từ chối" one or many at once; each is its own outbox entry. */
  decideAccountRequests: {
    input: z
      .object({
        ids: z.array(Id).min(1, 'Hãy chọn ít nhất một yêu cầu.').max(500),
        decision: z.enum(['approve', 'refuse']),
        reason: Reason.optional(),
      })
      .refine((d) => d.decision === 'approve' || d.reason !== undefined, {
        message: 'Vui lòng nhập lý do từ chối.',
        path: ['reason'],
      }),
    output: z.object({ items: z.array(DecisionOutcome) }),
  },
  /** Pending requests the user decides, per kind, for the menu's counts. */
  accountRequestCounts: {
    input: z.object({}),
    output: z.record(AccountRequestKind, Count),
  },
  /** Staff: the member database's record for the on-behalf form, from the cache. */
  memberRecordLookup: {
    input: z.object({
      citizenId: CitizenId.optional(),
      cardNo: NonBlankText(30).optional(),
      profileNo: NonBlankText(30).optional(),
    }),
    output: z.object({ record: RegistrationPrefill.nullable() }),
  },
  /** "Đăng ký hộ": online; the initial password is shown once. */
  registerMemberOnBehalf: {
    input: z.object({ username: z.string().trim().min(3).max(100), declared: DeclaredMember }),
    output: z.discriminatedUnion('ok', [
      z.object({
        ok: z.literal(true),
        requestId: z.string(),
        username: z.string(),
        initialPassword: z.string(),
      }),
      z.object({ ok: z.literal(false), messageVi: z.string(), holder: DuplicateHolder }),
    ]),
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

/**
 * The member's calls: his own account and requests, and registration before any sign-in
 * (registrationLookup, registerAccount and cellChoices work without a session).
 */
export const accountMemberCalls = {
  /** The signed-in member's own account, record and requests. */
  myAccount: { input: z.object({}), output: MyAccountView },
  /** "Thay đổi thông tin tài khoản" (also the residence cell): queued for the cell secretary. */
  fileInfoChange: {
    input: z.object({ changes: InfoChanges }),
    output: Queued.extend({ requestId: z.string() }),
  },
  /** Declares himself secretary or deputy: queued for the superior org. */
  filePositionRequest: {
    input: z.object({ position: DeclaredPosition }),
    output: Queued.extend({ requestId: z.string() }),
  },
  /** Registered in the wrong cell (TH3): asks the right cell to take him. */
  fileCellChange: {
    input: z.object({ toOrgId: Id }),
    output: Queued.extend({ requestId: z.string() }),
  },
  /** Cells by name, from the server (a member's cache holds only his own line of orgs). */
  cellChoices: {
    input: z.object({ q: z.string().trim().min(2).max(100) }),
    output: z.object({ items: z.array(CellChoice) }),
  },

  /** Before sign-in: "LẤY THÔNG TIN ĐẢNG VIÊN" (online). */
  registrationLookup: {
    input: z.object({
      citizenId: CitizenId,
      cardNo: NonBlankText(30).optional(),
      profileNo: NonBlankText(30).optional(),
    }),
    output: z.object({ record: RegistrationPrefill.nullable() }),
  },
  /** Before sign-in: registers with a username and password (online). */
  registerAccount: {
    input: z.object({
      username: z.string().trim().min(3).max(100),
      password: z.string().min(1).max(200),
      declared: DeclaredMember,
    }),
    output: RegistrationOutcome,
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export const accountCalls = { ...accountStaffCalls, ...accountMemberCalls };
