import { BellOutlined, SettingOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Popover, Tag, Typography } from 'antd';
import { useState } from 'react';
import {
  notificationKindLabelVi,
  notificationSubjectLabelVi,
  type NotificationKind,
  type NotificationView,
} from '../../../../src/desktop/contract';
import { callDesktop, useBridge, useDesktopQuery, useInvalidate } from '../../desktop-context';
import { formatDate, formatDateTime } from '../../format';
import { useNavigation } from '../../navigation';
import { ErrorAlert } from '../../ui/error-alert';
import { NotificationSettingsDialog } from './notification-settings';
import { screenOfNotification } from './notification-target';
import { useOsNotifications } from './use-os-notifications';

const KIND_COLOR: Record<NotificationKind, string> = {
  new_dossier: 'blue',
  returned: 'orange',
  approval_waiting: 'purple',
  deadline_due: 'red',
};

/**
 * The bell in the header (docs/decisions/0041): the count of unseen notifications, the list of
 * them opening each item's screen (and marking it seen), "Đánh dấu đã xem tất cả" and the
 * settings. New ones arrive with `notifications-raised`, which makes the list read again.
 */
export function NotificationBell() {
  const bridge = useBridge();
  const navigation = useNavigation();
  const invalidate = useInvalidate();
  const [open, setOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const list = useDesktopQuery('notifications', { limit: 50 });
  const { askPermission } = useOsNotifications(() => setOpen(true));
  const unseen = list.data?.unseen ?? 0;

  async function markSeen(input: { keys: string[] } | { all: true }) {
    await callDesktop(bridge, 'markNotificationsSeen', input).catch(() => undefined);
    await invalidate('notifications');
  }

  function openItem(n: NotificationView) {
    setOpen(false);
    void markSeen({ keys: [n.key] });
    const screen = screenOfNotification(n);
    if (screen) navigation.go(screen);
  }

  const content = (
    <div className="notification-panel" data-testid="notification-panel">
      <div className="notification-panel-actions">
        <Button
          size="small"
          type="link"
          disabled={unseen === 0}
          onClick={() => void markSeen({ all: true })}
        >
          Đánh dấu đã xem tất cả
        </Button>
        <Button
          size="small"
          type="link"
          icon={<SettingOutlined aria-hidden />}
          onClick={() => {
            setOpen(false);
            setSettingsOpen(true);
          }}
        >
          Cài đặt thông báo
        </Button>
      </div>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      {list.data && list.data.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Chưa có thông báo." />
      ) : (
        <ul className="notification-list" aria-label="Danh sách thông báo">
          {list.data?.items.map((n) => (
            <li key={n.key}>
              <button
                type="button"
                className={`notification-item${n.seen ? '' : ' unseen'}`}
                data-testid="notification-item"
                data-seen={n.seen}
                onClick={() => openItem(n)}
              >
                <span className="notification-item-head">
                  <Tag color={KIND_COLOR[n.kind]}>{notificationKindLabelVi[n.kind]}</Tag>
                  {!n.seen && <span className="notification-dot" aria-label="Chưa xem" />}
                </span>
                <span className="notification-item-title">{n.title || 'Không rõ tên'}</span>
                <Typography.Text type="secondary" className="notification-item-meta">
                  {notificationSubjectLabelVi[n.subject]}
                  {n.dueOn && ` · Hạn ${formatDate(n.dueOn)}`} · {formatDateTime(n.raisedAt)}
                </Typography.Text>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );

  return (
    <>
      <Popover
        trigger="click"
        placement="bottomRight"
        title="Thông báo"
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          // A click on the bell is the moment the browser may ask to show system notifications.
          if (next) askPermission();
        }}
        content={content}
      >
        <Badge count={unseen} size="small" offset={[-6, 6]} overflowCount={99}>
          <Button
            type="text"
            shape="circle"
            data-testid="notification-bell"
            data-unseen={unseen}
            aria-label={unseen > 0 ? `Thông báo: ${unseen} chưa xem` : 'Thông báo'}
            aria-haspopup="dialog"
            aria-expanded={open}
            icon={<BellOutlined aria-hidden style={{ fontSize: 18, color: '#fff' }} />}
          />
        </Badge>
      </Popover>
      <NotificationSettingsDialog
        open={settingsOpen}
        onClose={() => setSettingsOpen(false)}
        onSaved={(saved) => {
          if (saved.osNotifications) askPermission();
        }}
      />
    </>
  );
}
