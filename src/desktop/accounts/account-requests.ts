import type { z } from 'zod';
import type { AccountRequestWire } from '../../api/accounts';
import {
  changeableFieldLabelVi,
  type AccountRequestKind,
  type DeclaredPosition,
} from '../../domain/accounts/account-request';
import { memberFieldLabelVi, positionLabelVi, type Member } from '../../domain/people/member';
import { sexLabelVi, type Sex } from '../../domain/people/sex';
import { foldForSearch, searchTokens } from '../../domain/text/fold';
import type {
  AccountRequestDetail,
  AccountRequestItem,
  ComparedField,
  accountStaffCalls,
} from '../contract-accounts';
import type { OutboxItem } from '../../sync/repositories/outbox';
import { isQueued } from '../transfers/transfer-model';
import type { AccountModel } from './account-model';

type ListInput = z.output<(typeof accountStaffCalls)['accountRequests']['input']>;

const filedOnBehalf = (w: AccountRequestWire) => w.filedByUserId !== w.requesterUserId;

/** The member's identifying data: declared for a registration, the record's otherwise. */
function identityOf(w: AccountRequestWire) {
  const source = w.kind === 'registration' ? w.declared : w.recordOnFile;
  return {
    birthDate: source?.birthDate ?? null,
    citizenId: source?.citizenId ?? null,
    cardNo: source?.cardNo ?? null,
    profileNo: source?.profileNo ?? null,
  };
}

/** The member's cell: the declared one for a registration, the one he leaves for a move. */
function cellIdOf(w: AccountRequestWire): string | null {
  switch (w.kind) {
    case 'registration':
      return w.declared.homeOrgId;
    case 'position':
      return w.orgId;
    case 'cell_change':
      return w.fromOrgId;
    case 'info_change':
      return w.recordOnFile?.homeOrgId ?? null;
  }
}

/** One line of what is asked: "Đăng ký hộ", "Số điện thoại, Email", "Phó bí thư", "→ Chi bộ …". */
function summaryOf(m: AccountModel, w: AccountRequestWire): string {
  switch (w.kind) {
    case 'registration':
      return filedOnBehalf(w) ? 'Đăng ký hộ' : 'Đăng ký mới';
    case 'info_change':
      return w.changes.map((c) => changeableFieldLabelVi[c.field]).join(', ');
    case 'position':
      return positionLabelVi[w.position];
    case 'cell_change':
      return `→ ${m.orgName(w, w.toOrgId)}`;
  }
}

export function accountRequestItem(
  m: AccountModel,
  shown: AccountRequestWire,
  queued: readonly OutboxItem[],
): AccountRequestItem {
  const cellId = cellIdOf(shown);
  return {
    id: shown.id,
    kind: shown.kind,
    status: shown.status,
    memberName: shown.memberName,
    ...identityOf(shown),
    cell: cellId ? { id: cellId, name: m.orgName(shown, cellId) } : null,
    decidingOrg: { id: shown.decidingOrgId, name: m.orgName(shown, shown.decidingOrgId) },
    summary: summaryOf(m, shown),
    filedOnBehalf: filedOnBehalf(shown),
    createdAt: shown.createdAt,
    decidedAt: shown.decidedAt,
    reason: shown.reason,
    pendingActions: queued.filter(isQueued).length,
    needsAttention: queued.some((i) => !isQueued(i)),
  };
}

/** A query that is a citizen id, card or profile number matches it exactly; else name words. */
function matcher(q: string | undefined) {
  const text = q?.trim() ?? '';
  if (text === '') return () => true;
  const words = searchTokens(text);
  return (w: AccountRequestWire) => {
    const ids = identityOf(w);
    if ([ids.citizenId, ids.cardNo, ids.profileNo].includes(text)) return true;
    const name = foldForSearch(w.memberName);
    return words.length > 0 && words.every((word) => name.includes(word));
  };
}

/** Whether the org lies in the subtree of `underOrgId` (any org when none is asked). */
function under(m: AccountModel, orgId: string, underOrgId: string | undefined): boolean {
  if (underOrgId === undefined) return true;
  const top = m.pathOf(underOrgId);
  const path = m.pathOf(orgId);
  return top !== undefined && path !== undefined && path.startsWith(top);
}

/** The requests the user decides (deciding org in his approver/admin subtrees), as shown. */
function decidedByUser(m: AccountModel) {
  return m.shownAll().filter(({ shown }) => m.decidesAt(shown.decidingOrgId));
}

