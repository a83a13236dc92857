import { Alert, Button, Card, Collapse, Descriptions, Empty, Space, Typography } from 'antd';
import { useState } from 'react';
import type { MyTransfer } from '../../../../src/desktop/contract-transfers';
import { transferVariantLabelVi } from '../../../../src/domain/procedures/transfer-route';
import { useDesktopQuery } from '../../desktop-context';
import { formatDate, formatDateTime } from '../../format';
import { ErrorAlert } from '../../ui/error-alert';
import { DossierHistory } from './dossier-history';
import { DossierRoute } from './dossier-route';
import { DossierFlags, TransferStatusTag } from './dossier-tags';
import { FilingDialog, type FilingTarget } from './filing-dialog';

/**
 * "Chuyển sinh hoạt đảng" in a member's menu: his own dossiers with their status and trail,
 * "Nộp hồ sơ" for a new one and "Nộp lại" for one returned to him.
 */
export function MyTransfersScreen() {
  const mine = useDesktopQuery('myTransfers', {});
  const [filing, setFiling] = useState<FilingTarget>();
  const items = mine.data?.items ?? [];
  // The newest dossier is open until he opens or closes one ('' = all closed).
  const [opened, setOpened] = useState<string>();
  return (
    <Card className="page-card" data-testid="my-transfers-screen">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          Chuyển sinh hoạt đảng
        </Typography.Title>
        <Button type="primary" onClick={() => setFiling({ kind: 'own' })}>
          Nộp hồ sơ
        </Button>
      </Space>
      <ErrorAlert error={mine.error} onRetry={mine.reload} />
      {items.length === 0 && mine.settled ? (
        <Empty description="Bạn chưa có hồ sơ chuyển sinh hoạt đảng nào" />
      ) : (
        <Collapse
          accordion
          activeKey={opened ?? items[0]?.id}
          onChange={(keys) => setOpened((Array.isArray(keys) ? keys[0] : keys) ?? '')}
          items={items.map((d) => ({
            key: d.id,
            label: <DossierHeader dossier={d} />,
            children: (
              <DossierBody
                dossier={d}
                onResubmit={() => setFiling({ kind: 'resubmit', dossier: d })}
              />
            ),
          }))}
        />
      )}
      <FilingDialog target={filing} onClose={() => setFiling(undefined)} />
    </Card>
  );
}

function DossierHeader({ dossier: d }: { dossier: MyTransfer }) {
  return (
    <Space wrap size={8} data-testid="my-transfer" data-id={d.id}>
      <Typography.Text strong>{transferVariantLabelVi[d.variant]}</Typography.Text>
      <span>→ {d.destinationOrg.name}</span>
      <TransferStatusTag status={d.status} />
      <Typography.Text type="secondary">Nộp ngày {formatDate(d.submittedAt)}</Typography.Text>
      {d.filedByVi && <Typography.Text type="warning">{d.filedByVi}</Typography.Text>}
      <DossierFlags
        overdue={false}
        pendingActions={d.pendingActions}
        needsAttention={d.needsAttention}
      />
    </Space>
  );
}

function DossierBody({ dossier: d, onResubmit }: { dossier: MyTransfer; onResubmit: () => void }) {
  return (
    <div data-testid="my-transfer-body">
      {d.reason && (d.status === 'returned' || d.status === 'rejected') && (
        <Alert
          type={d.status === 'returned' ? 'warning' : 'error'}
          showIcon
          style={{ marginBottom: 12 }}
          title={d.status === 'returned' ? 'Hồ sơ được trả lại' : 'Hồ sơ bị từ chối'}
          description={`Lý do: ${d.reason}`}
          action={
            d.canResubmit && (
              <Button type="primary" onClick={onResubmit}>
                Nộp lại
              </Button>
            )
          }
        />
      )}
      <Descriptions size="small" column={2} bordered style={{ marginBottom: 12 }}>
        <Descriptions.Item label="Đang ở">{d.currentOrg.name}</Descriptions.Item>
        <Descriptions.Item label="Cập nhật">{formatDateTime(d.updatedAt)}</Descriptions.Item>
        <Descriptions.Item label="Ngày chuyển">{formatDate(d.form.movedOn)}</Descriptions.Item>
        <Descriptions.Item label="Địa chỉ nơi ở mới">{d.form.newAddress ?? '—'}</Descriptions.Item>
        {d.form.temporary && (
          <Descriptions.Item label="Thời gian sinh hoạt tạm thời" span={2}>
            {formatDate(d.form.temporary.startOn)} – {formatDate(d.form.temporary.endOn)}
          </Descriptions.Item>
        )}
        <Descriptions.Item label="Lý do chuyển" span={2}>
          {d.form.reason}
        </Descriptions.Item>
        <Descriptions.Item label="Tệp đính kèm" span={2}>
          {d.attachments.length === 0 ? '—' : d.attachments.map((a) => a.fileName).join(', ')}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5}>Lộ trình</Typography.Title>
      <DossierRoute detail={{ route: d.route, shown: { status: d.status } }} />
      <Typography.Title level={5}>Lịch sử xử lý</Typography.Title>
      <DossierHistory history={d.history} filedByVi={d.filedByVi} />
    </div>
  );
}
