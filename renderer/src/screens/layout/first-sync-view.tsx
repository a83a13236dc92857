import { CloudDownloadOutlined } from '@ant-design/icons';
import { Card, Descriptions, Progress, Typography } from 'antd';
import { useState } from 'react';
import type { SyncProgress } from '../../../../src/desktop/contract';
import { useDesktopEvents } from '../../desktop-context';
import { formatCount } from '../../format';
import { formatTimeLeftVi, syncPercent, syncSecondsLeft } from './sync-eta';

interface Run {
  startedAt: number;
  progress: SyncProgress | null;
  secondsLeft?: number;
}

/**
 * In place of the screen while the first sync of this machine runs: the lists would read
 * "Tổng số: 0 / Không có dữ liệu", which is not true, only not yet here. Pages, records and the
 * time left, from the engine's `sync-progress` events.
 */
export function FirstSyncView({ progress }: { progress: SyncProgress | null }) {
  const [run, setRun] = useState<Run>(() => ({ startedAt: Date.now(), progress }));
  useDesktopEvents((event) => {
    if (event.type !== 'sync-progress') return;
    const now = Date.now();
    setRun((r) => ({
      ...r,
      progress: event.progress,
      secondsLeft: syncSecondsLeft(event.progress, now - r.startedAt),
    }));
  });
  const shown = run.progress ?? progress;
  const percent = syncPercent(shown);
  const total = shown?.estimatedTotal;
  return (
    <Card className="page-card" data-testid="first-sync">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        <CloudDownloadOutlined aria-hidden /> Đang tải dữ liệu lần đầu
      </Typography.Title>
      <Typography.Paragraph>
        Máy này chưa có dữ liệu của đơn vị. Ứng dụng đang tải dữ liệu từ máy chủ; các danh sách sẽ
        hiện khi tải xong. Có thể để ứng dụng chạy và quay lại sau.
      </Typography.Paragraph>
      <Progress
        percent={percent ?? 100}
        status="active"
        showInfo={percent !== undefined}
        aria-label="Tiến độ tải dữ liệu lần đầu"
        style={{ maxWidth: 560 }}
      />
      <Descriptions
        size="small"
        column={1}
        style={{ maxWidth: 560, marginTop: 12 }}
        items={[
          {
            key: 'rows',
            label: 'Đã tải',
            children: (
              <span data-testid="first-sync-rows">
                {formatCount(shown?.pulled ?? 0)} bản ghi
                {total ? ` / khoảng ${formatCount(total)}` : ''}
              </span>
            ),
          },
          { key: 'pages', label: 'Số trang', children: formatCount(shown?.pages ?? 0) },
          {
            key: 'left',
            label: 'Thời gian còn lại',
            children:
              run.secondsLeft === undefined ? 'đang ước tính…' : formatTimeLeftVi(run.secondsLeft),
          },
        ]}
      />
    </Card>
  );
}
