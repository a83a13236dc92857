import { SendOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import type { OutboxEntry } from '../../../../src/desktop/contract';
import { transferActionLabelVi } from '../../../../src/domain/procedures/transfer-dossier';
import {
  callDesktop,
  DesktopCallError,
  useBridge,
  useDesktopQuery,
  useInvalidate,
} from '../../desktop-context';
import { formatCount, formatDateTime, labelOf } from '../../format';
import { ErrorAlert } from '../../ui/error-alert';
import { indexColumn, ListTable, nowrapColumn } from '../../ui/list-table';
import { useViewportHeight } from '../../ui/use-viewport-height';

/** Transfer actions and the offline fee approval. */
const ACTION_LABELS = { ...transferActionLabelVi, approve: 'Phê duyệt đảng phí' };

const STATUS_TAGS: Record<OutboxEntry['status'], { color: string; label: string }> = {
  pending: { color: 'processing', label: 'Chờ gửi' },
  sending: { color: 'blue', label: 'Đang gửi' },
  needs_attention: { color: 'red', label: 'Cần xử lý' },
};

/** "Hồ sơ chờ gửi": actions made on this machine and not yet applied by the server. */
export function OutboxScreen() {
  const bridge = useBridge();
  const { message } = App.useApp();
  const outbox = useDesktopQuery('listOutbox', {});
  const invalidate = useInvalidate();
  const [pushing, setPushing] = useState(false);
  /** The last "Gửi ngay" result, kept on screen (the toast goes away). */
  const [lastPush, setLastPush] = useState<string>();
  const [discarding, setDiscarding] = useState<string>();
  const rows = outbox.data?.items ?? [];
  const height = useViewportHeight(330);

  async function pushNow() {
    setPushing(true);
    const tell = (kind: 'success' | 'info' | 'warning' | 'error', text: string) => {
      message[kind](text);
      setLastPush(text);
    };
    try {
      const r = await callDesktop(bridge, 'pushNow', {});
      const sent = `Đã gửi ${formatCount(r.applied)} thao tác`;
      if (r.notApplied > 0)
        tell(
          'warning',
          `${sent}; ${formatCount(r.notApplied)} thao tác không được máy chủ chấp nhận.`,
        );
      else if (r.remaining > 0)
        tell('info', `${sent}; còn ${formatCount(r.remaining)} thao tác chờ gửi.`);
      else tell('success', sent);
    } catch (err) {
      if (err instanceof DesktopCallError) tell('error', err.error.messageVi);
      else throw err;
    } finally {
      setPushing(false);
      void invalidate('outbox', 'dossiers', 'fees');
    }
  }

  async function discard(id: string) {
    setDiscarding(id);
    try {
      await callDesktop(bridge, 'discardOutboxEntry', { id });
      message.success('Đã bỏ thao tác');
    } catch (err) {
      if (err instanceof DesktopCallError) message.error(err.error.messageVi);
      else throw err;
    } finally {
      setDiscarding(undefined);
      void invalidate('outbox', 'dossiers', 'fees');
    }
  }

  const columns = outboxColumns(discarding, (id) => void discard(id));

  const waiting = rows.filter((r) => r.status !== 'needs_attention').length;
  const refused = rows.length - waiting;
  return (
    <Card className="page-card">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        Hồ sơ chờ gửi
      </Typography.Title>
      <div className="result-bar">
        <Typography.Text
          data-testid="outbox-total"
          data-settled={String(outbox.settled)}
          data-waiting={waiting}
          data-refused={refused}
          data-pushing={String(pushing)}
        >
          {formatCount(waiting)} thao tác chờ gửi
          {refused > 0 ? `, ${formatCount(refused)} cần xử lý` : ''}
        </Typography.Text>
        <Button
          type="primary"
          icon={<SendOutlined />}
          loading={pushing}
          disabled={waiting === 0}
          onClick={() => void pushNow()}
        >
          Gửi ngay
        </Button>
        {lastPush && (
          <Typography.Text type="secondary" data-testid="outbox-push-result">
            Lần gửi gần nhất: {lastPush}
          </Typography.Text>
        )}
      </div>
      <ErrorAlert error={outbox.error} onRetry={outbox.reload} />
      <ListTable<OutboxEntry>
        data-testid="outbox-table"
        columns={columns}
        dataSource={rows}
        loading={outbox.loading && !outbox.data}
        height={height}
        locale={{ emptyText: 'Không có thao tác nào chờ gửi' }}
      />
    </Card>
  );
}

/**
 * The outbox's columns, fitting 1366 wide (ListTable): the server's message wraps under the
 * status; "Bỏ thao tác" only for what the server refused.
 */
export function outboxColumns(
  discarding: string | undefined,
  onDiscard: (id: string) => void,
): TableColumnsType<OutboxEntry> {
  return [
    indexColumn(),
    {
      title: 'Hồ sơ',
      dataIndex: 'label',
      width: 240,
      ellipsis: { showTitle: true },
      render: (label: string) => <span data-testid="outbox-label">{label}</span>,
    },
    {
      title: 'Thao tác',
      dataIndex: 'actionType',
      width: 140,
      render: (type: string) => (
        <span data-testid="outbox-action">{labelOf(ACTION_LABELS, type)}</span>
      ),
    },
    nowrapColumn<OutboxEntry>({
      title: 'Thời điểm thực hiện',
      dataIndex: 'createdAt',
      width: 170,
      render: (at: string) => formatDateTime(at),
    }),
    {
      title: 'Trạng thái',
      key: 'status',
      width: 290,
      render: (_v, e) => (
        <div className="wrap-anywhere" style={{ whiteSpace: 'normal' }}>
          <Tag color={STATUS_TAGS[e.status].color} data-testid="outbox-status">
            {STATUS_TAGS[e.status].label}
          </Tag>
          {e.message && <Typography.Text type="danger">{e.message}</Typography.Text>}
        </div>
      ),
    },
    {
      title: 'Xử lý',
      key: 'actions',
      width: 116,
      fixed: 'right',
      render: (_v, e) =>
        e.status === 'needs_attention' && (
          <Popconfirm
            title="Bỏ thao tác này?"
            description="Thao tác sẽ không được gửi lên máy chủ."
            okText="Bỏ thao tác"
            cancelText="Hủy"
            onConfirm={() => onDiscard(e.id)}
          >
            <Button type="link" size="small" danger loading={discarding === e.id}>
              Bỏ thao tác
            </Button>
          </Popconfirm>
        ),
    },
  ];
}
