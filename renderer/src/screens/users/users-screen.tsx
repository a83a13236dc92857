import {
  Alert,
  Button,
  Card,
  Descriptions,
  Modal,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import type { UserListItem } from '../../../../src/desktop/contract';
import { roleLabelVi, userFieldLabelVi } from '../../../../src/domain/people/user';
import { useDesktopQuery } from '../../desktop-context';
import { formatCount, formatDateTime, labelOf } from '../../format';
import { ErrorAlert } from '../../ui/error-alert';
import { indexColumn, ListTable } from '../../ui/list-table';
import { StatusTag } from '../../ui/status-tag';
import { useViewportHeight } from '../../ui/use-viewport-height';
import { CertificateRegistrations } from './certificate-registrations';
import { UserFilters, type UserFilterValues } from './user-filters';

const LIMIT = 2000;
const blankToUndefined = (s: string | undefined) => (s && s.trim() !== '' ? s.trim() : undefined);

/** "Quản lý người dùng": the accounts of the admin's scope, read-only for now. */
export function UsersScreen() {
  const [filters, setFilters] = useState<UserFilterValues>({});
  const [open, setOpen] = useState<UserListItem>();
  const list = useDesktopQuery('listUsers', {
    ...filters,
    q: blankToUndefined(filters.q),
    limit: LIMIT,
  });
  const rows = list.data?.items ?? [];
  const height = useViewportHeight(400);

  const columns: TableColumnsType<UserListItem> = [
    { ...indexColumn<UserListItem>(), fixed: 'left' },
    { title: 'Tên đăng nhập', dataIndex: 'username', width: 140, ellipsis: { showTitle: true } },
    {
      title: 'Họ và tên',
      dataIndex: 'fullName',
      width: 180,
      fixed: 'left',
      ellipsis: { showTitle: true },
      render: (name: string) => <span data-testid="user-name">{name}</span>,
    },
    { title: 'Số CCCD', dataIndex: 'citizenId', width: 125 },
    { title: 'Số điện thoại', dataIndex: 'phone', width: 115 },
    { title: 'Email', dataIndex: 'email', width: 180, ellipsis: { showTitle: true } },
    {
      title: 'Đơn vị',
      key: 'org',
      width: 200,
      ellipsis: { showTitle: true },
      render: (_v, u) => u.org.name,
    },
    { title: 'Chức vụ', dataIndex: 'position', width: 160, ellipsis: { showTitle: true } },
    {
      title: 'Vai trò',
      key: 'roles',
      width: 180,
      render: (_v, u) => u.roles.map((r) => labelOf(roleLabelVi, r.role)).join(', '),
      ellipsis: { showTitle: true },
    },
    { title: 'Người cập nhật', dataIndex: 'updatedBy', width: 130, ellipsis: { showTitle: true } },
    {
      title: 'Ngày cập nhật',
      dataIndex: 'updatedAt',
      width: 170,
      render: (at: string) => formatDateTime(at),
    },
    {
      title: 'Trạng thái',
      dataIndex: 'status',
      width: 140,
      render: (status: string) => <StatusTag kind="user" status={status} />,
    },
    {
      title: 'Thao tác',
      key: 'actions',
      width: 110,
      fixed: 'right',
      render: (_v, u) => (
        <Button type="link" size="small" onClick={() => setOpen(u)}>
          Xem chi tiết
        </Button>
      ),
    },
  ];

  return (
    <Card className="page-card">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        Quản lý người dùng
      </Typography.Title>
      <UserFilters positions={list.data?.positions ?? []} onChange={setFilters} list={list} />
      <div className="result-bar">
        <Typography.Text strong>Danh sách các tài khoản thuộc đơn vị</Typography.Text>
        <Typography.Text data-testid="user-total">
          Tổng số: {formatCount(list.data?.total ?? 0)} kết quả
        </Typography.Text>
        <Tag>Chỉ xem</Tag>
      </div>
      {list.data?.truncated && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`Chỉ hiển thị ${formatCount(LIMIT)} tài khoản đầu tiên. Hãy dùng bộ lọc để thu hẹp.`}
        />
      )}
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <ListTable<UserListItem>
        data-testid="user-table"
        columns={columns}
        dataSource={rows}
        loading={list.loading}
        width={1900}
        height={height}
        locale={{ emptyText: 'Không có tài khoản phù hợp' }}
      />
      <UserDetailDialog user={open} onClose={() => setOpen(undefined)} />
      <CertificateRegistrations />
    </Card>
  );
}

/** "Xem chi tiết tài khoản người dùng" with the fields of the admin guide. */
function UserDetailDialog({
  user,
  onClose,
}: {
  user: UserListItem | undefined;
  onClose: () => void;
}) {
  const L = userFieldLabelVi;
  return (
    <Modal
      open={user !== undefined}
      title="Xem chi tiết tài khoản người dùng"
      onCancel={onClose}
      width={760}
      destroyOnHidden
      footer={<Button onClick={onClose}>Đóng</Button>}
    >
      {user && (
        <div className="wrap-anywhere" data-testid="user-detail">
          <Typography.Title level={5}>Thông tin cơ bản</Typography.Title>
          <Descriptions
            className="detail-descriptions one-column"
            bordered
            size="small"
            column={1}
            items={[
              { key: 'username', label: `${L.username} *`, children: user.username },
              { key: 'name', label: `${L.fullName} *`, children: user.fullName },
              { key: 'cid', label: 'Số CMND/Căn cước/Hộ chiếu *', children: user.citizenId },
              { key: 'phone', label: `${L.phone} *`, children: user.phone },
              { key: 'email', label: L.email, children: user.email },
              { key: 'position', label: L.position, children: user.position },
              { key: 'org', label: 'Cơ quan quản lý *', children: user.org.name },
              {
                key: 'roles',
                label: 'Vai trò *',
                children: user.roles.map((r) => (
                  <div key={`${r.role}-${r.orgId}`}>
                    {labelOf(roleLabelVi, r.role)} — {r.orgName}
                  </div>
                )),
              },
              {
                key: 'status',
                label: 'Trạng thái hoạt động',
                children: <StatusTag kind="user" status={user.status} />,
              },
              { key: 'updated', label: 'Ngày cập nhật', children: formatDateTime(user.updatedAt) },
            ]}
          />
        </div>
      )}
    </Modal>
  );
}
