import { z } from 'zod';
import { Id, NonBlankText } from '../domain/common/schemas';
import {
  AccountDecision,
  DeclaredMember,
  DeclaredMemberFields,
  DeclaredPosition,
  DuplicateHolder,
  InfoChanges,
} from '../domain/accounts/account-request';
import { Member } from '../domain/people/member';
import { User } from '../domain/people/user';
import { CitizenId } from '../domain/validation/citizen-id';
import { OidcLoginRequest } from './auth';
import { ApiError } from './errors';
import type { RouteSpec } from './routes';
import { AccountRequestWire } from './account-wire';

export { AccountEventWire, AccountRequestWire } from './account-wire';

/**
 * Member accounts (user guide part 2, docs/decisions/0031): registration is public (the member has
 * no account yet) and online; every decision, and every request a signed-in member files, is an
 * outbox action over push, so a secretary approves offline like he approves a dossier.
 *
 * Sign-in of an account that is not approved yet answers 403 `account_pending`; of a refused one,
 * 403 `account_refused` whose messageVi says the secretary's reason (the guide: "đảng viên sẽ nhận
 * được thông báo khi truy cập hệ thống").
 */

/** Looks up the member database before registering: the citizen id and one of the two numbers. */
export const RegistrationLookupRequest = z
  .object({
    citizenId: CitizenId,
    cardNo: NonBlankText(30).optional(),
    profileNo: NonBlankText(30).optional(),
  })
  .refine((q) => q.cardNo !== undefined || q.profileNo !== undefined, {
    message: 'Vui lòng nhập Số thẻ đảng viên hoặc Số lý lịch.',
    path: ['cardNo'],
  });
export type RegistrationLookupRequest = z.infer<typeof RegistrationLookupRequest>;

/**
 * What the member database holds for the person, to prefill the form ("LẤY THÔNG TIN ĐẢNG VIÊN").
 * Found only when the citizen id and the card or profile number belong to the same record, so the
 * public lookup tells nothing to someone who knows just one number.
 */
export const RegistrationPrefill = DeclaredMemberFields.omit({ position: true }).extend({
  memberId: Id,
  homeOrgName: z.string(),
  residenceOrgName: z.string().nullable(),
});
export type RegistrationPrefill = z.infer<typeof RegistrationPrefill>;

export const RegistrationLookupResponse = z.object({ record: RegistrationPrefill.nullable() });
export type RegistrationLookupResponse = z.infer<typeof RegistrationLookupResponse>;

/** A cell the registering member may choose ("Chi bộ sinh hoạt"), with the orgs above it. */
export const CellChoice = z.object({
  id: Id,
  name: z.string(),
  /** Names from the top org down to the cell's parent, for telling same-named cells apart. */
  parents: z.array(z.string()),
});
export type CellChoice = z.infer<typeof CellChoice>;

export const CellSearchQuery = z.object({
  /** Words of the name without diacritics; at least two characters. */
  q: z.string().trim().min(2).max(100),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type CellSearchQuery = z.infer<typeof CellSearchQuery>;
export const CellSearchResponse = z.object({ items: z.array(CellChoice) });
export type CellSearchResponse = z.infer<typeof CellSearchResponse>;

/**
 * Who the registering person is: a VNeID ID token (the citizen id comes from its claim and must be
 * the declared one), or, where the server has no OpenID provider, a username and password chosen
 * on the form.
 */
export const RegistrationIdentity = z.discriminatedUnion('kind', [
  OidcLoginRequest.extend({ kind: z.literal('oidc') }),
  z.object({
    kind: z.literal('password'),
    username: z.string().trim().min(3).max(100),
    password: z.string().min(1).max(200),
  }),
]);
export type RegistrationIdentity = z.infer<typeof RegistrationIdentity>;

export const RegistrationRequest = z.object({
  identity: RegistrationIdentity,
  declared: DeclaredMember,
});
export type RegistrationRequest = z.infer<typeof RegistrationRequest>;

export const RegistrationReceipt = z.object({
  requestId: Id,
  userId: Id,
  status: z.literal('pending'),
});
export type RegistrationReceipt = z.infer<typeof RegistrationReceipt>;

/**
 * The 409 answer of a registration whose citizen id, card or profile number another account holds:
 * the ApiError body plus who holds it (TH1 of the guide).
 */
export const DuplicateAccountError = z.object({
  error: z.literal('duplicate_account'),
  message: z.string(),
  messageVi: z.string(),
  holder: DuplicateHolder,
});
export type DuplicateAccountError = z.infer<typeof DuplicateAccountError>;

/** A member without a level-2 identity, registered by his cell's secretary or admin. */
export const OnBehalfRegistrationRequest = z.object({
  username: z.string().trim().min(3).max(100),
  declared: DeclaredMember,
});
export type OnBehalfRegistrationRequest = z.infer<typeof OnBehalfRegistrationRequest>;

export const OnBehalfRegistrationReceipt = RegistrationReceipt.extend({
  /** Shown once to the staff member, who hands it to the member; never stored in clear. */
  initialPassword: z.string(),
});
export type OnBehalfRegistrationReceipt = z.infer<typeof OnBehalfRegistrationReceipt>;

/** What a signed-in member reads of himself: his account, his record and his requests. */
export const MyAccountResponse = z.object({
  user: User,
  member: Member.nullable(),
  requests: z.array(AccountRequestWire),
});
export type MyAccountResponse = z.infer<typeof MyAccountResponse>;

export const AccountRequestParams = z.object({ id: Id });

/** What a signed-in member files about himself, made offline like any outbox action. */
export const FileAccountRequestAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('file_info_change'), changes: InfoChanges }),
  z.object({ type: z.literal('file_position'), position: DeclaredPosition }),
  z.object({ type: z.literal('file_cell_change'), toOrgId: Id }),
]);

