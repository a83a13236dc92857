import { SendOutlined } from '@ant-design/icons';
import { Alert, Button, Divider, Form, Input, Radio, Spin, Typography } from 'antd';
import { useState } from 'react';
import type { ZodType } from 'zod';
import {
  ChangeableFields,
  type DeclaredPosition,
  type InfoChanges,
} from '../../../../src/domain/accounts/account-request';
import { memberFieldLabelVi, positionLabelVi } from '../../../../src/domain/people/member';
import type { MyAccountView } from '../../../../src/desktop/contract-accounts';
import { callDesktop, useBridge, useDesktopAction, useDesktopQuery } from '../../desktop-context';
import { ErrorAlert } from '../../ui/error-alert';
import { showOnField } from '../../ui/field-errors';
import { PersonFields } from './person-fields';
import { CellChoiceSelect, type CellChoiceValue } from './cell-choice-select';

const L = memberFieldLabelVi;
export const SENT_TO_CELL = 'Đã gửi, chờ Bí thư chi bộ phê duyệt';
export const SENT_TO_SUPERIOR = 'Đã gửi, chờ cấp ủy cấp trên phê duyệt';

type Member = NonNullable<MyAccountView['member']>;

export interface ChangeValues {
  fullName: string;
  birthDate: string;
  sex: 'male' | 'female';
  cardNo: string;
  profileNo: string;
  phone: string;
  email: string;
  residence: CellChoiceValue | null;
}
const TEXT_FIELDS = ['fullName', 'birthDate', 'cardNo', 'profileNo', 'phone', 'email'] as const;

/** A blank optional field is "none". */
const orNull = (text: string | undefined) => (text?.trim() ? text.trim() : null);

/** The form's values as the record holds them, to start from and compare with. */
export function valuesOf(m: Member): ChangeValues {
  return {
    fullName: m.fullName,
    birthDate: m.birthDate,
    sex: m.sex === 'female' ? 'female' : 'male',
    cardNo: m.cardNo ?? '',
    profileNo: m.profileNo ?? '',
    phone: m.phone ?? '',
    email: m.email ?? '',
    residence: m.residenceOrg,
  };
}

/** Only the fields the member changed, as the secretary will review them. */
export function changedFields(m: Member, v: ChangeValues): InfoChanges {
  const before = valuesOf(m);
  const changes: Record<string, string | null> = {};
  for (const field of TEXT_FIELDS)
    if (orNull(v[field]) !== orNull(before[field])) changes[field] = orNull(v[field]);
  if (v.sex !== before.sex) changes.sex = v.sex;
  const residence = v.residence?.id ?? null;
  if (residence !== (m.residenceOrg?.id ?? null)) changes.residenceOrgId = residence;
  return changes as InfoChanges;
}

/** A field checked by the record's own schema, blank meaning none. */
const schemaRule = (schema: ZodType) => ({
  validator: async (_rule: unknown, value: unknown) => {
    const checked = schema.safeParse(typeof value === 'string' ? orNull(value) : value);
    if (!checked.success) throw new Error(checked.error.issues[0]?.message);
  },
});

const Sent = ({ text }: { text: string | undefined }) =>
  text ? (
    <Alert type="success" showIcon style={{ marginBottom: 12 }} title={text} role="status" />
  ) : null;

function InfoChangeForm({ member }: { member: Member }) {
  const bridge = useBridge();
  const [form] = Form.useForm<ChangeValues>();
  const { busy, error, setError, run } = useDesktopAction();
  const [sent, setSent] = useState<string>();
  const submit = (values: ChangeValues) =>
    run(async () => {
      setSent(undefined);
      const changes = changedFields(member, values);
      if (Object.keys(changes).length === 0) {
        setError({
          code: 'nothing_changed',
          message: 'nothing changed',
          messageVi: 'Chưa có thông tin nào thay đổi.',
        });
        return;
      }
      try {
        await callDesktop(bridge, 'fileInfoChange', { changes });
        setSent(SENT_TO_CELL);
      } catch (err) {
        const e = (err as { error?: { field?: string; messageVi: string } }).error;
        const field = e?.field?.replace(/^changes\./, '');
        if (e && field && showOnField(form, { ...e, field }, TEXT_FIELDS)) return;
        throw err;
      }
    });
  return (
    <Form<ChangeValues>
      form={form}
      layout="vertical"
      initialValues={valuesOf(member)}
      onFinish={(v) => void submit(v)}
      style={{ maxWidth: 1000 }}
      data-testid="info-change-form"
    >
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', columnGap: 16 }}>
        <PersonFields />
        <Form.Item label={L.citizenId}>
          <Input value={member.citizenId} disabled aria-label={L.citizenId} />
        </Form.Item>
        <Form.Item
          name="cardNo"
          label={L.cardNo}
          rules={[schemaRule(ChangeableFields.shape.cardNo)]}
        >
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item
          name="profileNo"
          label={L.profileNo}
          rules={[schemaRule(ChangeableFields.shape.profileNo)]}
        >
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="phone" label={L.phone} rules={[schemaRule(ChangeableFields.shape.phone)]}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="email" label={L.email} rules={[schemaRule(ChangeableFields.shape.email)]}>
          <Input maxLength={200} />
        </Form.Item>
      </div>
      <Typography.Title level={5}>Cập nhật thông tin chi bộ sinh hoạt nơi cư trú</Typography.Title>
      <Form.Item name="residence" label={L.residenceOrgId}>
        <CellChoiceSelect />
      </Form.Item>
      <ErrorAlert error={error} />
      <Sent text={sent} />
      <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={busy}>
        CẬP NHẬT
      </Button>
    </Form>
  );
}

