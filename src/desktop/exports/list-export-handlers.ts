import type { z } from 'zod';
import type { DocumentFile } from '../../api/fees';
import { paymentStatusLabelVi } from '../../api/fees/payments';
import { orgStatusLabelVi } from '../../domain/org/org';
import { orgTypeLabelVi } from '../../domain/org/org-types';
import { memberStatusLabelVi } from '../../domain/people/member';
import { sexLabelVi } from '../../domain/people/sex';
import { roleLabelVi, userStatusLabelVi } from '../../domain/people/user';
import { searchTokens } from '../../domain/text/fold';
import {
  formatExportTime,
  listWorkbook,
  type ListColumn,
  type ListExport,
  type ListFilter,
} from '../../documents/lists/list-xlsx';
import { transferStatusLabelVi } from '../../domain/procedures/transfer-dossier';
import { transferVariantLabelVi } from '../../domain/procedures/transfer-route';
import type { FeePayment, MemberSummary, OrgNode, SessionUser, UserListItem } from '../contract';
import type { feeCalls } from '../contract-fees';
import {
  dossierSideLabelVi,
  type DossierListItem,
  type transferCalls,
} from '../contract-transfers';
import {
  FEE_TRANSACTIONS_EXPORT_MAX,
  LIST_EXPORT_MAX_ROWS,
  type exportCalls,
  type ListExportRequest,
} from '../contract-exports';
import type { MembersRepo, MemberListPosition } from '../repositories/members';
import type { OrgCall } from '../org-handlers';
import type { OrgTreeRepo } from '../repositories/org-tree';
import type { usersRepo } from '../repositories/users';
import { fail, notFound, type HandlersFor } from '../service-context';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Members read per query while collecting an org's whole list. */
const MEMBER_BATCH = 1000;

const labelOf = (labels: Record<string, string>, v: string) => labels[v] ?? v;

const userColumns: ListColumn<UserListItem>[] = [
  { header: 'Tên đăng nhập', value: (u) => u.username, width: 20 },
  { header: 'Họ và tên', value: (u) => u.fullName, width: 28 },
  { header: 'Số CCCD', value: (u) => u.citizenId, width: 16 },
  { header: 'Điện thoại', value: (u) => u.phone, width: 14 },
  { header: 'Email', value: (u) => u.email, width: 26 },
  { header: 'Chức vụ', value: (u) => u.position, width: 22 },
  { header: 'Đơn vị', value: (u) => u.org.name, width: 32 },
  {
    header: 'Vai trò',
    value: (u) => u.roles.map((g) => `${roleLabelVi[g.role]} (${g.orgName})`).join('; '),
    width: 40,
  },
  { header: 'Trạng thái', value: (u) => userStatusLabelVi[u.status], width: 16 },
  { header: 'Cập nhật', kind: 'date', value: (u) => u.updatedAt },
];

const memberColumns: ListColumn<MemberSummary>[] = [
  { header: 'Họ và tên', value: (m) => m.fullName, width: 28 },
  { header: 'Ngày sinh', kind: 'date', value: (m) => m.birthDate },
  { header: 'Giới tính', value: (m) => labelOf(sexLabelVi, m.sex), width: 10 },
  { header: 'Số CCCD', value: (m) => m.citizenId, width: 16 },
  { header: 'Số thẻ đảng viên', value: (m) => m.cardNo, width: 16 },
  { header: 'Số lý lịch', value: (m) => m.profileNo, width: 14 },
  { header: 'Trạng thái', value: (m) => labelOf(memberStatusLabelVi, m.status), width: 18 },
  { header: 'Chi bộ sinh hoạt', value: (m) => m.homeOrg.name, width: 32 },
];

type ExportMeta = Pick<ListExport<unknown>, 'exportedAt' | 'exportedBy'>;

