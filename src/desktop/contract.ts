import { z } from 'zod';
import { LoginRequest, SessionUser } from '../api/auth';
import { BankAccount, Org } from '../domain/org/org';
import { OrgStatus } from '../domain/org/org';
import { OrgType } from '../domain/org/org-types';
import { Member } from '../domain/people/member';
import { Role, RoleGrant, UserStatus } from '../domain/people/user';
import { PulledEntity, SyncProgress, SyncSummary } from '../sync/progress';
import { feeCalls } from './contract-fees';
import { transferCalls } from './contract-transfers';
import { residenceCalls, SigningProgress } from './contract-residence';
import { accountCalls } from './contract-accounts';
import { userAdminCalls } from './contract-users';
import { orgAdminCalls } from './contract-org-admin';
import { holidayCalls } from './contract-holidays';
import { imageCalls } from './contract-images';
import { importCalls } from './contract-imports';
import { oversightCalls } from './contract-oversight';
import { exportCalls } from './contract-exports';
import { updateCalls } from './contract-updates';
import { notificationCalls, NotificationView } from './contract-notifications';

/**
 * DesktopApi: every query and command the UI can call, as zod schemas of input and output. The
 * renderer imports only this file; transports (IPC, the browser host) carry `desktopCalls`
 * generically. Every call answers a DesktopResult and never throws at the caller.
 */

export { PulledEntity, SessionUser, SyncProgress, SyncSummary };

export const DesktopError = z.object({
  /** Stable code: invalid_input, not_found, not_logged_in, unreachable, internal, or a server code. */
  code: z.string(),
  message: z.string(),
  messageVi: z.string(),
  /** The input field that is wrong, for invalid_input. */
  field: z.string().optional(),
});
export type DesktopError = z.infer<typeof DesktopError>;

export const desktopResult = <S extends z.ZodType>(value: S) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: DesktopError }),
  ]);
export type DesktopResult<T> = { ok: true; value: T } | { ok: false; error: DesktopError };

const Id = z.string().trim().min(1).max(64);
const pageLimit = (fallback: number, max: number) =>
  z.number().int().min(1).max(max).default(fallback);
const Count = z.number().int().nonnegative();
/** Opaque paging position handed back by the previous page. */
const PageCursor = z.string().min(1).max(500);
const Empty = z.object({}).strict();

// ---- shapes -----------------------------------------------------------------------------------

export const OrgRef = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  type: OrgType,
  depth: Count,
});
export type OrgRef = z.infer<typeof OrgRef>;

/** A node of the org tree as the tree view shows it. */
export const OrgNode = OrgRef.extend({
  parentId: z.string().nullable(),
  cellSubtype: z.string().nullable(),
  status: z.string(),
  /** Street, ward and province, as the org list's "Địa chỉ" column shows them. */
  address: z.string().nullable(),
  childCount: Count,
  /** Members whose home org is this org itself. */
  memberCount: Count,
});
export type OrgNode = z.infer<typeof OrgNode>;

export const OrgSummary = OrgRef.extend({
  parentId: z.string().nullable(),
  path: z.string(),
  cellSubtype: z.string().nullable(),
  status: z.string(),
});
export type OrgSummary = z.infer<typeof OrgSummary>;

export const OrgDetail = z.object({
  org: Org.extend({ path: z.string(), depth: Count }),
  bankAccounts: z.array(BankAccount),
  childCount: Count,
  memberCount: Count,
});
export type OrgDetail = z.infer<typeof OrgDetail>;

export const MemberSummary = z.object({
  id: z.string(),
  fullName: z.string(),
  birthDate: z.string(),
  sex: z.string(),
  citizenId: z.string(),
  cardNo: z.string().nullable(),
  profileNo: z.string().nullable(),
  status: z.string(),
  homeOrg: z.object({ id: z.string(), name: z.string() }),
});
export type MemberSummary = z.infer<typeof MemberSummary>;

export const MemberDetail = z.object({
  member: Member,
  homeOrg: OrgRef.nullable(),
  residenceOrg: OrgRef.nullable(),
});
export type MemberDetail = z.infer<typeof MemberDetail>;

export const UserListItem = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  citizenId: z.string(),
  phone: z.string(),
  email: z.string().nullable(),
  position: z.string().nullable(),
  org: z.object({ id: z.string(), name: z.string() }),
  roles: z.array(RoleGrant.extend({ orgName: z.string() })),
  status: UserStatus,
  updatedBy: z.string().nullable(),
  updatedAt: z.string(),
});
export type UserListItem = z.infer<typeof UserListItem>;

