import { Button, Drawer, Empty, Skeleton, Timeline, Typography } from 'antd';
import type { UserListItem } from '../../../../src/desktop/contract';
import { useDesktopQuery } from '../../desktop-context';
import { formatDateTime } from '../../format';
import { ErrorAlert } from '../../ui/error-alert';

const EMPTY = '(trống)';

/** "Lịch sử chỉnh sửa": who changed what and when, newest first, read from the server. */
export function UserHistoryDrawer({ user, onClose }: { user: UserListItem; onClose: () => void }) {
  const history = useDesktopQuery('userHistory', { id: user.id });
  const items = history.data?.items ?? [];
  return (
    <Drawer
      open
      title={`Lịch sử chỉnh sửa — ${user.fullName} (${user.username})`}
      size={560}
      onClose={onClose}
      footer={<Button onClick={onClose}>Đóng</Button>}
    >
      <div data-testid="user-history">
        <ErrorAlert error={history.error} onRetry={history.reload} />
        {!history.data && history.loading && <Skeleton active />}
        {history.data && items.length === 0 && <Empty description="Chưa có thay đổi nào" />}
        <Timeline
          items={items.map((entry) => ({
            key: entry.id,
            children: (
              <div data-testid="user-history-entry">
                <Typography.Text strong>{formatDateTime(entry.changedAt)}</Typography.Text>
                <Typography.Text type="secondary"> · {entry.changedBy.name}</Typography.Text>
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
    </Drawer>
  );
}
