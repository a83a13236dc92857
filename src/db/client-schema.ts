import type { Generated, Selectable } from 'kysely';

/**
 * Tables of the desktop cache. Server-owned tables (orgs … user_roles) are written only by pull;
 * what the user did offline lives in `outbox` (DESIGN.md, sync protocol).
 */
export interface ClientOrgsTable {
  id: string;
  code: string;
  name: string;
  name_folded: string;
  parent_id: string | null;
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
  rev: number;
  /** The seal image's blob (0008); its bytes are in blob_cache once fetched. */
  seal_image_sha256: string | null;
}

export interface ClientBankAccountsTable {
  id: string;
  org_id: string;
  account_no: string;
  holder: string;
  bank_name: string;
  citad_code: string;
  is_active: number;
  rev: number;
}

export interface ClientMembersTable {
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
  positions: string;
  status: string;
  rev: number;
}

export interface ClientUsersTable {
  id: string;
  username: string;
  full_name: string;
  citizen_id: string;
  phone: string;
  email: string | null;
  position: string | null;
  org_id: string;
  status: string;
  member_id: string | null;
  updated_by: string | null;
  updated_at: string;
  rev: number;
  /** The signature image's blob (0008). */
  signature_image_sha256: string | null;
}

export interface ClientUserRolesTable {
  id: string;
  user_id: string;
  role: string;
  org_id: string;
  rev: number;
}

export interface SyncStateTable {
  key: string;
  value: string;
}

export interface OutboxTable {
  /** Order of the user's actions (the rowid: given by SQLite). */
  seq: Generated<number>;
  /** Client-made UUID: the server applies each exactly once. */
  id: string;
  /** The mutation's entity ('dossier', …). */
  kind: string;
  /** The push mutation without its id, as JSON (PushMutation minus id). */
  payload: string;
  /** The dossier (or other entity) it acts on; added by 0002. */
  entity_id: string | null;
  base_rev: number | null;
  /** pending | sending | needs_attention | applied */
  status: string;
  result_code: string | null;
  message: string | null;
  created_at: string;
  /** The rev the server gave an applied entry, kept until a pull brings it (0011). */
  applied_rev: number | null;
}

export type OutboxRow = Selectable<OutboxTable>;

export interface ClientDossiersTable {
  id: string;
  variant: string;
  member_id: string;
  from_org_id: string;
  destination_org_id: string;
  current_org_id: string;
  status: string;
  submitted_at: string;
  updated_at: string;
  present_by: string | null;
  /** DossierWire as JSON. */
  data: string;
  rev: number;
}

export interface ClientDossierRouteOrgsTable {
  dossier_id: string;
  org_id: string;
  position: number;
  /** 'from' | 'to' */
  side: string;
}

export interface BlobCacheTable {
  sha256: string;
  content_type: string;
  size: number;
  /** better-sqlite3 reads blobs as Buffer. */
  data: Buffer;
  needs_upload: number;
  fetched_at: string;
}

/** Residence lists (0004), as pull sends them to the workplace's staff. */
export interface ClientResidenceRequestsTable {
  id: string;
  workplace_org_id: string;
  campaign_year: number;
  status: string;
  updated_at: string;
  /** ResidenceRequestWire as JSON. */
  data: string;
  rev: number;
}

/** Residence comment forms (0004), as pull sends them to each side and the member. */
export interface ClientResidenceFormsTable {
  id: string;
  request_id: string;
  member_id: string;
  workplace_org_id: string;
  residence_org_id: string;
  committee_org_id: string;
  status: string;
  updated_at: string;
  /** ResidenceFormWire as JSON. */
  data: string;
  rev: number;
}

/** Member account requests (0005), as pull sends them to the deciding org, the cell and the member. */
export interface ClientAccountRequestsTable {
  id: string;
  kind: string;
  status: string;
  deciding_org_id: string;
  requester_user_id: string;
  member_id: string | null;
  created_at: string;
  updated_at: string;
  /** AccountRequestWire as JSON. */
  data: string;
  rev: number;
}

/** A year of the holiday calendar, as pulled (0006). */
export interface ClientHolidayYearsTable {
  /** The year as text. */
  id: string;
  year: number;
  /** HolidayYearWire as JSON. */
  data: string;
  rev: number;
}

/** A committee's residence campaign, as pulled (0010): the due date of its forms. */
export interface ClientResidenceCampaignsTable {
  /** `committee/year`. */
  id: string;
  committee_org_id: string;
  year: number;
  opens_on: string;
  due_on: string;
  rev: number;
}

/** A notification raised for a user, kept by this machine only (0009). */
export interface NotificationsTable {
  user_id: string;
  key: string;
  kind: string;
  subject: string;
  object_id: string;
  title: string;
  place: string;
  due_on: string | null;
  raised_at: string;
  seen_at: string | null;
}

/** A user's notification settings on this machine (0009). */
export interface NotificationSettingsTable {
  user_id: string;
  /** NotificationSettings as JSON. */
  data: string;
}

/** The last answer of a fee screen's query, for offline viewing (0003). */
export interface FeeCacheTable {
  key: string;
  payload: string;
  fetched_at: string;
}

export interface ClientDatabase {
  orgs: ClientOrgsTable;
  org_bank_accounts: ClientBankAccountsTable;
  members: ClientMembersTable;
  users: ClientUsersTable;
  user_roles: ClientUserRolesTable;
  sync_state: SyncStateTable;
  outbox: OutboxTable;
  dossiers: ClientDossiersTable;
  dossier_route_orgs: ClientDossierRouteOrgsTable;
  blob_cache: BlobCacheTable;
  fee_cache: FeeCacheTable;
  residence_requests: ClientResidenceRequestsTable;
  residence_forms: ClientResidenceFormsTable;
  account_requests: ClientAccountRequestsTable;
  holiday_years: ClientHolidayYearsTable;
  residence_campaigns: ClientResidenceCampaignsTable;
  notifications: NotificationsTable;
  notification_settings: NotificationSettingsTable;
}