/** "Quản lý tài khoản đảng viên" and the other approval lists: newest first. */
export function accountRequests(m: AccountModel, input: ListInput) {
  const status = input.status ?? 'pending';
  const matches = matcher(input.q);
  const found = decidedByUser(m)
    .filter(({ shown }) => input.kind === undefined || shown.kind === input.kind)
    .filter(({ shown }) => shown.status === status)
    .filter(({ shown }) => under(m, shown.decidingOrgId, input.orgId))
    .filter(({ shown }) => matches(shown))
    .sort(
      (a, b) =>
        b.shown.createdAt.localeCompare(a.shown.createdAt) || a.shown.id.localeCompare(b.shown.id),
    );
  return {
    items: found.slice(0, input.limit).map((r) => accountRequestItem(m, r.shown, r.queued)),
    truncated: found.length > input.limit,
  };
}

const PROBE = { type: 'approve' } as const;

/** The user may decide it now: the machine on the shown state, nothing refused queued. */
function canDecide(m: AccountModel, shown: AccountRequestWire, queued: readonly OutboxItem[]) {
  return queued.every(isQueued) && m.apply(shown, PROBE, new Date()).ok;
}

/** Pending requests the user may decide now, as shown: the menu's counts, his notifications. */
export function decidableRequests(m: AccountModel): AccountRequestWire[] {
  return decidedByUser(m)
    .filter(({ shown, queued }) => shown.status === 'pending' && canDecide(m, shown, queued))
    .map(({ shown }) => shown);
}

/** Pending requests the user may decide, per kind: the menu's counts. */
export function accountRequestCounts(m: AccountModel): Record<AccountRequestKind, number> {
  const counts = { registration: 0, info_change: 0, position: 0, cell_change: 0 };
  for (const shown of decidableRequests(m)) counts[shown.kind] += 1;
  return counts;
}

/** A value as the screen shows it: org names, "Nam"/"Nữ", positions by their label, dd/MM/yyyy. */
function display(m: AccountModel, w: AccountRequestWire, field: string, value: unknown) {
  if (value === null || value === undefined || value === '') return null;
  if (field === 'birthDate') return String(value).split('-').reverse().join('/');
  if (field === 'homeOrgId' || field === 'residenceOrgId') return m.orgName(w, String(value));
  if (field === 'sex') return sexLabelVi[value as Sex] ?? String(value);
  if (field === 'position') return positionLabelVi[value as DeclaredPosition] ?? String(value);
  return String(value);
}

const REGISTRATION_FIELDS = [
  'fullName',
  'birthDate',
  'sex',
  'citizenId',
  'cardNo',
  'profileNo',
  'homeOrgId',
  'residenceOrgId',
  'phone',
  'email',
] as const;

/** The member's position in a cell as the record holds it. */
const positionIn = (record: Member | null, orgId: string) =>
  record?.positions.find((p) => p.orgId === orgId)?.position ?? null;

function compared(
  m: AccountModel,
  w: AccountRequestWire,
  field: string,
  labelVi: string,
  declared: unknown,
  onFile: unknown,
  onFileKnown: boolean,
): ComparedField {
  const d = display(m, w, field, declared);
  const f = display(m, w, field, onFile);
  return { field, labelVi, declared: d, onFile: f, differs: onFileKnown && d !== f };
}

/** The rows of the side-by-side review, per kind (see AccountRequestDetail.fields). */
function fieldsOf(m: AccountModel, w: AccountRequestWire): ComparedField[] {
  const record = w.recordOnFile;
  switch (w.kind) {
    case 'registration': {
      const rows = REGISTRATION_FIELDS.map((f) =>
        compared(m, w, f, memberFieldLabelVi[f], w.declared[f], record?.[f], record !== null),
      );
      const position = compared(
        m,
        w,
        'position',
        'Chức vụ',
        w.declared.position,
        positionIn(record, w.declared.homeOrgId),
        record !== null,
      );
      return w.declared.position === null && position.onFile === null ? rows : [...rows, position];
    }
    case 'info_change':
      return w.changes.map((c) =>
        compared(m, w, c.field, changeableFieldLabelVi[c.field], c.after, c.before, true),
      );
    case 'position':
      return [compared(m, w, 'position', 'Chức vụ', w.position, positionIn(record, w.orgId), true)];
    case 'cell_change':
      return [
        compared(m, w, 'homeOrgId', memberFieldLabelVi.homeOrgId, w.toOrgId, w.fromOrgId, true),
      ];
  }
}

/** One request for review: the compared fields, the trail and whether the user decides it. */
export function accountRequestDetail(m: AccountModel, id: string): AccountRequestDetail {
  // Pull sends a request only to those who may read it: any cached one may be reviewed.
  const cached = m.require(id);
  const queued = m.queuedOf(id);
  const shown = m.overlay(cached, queued);
  return {
    item: accountRequestItem(m, shown, queued),
    fields: fieldsOf(m, shown),
    notOnFile: shown.kind === 'registration' && shown.recordOnFile === null,
    history: shown.history,
    canDecide: canDecide(m, shown, queued),
  };
}
