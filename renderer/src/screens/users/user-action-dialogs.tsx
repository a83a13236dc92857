import { Button, Checkbox, Form, Input, Modal, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import type { UserListItem } from '../../../../src/desktop/contract';
import type { GrantableRole } from '../../../../src/domain/people/admin-tiers';
import { roleLabelVi, User } from '../../../../src/domain/people/user';
import { callDesktop, DesktopCallError, useBridge, useDesktopAction } from '../../desktop-context';
import { labelOf } from '../../format';
import { ErrorAlert } from '../../ui/error-alert';
import { contractRule, showOnField } from '../../ui/field-errors';
import { OrgSelect, type OrgChoice } from '../residence/org-select';
import { roleOptions } from './add-user-dialog';
import { InitialPasswordView, type InitialPassword } from '../../ui/initial-password-view';

const blankToNull = (v: string | undefined) =>
  v === undefined || v.trim() === '' ? null : v.trim();

interface EditValues {
  phone: string;
  email?: string;
  position?: string;
  active: boolean;
}

/** "Chỉnh sửa tài khoản": phone, email, position and "Trạng thái hoạt động". */
export function EditUserDialog({ user, onClose }: { user: UserListItem; onClose: () => void }) {
  const bridge = useBridge();
  const [form] = Form.useForm<EditValues>();
  const save = useDesktopAction();
  const lockable = user.status === 'active' || user.status === 'inactive';
  const submit = (v: EditValues) =>
    save.run(async () => {
      try {
        await callDesktop(bridge, 'editUser', {
          id: user.id,
          phone: v.phone.trim(),
          email: blankToNull(v.email),
          position: blankToNull(v.position),
          ...(lockable ? { status: v.active ? 'active' : 'inactive' } : {}),
        });
        onClose();
      } catch (err) {
        if (err instanceof DesktopCallError && showOnField(form, err.error, ['phone', 'email']))
          return;
        throw err;
      }
    });
  return (
    <Modal
      open
      title={`Chỉnh sửa tài khoản ${user.username}`}
      width={560}
      onCancel={onClose}
      destroyOnHidden
      okText="Lưu"
      cancelText="Hủy"
      okButtonProps={{ loading: save.busy }}
      onOk={() => form.submit()}
    >
      <div data-testid="edit-user-dialog">
        <ErrorAlert error={save.error} />
        <Typography.Paragraph type="secondary">
          {user.fullName} · CCCD {user.citizenId} · {user.org.name}
        </Typography.Paragraph>
        <Form<EditValues>
          form={form}
          name="editUser"
          layout="vertical"
          requiredMark
          initialValues={{
            phone: user.phone,
            email: user.email ?? '',
            position: user.position ?? '',
            active: user.status === 'active',
          }}
          onFinish={(v) => void submit(v)}
        >
          <Form.Item
            name="phone"
            label="Số điện thoại"
            rules={[
              { required: true, whitespace: true, message: 'Vui lòng nhập Số điện thoại.' },
              contractRule(User.shape.phone),
            ]}
          >
            <Input maxLength={15} />
          </Form.Item>
          <Form.Item name="email" label="Email">
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="position" label="Chức vụ">
            <Input maxLength={200} />
          </Form.Item>
          {lockable && (
            <Form.Item name="active" valuePropName="checked">
              <Checkbox>Trạng thái hoạt động</Checkbox>
            </Form.Item>
          )}
        </Form>
      </div>
    </Modal>
  );
}

/** "Khóa" / "Mở khóa" after a confirmation; a locked account cannot sign in. */
export function LockUserDialog({ user, onClose }: { user: UserListItem; onClose: () => void }) {
  const bridge = useBridge();
  const save = useDesktopAction();
  const locking = user.status === 'active';
  const confirm = () =>
    save.run(async () => {
      await callDesktop(bridge, locking ? 'lockUser' : 'unlockUser', { id: user.id });
      onClose();
    });
  return (
    <Modal
      open
      title={locking ? 'Khóa tài khoản' : 'Mở khóa tài khoản'}
      onCancel={onClose}
      okText={locking ? 'Khóa' : 'Mở khóa'}
      cancelText="Hủy"
      okButtonProps={{ danger: locking, loading: save.busy }}
      onOk={() => void confirm()}
    >
      <div data-testid="lock-user-dialog">
        <ErrorAlert error={save.error} />
        <Typography.Paragraph>
          {locking
            ? `Khóa tài khoản ${user.username} (${user.fullName})? Người dùng sẽ bị đăng xuất và không đăng nhập được cho đến khi mở khóa.`
            : `Mở khóa tài khoản ${user.username} (${user.fullName})? Người dùng đăng nhập lại được.`}
        </Typography.Paragraph>
      </div>
    </Modal>
  );
}

/** "Đặt lại mật khẩu": confirmed, then the new initial password shown once. */
export function ResetPasswordDialog({
  user,
  onClose,
}: {
  user: UserListItem;
  onClose: () => void;
}) {
  const bridge = useBridge();
  const save = useDesktopAction();
  const [done, setDone] = useState<InitialPassword>();
  const confirm = () =>
    save.run(async () => {
      const made = await callDesktop(bridge, 'resetUserPassword', { id: user.id });
      setDone({ fullName: user.fullName, ...made });
    });
  return (
    <Modal
      open
      title="Đặt lại mật khẩu"
      onCancel={onClose}
      footer={
        done
          ? null
          : [
              <Button key="cancel" onClick={onClose}>
                Hủy
              </Button>,
              <Button key="ok" type="primary" loading={save.busy} onClick={() => void confirm()}>
                Đặt lại mật khẩu
              </Button>,
            ]
      }
    >
      <div data-testid="reset-password-dialog">
        {done ? (
          <InitialPasswordView
            done={done}
            title={`Đã đặt lại mật khẩu cho ${user.username}`}
            onClose={onClose}
          />
        ) : (
          <>
            <ErrorAlert error={save.error} />
            <Typography.Paragraph>
              Tạo mật khẩu mới cho tài khoản {user.username} ({user.fullName})? Mật khẩu cũ hết hiệu
              lực và người dùng bị đăng xuất khỏi mọi máy.
            </Typography.Paragraph>
          </>
        )}
      </div>
    </Modal>
  );
}

interface GrantValues {
  role?: GrantableRole;
  org?: OrgChoice | null;
}

/** "Phân quyền": the account's roles, each withdrawn on its own, and a role to grant. */
export function RoleGrantsDialog({ user, onClose }: { user: UserListItem; onClose: () => void }) {
  const bridge = useBridge();
  const [form] = Form.useForm<GrantValues>();
  const save = useDesktopAction();
  // The list row is read again after each change; until then the dialog shows what it did.
  const [roles, setRoles] = useState(user.roles);
  const grant = (v: GrantValues) =>
    save.run(async () => {
      const role = v.role!;
      const org = v.org!;
      await callDesktop(bridge, 'grantUserRole', { id: user.id, role, orgId: org.id });
      setRoles((now) =>
        now.some((g) => g.role === role && g.orgId === org.id)
          ? now
          : [...now, { role, orgId: org.id, orgName: org.name }],
      );
      form.resetFields();
    });
  const revoke = (role: GrantableRole, orgId: string) =>
    save.run(async () => {
      await callDesktop(bridge, 'revokeUserRole', { id: user.id, role, orgId });
      setRoles((now) => now.filter((g) => !(g.role === role && g.orgId === orgId)));
    });
  return (
    <Modal
      open
      title={`Phân quyền tài khoản ${user.username}`}
      width={760}
      onCancel={onClose}
      footer={<Button onClick={onClose}>Đóng</Button>}
    >
      <div data-testid="role-grants-dialog">
        <ErrorAlert error={save.error} />
        <Table
          size="small"
          pagination={false}
          rowKey={(g) => `${g.role}@${g.orgId}`}
          dataSource={roles}
          locale={{ emptyText: 'Chưa có vai trò' }}
          columns={[
            {
              title: 'Vai trò',
              key: 'role',
              render: (_v, g) => labelOf(roleLabelVi, g.role),
            },
            { title: 'Đơn vị', dataIndex: 'orgName' },
            {
              title: 'Thao tác',
              key: 'actions',
              width: 100,
              render: (_v, g) =>
                g.role === 'member' ? null : (
                  <Button
                    type="link"
                    size="small"
                    danger
                    aria-label={`Thu hồi ${labelOf(roleLabelVi, g.role)} — ${g.orgName}`}
                    onClick={() => void revoke(g.role as GrantableRole, g.orgId)}
                  >
                    Thu hồi
                  </Button>
                ),
            },
          ]}
        />
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          Cấp thêm vai trò
        </Typography.Title>
        <Form<GrantValues>
          form={form}
          name="grantRole"
          layout="vertical"
          onFinish={(v) => void grant(v)}
        >
          <Space align="start" wrap>
            <Form.Item
              name="role"
              label="Vai trò"
              rules={[{ required: true, message: 'Vui lòng chọn Vai trò.' }]}
            >
              <Select placeholder="Chọn vai trò" options={roleOptions} style={{ width: 280 }} />
            </Form.Item>
            <Form.Item
              name="org"
              label="Đơn vị"
              rules={[{ required: true, message: 'Vui lòng chọn Đơn vị.' }]}
            >
              <OrgSelect width={300} />
            </Form.Item>
            <Form.Item label=" ">
              <Button type="primary" loading={save.busy} onClick={() => form.submit()}>
                Cấp quyền
              </Button>
            </Form.Item>
          </Space>
        </Form>
      </div>
    </Modal>
  );
}
