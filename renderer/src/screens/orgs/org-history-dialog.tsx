import { Button, Empty, Modal, Skeleton, Timeline, Typography } from 'antd';
import type { OrgHistoryItem } from '../../../../src/desktop/contract-org-admin';
import { useDesktopQuery } from '../../desktop-context';
import { formatDateTime } from '../../format';
import { ErrorAlert } from '../../ui/error-alert';

const EMPTY = '(trống)';

const actionVi = {
  create: 'Thêm mới',
  edit: 'Chỉnh sửa',
  move: 'Chuyển đơn vị',
} as const satisfies Record<OrgHistoryItem['action'], string>;

/** "Lịch sử chỉnh sửa" of an org: who changed what and when, newest first, read from the server. */
export function OrgHistoryDialog({
  org,
  onClose,
}: {
  org: { id: string; name: string };
  onClose: () => void;
}) {
  const history = useDesktopQuery('orgHistory', { id: org.id });
  const items = history.data?.items ?? [];
  return (
    <Modal
      open
      title={`Lịch sử chỉnh sửa — ${org.name}`}
      width={640}
      onCancel={onClose}
      destroyOnHidden
      footer={<Button onClick={onClose}>Đóng</Button>}
    >
      <div data-testid="org-history">
        <ErrorAlert error={history.error} onRetry={history.reload} />
        {!history.data && history.loading && <Skeleton active />}
        {history.data && items.length === 0 && <Empty description="Chưa có thay đổi nào" />}
        <Timeline
          items={items.map((entry) => ({
            key: entry.id,
            children: (
              <div data-testid="org-history-entry">
                <Typography.Text strong>{formatDateTime(entry.changedAt)}</Typography.Text>
                <Typography.Text type="secondary">
                  {' '}
                  · {actionVi[entry.action]} · {entry.changedBy.name}
                </Typography.Text>
                <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
                  {entry.changes.map((c) => (
                    <li key={c.field}>
                      <Typography.Text>{c.labelVi}: </Typography.Text>
                      <Typography.Text type="secondary">{c.before || EMPTY}</Typography.Text>
                      {' → '}
                      <Typography.Text>{c.after || EMPTY}</Typography.Text>
                    </li>
                  ))}
                </ul>
              </div>
            ),
          }))}
        />
      </div>
    </Modal>
  );
}
