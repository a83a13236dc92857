import { DeleteOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import type { MemberLookupRecord } from '../../../../src/desktop/contract-users';
import { GRANTABLE_ROLES, type GrantableRole } from '../../../../src/domain/people/admin-tiers';
import { roleLabelVi, User } from '../../../../src/domain/people/user';
import { CitizenId } from '../../../../src/domain/validation/citizen-id';
import { callDesktop, DesktopCallError, useBridge, useDesktopAction } from '../../desktop-context';
import { ErrorAlert } from '../../ui/error-alert';
import { contractRule, showOnField } from '../../ui/field-errors';
import { OrgSelect, type OrgChoice } from '../residence/org-select';
import { InitialPasswordView, type InitialPassword } from '../../ui/initial-password-view';

interface Values {
  citizenId: string;
  fullName: string;
  birthDate: string;
  username: string;
  phone: string;
  email?: string;
  position?: string;
  org: OrgChoice | null;
  roles: { role?: GrantableRole; org?: OrgChoice | null }[];
  active: boolean;
}

/** "dd/mm/yyyy" as the guide's field asks, to an ISO date; undefined when it is no date. */
export function isoFromVietnameseDate(text: string | undefined): string | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec((text ?? '').trim());
  if (!m) return undefined;
  const [, d, mo, y] = m;
  const iso = `${y}-${mo!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? undefined : iso;
}

const blankToNull = (v: string | undefined) =>
  v === undefined || v.trim() === '' ? null : v.trim();

export const roleOptions = GRANTABLE_ROLES.map((role) => ({
  value: role,
  label: roleLabelVi[role],
}));

/** The fields the server may name in a refusal, as the form names them. */
const FORM_FIELDS = ['username', 'phone', 'email', 'position'] as const;

/**
 * "Thêm mới tài khoản từ CSDL Đảng viên" (admin guide 2.2.1): the citizen id, name and birth date
 * find the member record, which fills the name and the unit; the admin adds the phone, the user
 * name and at least one role. Online; the initial password is shown once.
 */
export function AddUserDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const bridge = useBridge();
  const [form] = Form.useForm<Values>();
  const lookup = useDesktopAction();
  const save = useDesktopAction();
  const [record, setRecord] = useState<MemberLookupRecord | null>();
  const [done, setDone] = useState<InitialPassword>();

  const close = () => {
    setRecord(undefined);
    setDone(undefined);
    onClose();
  };

  const find = () =>
    lookup.run(async () => {
      let values: Pick<Values, 'citizenId' | 'fullName' | 'birthDate'>;
      try {
        values = await form.validateFields(['citizenId', 'fullName', 'birthDate']);
      } catch {
        return;
      }
      const { record: found } = await callDesktop(bridge, 'userMemberLookup', {
        citizenId: values.citizenId.trim(),
        fullName: values.fullName.trim(),
        birthDate: isoFromVietnameseDate(values.birthDate)!,
      });
      setRecord(found);
      if (!found) return;
      const unit = { id: found.homeOrgId, name: found.homeOrgName };
      form.setFieldsValue({
        fullName: found.fullName,
        // The guide: the user name is the citizen id unless the admin chooses another.
        username: found.citizenId,
        phone: found.phone ?? '',
        email: found.email ?? '',
        org: unit,
        roles: [{ role: undefined, org: unit }],
      });
    });

  const submit = (values: Values) =>
    save.run(async () => {
      if (!record) return;
      try {
        const made = await callDesktop(bridge, 'createUser', {
          lookup: {
            citizenId: record.citizenId,
            fullName: record.fullName,
            birthDate: record.birthDate,
          },
          username: values.username.trim(),
          phone: values.phone.trim(),
          email: blankToNull(values.email),
          position: blankToNull(values.position),
          orgId: values.org!.id,
          roles: values.roles.map((r) => ({ role: r.role!, orgId: r.org!.id })),
          active: values.active,
        });
        setDone({ fullName: record.fullName, ...made });
      } catch (err) {
        if (err instanceof DesktopCallError && showOnField(form, err.error, FORM_FIELDS)) return;
        throw err;
      }
    });

  const found = record !== undefined && record !== null;
  return (
    <Modal
      open={open}
      title="Thêm mới tài khoản từ CSDL Đảng viên"
      width={800}
      onCancel={close}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        done
          ? null
          : [
              <Button key="cancel" onClick={close}>
                Hủy
              </Button>,
              <Button
                key="ok"
                type="primary"
                disabled={!found}
                loading={save.busy}
                onClick={() => form.submit()}
              >
                Lưu
              </Button>,
            ]
      }
    >
      <div data-testid="add-user-dialog">
        {done ? (
          <InitialPasswordView
            done={done}
            title={`Đã thêm tài khoản cho đồng chí ${done.fullName}`}
            onClose={close}
          />
        ) : (
          <>
            <ErrorAlert error={lookup.error ?? save.error} />
            <Form<Values>
              form={form}
              name="addUser"
              layout="vertical"
              preserve={false}
              initialValues={{ active: true, roles: [] }}
              onFinish={(v) => void submit(v)}
              requiredMark
            >
              <Space align="start" wrap>
                <Form.Item
                  name="citizenId"
                  label="Số CCCD"
                  rules={[
                    { required: true, whitespace: true, message: 'Vui lòng nhập Số CCCD.' },
                    contractRule(CitizenId),
                  ]}
                  style={{ width: 160 }}
                >
                  <Input maxLength={12} disabled={found} />
                </Form.Item>
                <Form.Item
                  name="fullName"
                  label="Họ và tên"
                  rules={[
                    { required: true, whitespace: true, message: 'Vui lòng nhập Họ và tên.' },
                  ]}
                  style={{ width: 240 }}
                >
                  <Input maxLength={200} disabled={found} />
                </Form.Item>
                <Form.Item
                  name="birthDate"
                  label="Ngày sinh"
                  rules={[
                    { required: true, message: 'Vui lòng nhập Ngày sinh.' },
                    {
                      validator: async (_r, v: string | undefined) => {
                        if (v && !isoFromVietnameseDate(v))
                          throw new Error('Ngày sinh theo dạng ngày/tháng/năm, ví dụ 20/01/1975.');
                      },
                    },
                  ]}
                  style={{ width: 150 }}
                >
                  <Input placeholder="DD/MM/YYYY" maxLength={10} disabled={found} />
                </Form.Item>
                <Form.Item label=" ">
                  {found ? (
                    <Button onClick={() => setRecord(undefined)}>Tìm lại</Button>
                  ) : (
                    <Button
                      icon={<SearchOutlined />}
                      loading={lookup.busy}
                      onClick={() => void find()}
                    >
                      Tìm kiếm
                    </Button>
                  )}
                </Form.Item>
              </Space>
              {record === null && (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginBottom: 12 }}
                  title="Không tìm thấy đảng viên có số CCCD, họ tên và ngày sinh này trong CSDL Đảng viên của đơn vị."
                />
              )}
              {found && (
                <AccountFields
                  memberLine={`${record.fullName} · CCCD ${record.citizenId} · ${record.homeOrgName}`}
                />
              )}
            </Form>
          </>
        )}
      </div>
    </Modal>
  );
}

/** What the admin adds once the record is found: the account, its unit and its roles. */
function AccountFields({ memberLine }: { memberLine: string }) {
  return (
    <>
      <Typography.Paragraph type="secondary" data-testid="found-member">
        Đảng viên: {memberLine}
      </Typography.Paragraph>
      <Space align="start" wrap>
        <Form.Item
          name="username"
          label="Tên đăng nhập"
          rules={[
            { required: true, whitespace: true, message: 'Vui lòng nhập Tên đăng nhập.' },
            { min: 3, message: 'Tên đăng nhập có ít nhất 3 ký tự.' },
          ]}
          style={{ width: 180 }}
        >
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="phone"
          label="Số điện thoại"
          rules={[
            { required: true, whitespace: true, message: 'Vui lòng nhập Số điện thoại.' },
            contractRule(User.shape.phone),
          ]}
          style={{ width: 160 }}
        >
          <Input maxLength={15} />
        </Form.Item>
        <Form.Item name="email" label="Email" style={{ width: 200 }}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="position" label="Chức vụ" style={{ width: 160 }}>
          <Input maxLength={200} />
        </Form.Item>
      </Space>
      <Form.Item
        name="org"
        label="Cơ quan quản lý"
        rules={[{ required: true, message: 'Vui lòng chọn Cơ quan quản lý.' }]}
      >
        <OrgSelect width={420} />
      </Form.Item>
      <RoleRows />
      <Form.Item name="active" valuePropName="checked">
        <Checkbox>Trạng thái hoạt động</Checkbox>
      </Form.Item>
    </>
  );
}

/** "Vai trò *": one row per grant, a role at a unit; at least one. */
function RoleRows() {
  return (
    <Form.List
      name="roles"
      rules={[
        {
          validator: async (_r, rows: unknown[] | undefined) => {
            if (!rows || rows.length === 0) throw new Error('Vui lòng chọn ít nhất một vai trò.');
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <div data-testid="role-rows">
          <Typography.Text strong>Vai trò</Typography.Text>
          {fields.map((field, i) => (
            <Space key={field.key} align="start" wrap style={{ display: 'flex', marginTop: 8 }}>
              <Form.Item
                name={[field.name, 'role']}
                rules={[{ required: true, message: 'Vui lòng chọn Vai trò.' }]}
                style={{ marginBottom: 0 }}
              >
                <Select
                  aria-label={`Vai trò ${i + 1}`}
                  placeholder="Chọn vai trò"
                  options={roleOptions}
                  style={{ width: 280 }}
                />
              </Form.Item>
              <Form.Item
                name={[field.name, 'org']}
                rules={[{ required: true, message: 'Vui lòng chọn đơn vị của vai trò.' }]}
                style={{ marginBottom: 0 }}
              >
                <OrgSelect ariaLabel={`Đơn vị của vai trò ${i + 1}`} width={320} />
              </Form.Item>
              <Button
                aria-label={`Bỏ vai trò ${i + 1}`}
                icon={<DeleteOutlined />}
                onClick={() => remove(field.name)}
              />
            </Space>
          ))}
          <Form.ErrorList errors={errors} />
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            style={{ margin: '8px 0 16px' }}
            onClick={() => add({ role: undefined, org: null })}
          >
            Thêm vai trò
          </Button>
        </div>
      )}
    </Form.List>
  );
}
