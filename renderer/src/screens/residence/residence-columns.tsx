import { Button, Space, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type {
  ResidenceFormItem,
  ResidenceListItem,
  ResidenceReceiptSummary,
} from '../../../../src/desktop/contract-residence';
import { residenceRequestKindLabelVi } from '../../../../src/domain/procedures/residence-request';
import { formatCount, formatDate } from '../../format';
import { indexColumn, nowrapColumn, openColumn } from '../../ui/list-table';
import { OrgName, orgNameColumn } from '../../ui/org-name';
import { StackedCell } from '../../ui/stacked-cell';
import { FormFlags, FormStatusTag, ListStatusTag, PendingFlags } from './residence-tags';

/**
 * "Danh sách đã lập": when and by which org, the kind, how many members (how many asked for a
 * comment under it); status and action stay in view on the right.
 */
export function residenceListColumns(
  onOpen: (listId: string) => void,
): TableColumnsType<ResidenceListItem> {
  return [
    indexColumn(),
    // The guide opens a list by its creation date ("Chọn Ngày tạo của yêu cầu").
    nowrapColumn<ResidenceListItem>({
      title: 'Ngày tạo',
      key: 'createdAt',
      width: 100,
      render: (_v, l) => (
        <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => onOpen(l.id)}>
          {formatDate(l.createdAt)}
        </Button>
      ),
    }),
    nowrapColumn<ResidenceListItem>({
      title: 'Năm',
      key: 'year',
      width: 64,
      render: (_v, l) => l.campaignYear,
    }),
    {
      title: 'Loại',
      key: 'kind',
      width: 170,
      render: (_v, l) => residenceRequestKindLabelVi[l.kind],
    },
    orgNameColumn('Nơi công tác', 'workplace', 174, (l) => l.workplaceOrg.name),
    nowrapColumn<ResidenceListItem>({
      title: 'Số đảng viên',
      key: 'count',
      width: 130,
      align: 'right',
      render: (_v, l) => (
        <StackedCell
          main={formatCount(l.memberCount)}
          secondary={`${formatCount(l.commentCount)} xin nhận xét`}
        />
      ),
    }),
    {
      title: 'Trạng thái',
      key: 'status',
      width: 200,
      fixed: 'right',
      render: (_v, l) => (
        <Space size={4} wrap>
          <ListStatusTag status={l.status} />
          <PendingFlags pendingActions={l.pendingActions} needsAttention={l.needsAttention} />
        </Space>
      ),
    },
    openColumn((l) => onOpen(l.id)),
  ];
}

/**
 * A side's comment forms: the member, the workplace and residence cells by their short names,
 * the due date; the status with "Phiếu giấy" and the deadline flags in view on the right.
 * `onOpen` adds the action column ("Xem phiếu", "Lập phiếu"), as wide as its label needs.
 */
export function residenceFormColumns(
  onOpen?: (form: ResidenceFormItem) => void,
  openLabel = 'Xem phiếu',
  openWidth = 104,
): TableColumnsType<ResidenceFormItem> {
  return [
    indexColumn(),
    {
      title: 'Họ và tên',
      key: 'member',
      width: 180,
      ellipsis: { showTitle: true },
      render: (_v, f) => <span data-testid="form-member">{f.member.fullName}</span>,
    },
    orgNameColumn('Nơi công tác', 'workplace', 150, (f) => f.workplaceOrg.name),
    orgNameColumn('Nơi cư trú', 'residence', 150, (f) => f.residenceOrg.name),
    nowrapColumn<ResidenceFormItem>({
      title: 'Hạn gửi',
      key: 'dueOn',
      width: 96,
      render: (_v, f) => formatDate(f.dueOn),
    }),
    {
      title: 'Trạng thái',
      key: 'status',
      width: 220,
      fixed: 'right',
      render: (_v, f) => (
        <Space size={4} wrap>
          <FormStatusTag status={f.status} />
          <FormFlags
            paper={f.paper}
            deadline={f.deadline}
            pendingActions={f.pendingActions}
            needsAttention={f.needsAttention}
          />
        </Space>
      ),
    },
    ...(onOpen ? [openColumn<ResidenceFormItem>(onOpen, openLabel, openWidth)] : []),
  ];
}

/** One workplace cell's line of "Nhận phiếu": keyed by the cell for the table. */
export type ReceiptRow = ResidenceReceiptSummary & { id: string };
export const receiptRows = (items: ResidenceReceiptSummary[]): ReceiptRow[] =>
  items.map((r) => ({ ...r, id: r.workplaceOrg.id }));

/** Per workplace cell: asked, received (paper among them), and who is still missing. */
export function receiptColumns(): TableColumnsType<ReceiptRow> {
  return [
    {
      title: 'Chi bộ nơi công tác',
      key: 'workplace',
      width: 240,
      ellipsis: { showTitle: false },
      render: (_v, r) => <OrgName name={r.workplaceOrg.name} />,
    },
    nowrapColumn<ReceiptRow>({
      title: 'Xin nhận xét',
      key: 'asked',
      width: 96,
      align: 'right',
      render: (_v, r) => formatCount(r.asked),
    }),
    nowrapColumn<ReceiptRow>({
      title: 'Đã nhận',
      key: 'received',
      width: 110,
      align: 'right',
      render: (_v, r) => (
        <StackedCell
          main={formatCount(r.received)}
          secondary={r.paper > 0 ? `${formatCount(r.paper)} phiếu giấy` : undefined}
        />
      ),
    }),
    {
      title: 'Còn thiếu',
      key: 'missing',
      width: 520,
      render: (_v, r) =>
        r.missing.length === 0 ? (
          <Typography.Text type="success">Đã nhận đủ</Typography.Text>
        ) : (
          <span data-testid="receipt-missing" className="wrap-anywhere">
            {r.missing.map((m) => m.fullName).join(', ')}
          </span>
        ),
    },
  ];
}