const orgColumns: ListColumn<OrgNode>[] = [
  { header: 'Mã tổ chức', value: (o) => o.code, width: 14 },
  { header: 'Tên tổ chức đảng', value: (o) => o.name, width: 40 },
  { header: 'Loại tổ chức', value: (o) => labelOf(orgTypeLabelVi, o.type), width: 30 },
  { header: 'Địa chỉ', value: (o) => o.address, width: 40 },
  { header: 'Số tổ chức trực thuộc', kind: 'number', value: (o) => o.childCount },
  { header: 'Số đảng viên', kind: 'number', value: (o) => o.memberCount },
  { header: 'Trạng thái', value: (o) => labelOf(orgStatusLabelVi, o.status), width: 16 },
];

type DossierListInput = z.output<(typeof transferCalls)['listDossiers']['input']>;

const dossierColumns: ListColumn<DossierListItem>[] = [
  { header: 'Đảng viên', value: (d) => d.member.fullName, width: 28 },
  { header: 'Trạng thái', value: (d) => transferStatusLabelVi[d.status], width: 22 },
  { header: 'Nơi chuyển đi', value: (d) => d.fromOrg.name, width: 30 },
  { header: 'Nơi chuyển đến', value: (d) => d.destinationOrg.name, width: 30 },
  { header: 'Đang ở', value: (d) => d.currentOrg.name, width: 30 },
  { header: 'Ngày gửi', kind: 'date', value: (d) => d.submittedAt },
  { header: 'Hạn trình diện', kind: 'date', value: (d) => d.presentBy, width: 14 },
  { header: 'Quá hạn', value: (d) => (d.overdue ? 'Quá hạn' : ''), width: 10 },
  { header: 'Cập nhật', kind: 'date', value: (d) => d.updatedAt },
];

type FeeTransactionsInput = z.input<(typeof feeCalls)['feeTransactions']['input']>;

/** '2026-03' → 'Tháng 03/2026', as the fee screens say it. */
const monthVi = (month: string) => `Tháng ${month.slice(5)}/${month.slice(0, 4)}`;

const feeTransactionColumns: ListColumn<FeePayment>[] = [
  { header: 'Mã giao dịch', value: (p) => p.reference, width: 26 },
  { header: 'Thời gian', value: (p) => formatExportTime(new Date(p.createdAt)), width: 17 },
  { header: 'Trạng thái', value: (p) => p.statusVi, width: 16 },
  { header: 'Chi bộ', value: (p) => p.cellName, width: 30 },
  { header: 'Người nộp', value: (p) => p.payerName, width: 24 },
  {
    header: 'Đảng viên',
    value: (p) => [...new Set(p.items.map((i) => i.fullName))].join(', '),
    width: 40,
  },
  { header: 'Tháng', value: (p) => [...new Set(p.items.map((i) => monthVi(i.month)))].join(', ') },
  { header: 'Số tiền (đồng)', kind: 'number', value: (p) => p.amount },
  { header: 'Mã giao dịch ngân hàng', value: (p) => p.bankReference, width: 22 },
];

const tooMany = (max: number): never =>
  fail(
    'too_many_rows',
    `list export over ${max} rows`,
    `Danh sách có hơn ${max.toLocaleString('vi-VN')} dòng, quá số dòng một lần xuất. Hãy thu hẹp bộ lọc rồi xuất lại.`,
  );

/** "quan-tri-nguoi-dung-2026-12-07.xlsx": ASCII names every file system takes. */
const fileNameOf = (stem: string, at: Date) => `${stem}-${at.toISOString().slice(0, 10)}.xlsx`;

/**
 * Exports of the list screens, read from the cache with the screen's filters over every page,
 * so they work offline. `now` is injectable for tests.
 */
