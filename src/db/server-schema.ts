import type { Generated } from 'kysely';
import type { AccountsDatabase } from './server-schema-accounts';
import type { CalendarDatabase } from './server-schema-calendar';
import type { ImportsDatabase } from './server-schema-imports';
import type { CertificatesDatabase } from './server-schema-certificates';
import type { FeesDatabase } from './server-schema-fees';
import type { OrgAdminDatabase } from './server-schema-org-admin';
import type { ResidenceDatabase } from './server-schema-residence';
import type { TransfersDatabase } from './server-schema-transfers';

/**
 * Tables of the central server database. Flags are 0/1 integers and dates ISO-8601 text on both
 * engines, so the same kysely code runs on SQLite and PostgreSQL.
 */
export interface SyncedColumns {
  /** Global change counter value of the last write (DESIGN.md, sync protocol). */
  rev: number;
  /** 1 = tombstone: the row was deleted and stays only to tell clients. */
  deleted: Generated<number>;
  updated_at: string;
}

export interface OrgsTable extends SyncedColumns {
  id: string;
  code: string;
  name: string;
  name_folded: string;
  parent_id: string | null;
  /** Materialized path of ids, '/root/…/self/': subtree = range scan, ancestors = split. */
  path: string;
  depth: number;
  type: string;
  cell_subtype: string | null;
  tax_code: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  province: string | null;
  ward: string | null;
  address_detail: string | null;
  description: string | null;
  allocation_direction: string;
  has_seal: number;
  status: string;
  /** The seal image's blob (migration 0014); null: none registered. */
  seal_image_sha256: string | null;
}

export interface OrgBankAccountsTable extends SyncedColumns {
  id: string;
  org_id: string;
  account_no: string;
  holder: string;
  bank_name: string;
  citad_code: string;
  is_active: number;
}

export interface MembersTable extends SyncedColumns {
  id: string;
  full_name: string;
  name_folded: string;
  sort_key: string;
  birth_date: string;
  sex: string;
  citizen_id: string;
  card_no: string | null;
  profile_no: string | null;
  home_org_id: string;
  residence_org_id: string | null;
  phone: string | null;
  email: string | null;
  joined_on: string | null;
  official_on: string | null;
  /** JSON array of { orgId, position }. */
  positions: string;
  status: string;
}

export interface UsersTable extends SyncedColumns {
  id: string;
  username: string;
  /** usernameKey(username): unique; what login looks up (migration 0007). */
  username_key: string;
  /** userSearchText(full_name, username): what the user search filters on (migration 0007). */
  search_folded: string;
  full_name: string;
  citizen_id: string;
  phone: string;
  email: string | null;
  position: string | null;
  org_id: string;
  status: string;
  member_id: string | null;
  password_hash: string | null;
  updated_by: string | null;
  created_at: string;
  /** The signature image's blob (migration 0014); null: none registered. */
  signature_image_sha256: string | null;
}

export interface UserRolesTable extends SyncedColumns {
  id: string;
  user_id: string;
  role: string;
  org_id: string;
}

export interface UserHistoryTable {
  id: string;
  user_id: string;
  changed_by: string;
  changed_at: string;
  /** JSON object { field: [before, after] } without secrets. */
  changes: string;
}

/** Who set or removed an org's seal image, when (migration 0014). */
export interface OrgSealImageHistoryTable {
  id: string;
  org_id: string;
  changed_by: string;
  changed_at: string;
  before_sha256: string | null;
  after_sha256: string | null;
}

export interface RefreshTokensTable {
  /** SHA-256 of the token: the token itself is never stored. */
  token_hash: string;
  user_id: string;
  expires_at: string;
  revoked_at: string | null;
  created_at: string;
  /** Absolute end of the login session, the same for every token of one login (migration 0006). */
  session_expires_at: string | null;
}

export interface LoginThrottleTable {
  /** Folded username, kept for unknown names too so a lockout says nothing about existence. */
  username_key: string;
  failures: number;
  locked_until: string | null;
}

export interface SyncCounterTable {
  id: number;
  value: number;
}

/**
 * A row that left some scope (a member moved to another cell, an org moved): clients whose scope
 * held `old_path` receive a delete for it, since the row itself is now invisible to them.
 */
export interface SyncExitsTable {
  rev: number;
  entity: string;
  entity_id: string;
  old_path: string;
}

export interface ServerDatabase
  extends
    FeesDatabase,
    TransfersDatabase,
    CertificatesDatabase,
    ResidenceDatabase,
    AccountsDatabase,
    CalendarDatabase,
    OrgAdminDatabase,
    ImportsDatabase {
  orgs: OrgsTable;
  org_bank_accounts: OrgBankAccountsTable;
  members: MembersTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  user_history: UserHistoryTable;
  org_seal_image_history: OrgSealImageHistoryTable;
  refresh_tokens: RefreshTokensTable;
  login_throttle: LoginThrottleTable;
  sync_counter: SyncCounterTable;
  sync_exits: SyncExitsTable;
}
