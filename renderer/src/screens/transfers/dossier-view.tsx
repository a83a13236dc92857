import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Popconfirm,
  Skeleton,
  Space,
  Tabs,
  Typography,
} from 'antd';
import { useState } from 'react';
import type { DossierDetail, OutboxEntry } from '../../../../src/desktop/contract';
import {
  filedOnBehalfVi,
  transferActionLabelVi,
} from '../../../../src/domain/procedures/transfer-dossier';
import { transferVariantLabelVi } from '../../../../src/domain/procedures/transfer-route';
import { callDesktop, DesktopCallError, useBridge, useDesktopQuery } from '../../desktop-context';
import { formatDate, formatDateTime, labelOf } from '../../format';
import { ErrorAlert } from '../../ui/error-alert';
import { DossierActions } from './dossier-actions';
import { DossierFiles, LETTER_NAME, type OpenFile } from './dossier-files';
import { DossierHistory } from './dossier-history';
import { DossierInfo } from './dossier-info';
import { DossierRoute } from './dossier-route';
import { DossierFlags, TransferStatusTag } from './dossier-tags';
import type { SendOutcome } from './use-send-queued';

type TabKey = 'info' | 'route' | 'history' | 'files';

/** One dossier: header, pending and refused actions, the allowed actions, and four tabs. */
export function DossierView({ dossierId, onBack }: { dossierId: string; onBack: () => void }) {
  const detail = useDesktopQuery('dossierDetail', { dossierId });
  const [tab, setTab] = useState<TabKey>('info');
  const [file, setFile] = useState<OpenFile>();
  // The last action's outcome, numbered, so tests can wait for the next one.
  const [outcome, setOutcome] = useState<SendOutcome & { seq: number }>();
  const d = detail.data;

  const openFile = (next: OpenFile) => {
    setFile(next);
    setTab('files');
  };

  return (
    <Card className="page-card">
      <div className="result-bar" style={{ marginTop: 0 }}>
        <Button icon={<ArrowLeftOutlined />} onClick={onBack}>
          Quay lại
        </Button>
        <Typography.Title level={4} style={{ margin: 0 }} className="wrap-anywhere">
          Hồ sơ chuyển sinh hoạt đảng
          {d ? ` — ${d.member?.fullName ?? d.shown.memberId}` : ''}
        </Typography.Title>
      </div>
      <ErrorAlert error={detail.error} onRetry={detail.reload} />
      {!d && detail.loading && <Skeleton active />}
      {d && (
        <div
          data-testid="dossier-view"
          data-settled={String(detail.settled)}
          data-dossier-id={d.dossier.id}
          data-status={d.shown.status}
          data-pending={d.pending.filter((p) => p.status !== 'needs_attention').length}
          data-attention={d.pending.filter((p) => p.status === 'needs_attention').length}
          data-outcome-seq={outcome?.seq ?? 0}
          data-outcome={outcome?.kind ?? ''}
          data-outcome-text={outcome?.text ?? ''}
        >
          <DossierHeader detail={d} />
          <PendingNotices pending={d.pending} onChanged={detail.reload} />
          <DossierActions
            detail={d}
            onQueued={detail.reload}
            onOutcome={(o) => setOutcome((prev) => ({ ...o, seq: (prev?.seq ?? 0) + 1 }))}
          />
          <Tabs
            activeKey={tab}
            onChange={(key) => setTab(key as TabKey)}
            items={[
              { key: 'info', label: 'Thông tin hồ sơ', children: <DossierInfo detail={d} /> },
              { key: 'route', label: 'Lộ trình', children: <DossierRoute detail={d} /> },
              {
                key: 'history',
                label: 'Lịch sử xử lý',
                children: (
                  <DossierHistory
                    history={d.history}
                    filedByVi={filedOnBehalfVi(d.shown.filedBy)}
                    onOpenLetter={(sha256, title) =>
                      openFile({ sha256, title, contentType: 'application/pdf', cached: null })
                    }
                  />
                ),
              },
              {
                key: 'files',
                label: `Tài liệu đính kèm (${d.attachments.length + (d.letter ? 1 : 0)})`,
                children: (
                  <DossierFiles
                    attachments={d.attachments}
                    letter={d.letter}
                    open={file ?? firstFile(d)}
                    onOpen={setFile}
                  />
                ),
              },
            ]}
          />
        </div>
      )}
    </Card>
  );
}

