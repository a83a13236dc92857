import { CloudSyncOutlined, LoadingOutlined } from '@ant-design/icons';
import { Badge, Button, Progress, Tooltip } from 'antd';
import { formatCount, formatDateTime } from '../../format';
import { useNavigation } from '../../navigation';
import { syncPercent } from './sync-eta';
import type { SyncState } from './use-sync-status';

/**
 * Always visible (DESIGN.md, UI): online or offline, the last sync, progress while syncing, and
 * the actions waiting to be sent and those the server refused (both open "Hồ sơ chờ gửi").
 * The data attributes let tests wait on the state, not on time.
 */
export function SyncIndicator({ sync, readOnly }: { sync: SyncState; readOnly: boolean }) {
  const { status, progress, syncing } = sync;
  const { go } = useNavigation();
  const online = status?.online ?? null;
  const attention = status?.outboxNeedsAttention ?? 0;
  // outboxCount counts every entry; those the server refused are shown apart.
  const waiting = Math.max(0, (status?.outboxCount ?? 0) - attention);
  const percent = syncPercent(progress);
  return (
    <div
      className="sync-indicator"
      data-testid="sync-indicator"
      data-online={online === null ? 'unknown' : String(online)}
      data-sync-state={syncing ? 'syncing' : 'idle'}
      data-last-sync-at={status?.lastSyncAt ?? ''}
      // Empty until the first status arrives, so "0" always means an answer.
      data-outbox-waiting={status ? waiting : ''}
      data-outbox-attention={status ? attention : ''}
      aria-live="polite"
    >
      <Badge
        status={online === null ? 'default' : online ? 'success' : 'error'}
        text={online === null ? 'Chưa kết nối' : online ? 'Trực tuyến' : 'Ngoại tuyến'}
      />
      {syncing ? (
        <>
          <span>Đang đồng bộ… {progress ? `${formatCount(progress.pulled)} bản ghi` : ''}</span>
          <Progress
            percent={percent ?? 100}
            status="active"
            showInfo={percent !== undefined}
            size="small"
            aria-label="Tiến độ đồng bộ"
          />
        </>
      ) : (
        <span data-testid="last-sync">
          {status?.lastSyncAt
            ? `Đồng bộ lần cuối: ${formatDateTime(status.lastSyncAt)}`
            : 'Chưa đồng bộ'}
        </span>
      )}
      <Tooltip title="Thao tác làm trên máy này chưa gửi lên máy chủ. Bấm để xem.">
        <Button
          type="link"
          size="small"
          data-testid="outbox-count"
          style={{ paddingInline: 0 }}
          onClick={() => go({ name: 'outbox' })}
        >
          {formatCount(waiting)} thao tác chờ gửi
        </Button>
      </Tooltip>
      {attention > 0 && (
        <Tooltip title="Máy chủ không chấp nhận các thao tác này. Bấm để xem và xử lý.">
          <Button
            type="link"
            size="small"
            danger
            data-testid="outbox-attention"
            style={{ paddingInline: 0 }}
            onClick={() => go({ name: 'outbox' })}
          >
            <Badge status="error" />
            {formatCount(attention)} cần xử lý
          </Button>
        </Tooltip>
      )}
      {status?.lastError && !syncing && (
        <Tooltip title={status.lastError.messageVi}>
          <Badge color="orange" text="Lỗi đồng bộ" />
        </Tooltip>
      )}
      {/* Not Ant Design's `loading`, which drops clicks: a press during a sync joins it. */}
      <Button
        size="small"
        icon={syncing ? <LoadingOutlined /> : <CloudSyncOutlined />}
        onClick={() => void sync.syncNow()}
        aria-busy={syncing}
        disabled={readOnly}
      >
        Đồng bộ
      </Button>
    </div>
  );
}
