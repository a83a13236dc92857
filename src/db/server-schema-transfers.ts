import type { Generated } from 'kysely';

/**
 * Transfer dossiers, their audit trail, blobs and the push log (migration 0003_transfers).
 * Dossiers are synced rows (rev/deleted) like orgs and members.
 */
export interface TransferDossiersTable {
  id: string;
  variant: string;
  member_id: string;
  from_org_id: string;
  /** The org where the dossier now is: who may act on it. */
  current_org_id: string;
  status: string;
  /** JSON of the domain's TransferDossier: the state machine's whole state. */
  data: string;
  submitted_at: string;
  present_by: string | null;
  rev: number;
  deleted: Generated<number>;
  updated_at: string;
}

/** One row per org of a dossier's route: pull sends the dossier to every org it touches. */
export interface TransferRouteOrgsTable {
  dossier_id: string;
  org_id: string;
}

/** The audit trail: who, which org, what, when, which signature. */
export interface TransferEventsTable {
  id: string;
  dossier_id: string;
  /** The dossier's rev after this event: a conflict names the first event after a baseRev. */
  rev: number;
  seq: number;
  type: string;
  org_id: string | null;
  actor_id: string;
  actor_name: string;
  at: string;
  reason: string | null;
  next_org_id: string | null;
  signed_pdf_sha256: string | null;
  /** The push mutation that caused it (null for member endpoints). */
  mutation_id: string | null;
}

/** Where a temporary transfer put the member, until when (the home org stays). */
export interface TemporaryMembershipsTable {
  id: string;
  member_id: string;
  org_id: string;
  dossier_id: string;
  start_on: string;
  end_on: string;
  created_at: string;
}

/** Content-addressed files: attachments and signed letters. */
export interface BlobsTable {
  sha256: string;
  content_type: string;
  size: number;
  data: Uint8Array;
  created_by: string;
  created_at: string;
}

/** Who uploaded a blob and when (migration 0006): uploaders may read it; quota and clean-up. */
export interface BlobUploadsTable {
  sha256: string;
  user_id: string;
  uploaded_at: string;
}

/** Which dossiers refer to a blob: the blob is readable wherever the dossier is. */
export interface BlobRefsTable {
  sha256: string;
  dossier_id: string;
}

/** One row per client mutation id: a repeated id gets the stored result (exactly once). */
export interface PushMutationsTable {
  id: string;
  user_id: string;
  /** JSON of the PushResult; null while the applying transaction is open. */
  result: string | null;
  created_at: string;
}

export interface TransfersDatabase {
  transfer_dossiers: TransferDossiersTable;
  transfer_route_orgs: TransferRouteOrgsTable;
  transfer_events: TransferEventsTable;
  temporary_memberships: TemporaryMembershipsTable;
  blobs: BlobsTable;
  blob_refs: BlobRefsTable;
  blob_uploads: BlobUploadsTable;
  push_mutations: PushMutationsTable;
}