export const SyncStatus = z.object({
  serverUrl: z.string(),
  /** null until the server has been tried once. */
  online: z.boolean().nullable(),
  user: SessionUser.nullable(),
  lastSyncAt: z.string().nullable(),
  pulling: z.boolean(),
  progress: SyncProgress.nullable(),
  outboxCount: Count,
  /** Outbox entries the server did not apply: the user must redo or discard them. */
  outboxNeedsAttention: Count,
  lastError: DesktopError.nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

// ---- calls ------------------------------------------------------------------------------------

const SearchInput = z.object({
  q: z.string().max(200),
  limit: pageLimit(50, 200),
});

/**
 * The logged-in user. `offline`: the server could not be reached, so the password was checked
 * against the one of the last online login and the app works on the cache alone (no sync).
 */
const SessionState = z.object({ user: SessionUser.nullable(), offline: z.boolean() });

export const desktopCalls = {
  /**
   * Logs in at the server and remembers the session (refresh token in the session store). When
   * the server is unreachable, the last user who logged in online on this machine gets in offline.
   */
  login: { input: LoginRequest, output: z.object({ user: SessionUser, offline: z.boolean() }) },
  logout: { input: Empty, output: Empty },
  session: { input: Empty, output: SessionState },
  /** Whether sign-in with the OpenID provider (VNeID) is configured for this app. */
  oidcStatus: { input: Empty, output: z.object({ configured: z.boolean() }) },
  /**
   * Starts a sign-in with the OpenID provider (docs/decisions/0020): the URL to open in the
   * browser. It ends with `session-changed` (signed in) or `oidc-login-failed`.
   */
  startOidcLogin: { input: Empty, output: z.object({ authorizationUrl: z.url() }) },
  /** Pulls the user's scope; progress arrives as `sync-progress` events. */
  syncNow: { input: Empty, output: SyncSummary },
  syncStatus: { input: Empty, output: SyncStatus },
  /** Asks the server for its health, and updates `online`. */
  checkConnection: { input: Empty, output: z.object({ online: z.boolean() }) },

  /** Children of an org (orgId null: the roots of the cache), in Vietnamese order of name. */
  orgChildren: {
    input: z.object({ orgId: Id.nullable().default(null) }),
    output: z.object({ items: z.array(OrgNode) }),
  },
  /** The breadcrumb: root first, the org itself last. */
  orgAncestors: {
    input: z.object({ orgId: Id }),
    output: z.object({ items: z.array(OrgRef) }),
  },
  /** The org and everything under it, in path order (parents before children), paged. */
  orgSubtree: {
    input: z.object({ orgId: Id, limit: pageLimit(500, 5000), cursor: PageCursor.optional() }),
    output: z.object({ items: z.array(OrgSummary), nextCursor: z.string().nullable() }),
  },
  orgSubtreeIds: {
    input: z.object({ orgId: Id, limit: pageLimit(5000, 50_000), cursor: PageCursor.optional() }),
    output: z.object({ ids: z.array(z.string()), nextCursor: z.string().nullable() }),
  },
  orgDetail: { input: z.object({ orgId: Id }), output: OrgDetail },
  /** The org list's filters: code prefix, name words, status, within a subtree. */
  findOrgs: {
    input: z.object({
      code: z.string().trim().min(1).max(50).optional(),
      name: z.string().max(200).optional(),
      status: OrgStatus.optional(),
      underOrgId: Id.optional(),
      limit: pageLimit(200, 2000),
    }),
    output: z.object({ items: z.array(OrgNode), truncated: z.boolean() }),
  },
  /** Diacritic-insensitive search by org name or code. */
  searchOrgs: {
    input: SearchInput,
    output: z.object({ items: z.array(OrgSummary), truncated: z.boolean() }),
  },
  /** Diacritic-insensitive search by name, citizen id, card or profile number (prefixes). */
  searchMembers: {
    input: SearchInput,
    output: z.object({ items: z.array(MemberSummary), truncated: z.boolean() }),
  },
  /** Members registered in an org, in Vietnamese name order, paged without gaps or repeats. */
  orgMembers: {
    input: z.object({ orgId: Id, limit: pageLimit(100, 1000), cursor: PageCursor.optional() }),
    output: z.object({ items: z.array(MemberSummary), nextCursor: z.string().nullable() }),
  },
  memberDetail: { input: z.object({ memberId: Id }), output: MemberDetail },
  /** "Quản lý người dùng": accounts in the cache by name, status, unit, position and role. */
  listUsers: {
    input: z.object({
      q: z.string().max(200).optional(),
      status: UserStatus.optional(),
      orgId: Id.optional(),
      position: z.string().max(200).optional(),
      role: Role.optional(),
      limit: pageLimit(500, 5000),
    }),
    output: z.object({
      items: z.array(UserListItem),
      /** Matching accounts, of which the first `limit` are in items. */
      total: Count,
      truncated: z.boolean(),
      /** Every job title in the cache, for the position filter. */
      positions: z.array(z.string()),
    }),
  },
  ...transferCalls,
  ...feeCalls,
  ...residenceCalls,
  ...accountCalls,
  ...userAdminCalls,
  ...orgAdminCalls,
  ...holidayCalls,
  ...imageCalls,
  ...importCalls,
  ...oversightCalls,
  ...exportCalls,
  ...updateCalls,
  ...notificationCalls,
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type DesktopCalls = typeof desktopCalls;
export type DesktopCallName = keyof DesktopCalls;
export type DesktopInput<K extends DesktopCallName> = z.input<DesktopCalls[K]['input']>;
export type DesktopOutput<K extends DesktopCallName> = z.output<DesktopCalls[K]['output']>;

// ---- events -----------------------------------------------------------------------------------

export const DesktopEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('sync-progress'), progress: SyncProgress }),
  /** Tests and the UI wait on this name (DESIGN.md, testing). */
  z.object({ type: z.literal('sync-finished'), summary: SyncSummary }),
  z.object({ type: z.literal('sync-failed'), error: DesktopError }),
  z.object({ type: z.literal('session-changed'), user: SessionUser.nullable() }),
  /** A sign-in with the OpenID provider ended without a session. */
  z.object({ type: z.literal('oidc-login-failed'), error: DesktopError }),
  z.object({ type: z.literal('online-changed'), online: z.boolean() }),
  /** The outbox changed (queued, sent, answered, discarded). */
  z.object({
    type: z.literal('outbox-changed'),
    outboxCount: Count,
    outboxNeedsAttention: Count,
  }),
  /** Every outbox entry was applied by the server: tests wait on this name. */
  z.object({ type: z.literal('outbox-empty') }),
  /** Dossiers in the cache changed (a pull brought some, or an action was queued). */
  z.object({ type: z.literal('dossiers-changed') }),
  /** Residence lists or forms in the cache changed (pulled, or an action was queued). */
  z.object({ type: z.literal('residence-changed') }),
  /** Account requests in the cache changed (pulled, or a decision or request was queued). */
  z.object({ type: z.literal('accounts-changed') }),
  /** An account was added or changed on the server and pulled: the user lists read again. */
  z.object({ type: z.literal('users-changed') }),
  /** An org was edited, added or moved on the server and pulled: the tree reads again. */
  z.object({ type: z.literal('orgs-changed') }),
  /** A signing batch moved on ("Đang ký 17/62"); `currentId` null when it ended. */
  z.object({ type: z.literal('signing-progress'), progress: SigningProgress }),
  /** An update of the app was downloaded and verified: "Khởi động lại để cập nhật". */
  z.object({ type: z.literal('update-ready'), version: z.string() }),
  /**
   * A sync raised notifications (docs/decisions/0041): `fresh` are the new ones of the kinds the
   * user keeps, `os` whether he wants them shown by the system too. Tests wait on this name.
   */
  z.object({
    type: z.literal('notifications-raised'),
    fresh: z.array(NotificationView),
    unseen: Count,
    os: z.boolean(),
  }),
]);
export type DesktopEvent = z.infer<typeof DesktopEvent>;

/** What the renderer holds: one generic call and the event stream, over any transport. */
export interface DesktopBridge {
  call<K extends DesktopCallName>(
    name: K,
    input: DesktopInput<K>,
  ): Promise<DesktopResult<DesktopOutput<K>>>;
  subscribe(listener: (event: DesktopEvent) => void): () => void;
}

export type DesktopApi = {
  [K in DesktopCallName]: (input: DesktopInput<K>) => Promise<DesktopResult<DesktopOutput<K>>>;
} & {
  /** Events for the UI; returns the unsubscribe function. */
  subscribe(listener: (event: DesktopEvent) => void): () => void;
};
export * from './contract-transfers';
export * from './contract-fees';
export * from './contract-residence';
export * from './contract-accounts';
export * from './contract-holidays';
export * from './contract-images';
export * from './contract-imports';
export * from './contract-oversight';
export * from './contract-updates';
export * from './contract-notifications';
export * from './contract-org-admin';
