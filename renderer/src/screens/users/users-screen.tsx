import { DownOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Descriptions,
  Dropdown,
  Modal,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import type { UserListItem } from '../../../../src/desktop/contract';
import { roleLabelVi, userFieldLabelVi } from '../../../../src/domain/people/user';
import { useDesktopQuery } from '../../desktop-context';
import { formatCount, formatDateTime, labelOf } from '../../format';
import { ErrorAlert } from '../../ui/error-alert';
import { orgNameColumn } from '../../ui/org-name';
import { CappedNotice, ResultTotal } from '../../ui/result-total';
import { StackedCell } from '../../ui/stacked-cell';
import { indexColumn, ListTable, nowrapColumn } from '../../ui/list-table';
import { StatusTag } from '../../ui/status-tag';
import { useViewportHeight } from '../../ui/use-viewport-height';
import { ListExportButton } from '../exports/list-export-button';
import { CertificateRegistrations } from './certificate-registrations';
import { AddUserDialog } from './add-user-dialog';
import {
  EditUserDialog,
  LockUserDialog,
  ResetPasswordDialog,
  RoleGrantsDialog,
} from './user-action-dialogs';
import { UserFilters, type UserFilterValues } from './user-filters';
import { UserHistoryDrawer } from './user-history-drawer';

const LIMIT = 2000;
const blankToUndefined = (s: string | undefined) => (s && s.trim() !== '' ? s.trim() : undefined);

/** What a row's "Thao tác" opens. */
export type UserAction = 'detail' | 'edit' | 'lock' | 'password' | 'roles' | 'history';

/**
 * "Quản lý người dùng": the accounts of the admin's scope, "Thêm người dùng" from the member
 * database, and each row's actions (docs/decisions/0033); the server refuses what is beyond the
 * admin's tier, and the list reads again when a change is pulled (users-changed).
 */
export function UsersScreen() {
  const [filters, setFilters] = useState<UserFilterValues>({});
  const [open, setOpen] = useState<{ user: UserListItem; action: UserAction }>();
  const [adding, setAdding] = useState(false);
  const shownFilters = { ...filters, q: blankToUndefined(filters.q) };
  const list = useDesktopQuery('listUsers', { ...shownFilters, limit: LIMIT });
  const rows = list.data?.items ?? [];
  const height = useViewportHeight(400);

  const columns = userColumns((user, action) => setOpen({ user, action }));
  const close = () => setOpen(undefined);
  const shown = (action: UserAction) => (open?.action === action ? open.user : undefined);

  return (
    <Card className="page-card">
      <div className="result-bar">
        <Typography.Title level={4} style={{ margin: 0 }}>
          Quản lý người dùng
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
          Thêm người dùng
        </Button>
      </div>
      <UserFilters
        positions={list.data?.positions ?? []}
        onChange={setFilters}
        list={list}
        extra={
          <ListExportButton
            testId="user-export-xlsx"
            request={{ list: 'users', ...shownFilters }}
            disabled={!list.data || list.data.total === 0}
          />
        }
      />
      <div className="result-bar">
        <Typography.Text strong>Danh sách các tài khoản thuộc đơn vị</Typography.Text>
        {/* The server counts every match: the total is exact even when the list is cut. */}
        <ResultTotal
          testId="user-total"
          count={list.data?.total ?? 0}
          noun="kết quả"
          settled={list.settled}
        />
      </div>
      <CappedNotice
        capped={list.data?.truncated}
        text={`Chỉ hiển thị ${formatCount(LIMIT)} tài khoản đầu tiên. Hãy dùng bộ lọc để thu hẹp.`}
      />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <ListTable<UserListItem>
        data-testid="user-table"
        columns={columns}
        dataSource={rows}
        loading={list.loading}
        height={height}
        locale={{ emptyText: 'Không có tài khoản phù hợp' }}
      />
      <UserDetailDialog user={shown('detail')} onClose={close} />
      <AddUserDialog open={adding} onClose={() => setAdding(false)} />
      {shown('edit') && <EditUserDialog user={shown('edit')!} onClose={close} />}
      {shown('lock') && <LockUserDialog user={shown('lock')!} onClose={close} />}
      {shown('password') && <ResetPasswordDialog user={shown('password')!} onClose={close} />}
      {shown('roles') && <RoleGrantsDialog user={shown('roles')!} onClose={close} />}
      {shown('history') && <UserHistoryDrawer user={shown('history')!} onClose={close} />}
      <CertificateRegistrations />
    </Card>
  );
}

/**
 * The user list's columns, fitting 1366 wide (ListTable): the user name under the full name, the
 * email under the phone, the roles under the position; who updated the account and when are in
 * the detail.
 */
export function userColumns(
  onOpen: (user: UserListItem, action: UserAction) => void,
): TableColumnsType<UserListItem> {
  return [
    indexColumn(),
    {
      title: 'Họ và tên, tên đăng nhập',
      key: 'name',
      width: 170,
      render: (_v, u) => (
        <StackedCell
          title={`${u.fullName} (${u.username})`}
          main={<span data-testid="user-name">{u.fullName}</span>}
          secondary={u.username}
        />
      ),
    },
    nowrapColumn<UserListItem>({ title: 'Số CCCD', dataIndex: 'citizenId', width: 128 }),
    {
      title: 'Điện thoại, email',
      key: 'contact',
      width: 160,
      render: (_v, u) => (
        <StackedCell
          title={[u.phone, u.email].filter(Boolean).join(' · ')}
          main={u.phone}
          secondary={u.email}
        />
      ),
    },
    orgNameColumn<UserListItem>('Đơn vị', 'org', 120, (u) => u.org.name),
    {
      title: 'Chức vụ, vai trò',
      key: 'roles',
      width: 150,
      render: (_v, u) => {
        const roles = u.roles.map((r) => labelOf(roleLabelVi, r.role)).join(', ');
        return (
          <StackedCell
            title={[u.position, roles].filter(Boolean).join(' · ')}
            main={u.position || roles}
            secondary={u.position ? roles : undefined}
          />
        );
      },
    },
    {
      title: 'Trạng thái',
      dataIndex: 'status',
      width: 124,
      render: (status: string) => <StatusTag kind="user" status={status} />,
    },
    actionsColumn(onOpen),
  ];
}

/** "Thao tác": one menu per row, so the columns still fit 1366 wide. */
function actionsColumn(
  onOpen: (user: UserListItem, action: UserAction) => void,
): TableColumnsType<UserListItem>[number] {
  return {
    title: 'Thao tác',
    key: 'actions',
    width: 112,
    fixed: 'right',
    render: (_v, u) => {
      const lockable = u.status === 'active' || u.status === 'inactive';
      const items: { key: UserAction; label: string }[] = [
        { key: 'detail', label: 'Xem chi tiết' },
        { key: 'edit', label: 'Sửa' },
        ...(lockable
          ? [{ key: 'lock' as const, label: u.status === 'active' ? 'Khóa' : 'Mở khóa' }]
          : []),
        { key: 'password', label: 'Đặt lại mật khẩu' },
        { key: 'roles', label: 'Phân quyền' },
        { key: 'history', label: 'Lịch sử chỉnh sửa' },
      ];
      return (
        <Dropdown
          trigger={['click']}
          menu={{ items, onClick: ({ key }) => onOpen(u, key as UserAction) }}
        >
          <Button size="small" aria-label={`Thao tác với ${u.username}`}>
            Thao tác <DownOutlined />
          </Button>
        </Dropdown>
      );
    },
  };
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
              { key: 'updatedBy', label: 'Người cập nhật', children: user.updatedBy },
              { key: 'updated', label: 'Ngày cập nhật', children: formatDateTime(user.updatedAt) },
            ]}
          />
        </div>
      )}
    </Modal>
  );
}
