import type { Generated } from 'kysely';

/**
 * Member accounts (migration 0011_account_requests). Requests are synced rows (rev/deleted);
 * `data` is the domain's AccountRequest as JSON, the columns are what queries need.
 */
export interface AccountRequestsTable {
  id: string;
  kind: string;
  status: string;
  requester_user_id: string;
  filed_by_user_id: string;
  deciding_org_id: string;
  member_id: string | null;
  /** JSON of the domain's AccountRequest. */
  data: string;
  reason: string | null;
  created_at: string;
  decided_at: string | null;
  /** A registration's numbers: unique among pending registrations (partial indexes). */
  citizen_id: string | null;
  card_no: string | null;
  profile_no: string | null;
  rev: number;
  deleted: Generated<number>;
  updated_at: string;
}

/** The trail of a request: filed, approve, refuse; who and when. */
export interface AccountRequestEventsTable {
  id: string;
  request_id: string;
  /** The request's rev after this event. */
  rev: number;
  type: string;
  actor_user_id: string;
  actor_name: string;
  at: string;
  reason: string | null;
}

export interface AccountsDatabase {
  account_requests: AccountRequestsTable;
  account_request_events: AccountRequestEventsTable;
}
