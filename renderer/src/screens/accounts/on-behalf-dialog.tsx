import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, Input, Modal, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  DeclaredMember,
  duplicateFieldLabelVi,
} from '../../../../src/domain/accounts/account-request';
import { positionLabelVi } from '../../../../src/domain/people/member';
import { issueMessageVi } from '../../../../src/domain/common/field-messages';
import { sexLabelVi } from '../../../../src/domain/people/sex';
import { callDesktop, useBridge, useDesktopAction } from '../../desktop-context';
import { ErrorAlert } from '../../ui/error-alert';
import { InitialPasswordView, type InitialPassword } from '../../ui/initial-password-view';
import { OrgSelect, type OrgChoice } from '../residence/org-select';

interface Values {
  citizenId: string;
  cardNo?: string;
  profileNo?: string;
  fullName: string;
  birthDate: Dayjs;
  sex: 'male' | 'female';
  homeOrg: OrgChoice | null;
  residenceOrg?: OrgChoice | null;
  phone?: string;
  email?: string;
  position: 'none' | 'secretary' | 'deputy_secretary';
  username: string;
}

/** The form's field of each declared field, for the contract's messages to land under it. */
const FIELD_OF: Record<string, keyof Values> = {
  homeOrgId: 'homeOrg',
  residenceOrgId: 'residenceOrg',
};

const blankToNull = (v: string | undefined) =>
  v === undefined || v.trim() === '' ? null : v.trim();

function declaredOf(v: Values) {
  return DeclaredMember.safeParse({
    fullName: v.fullName?.trim(),
    birthDate: v.birthDate?.format('YYYY-MM-DD'),
    sex: v.sex,
    citizenId: v.citizenId?.trim(),
    cardNo: blankToNull(v.cardNo),
    profileNo: blankToNull(v.profileNo),
    homeOrgId: v.homeOrg?.id,
    residenceOrgId: v.residenceOrg?.id ?? null,
    phone: blankToNull(v.phone),
    email: blankToNull(v.email),
    position: v.position === 'none' ? null : v.position,
  });
}

/**
 * "Đăng ký hộ": a member without a level-2 identity registered by his cell's secretary (online).
 * The member database's record prefills the form from the citizen id or the card / profile
 * number; a number another account holds is refused with the holder named.
 */
