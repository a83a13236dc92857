import { Select, Space, Typography } from 'antd';
import type { ResidenceListItem } from '../../../../src/desktop/contract-residence';
import {
  ResidenceRequestStatus,
  residenceRequestStatusLabelVi,
} from '../../../../src/domain/procedures/residence-request';
import { useDesktopQuery } from '../../desktop-context';
import { ErrorAlert } from '../../ui/error-alert';
import { ListTable } from '../../ui/list-table';
import { ResultTotal } from '../../ui/result-total';
import { useViewportHeight } from '../../ui/use-viewport-height';
import { residenceListColumns } from './residence-columns';

/** "Danh sách đã lập": the workplace's lists with their status; a row opens the list. */
export function ListsView({
  status,
  onStatusChange,
  onOpen,
}: {
  /** Kept by the screen, so "Quay lại" from a list finds the same filter. */
  status: ResidenceRequestStatus | undefined;
  onStatusChange: (status: ResidenceRequestStatus | undefined) => void;
  onOpen: (listId: string) => void;
}) {
  const lists = useDesktopQuery('residenceLists', { status, limit: 500 });
  const rows = lists.data?.items ?? [];
  const height = useViewportHeight(320);
  return (
    <>
      <Space wrap size={[12, 8]}>
        <Select<ResidenceRequestStatus>
          aria-label="Trạng thái"
          placeholder="Tất cả trạng thái"
          allowClear
          style={{ width: 260 }}
          value={status}
          onChange={onStatusChange}
          options={ResidenceRequestStatus.options.map((s) => ({
            value: s,
            label: residenceRequestStatusLabelVi[s],
          }))}
        />
      </Space>
      <div className="result-bar">
        <Typography.Text strong>Danh sách yêu cầu lấy ý kiến nhận xét</Typography.Text>
        <ResultTotal
          testId="list-total"
          count={rows.length}
          noun="danh sách"
          capped={lists.data?.truncated}
          settled={lists.settled}
        />
      </div>
      <ErrorAlert error={lists.error} onRetry={lists.reload} />
      <ListTable<ResidenceListItem>
        data-testid="residence-list-table"
        columns={residenceListColumns(onOpen)}
        dataSource={rows}
        loading={lists.loading && !lists.data}
        height={height}
        locale={{ emptyText: 'Chưa có danh sách nào' }}
        onRow={(l) => ({
          tabIndex: 0,
          onKeyDown: (e) => {
            if (e.key === 'Enter' && e.target === e.currentTarget) onOpen(l.id);
          },
          onDoubleClick: () => onOpen(l.id),
        })}
      />
    </>
  );
}
