import type { OrgHistoryEntry } from '../../api/org-admin';
import { allocationDirectionLabelVi, orgFieldLabelVi } from '../../domain/org/org';
import { cellSubtypeLabelVi, orgTypeLabelVi } from '../../domain/org/org-types';
import type { OrgHistoryItem } from '../contract-org-admin';

type Names = (id: string) => string;

/** Field names of the history that are not fields of the org form. */
const EXTRA_LABELS: Record<string, string> = { path: 'Vị trí trong cây tổ chức' };

const labelOf = (field: string) =>
  (orgFieldLabelVi as Record<string, string>)[field] ?? EXTRA_LABELS[field] ?? field;

const inWords = (labels: Record<string, string>, value: string) => labels[value] ?? value;

/** One value as the dialog shows it: types and directions in words, the parent by name. */
function shown(field: string, value: unknown, orgName: Names): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (typeof value !== 'string') return JSON.stringify(value);
  switch (field) {
    case 'type':
      return inWords(orgTypeLabelVi, value);
    case 'cellSubtype':
      return inWords(cellSubtypeLabelVi, value);
    case 'allocationDirection':
      return inWords(allocationDirectionLabelVi, value);
    case 'parentId':
      return orgName(value);
    // A path is ids: the names of its orgs, root first.
    case 'path':
      return value.split('/').filter(Boolean).map(orgName).join(' / ');
    default:
      return value;
  }
}

/** The server's history entries of an org in the screen's words. */
export function orgHistoryView(
  entries: readonly OrgHistoryEntry[],
  names: { user: Names; org: Names },
): OrgHistoryItem[] {
  return entries.map((entry) => ({
    id: entry.id,
    action: entry.action,
    changedAt: entry.changedAt,
    changedBy: { id: entry.changedBy, name: names.user(entry.changedBy) },
    changes: Object.entries(entry.changes).map(([field, [before, after]]) => ({
      field,
      labelVi: labelOf(field),
      before: shown(field, before, names.org),
      after: shown(field, after, names.org),
    })),
  }));
}
