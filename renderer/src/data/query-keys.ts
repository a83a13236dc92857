import type { DesktopCallName, DesktopInput } from '../../../src/desktop/contract';

/**
 * What the renderer caches, by entity: the first element of every query key, so one
 * `invalidateQueries({ queryKey: [entity] })` reads again every screen that shows it.
 */
export const CACHED_ENTITIES = [
  'session',
  'sync',
  'orgs',
  'members',
  'users',
  'dossiers',
  'outbox',
  'blobs',
  'tokens',
  'certificates',
  'fees',
  'residence',
  'accounts',
  'holidays',
  'oversight',
  'updates',
  'notifications',
] as const;
export type CachedEntity = (typeof CACHED_ENTITIES)[number];

/**
 * The DesktopApi calls that read (the rest are actions), each with the entity it shows. Only
 * these can become queries: an action is never cached.
 */
const ENTITY_OF_QUERY = {
  session: 'session',
  oidcStatus: 'session',
  syncStatus: 'sync',
  orgChildren: 'orgs',
  orgAncestors: 'orgs',
  orgSubtree: 'orgs',
  orgSubtreeIds: 'orgs',
  orgDetail: 'orgs',
  findOrgs: 'orgs',
  searchOrgs: 'orgs',
  // The cells under the user's roles, read from the cached org tree.
  feeCells: 'orgs',
  searchMembers: 'members',
  orgMembers: 'members',
  memberDetail: 'members',
  listUsers: 'users',
  // Answered by the server; read again with the list (users-changed).
  userHistory: 'users',
  // Answered by the server; read again when the tree changes (orgs-changed).
  orgHistory: 'orgs',
  listDossiers: 'dossiers',
  dossierDetail: 'dossiers',
  myTransfers: 'dossiers',
  // Answered by the server: cells of the whole tree by name or code.
  transferDestinations: 'orgs',
  readBlob: 'blobs',
  verifyPdfSignatures: 'blobs',
  listOutbox: 'outbox',
  listTokens: 'tokens',
  tokenCertificateRegistration: 'certificates',
  listCertificateRegistrations: 'certificates',
  feeApprovalSheet: 'fees',
  feeTransactions: 'fees',
  feeLedger: 'fees',
  feeOrgReport: 'fees',
  feeBankAccounts: 'fees',
  feeStatementOrgs: 'fees',
  feeStatementLines: 'fees',
  feeRuleVersions: 'fees',
  myFeeDue: 'fees',
  residenceLists: 'residence',
  residenceListDetail: 'residence',
  // Members and their residence cells, as the list-making screen shows them.
  residenceCandidates: 'members',
  residenceForms: 'residence',
  residenceFormDetail: 'residence',
  residenceReceipts: 'residence',
  residenceCampaign: 'residence',
  accountRequests: 'accounts',
  accountRequestDetail: 'accounts',
  accountRequestCounts: 'accounts',
  myAccount: 'accounts',
  // The member database as the cache holds it.
  memberRecordLookup: 'members',
  // Answered by the server: cells by name.
  cellChoices: 'orgs',
  holidayCalendar: 'holidays',
  // Seal and signature images (decision 0039): shown with the org, and the user's own account.
  orgSealImage: 'orgs',
  mySignatureImage: 'users',
  // The user's admin orgs, for "Nhập dữ liệu".
  importScopes: 'orgs',
  oversightDashboard: 'oversight',
  readinessReport: 'oversight',
  // Answered by the Electron main process: a downloaded update waiting for a restart.
  updateStatus: 'updates',
  notifications: 'notifications',
  notificationSettings: 'notifications',
} as const satisfies Partial<Record<DesktopCallName, CachedEntity>>;

export type DesktopQueryName = keyof typeof ENTITY_OF_QUERY;

export function entityOfQuery(name: DesktopQueryName): CachedEntity {
  return ENTITY_OF_QUERY[name];
}

/** `[entity, call, input]`: by value, so equal inputs share one cache entry. */
export type DesktopQueryKey<K extends DesktopQueryName> = readonly [
  CachedEntity,
  K,
  DesktopInput<K> | null,
];

export function desktopQueryKey<K extends DesktopQueryName>(
  name: K,
  input: DesktopInput<K> | null,
): DesktopQueryKey<K> {
  return [ENTITY_OF_QUERY[name], name, input];
}

/**
 * How long an answer stays fresh. What the app's own cache holds changes only through events
 * (a pull, a queued action), which invalidate it: fresh until then. What the server or the
 * hardware answers (fees, tokens, registrations, the session) may change behind the app's back:
 * read again whenever a screen shows it, the cached answer on screen meanwhile.
 */
const SERVER_ANSWERED: ReadonlySet<CachedEntity> = new Set<CachedEntity>([
  'session',
  'sync',
  'tokens',
  'certificates',
  'fees',
  'oversight',
]);

export function staleTimeOf(entity: CachedEntity): number {
  return SERVER_ANSWERED.has(entity) ? 0 : Infinity;
}