/** The letter when there is one, else the first attachment: the files tab never opens empty. */
function firstFile(d: DossierDetail): OpenFile | undefined {
  if (d.letter)
    return {
      sha256: d.letter.sha256,
      title: LETTER_NAME,
      contentType: d.letter.contentType,
      cached: d.letter.cached,
    };
  const a = d.attachments[0];
  return a && { sha256: a.sha256, title: a.fileName, contentType: a.contentType, cached: a.cached };
}

function DossierHeader({ detail }: { detail: DossierDetail }) {
  const d = detail.shown;
  return (
    <Descriptions
      className="detail-descriptions"
      size="small"
      bordered
      column={3}
      style={{ marginBottom: 12 }}
      items={[
        { key: 'variant', label: 'Thủ tục', span: 2, children: transferVariantLabelVi[d.variant] },
        {
          key: 'status',
          label: 'Trạng thái',
          children: (
            <Space size={4} wrap>
              <TransferStatusTag status={d.status} />
              <DossierFlags
                overdue={detail.overdue}
                pendingActions={detail.pending.filter((p) => p.status !== 'needs_attention').length}
                needsAttention={detail.pending.some((p) => p.status === 'needs_attention')}
              />
            </Space>
          ),
        },
        { key: 'current', label: 'Hồ sơ đang ở', span: 2, children: detail.currentOrg.name },
        {
          key: 'deadline',
          label: 'Hạn xuất trình',
          children: (
            <span data-testid="dossier-deadline">{formatDate(d.presentBy) || 'Chưa xác định'}</span>
          ),
        },
      ]}
    />
  );
}

const actionLabel = (e: OutboxEntry) => labelOf(transferActionLabelVi, e.actionType);

/**
 * Actions made here and not yet applied by the server: waiting ones as a notice, refused ones
 * with the server's message and "Bỏ thao tác" (the user redoes the action on fresh data).
 */
function PendingNotices({ pending, onChanged }: { pending: OutboxEntry[]; onChanged: () => void }) {
  const waiting = pending.filter((p) => p.status !== 'needs_attention');
  const refused = pending.filter((p) => p.status === 'needs_attention');
  return (
    <>
      {waiting.length > 0 && (
        <Alert
          data-testid="dossier-pending"
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="Đang chờ gửi lên máy chủ"
          description={waiting
            .map((p) => `${actionLabel(p)} (${formatDateTime(p.createdAt)})`)
            .join('; ')}
        />
      )}
      {refused.map((p) => (
        <RefusedNotice key={p.id} entry={p} onDiscarded={onChanged} />
      ))}
    </>
  );
}

function RefusedNotice({ entry, onDiscarded }: { entry: OutboxEntry; onDiscarded: () => void }) {
  const bridge = useBridge();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  async function discard() {
    setBusy(true);
    try {
      await callDesktop(bridge, 'discardOutboxEntry', { id: entry.id });
      message.success('Đã bỏ thao tác');
      onDiscarded();
    } catch (err) {
      if (err instanceof DesktopCallError) message.error(err.error.messageVi);
      else throw err;
    } finally {
      setBusy(false);
    }
  }
  return (
    <Alert
      data-testid="dossier-refused"
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      title={`Máy chủ không chấp nhận thao tác "${actionLabel(entry)}"`}
      description={entry.message ?? undefined}
      action={
        <Popconfirm
          title="Bỏ thao tác này?"
          description="Thao tác sẽ không được gửi lên máy chủ; bạn có thể làm lại trên dữ liệu mới."
          okText="Bỏ thao tác"
          cancelText="Hủy"
          onConfirm={() => void discard()}
        >
          <Button size="small" danger loading={busy}>
            Bỏ thao tác
          </Button>
        </Popconfirm>
      }
    />
  );
}
