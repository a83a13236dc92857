import { CloudSyncOutlined } from '@ant-design/icons';
import { Badge, Button, Progress, Tooltip } from 'antd';
import { formatCount, formatDateTime } from '../../format';
import type { SyncState } from './use-sync-status';

/**
 * Always visible (DESIGN.md, UI): online or offline, the last sync, progress while syncing, and
 * the changes waiting to be sent. The data attributes let tests wait on the state, not on time.
 */
export function SyncIndicator({ sync, readOnly }: { sync: SyncState; readOnly: boolean }) {
  const { status, progress, syncing } = sync;
  const online = status?.online ?? null;
  const percent =
    progress?.estimatedTotal && progress.estimatedTotal > 0
      ? Math.min(99, Math.round((progress.pulled / progress.estimatedTotal) * 100))
      : undefined;
  return (
    <div
      className="sync-indicator"
      data-testid="sync-indicator"
      data-online={online === null ? 'unknown' : String(online)}
      data-sync-state={syncing ? 'syncing' : 'idle'}
      data-last-sync-at={status?.lastSyncAt ?? ''}
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
      <Tooltip title="Thay đổi trong máy chưa gửi lên máy chủ">
        <span>Chờ gửi: {formatCount(status?.outboxCount ?? 0)}</span>
      </Tooltip>
      {(status?.outboxNeedsAttention ?? 0) > 0 && (
        <Badge color="red" text={`Cần xử lý: ${formatCount(status?.outboxNeedsAttention ?? 0)}`} />
      )}
      {status?.lastError && !syncing && (
        <Tooltip title={status.lastError.messageVi}>
          <Badge color="orange" text="Lỗi đồng bộ" />
        </Tooltip>
      )}
      <Button
        size="small"
        icon={<CloudSyncOutlined />}
        onClick={() => void sync.syncNow()}
        loading={syncing}
        disabled={readOnly}
      >
        Đồng bộ
      </Button>
    </div>
  );
}
