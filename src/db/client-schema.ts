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
  /** Order of the user's actions. */
  seq: number;
  /** Client-made UUID: the server applies each exactly once. */
  id: string;
  /** The mutation's entity ('dossier', …). */
  kind: string;
  /** The push mutation without its id, as JSON (PushMutation minus id). */
  payload: string;
  /** The dossier (or other entity) it acts on; added by 0002. */
  entity_id: string | null;
  base_rev: number | null;
  /** pending | sending | needs_attention */
  status: string;
  result_code: string | null;
  message: string | null;
  created_at: string;
}

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
  data: Uint8Array;
  needs_upload: number;
  fetched_at: string;
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
}