export function OnBehalfDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const bridge = useBridge();
  const [form] = Form.useForm<Values>();
  const lookup = useDesktopAction();
  const save = useDesktopAction();
  const [found, setFound] = useState<'found' | 'none'>();
  const [duplicate, setDuplicate] = useState<string>();
  const [done, setDone] = useState<InitialPassword>();

  const close = () => {
    setFound(undefined);
    setDuplicate(undefined);
    setDone(undefined);
    onClose();
  };

  const prefill = () =>
    lookup.run(async () => {
      const [citizenId, cardNo, profileNo] = (['citizenId', 'cardNo', 'profileNo'] as const).map(
        (f) => blankToNull(form.getFieldValue(f) as string | undefined),
      );
      if (!citizenId && !cardNo && !profileNo) {
        form.setFields([{ name: 'citizenId', errors: ['Nhập số CCCD, số thẻ hoặc số lý lịch.'] }]);
        return;
      }
      const { record } = await callDesktop(bridge, 'memberRecordLookup', {
        ...(citizenId ? { citizenId } : {}),
        ...(cardNo ? { cardNo } : {}),
        ...(profileNo ? { profileNo } : {}),
      });
      setFound(record ? 'found' : 'none');
      if (!record) return;
      form.setFieldsValue({
        citizenId: record.citizenId,
        cardNo: record.cardNo ?? '',
        profileNo: record.profileNo ?? '',
        fullName: record.fullName,
        birthDate: dayjs(record.birthDate),
        sex: record.sex,
        homeOrg: { id: record.homeOrgId, name: record.homeOrgName },
        residenceOrg: record.residenceOrgId
          ? { id: record.residenceOrgId, name: record.residenceOrgName ?? record.residenceOrgId }
          : null,
        phone: record.phone ?? '',
        email: record.email ?? '',
      });
    });

  const submit = (values: Values) =>
    save.run(async () => {
      setDuplicate(undefined);
      const declared = declaredOf(values);
      if (!declared.success) {
        form.setFields(
          declared.error.issues.map((issue) => {
            const field = String(issue.path[0] ?? 'citizenId');
            const name = FIELD_OF[field] ?? (field as keyof Values);
            // A domain check (the citizen id against birth date and sex) carries its own message.
            const own = (issue as { params?: { messageVi?: unknown } }).params?.messageVi;
            return { name, errors: [typeof own === 'string' ? own : issueMessageVi(issue)] };
          }),
        );
        return;
      }
      const outcome = await callDesktop(bridge, 'registerMemberOnBehalf', {
        username: values.username.trim(),
        declared: declared.data,
      });
      if (!outcome.ok) {
        setDuplicate(outcome.messageVi);
        form.setFields([
          {
            name: outcome.holder.field,
            errors: [`${duplicateFieldLabelVi[outcome.holder.field]} đã được dùng.`],
          },
        ]);
        return;
      }
      setDone({
        fullName: declared.data.fullName,
        username: outcome.username,
        initialPassword: outcome.initialPassword,
      });
    });

  return (
    <Modal
      open={open}
      title="Đăng ký hộ tài khoản đảng viên"
      width={760}
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
              <Button key="ok" type="primary" loading={save.busy} onClick={() => form.submit()}>
                Đăng ký
              </Button>,
            ]
      }
    >
      <div data-testid="on-behalf-dialog">
        {done ? (
          <InitialPasswordView
            done={done}
            title={`Đã đăng ký tài khoản cho đồng chí ${done.fullName}`}
            subTitle="Tài khoản chờ phê duyệt. Mật khẩu ban đầu chỉ hiển thị một lần: hãy sao chép và trao cho đảng viên."
            onClose={close}
          />
        ) : (
          <>
            <ErrorAlert error={lookup.error ?? save.error} />
            {duplicate && (
              <Alert type="error" showIcon style={{ marginBottom: 12 }} title={duplicate} />
            )}
            <Form<Values>
              form={form}
              layout="vertical"
              preserve={false}
              initialValues={{ position: 'none', sex: 'male' }}
              onFinish={(v) => void submit(v)}
              requiredMark
            >
              <Space align="end" wrap>
                <Form.Item
                  name="citizenId"
                  label="Số CCCD"
                  rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập Số CCCD.' }]}
                  style={{ width: 160 }}
                >
                  <Input maxLength={12} />
                </Form.Item>
                <Form.Item name="cardNo" label="Số thẻ đảng viên" style={{ width: 150 }}>
                  <Input maxLength={30} />
                </Form.Item>
                <Form.Item name="profileNo" label="Số lý lịch" style={{ width: 130 }}>
                  <Input maxLength={30} />
                </Form.Item>
                <Form.Item>
                  <Button
                    icon={<SearchOutlined />}
                    loading={lookup.busy}
                    onClick={() => void prefill()}
                  >
                    Lấy thông tin đảng viên
                  </Button>
                </Form.Item>
              </Space>
              {found === 'none' && (
                <Alert
                  type="info"
                  showIcon
                  style={{ marginBottom: 12 }}
                  title="Không có trong CSDL đảng viên: nhập thông tin theo hồ sơ của đảng viên."
                />
              )}
              <Space align="start" wrap>
                <Form.Item
                  name="fullName"
                  label="Họ và tên"
                  rules={[
                    { required: true, whitespace: true, message: 'Vui lòng nhập Họ và tên.' },
                  ]}
                  style={{ width: 260 }}
                >
                  <Input maxLength={200} />
                </Form.Item>
                <Form.Item
                  name="birthDate"
                  label="Ngày sinh"
                  rules={[{ required: true, message: 'Vui lòng nhập Ngày sinh.' }]}
                >
                  <DatePicker format="DD/MM/YYYY" />
                </Form.Item>
                <Form.Item name="sex" label="Giới tính" style={{ width: 100 }}>
                  <Select
                    options={(['male', 'female'] as const).map((s) => ({
                      value: s,
                      label: sexLabelVi[s],
                    }))}
                  />
                </Form.Item>
                <Form.Item name="position" label="Chức vụ" style={{ width: 150 }}>
                  <Select
                    options={[
                      { value: 'none', label: 'Đảng viên' },
                      { value: 'secretary', label: positionLabelVi.secretary },
                      { value: 'deputy_secretary', label: positionLabelVi.deputy_secretary },
                    ]}
                  />
                </Form.Item>
              </Space>
              <Space align="start" wrap>
                <Form.Item
                  name="homeOrg"
                  label="Chi bộ sinh hoạt"
                  rules={[{ required: true, message: 'Vui lòng chọn Chi bộ sinh hoạt.' }]}
                >
                  <OrgSelect width={340} />
                </Form.Item>
                <Form.Item name="residenceOrg" label="Chi bộ nơi cư trú">
                  <OrgSelect width={340} />
                </Form.Item>
              </Space>
              <Space align="start" wrap>
                <Form.Item name="phone" label="Số điện thoại" style={{ width: 180 }}>
                  <Input maxLength={15} />
                </Form.Item>
                <Form.Item name="email" label="Email" style={{ width: 260 }}>
                  <Input maxLength={200} />
                </Form.Item>
                <Form.Item
                  name="username"
                  label="Tên đăng nhập"
                  rules={[
                    { required: true, whitespace: true, message: 'Vui lòng nhập Tên đăng nhập.' },
                    { min: 3, message: 'Tên đăng nhập có ít nhất 3 ký tự.' },
                  ]}
                  style={{ width: 220 }}
                >
                  <Input maxLength={100} autoComplete="off" />
                </Form.Item>
              </Space>
            </Form>
          </>
        )}
      </div>
    </Modal>
  );
}
