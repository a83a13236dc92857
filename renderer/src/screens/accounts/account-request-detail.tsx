import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Skeleton,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import type {
  AccountRequestDetail,
  ComparedField,
} from '../../../../src/desktop/contract-accounts';
import { accountRequestKindLabelVi } from '../../../../src/domain/accounts/account-request';
import { formatDate, formatDateTime } from '../../format';
import { useDesktopQuery } from '../../desktop-context';
import { ErrorAlert } from '../../ui/error-alert';
import { ReasonDialog } from '../transfers/reason-dialog';
import { AccountStatusTag } from './account-tags';
import { useDecideRequests } from './use-decide-requests';

const EVENT_LABELS: Record<string, [string, string]> = {
  filed: ['Gửi yêu cầu', 'blue'],
  approve: ['Duyệt', 'green'],
  refuse: ['Từ chối', 'red'],
};

/** A differing row stands out by colour and by its "Khác" mark (colour alone is not enough). */
const DIFFERS_STYLE = { background: '#fff7e6' };

/**
 * The rows under review: a registration's declared data beside the member database's, an info
 * change's current values beside the new ones (before → after).
 */
function ComparedTable({ detail }: { detail: AccountRequestDetail }) {
  const registration = detail.item.kind === 'registration';
  const cell = (f: ComparedField) => (f.differs ? { style: DIFFERS_STYLE } : {});
  const value = (v: string | null) => v ?? <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Table<ComparedField>
      data-testid="compared-fields"
      aria-label={registration ? 'Thông tin khai báo và CSDL đảng viên' : 'Thông tin thay đổi'}
      rowKey="field"
      size="small"
      bordered
      pagination={false}
      dataSource={detail.fields}
      onRow={(f) => ({ 'data-differs': f.differs ? 'true' : 'false' }) as object}
      columns={[
        {
          title: 'Thông tin',
          key: 'label',
          width: 150,
          render: (_v, f) => f.labelVi,
          onCell: cell,
        },
        ...(registration
          ? [
              {
                title: 'Đảng viên khai báo',
                key: 'declared',
                onCell: cell,
                render: (_v: unknown, f: ComparedField) => (
                  <Space size={4} wrap>
                    {value(f.declared)}
                    {f.differs && <Tag color="orange">Khác CSDL</Tag>}
                  </Space>
                ),
              },
              {
                title: 'CSDL đảng viên',
                key: 'onFile',
                onCell: cell,
                render: (_v: unknown, f: ComparedField) => value(f.onFile),
              },
            ]
          : [
              {
                title: 'Thông tin hiện tại',
                key: 'before',
                onCell: cell,
                render: (_v: unknown, f: ComparedField) => value(f.onFile),
              },
              {
                title: 'Thông tin đề nghị thay đổi',
                key: 'after',
                onCell: cell,
                render: (_v: unknown, f: ComparedField) => (
                  <Space size={4} wrap>
                    {value(f.declared)}
                    {f.differs && <Tag color="orange">Thay đổi</Tag>}
                  </Space>
                ),
              },
            ]),
      ]}
    />
  );
}

function History({ detail }: { detail: AccountRequestDetail }) {
  if (detail.history.length === 0) return <Empty description="Chưa có lịch sử xử lý" />;
  return (
    <Timeline
      data-testid="account-history"
      items={detail.history.map((h, i) => {
        const [label, color] = EVENT_LABELS[h.type] ?? [h.type, 'gray'];
        return {
          key: `${i}-${h.type}`,
          color,
          title: formatDateTime(h.at),
          content: (
            <div data-testid="history-item" data-type={h.type} className="wrap-anywhere">
              <Typography.Text strong>{label}</Typography.Text>
              <div>
                <Typography.Text type="secondary">Người thực hiện: </Typography.Text>
                {h.actorName}
              </div>
              {h.reason && (
                <div>
                  <Typography.Text type="secondary">Lý do: </Typography.Text>
                  {h.reason}
                </div>
              )}
            </div>
          ),
        };
      })}
    />
  );
}

/** "Duyệt" / "Từ chối" (with the reason the member reads at his next sign-in). */
function DecideActions({ detail, onDone }: { detail: AccountRequestDetail; onDone: () => void }) {
  const decide = useDecideRequests();
  const [refusing, setRefusing] = useState(false);
  const id = detail.item.id;
  const refused = decide.notDecided.find((n) => n.id === id);
  return (
    <div data-testid="account-actions">
      <ErrorAlert error={decide.error} />
      {refused && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={refused.messageVi} />
      )}
      <Space>
        <Button
          type="primary"
          icon={<CheckOutlined />}
          loading={decide.busy}
          onClick={() => void decide.approve([id], (queued) => queued.length > 0 && onDone())}
        >
          Duyệt
        </Button>
        <Button danger icon={<CloseOutlined />} onClick={() => setRefusing(true)}>
          Từ chối
        </Button>
      </Space>
      <ReasonDialog
        open={refusing}
        title={`Từ chối yêu cầu của đồng chí ${detail.item.memberName}`}
        okText="Từ chối"
        onClose={() => setRefusing(false)}
        onSubmit={async (reason) => {
          const queued = await decide.queue([id], 'refuse', reason);
          setRefusing(false);
          if (queued.length > 0) onDone();
        }}
      />
    </div>
  );
}

/** One request for review, beside the list it was opened from. */
export function AccountRequestDrawer({
  requestId,
  onClose,
}: {
  requestId: string | undefined;
  onClose: () => void;
}) {
  const detail = useDesktopQuery(
    'accountRequestDetail',
    requestId === undefined ? null : { id: requestId },
  );
  const d = detail.data;
  return (
    <Drawer
      open={requestId !== undefined}
      onClose={onClose}
      size={760}
      title={
        d ? `${accountRequestKindLabelVi[d.item.kind]}: ${d.item.memberName}` : 'Chi tiết yêu cầu'
      }
      destroyOnHidden
      footer={d?.canDecide ? <DecideActions detail={d} onDone={onClose} /> : null}
    >
      <div data-testid="account-request-detail">
        <ErrorAlert error={detail.error} onRetry={detail.reload} />
        {!d && detail.loading && <Skeleton active />}
        {d && (
          <>
            <Descriptions
              size="small"
              column={2}
              bordered
              style={{ marginBottom: 12 }}
              items={[
                {
                  key: 'status',
                  label: 'Trạng thái',
                  children: <AccountStatusTag status={d.item.status} />,
                },
                { key: 'createdAt', label: 'Ngày gửi', children: formatDate(d.item.createdAt) },
                { key: 'cell', label: 'Chi bộ', children: d.item.cell?.name ?? '—' },
                { key: 'decidingOrg', label: 'Cấp phê duyệt', children: d.item.decidingOrg.name },
                ...(d.item.filedOnBehalf
                  ? [{ key: 'filed', label: 'Người gửi', children: 'Cán bộ đăng ký hộ', span: 2 }]
                  : []),
                ...(d.item.reason
                  ? [{ key: 'reason', label: 'Lý do từ chối', children: d.item.reason, span: 2 }]
                  : []),
              ]}
            />
            {d.notOnFile && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                title="Không có trong CSDL đảng viên"
                description="Không tìm thấy hồ sơ đảng viên khớp số CCCD, số thẻ hoặc số lý lịch đã khai: đồng chí hãy kiểm tra thông tin trước khi duyệt."
              />
            )}
            <ComparedTable detail={d} />
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              Lịch sử xử lý
            </Typography.Title>
            <History detail={d} />
          </>
        )}
      </div>
    </Drawer>
  );
}