export function listExportHandlers({
  tree,
  users,
  members,
  orgs,
  currentUser,
  dossiers,
  feeTransactions,
  now = () => new Date(),
  maxRows = LIST_EXPORT_MAX_ROWS,
}: {
  tree: OrgTreeRepo;
  users: ReturnType<typeof usersRepo>;
  members: MembersRepo;
  /** The org list's own queries (org-handlers.ts). */
  orgs: Pick<HandlersFor<OrgCall>, 'orgChildren' | 'findOrgs'>;
  currentUser: () => SessionUser | null;
  /** The transfer screens' list query (transfers/dossier-list.ts) on this user's cache. */
  dossiers: (
    input: DossierListInput,
    today: string,
  ) => { items: DossierListItem[]; truncated: boolean };
  /** The fee transactions list's own query (fees/fee-handlers.ts): the server's, or kept offline. */
  feeTransactions: (input: FeeTransactionsInput) => Promise<{ items: FeePayment[] }>;
  now?: () => Date;
  /** Rows one export writes at most (tests lower it). */
  maxRows?: number;
}): HandlersFor<keyof typeof exportCalls> {
  const orgName = (orgId: string) => (tree.ref(orgId) ?? notFound('org', orgId)).name;

  function usersList(r: Extract<ListExportRequest, { list: 'users' }>, meta: ExportMeta) {
    const underPath =
      r.orgId === undefined ? undefined : (tree.path(r.orgId) ?? notFound('org', r.orgId));
    const found = users.list({
      tokens: r.q === undefined ? [] : searchTokens(r.q),
      status: r.status,
      underPath,
      position: r.position,
      role: r.role,
      limit: maxRows,
    });
    if (found.truncated) tooMany(maxRows);
    const filters: ListFilter[] = [];
    if (r.q?.trim()) filters.push({ labelVi: 'Tìm kiếm', valueVi: r.q.trim() });
    if (r.orgId !== undefined) filters.push({ labelVi: 'Đơn vị', valueVi: orgName(r.orgId) });
    if (r.status) filters.push({ labelVi: 'Trạng thái', valueVi: userStatusLabelVi[r.status] });
    if (r.position) filters.push({ labelVi: 'Chức vụ', valueVi: r.position });
    if (r.role) filters.push({ labelVi: 'Vai trò', valueVi: roleLabelVi[r.role] });
    const list = { titleVi: 'Danh sách người dùng', filters, columns: userColumns };
    return {
      stem: 'danh-sach-nguoi-dung',
      bytes: listWorkbook({ ...list, ...meta, rows: found.items }),
    };
  }

  function orgMembersList(r: Extract<ListExportRequest, { list: 'orgMembers' }>, meta: ExportMeta) {
    const name = orgName(r.orgId);
    const rows: MemberSummary[] = [];
    let after: MemberListPosition | undefined;
    do {
      const page = members.ofOrg(r.orgId, Math.min(MEMBER_BATCH, maxRows + 1), after);
      rows.push(...page.items);
      if (rows.length > maxRows) tooMany(maxRows);
      after = page.next;
    } while (after);
    const list = {
      titleVi: `Danh sách đảng viên — ${name}`,
      filters: [{ labelVi: 'Tổ chức đảng', valueVi: name }],
      columns: memberColumns,
    };
    return { stem: 'danh-sach-dang-vien', bytes: listWorkbook({ ...list, ...meta, rows }) };
  }

  function dossiersList(r: Extract<ListExportRequest, { list: 'dossiers' }>, meta: ExportMeta) {
    const { list: _kind, ...input } = r;
    const today = meta.exportedAt.toISOString().slice(0, 10);
    const found = dossiers({ ...input, limit: maxRows }, today);
    if (found.truncated) tooMany(maxRows);
    const filters: ListFilter[] = [{ labelVi: 'Phía', valueVi: dossierSideLabelVi[r.side] }];
    if (r.status) filters.push({ labelVi: 'Trạng thái', valueVi: transferStatusLabelVi[r.status] });
    if (r.q?.trim()) filters.push({ labelVi: 'Họ và tên đảng viên', valueVi: r.q.trim() });
    if (r.awaitingMe) filters.push({ labelVi: 'Chỉ hồ sơ chờ tôi xử lý', valueVi: 'Có' });
    const list = {
      titleVi: `Danh sách hồ sơ ${transferVariantLabelVi[r.variant].toLowerCase()}`,
      filters,
      columns: dossierColumns,
    };
    return {
      stem: `ho-so-chuyen-sinh-hoat-${r.variant}-${r.side}`,
      bytes: listWorkbook({ ...list, ...meta, rows: found.items }),
    };
  }

  async function orgsList(r: Extract<ListExportRequest, { list: 'orgs' }>, meta: ExportMeta) {
    const filters: ListFilter[] = [
      { labelVi: 'Cấp', valueVi: r.parentId === null ? 'Cấp cao nhất' : orgName(r.parentId) },
    ];
    let rows: OrgNode[];
    if (r.search) {
      const { code, name, status } = r.search;
      const found = await orgs.findOrgs({
        code,
        name: name?.trim() || undefined,
        status,
        underOrgId: r.parentId ?? undefined,
        limit: maxRows + 1,
      });
      // As on screen: the level's own org is the breadcrumb, not a result.
      rows = found.items.filter((o) => o.id !== r.parentId);
      if (found.truncated || rows.length > maxRows) tooMany(maxRows);
      if (code) filters.push({ labelVi: 'Mã tổ chức', valueVi: code });
      if (name?.trim()) filters.push({ labelVi: 'Tên tổ chức', valueVi: name.trim() });
      if (status) filters.push({ labelVi: 'Trạng thái', valueVi: orgStatusLabelVi[status] });
    } else {
      rows = (await orgs.orgChildren({ orgId: r.parentId })).items;
      if (rows.length > maxRows) tooMany(maxRows);
    }
    const list = { titleVi: 'Danh mục tổ chức đảng', filters, columns: orgColumns };
    return { stem: 'danh-muc-to-chuc-dang', bytes: listWorkbook({ ...list, ...meta, rows }) };
  }

  async function feeTransactionsList(
    r: Extract<ListExportRequest, { list: 'feeTransactions' }>,
    meta: ExportMeta,
  ) {
    const { list: _kind, ...filters } = r;
    const max = Math.min(FEE_TRANSACTIONS_EXPORT_MAX, maxRows);
    // One more than the cap: a full answer could hide older payments, and a document is never cut.
    const { items } = await feeTransactions({ ...filters, limit: max + 1 });
    if (items.length > max) tooMany(max);
    const listFilters: ListFilter[] = [];
    if (r.month) listFilters.push({ labelVi: 'Tháng', valueVi: monthVi(r.month) });
    if (r.cellId !== undefined) listFilters.push({ labelVi: 'Chi bộ', valueVi: orgName(r.cellId) });
    if (r.memberId !== undefined) {
      const name = members.byId(r.memberId)?.fullName ?? notFound('member', r.memberId);
      listFilters.push({ labelVi: 'Đảng viên', valueVi: name });
    }
    if (r.status)
      listFilters.push({ labelVi: 'Trạng thái', valueVi: paymentStatusLabelVi[r.status] });
    const list = {
      titleVi: 'Danh sách giao dịch nộp đảng phí',
      filters: listFilters,
      columns: feeTransactionColumns,
    };
    return {
      stem: 'giao-dich-nop-dang-phi',
      bytes: listWorkbook({ ...list, ...meta, rows: items }),
    };
  }

  async function workbookOf(request: ListExportRequest, meta: ExportMeta) {
    switch (request.list) {
      case 'users':
        return usersList(request, meta);
      case 'orgMembers':
        return orgMembersList(request, meta);
      case 'orgs':
        return orgsList(request, meta);
      case 'dossiers':
        return dossiersList(request, meta);
      case 'feeTransactions':
        return feeTransactionsList(request, meta);
    }
  }

  return {
    exportList: async (request): Promise<DocumentFile> => {
      const user = currentUser();
      const meta = {
        exportedAt: now(),
        exportedBy: user ? `${user.fullName} (${user.username})` : 'không rõ',
      };
      const { stem, bytes } = await workbookOf(request, meta);
      return {
        fileName: fileNameOf(stem, meta.exportedAt),
        contentType: XLSX,
        dataBase64: (await bytes).toString('base64'),
      };
    },
  };
}
