import { Input, Select, Space, Switch, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { DossierListItem, DossierSide } from '../../../../src/desktop/contract';
import {
  TransferStatus,
  transferStatusLabelVi,
} from '../../../../src/domain/procedures/transfer-dossier';
import type { TransferVariant } from '../../../../src/domain/procedures/transfer-route';
import { useDesktopQuery } from '../../desktop-context';
import { formatCount, formatDate } from '../../format';
import { ErrorAlert } from '../../ui/error-alert';
import { indexColumn, ListTable, nowrapColumn, openColumn } from '../../ui/list-table';
import { orgNameColumn } from '../../ui/org-name';
import { CappedNotice, ResultTotal } from '../../ui/result-total';
import { StackedCell } from '../../ui/stacked-cell';
import { useSearchText } from '../../ui/use-search-text';
import { useViewportHeight } from '../../ui/use-viewport-height';
import { ListExportButton } from '../exports/list-export-button';
import { DossierFlags, TransferStatusTag } from './dossier-tags';

const LIMIT = 500;

/** The list filters; kept by the screen, so they survive opening a dossier and coming back. */
export interface DossierFilters {
  status?: TransferStatus;
  /** What is typed in the name box. */
  text: string;
  awaitingMe: boolean;
}
export const NO_FILTERS: DossierFilters = { text: '', awaitingMe: false };

/** "Danh sách hồ sơ phiếu chuyển sinh hoạt đảng" of one variant and side. */
export function DossierList({
  variant,
  side,
  filters,
  onFiltersChange,
  onOpen,
}: {
  variant: TransferVariant;
  side: DossierSide;
  filters: DossierFilters;
  onFiltersChange: (filters: DossierFilters) => void;
  onOpen: (dossierId: string) => void;
}) {
  const { q, submit } = useSearchText(filters.text);
  const list = useDesktopQuery('listDossiers', {
    variant,
    side,
    status: filters.status,
    q: q || undefined,
    awaitingMe: filters.awaitingMe,
    limit: LIMIT,
  });
  const rows = list.data?.items ?? [];
  const height = useViewportHeight(320);

  const columns = dossierColumns(onOpen);

  return (
    <>
      <Space wrap size={[12, 8]} data-testid="dossier-filters">
        <Select<TransferStatus>
          aria-label="Trạng thái"
          placeholder="Tất cả trạng thái"
          allowClear
          style={{ width: 220 }}
          value={filters.status}
          onChange={(status) => onFiltersChange({ ...filters, status })}
          options={TransferStatus.options.map((s) => ({
            value: s,
            label: transferStatusLabelVi[s],
          }))}
        />
        <Input.Search
          aria-label="Họ và tên đảng viên"
          placeholder="Nhập họ tên đảng viên"
          allowClear
          maxLength={200}
          style={{ width: 320 }}
          value={filters.text}
          onChange={(e) => onFiltersChange({ ...filters, text: e.target.value })}
          onSearch={(value) => {
            onFiltersChange({ ...filters, text: value });
            submit(value);
          }}
        />
        <label style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
          <Switch
            size="small"
            aria-label="Chỉ hồ sơ chờ tôi xử lý"
            checked={filters.awaitingMe}
            onChange={(awaitingMe) => onFiltersChange({ ...filters, awaitingMe })}
          />
          Chỉ hồ sơ chờ tôi xử lý
        </label>
        <ListExportButton
          testId="dossier-export-xlsx"
          request={{
            list: 'dossiers',
            variant,
            side,
            status: filters.status,
            q: q || undefined,
            awaitingMe: filters.awaitingMe,
          }}
          disabled={rows.length === 0}
        />
      </Space>
      <div className="result-bar">
        <Typography.Text strong>Danh sách hồ sơ phiếu chuyển sinh hoạt đảng</Typography.Text>
        <ResultTotal
          testId="dossier-total"
          count={rows.length}
          noun="hồ sơ"
          capped={list.data?.truncated}
          settled={list.settled}
        />
      </div>
      <CappedNotice
        capped={list.data?.truncated}
        text={`Chỉ hiển thị ${formatCount(LIMIT)} hồ sơ đầu tiên. Hãy dùng bộ lọc để thu hẹp.`}
      />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <ListTable<DossierListItem>
        data-testid="dossier-table"
        columns={columns}
        dataSource={rows}
        // A reload after an event keeps the rows in place instead of flashing a spinner.
        loading={list.loading && !list.data}
        height={height}
        locale={{ emptyText: 'Không có hồ sơ phù hợp' }}
        onRow={(d) => ({
          tabIndex: 0,
          'data-dossier-id': d.id,
          // Keyboard-first inbox: Tab to a row, Enter opens it.
          onKeyDown: (e) => {
            if (e.key === 'Enter' && e.target === e.currentTarget) onOpen(d.id);
          },
          onDoubleClick: () => onOpen(d.id),
        })}
      />
    </>
  );
}

/**
 * The dossier list's columns, fitting 1366 wide (ListTable): the three orgs by their short names,
 * the full name on hover; the deadline under the submission date; status and action stay in view
 * on the right.
 */
export function dossierColumns(
  onOpen: (dossierId: string) => void,
): TableColumnsType<DossierListItem> {
  return [
    indexColumn(),
    {
      title: 'Họ và tên',
      key: 'member',
      width: 176,
      ellipsis: { showTitle: true },
      render: (_v, d) => (
        <span data-testid="dossier-member" style={{ fontWeight: d.awaitingMe ? 600 : undefined }}>
          {d.member.fullName}
        </span>
      ),
    },
    // Short titles: the screen's title says "Tổ chức đảng nơi chuyển đi / đến" already.
    orgNameColumn('Nơi chuyển đi', 'from', 140, (d) => d.fromOrg.name, 'dossier-from'),
    orgNameColumn('Nơi chuyển đến', 'to', 140, (d) => d.destinationOrg.name, 'dossier-to'),
    orgNameColumn('Đang ở', 'current', 140, (d) => d.currentOrg.name, 'dossier-current'),
    nowrapColumn<DossierListItem>({
      title: 'Ngày nộp, hạn xuất trình',
      key: 'dates',
      width: 112,
      render: (_v, d) => (
        <StackedCell
          main={<span data-testid="dossier-submitted">{formatDate(d.submittedAt)}</span>}
          secondary={
            d.presentBy ? (
              <span data-testid="dossier-present-by" data-date={formatDate(d.presentBy)}>
                Hạn {formatDate(d.presentBy)}
              </span>
            ) : undefined
          }
        />
      ),
    }),
    {
      title: 'Trạng thái',
      key: 'status',
      width: 150,
      // With the action, always in view however narrow the window.
      fixed: 'right',
      render: (_v, d) => (
        <Space size={4} wrap>
          <TransferStatusTag status={d.status} />
          <DossierFlags
            overdue={d.overdue}
            pendingActions={d.pendingActions}
            needsAttention={d.needsAttention}
          />
        </Space>
      ),
    },
    openColumn((d) => onOpen(d.id)),
  ];
}
