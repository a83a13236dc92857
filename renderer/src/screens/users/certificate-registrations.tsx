import { Button, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { DesktopOutput } from '../../../../src/desktop/contract';
import { callDesktop, useBridge, useDesktopQuery, useInvalidate } from '../../desktop-context';
import { formatDate, formatDateTime } from '../../format';
import { ErrorAlert } from '../../ui/error-alert';
import { ReasonDialog } from '../transfers/reason-dialog';

type Registration = DesktopOutput<'listCertificateRegistrations'>['items'][number];

/**
 * "Chứng thư số đã đăng ký": the token certificates the users of the admin's scope registered,
 * with "Thu hồi" (a lost or replaced token signs for nobody any more). Online only.
 */
export function CertificateRegistrations() {
  const bridge = useBridge();
  const invalidate = useInvalidate();
  const list = useDesktopQuery('listCertificateRegistrations', { status: 'active' });
  const [revoking, setRevoking] = useState<Registration>();

  const columns: TableColumnsType<Registration> = [
    { title: 'Người dùng', dataIndex: 'userFullName', width: 200 },
    { title: 'Chứng thư số', dataIndex: 'subject', ellipsis: { showTitle: true } },
    { title: 'Số sê-ri', dataIndex: 'serial', width: 180, ellipsis: { showTitle: true } },
    {
      title: 'Hiệu lực',
      width: 200,
      render: (_, r) => `${formatDate(r.notBefore)} – ${formatDate(r.notAfter)}`,
    },
    { title: 'Đăng ký lúc', width: 160, render: (_, r) => formatDateTime(r.registeredAt) },
    {
      title: '',
      width: 110,
      render: (_, r) =>
        r.revokedAt ? (
          <Tag color="red">Đã thu hồi</Tag>
        ) : (
          <Button danger size="small" onClick={() => setRevoking(r)} data-testid="cert-revoke">
            Thu hồi
          </Button>
        ),
    },
  ];

  return (
    <div style={{ marginTop: 24 }} data-testid="certificate-registrations">
      <Typography.Title level={5}>Chứng thư số đã đăng ký</Typography.Title>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<Registration>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        pagination={false}
        locale={{ emptyText: 'Chưa có chứng thư số nào được đăng ký' }}
      />
      <ReasonDialog
        open={revoking !== undefined}
        title={`Thu hồi đăng ký chứng thư số của ${revoking?.userFullName ?? ''}`}
        okText="Thu hồi"
        onClose={() => setRevoking(undefined)}
        onSubmit={async (reason) => {
          if (!revoking) return;
          await callDesktop(bridge, 'revokeCertificateRegistration', { id: revoking.id, reason });
          await invalidate('certificates');
          setRevoking(undefined);
        }}
      />
    </div>
  );
}
