/**
 * The org tree's history (migration 0013_org_history, docs/decisions/0038): who created, edited or
 * moved an org when, each changed field as [before, after].
 */
export interface OrgHistoryTable {
  id: string;
  org_id: string;
  /** 'create', 'edit' or 'move'. */
  action: string;
  changed_by: string;
  changed_at: string;
  /** JSON object { field: [before, after] }. */
  changes: string;
}

export interface OrgAdminDatabase {
  org_history: OrgHistoryTable;
}
