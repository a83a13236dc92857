/**
 * The audit of imports of orgs and members (migration 0015, docs/decisions/0040): one row per
 * applied import, who, when, under which org, the files' hash and what it wrote.
 */
export interface ImportAuditTable {
  id: string;
  /** Null when the operator imported into the whole database (command line). */
  org_id: string | null;
  imported_by: string | null;
  /** 'api' (an admin's screen) or 'cli' (npm run import). */
  source: string;
  imported_at: string;
  /** SHA-256 of the files, in the order sent, each hashed and the hashes hashed together. */
  file_sha256: string;
  /** The files' names, JSON array. */
  file_names: string;
  orgs_added: number;
  orgs_updated: number;
  members_added: number;
  members_updated: number;
  unchanged: number;
}

export interface ImportsDatabase {
  import_audit: ImportAuditTable;
}
