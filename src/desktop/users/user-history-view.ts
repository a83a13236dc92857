import type { UserHistoryEntry } from '../../api/users';
import {
  roleLabelVi,
  userFieldLabelVi,
  userStatusLabelVi,
  type Role,
} from '../../domain/people/user';
import type { UserHistoryChange, UserHistoryItem } from '../contract-users';

/** Field names of the history that are not fields of the account form. */
const EXTRA_LABELS: Record<string, string> = {
  password: 'Mật khẩu',
  memberId: 'Đảng viên',
};

const labelOf = (field: string) =>
  (userFieldLabelVi as Record<string, string>)[field] ?? EXTRA_LABELS[field] ?? field;

type Names = (id: string) => string;

/** One value as the drawer shows it: a status in words, an org or grants by name. */
function shown(field: string, value: unknown, orgName: Names): string | null {
  if (value === null || value === undefined) return null;
  if (field === 'status' && typeof value === 'string')
    return userStatusLabelVi[value as keyof typeof userStatusLabelVi] ?? value;
  if (field === 'orgId' && typeof value === 'string') return orgName(value);
  if (field === 'roles' && Array.isArray(value))
    return (value as { role: Role; orgId: string }[])
      .map((g) => `${roleLabelVi[g.role] ?? g.role} — ${orgName(g.orgId)}`)
      .join('; ');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The server's history entries in the screen's words (secrets stay the server's marker). */
export function userHistoryView(
  entries: readonly UserHistoryEntry[],
  names: { user: Names; org: Names },
): UserHistoryItem[] {
  return entries.map((entry) => ({
    id: entry.id,
    changedAt: entry.changedAt,
    changedBy: { id: entry.changedBy, name: names.user(entry.changedBy) },
    changes: Object.entries(entry.changes).map(([field, [before, after]]): UserHistoryChange => ({
      field,
      labelVi: labelOf(field),
      before: shown(field, before, names.org),
      after: shown(field, after, names.org),
    })),
  }));
}