function PositionForm() {
  const bridge = useBridge();
  const { busy, error, run } = useDesktopAction();
  const [position, setPosition] = useState<DeclaredPosition>();
  const [sent, setSent] = useState<string>();
  const submit = () =>
    run(async () => {
      if (!position) return;
      setSent(undefined);
      await callDesktop(bridge, 'filePositionRequest', { position });
      setSent(SENT_TO_SUPERIOR);
    });
  return (
    <div data-testid="position-form">
      <Typography.Paragraph type="secondary">
        Đồng chí là Bí thư hoặc Phó bí thư chi bộ: sau khi cấp ủy cấp trên phê duyệt, tài khoản được
        phân quyền phê duyệt của chi bộ.
      </Typography.Paragraph>
      <Radio.Group
        aria-label="Chức vụ trong chi bộ"
        value={position}
        onChange={(e) => setPosition(e.target.value as DeclaredPosition)}
        options={(['secretary', 'deputy_secretary'] as const).map((p) => ({
          value: p,
          label: positionLabelVi[p],
        }))}
        style={{ marginBottom: 12 }}
      />
      <ErrorAlert error={error} />
      <Sent text={sent} />
      <div>
        <Button onClick={() => void submit()} disabled={!position} loading={busy}>
          Gửi đề nghị phê duyệt chức vụ
        </Button>
      </div>
    </div>
  );
}

function CellChangeForm() {
  const bridge = useBridge();
  const { busy, error, run } = useDesktopAction();
  const [cell, setCell] = useState<CellChoiceValue | null>(null);
  const [sent, setSent] = useState<string>();
  const submit = () =>
    run(async () => {
      if (!cell) return;
      setSent(undefined);
      await callDesktop(bridge, 'fileCellChange', { toOrgId: cell.id });
      setSent(`${SENT_TO_CELL} (${cell.name})`);
    });
  return (
    <div data-testid="cell-change-form">
      <Typography.Paragraph type="secondary">
        Chọn chi bộ đúng nơi đồng chí sinh hoạt; Bí thư chi bộ đó phê duyệt thì đồng chí được chuyển
        về chi bộ đúng.
      </Typography.Paragraph>
      <div style={{ marginBottom: 12 }}>
        <CellChoiceSelect ariaLabel="Chi bộ sinh hoạt đúng" value={cell} onChange={setCell} />
      </div>
      <ErrorAlert error={error} />
      <Sent text={sent} />
      <Button onClick={() => void submit()} disabled={!cell} loading={busy}>
        Gửi yêu cầu chuyển về chi bộ đúng
      </Button>
    </div>
  );
}

/**
 * "Thay đổi thông tin tài khoản": his record to correct (only what he changes goes to the cell
 * secretary), his residence cell, a position to declare and a wrongly chosen cell to leave (TH3).
 */
export function AccountChangeView() {
  const account = useDesktopQuery('myAccount', {});
  if (account.error) return <ErrorAlert error={account.error} onRetry={account.reload} />;
  if (!account.data) return <Spin />;
  const member = account.data.member;
  if (!member)
    return (
      <Alert
        type="info"
        showIcon
        title="Tài khoản chưa gắn với hồ sơ đảng viên"
        description="Thay đổi thông tin được sau khi Bí thư chi bộ phê duyệt đăng ký."
      />
    );
  return (
    <div>
      <InfoChangeForm member={member} />
      <Divider />
      <Typography.Title level={5}>Chức vụ trong chi bộ</Typography.Title>
      <PositionForm />
      <Divider />
      <Typography.Title level={5}>Đăng ký nhầm chi bộ sinh hoạt</Typography.Title>
      <CellChangeForm />
    </div>
  );
}
