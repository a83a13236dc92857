import type { Generated } from 'kysely';

/**
 * Residence comments (migration 0008_residence_comments). Lists and forms are synced rows
 * (rev/deleted); `data` is the domain's whole state as JSON, the columns are what queries need.
 */
export interface ResidenceRequestsTable {
  id: string;
  workplace_org_id: string;
  campaign_year: number;
  status: string;
  /** JSON of the domain's ResidenceRequest. */
  data: string;
  created_by: string;
  rev: number;
  deleted: Generated<number>;
  updated_at: string;
}

export interface ResidenceFormsTable {
  id: string;
  request_id: string;
  member_id: string;
  workplace_org_id: string;
  residence_org_id: string;
  committee_org_id: string;
  status: string;
  /** JSON of the domain's ResidenceForm. */
  data: string;
  rev: number;
  deleted: Generated<number>;
  updated_at: string;
}

/** The trail of lists and forms: who, what, when, which signature. */
export interface ResidenceEventsTable {
  id: string;
  /** 'request' or 'form'. */
  entity: string;
  entity_id: string;
  /** The list's or form's rev after this event: a conflict names the first event after a baseRev. */
  rev: number;
  type: string;
  actor_id: string;
  actor_name: string;
  at: string;
  reason: string | null;
  signed_pdf_sha256: string | null;
  mutation_id: string | null;
}

/** Which forms refer to a blob: readable where the form is, never cleaned up. */
export interface ResidenceBlobRefsTable {
  sha256: string;
  form_id: string;
}

/** Which lists refer to a blob (their signed PDF, migration 0010): readable by the workplace. */
export interface ResidenceRequestBlobRefsTable {
  sha256: string;
  request_id: string;
}

/** The yearly window a ward or commune committee sets for its residence cells' forms. */
export interface ResidenceCampaignsTable {
  committee_org_id: string;
  year: number;
  opens_on: string;
  due_on: string;
  updated_at: string;
  /** Pull's rev (0016): the campaign travels to every cache as `residenceCampaign`. */
  rev: number;
}

export interface ResidenceDatabase {
  residence_requests: ResidenceRequestsTable;
  residence_forms: ResidenceFormsTable;
  residence_events: ResidenceEventsTable;
  residence_campaigns: ResidenceCampaignsTable;
  residence_blob_refs: ResidenceBlobRefsTable;
  residence_request_blob_refs: ResidenceRequestBlobRefsTable;
}