export const AccountRequestWireAction = z.discriminatedUnion('type', [
  ...FileAccountRequestAction.options,
  ...AccountDecision.options,
]);
export type AccountRequestWireAction = z.infer<typeof AccountRequestWireAction>;

export const AccountRequestMutation = z.object({
  id: z.uuid(),
  entity: z.literal('accountRequest'),
  /** The request's id; the client makes it when it files one. */
  entityId: Id,
  /** 0 to file a request; otherwise the rev decided on (a later rev is a conflict). */
  baseRev: z.number().int().nonnegative(),
  action: AccountRequestWireAction,
});
export type AccountRequestMutation = z.infer<typeof AccountRequestMutation>;

const publicErrors = [400, 413, 415, 429] as const;

export const accountRoutes = {
  registrationLookup: {
    method: 'POST',
    path: '/v1/accounts/lookup',
    summary: 'Find the member database record of a person about to register (prefill)',
    tag: 'accounts',
    auth: false,
    body: RegistrationLookupRequest,
    status: 200,
    response: RegistrationLookupResponse,
    errors: publicErrors,
    access: { roles: 'any', scope: 'public' },
  },
  registrationCells: {
    method: 'GET',
    path: '/v1/accounts/cells',
    summary: 'Cells a member may declare as his, by name (the org tree is published)',
    tag: 'accounts',
    auth: false,
    querystring: CellSearchQuery,
    status: 200,
    response: CellSearchResponse,
    errors: [400, 429],
    access: { roles: 'any', scope: 'public' },
  },
  register: {
    method: 'POST',
    path: '/v1/accounts/registrations',
    summary: 'Register a member account; it waits for the cell secretary’s approval',
    tag: 'accounts',
    auth: false,
    body: RegistrationRequest,
    status: 201,
    response: RegistrationReceipt,
    errors: [...publicErrors, 401, 403, 409, 503],
    // A duplicate names its holder; a taken username is a plain ApiError.
    errorBodies: { 409: z.union([DuplicateAccountError, ApiError]) },
    access: { roles: 'any', scope: 'public' },
  },
  registerOnBehalf: {
    method: 'POST',
    path: '/v1/accounts/registrations/on-behalf',
    summary: 'Register a member without a level-2 identity on his behalf (cell secretary, admin)',
    tag: 'accounts',
    auth: true,
    body: OnBehalfRegistrationRequest,
    status: 201,
    response: OnBehalfRegistrationReceipt,
    errors: [400, 401, 403, 404, 409, 413, 415],
    errorBodies: { 409: z.union([DuplicateAccountError, ApiError]) },
    access: { roles: ['approver', 'admin', 'processor'], scope: 'filtered' },
  },
  myAccount: {
    method: 'GET',
    path: '/v1/accounts/me',
    summary: 'The caller’s account, member record and account requests',
    tag: 'accounts',
    auth: true,
    status: 200,
    response: MyAccountResponse,
    errors: [401],
    access: { roles: 'any', scope: 'self' },
  },
  getAccountRequest: {
    method: 'GET',
    path: '/v1/accounts/requests/:id',
    summary: 'One account request with its trail',
    tag: 'accounts',
    auth: true,
    params: AccountRequestParams,
    status: 200,
    response: AccountRequestWire,
    errors: [400, 401, 403, 404],
    access: { roles: 'any', scope: 'account-request', param: 'id' },
  },
} as const satisfies Record<string, RouteSpec>;