/** How SQLite declares a column of this type: its affinity, and `null` when it may be null. */
type SqliteType = 'text' | 'integer' | 'blob';
type Declared<V> = null extends V ? `${SqliteType} null` : SqliteType;

/**
 * Every column of every table, as the migrations declare it. Checked both ways against the
 * interfaces above by the compiler (a column missing here, or extra, is a type error) and against
 * a migrated cache by client-schema.test.ts, so the interfaces cannot drift from the real tables.
 */
export const CLIENT_COLUMNS: {
  [T in keyof ClientDatabase]: { [C in keyof ClientDatabase[T]]-?: Declared<ClientDatabase[T][C]> };
} = {
  orgs: {
    id: 'text',
    code: 'text',
    name: 'text',
    name_folded: 'text',
    parent_id: 'text null',
    path: 'text',
    depth: 'integer',
    type: 'text',
    cell_subtype: 'text null',
    tax_code: 'text null',
    email: 'text null',
    phone: 'text null',
    website: 'text null',
    province: 'text null',
    ward: 'text null',
    address_detail: 'text null',
    description: 'text null',
    allocation_direction: 'text',
    has_seal: 'integer',
    status: 'text',
    rev: 'integer',
    seal_image_sha256: 'text null',
  },
  org_bank_accounts: {
    id: 'text',
    org_id: 'text',
    account_no: 'text',
    holder: 'text',
    bank_name: 'text',
    citad_code: 'text',
    is_active: 'integer',
    rev: 'integer',
  },
  members: {
    id: 'text',
    full_name: 'text',
    name_folded: 'text',
    sort_key: 'text',
    birth_date: 'text',
    sex: 'text',
    citizen_id: 'text',
    card_no: 'text null',
    profile_no: 'text null',
    home_org_id: 'text',
    residence_org_id: 'text null',
    phone: 'text null',
    email: 'text null',
    joined_on: 'text null',
    official_on: 'text null',
    positions: 'text',
    status: 'text',
    rev: 'integer',
  },
  users: {
    id: 'text',
    username: 'text',
    full_name: 'text',
    citizen_id: 'text',
    phone: 'text',
    email: 'text null',
    position: 'text null',
    org_id: 'text',
    status: 'text',
    member_id: 'text null',
    updated_by: 'text null',
    updated_at: 'text',
    rev: 'integer',
    signature_image_sha256: 'text null',
  },
  user_roles: { id: 'text', user_id: 'text', role: 'text', org_id: 'text', rev: 'integer' },
  sync_state: { key: 'text', value: 'text' },
  outbox: {
    seq: 'integer',
    id: 'text',
    kind: 'text',
    payload: 'text',
    entity_id: 'text null',
    base_rev: 'integer null',
    status: 'text',
    result_code: 'text null',
    message: 'text null',
    created_at: 'text',
    applied_rev: 'integer null',
  },
  dossiers: {
    id: 'text',
    variant: 'text',
    member_id: 'text',
    from_org_id: 'text',
    destination_org_id: 'text',
    current_org_id: 'text',
    status: 'text',
    submitted_at: 'text',
    updated_at: 'text',
    present_by: 'text null',
    data: 'text',
    rev: 'integer',
  },
  dossier_route_orgs: { dossier_id: 'text', org_id: 'text', position: 'integer', side: 'text' },
  blob_cache: {
    sha256: 'text',
    content_type: 'text',
    size: 'integer',
    data: 'blob',
    needs_upload: 'integer',
    fetched_at: 'text',
  },
  fee_cache: { key: 'text', payload: 'text', fetched_at: 'text' },
  residence_requests: {
    id: 'text',
    workplace_org_id: 'text',
    campaign_year: 'integer',
    status: 'text',
    updated_at: 'text',
    data: 'text',
    rev: 'integer',
  },
  residence_forms: {
    id: 'text',
    request_id: 'text',
    member_id: 'text',
    workplace_org_id: 'text',
    residence_org_id: 'text',
    committee_org_id: 'text',
    status: 'text',
    updated_at: 'text',
    data: 'text',
    rev: 'integer',
  },
  account_requests: {
    id: 'text',
    kind: 'text',
    status: 'text',
    deciding_org_id: 'text',
    requester_user_id: 'text',
    member_id: 'text null',
    created_at: 'text',
    updated_at: 'text',
    data: 'text',
    rev: 'integer',
  },
  holiday_years: { id: 'text', year: 'integer', data: 'text', rev: 'integer' },
  residence_campaigns: {
    id: 'text',
    committee_org_id: 'text',
    year: 'integer',
    opens_on: 'text',
    due_on: 'text',
    rev: 'integer',
  },
  notifications: {
    user_id: 'text',
    key: 'text',
    kind: 'text',
    subject: 'text',
    object_id: 'text',
    title: 'text',
    place: 'text',
    due_on: 'text null',
    raised_at: 'text',
    seen_at: 'text null',
  },
  notification_settings: { user_id: 'text', data: 'text' },
};

/** The columns of a client table, in declaration order. */
export const clientColumns = <T extends keyof ClientDatabase>(table: T) =>
  Object.keys(CLIENT_COLUMNS[table]) as (keyof ClientDatabase[T] & string)[];
