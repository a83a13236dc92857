import { ArrowLeftOutlined, SaveOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Radio, Result, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { RegistrationPrefill } from '../../../../src/desktop/contract-accounts';
import {
  type DeclaredPosition,
  type DuplicateHolder,
} from '../../../../src/domain/accounts/account-request';
import { memberFieldLabelVi, positionLabelVi } from '../../../../src/domain/people/member';
import { callDesktop, DesktopCallError, useBridge, useDesktopAction } from '../../desktop-context';
import { ErrorAlert } from '../../ui/error-alert';
import { showOnField } from '../../ui/field-errors';
import { PartyEmblem } from '../layout/party-emblem';
import { PersonFields } from './person-fields';
import { CellChoiceSelect, type CellChoiceValue } from './cell-choice-select';

const L = memberFieldLabelVi;
export const REGISTERED = 'Đã gửi đăng ký, chờ Bí thư chi bộ phê duyệt';
/** The guide's TH1: what to do when another account holds the number. */
export const DUPLICATE_ADVICE = [
  'Nếu trùng một trong hai thông tin (Số thẻ đảng viên hoặc Số lý lịch) thì sử dụng thông tin còn lại để đăng ký.',
  'Nếu đồng chí bị trùng thuộc tổ chức đảng mình sinh hoạt thì tự liên hệ để đối chiếu; nếu không, liên hệ Đảng bộ cấp trên hoặc Thành ủy để nhờ liên hệ đối chiếu.',
];

export interface RegistrationValues {
  citizenId: string;
  cardNo?: string;
  profileNo?: string;
  fullName: string;
  birthDate: string;
  sex: 'male' | 'female';
  homeOrg: CellChoiceValue | null;
  residence: CellChoiceValue | null;
  phone?: string;
  email?: string;
  position: DeclaredPosition | 'none';
  username: string;
  password: string;
  confirm: string;
}

const FIELDS = [
  'citizenId',
  'cardNo',
  'profileNo',
  'fullName',
  'birthDate',
  'sex',
  'phone',
  'email',
  'username',
  'password',
] as const;

const orNull = (text: string | undefined) => (text?.trim() ? text.trim() : null);
const orUndefined = (text: string | undefined) => orNull(text) ?? undefined;

/** The form's fields from the member database's record ("LẤY THÔNG TIN ĐẢNG VIÊN"). */
export function prefillValues(r: RegistrationPrefill): Partial<RegistrationValues> {
  return {
    fullName: r.fullName,
    birthDate: r.birthDate,
    sex: r.sex,
    cardNo: r.cardNo ?? '',
    profileNo: r.profileNo ?? '',
    homeOrg: { id: r.homeOrgId, name: r.homeOrgName },
    residence: r.residenceOrgId ? { id: r.residenceOrgId, name: r.residenceOrgName ?? '' } : null,
    phone: r.phone ?? '',
    email: r.email ?? '',
  };
}

function DuplicateAlert({ holder, messageVi }: { holder: DuplicateHolder; messageVi: string }) {
  // The form is taller than a laptop's window and the user is at "Lưu": bring the alert in view.
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, [holder, messageVi]);
  return (
    <div ref={ref}>
      <Alert
        type="error"
        showIcon
        role="alert"
        data-testid="duplicate-holder"
        style={{ marginBottom: 16 }}
        title={messageVi}
        description={
          <>
            <div>
              Tài khoản đã đăng ký: <strong>{holder.fullName}</strong>
              {holder.orgName ? ` — ${holder.orgName}` : ''}
            </div>
            <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
              {DUPLICATE_ADVICE.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </>
        }
      />
    </div>
  );
}

/**
 * "Đăng ký tài khoản đảng viên" before sign-in (user guide, registration): the citizen id and the
 * card or profile number find the member database's record to prefill, the member corrects what
 * he must, declares his cell and position, chooses a username and password and saves; the cell
 * secretary approves it. A number another account holds stops it with that account named (TH1).
 */
export function RegistrationView({ onBack }: { onBack: () => void }) {
  const bridge = useBridge();
  const [form] = Form.useForm<RegistrationValues>();
  const lookup = useDesktopAction();
  const save = useDesktopAction();
  const [found, setFound] = useState<'found' | 'not_found'>();
  const [duplicate, setDuplicate] = useState<{ holder: DuplicateHolder; messageVi: string }>();
  const [done, setDone] = useState(false);

  /** A refusal naming a field goes under it ("declared.cardNo" → cardNo). */
  const showError = (err: unknown, setError: (e: DesktopCallError['error']) => void) => {
    if (!(err instanceof DesktopCallError)) throw err;
    const field = err.error.field?.replace(/^declared\./, '');
    if (!field || !showOnField(form, { ...err.error, field }, FIELDS)) setError(err.error);
  };

  const findRecord = () =>
    lookup.run(async () => {
      setFound(undefined);
      // The fields' own messages show under them.
      const values = await form
        .validateFields(['citizenId', 'cardNo', 'profileNo'])
        .catch(() => null);
      if (!values) return;
      const cardNo = orUndefined(values.cardNo);
      const profileNo = orUndefined(values.profileNo);
      if (!cardNo && !profileNo) {
        form.setFields([
          { name: 'cardNo', errors: ['Vui lòng nhập Số thẻ đảng viên hoặc Số lý lịch.'] },
        ]);
        return;
      }
      try {
        const { record } = await callDesktop(bridge, 'registrationLookup', {
          citizenId: values.citizenId.trim(),
          ...(cardNo ? { cardNo } : {}),
          ...(profileNo ? { profileNo } : {}),
        });
        if (record) form.setFieldsValue(prefillValues(record));
        setFound(record ? 'found' : 'not_found');
      } catch (err) {
        showError(err, lookup.setError);
      }
    });

  const submit = (v: RegistrationValues) =>
    save.run(async () => {
      setDuplicate(undefined);
      try {
        const outcome = await callDesktop(bridge, 'registerAccount', {
          username: v.username.trim(),
          password: v.password,
          declared: {
            fullName: v.fullName.trim(),
            birthDate: v.birthDate,
            sex: v.sex,
            citizenId: v.citizenId.trim(),
            cardNo: orNull(v.cardNo),
            profileNo: orNull(v.profileNo),
            homeOrgId: v.homeOrg?.id ?? '',
            residenceOrgId: v.residence?.id ?? null,
            phone: orNull(v.phone),
            email: orNull(v.email),
            position: v.position === 'none' ? null : v.position,
          },
        });
        if (outcome.ok) setDone(true);
        else setDuplicate({ holder: outcome.holder, messageVi: outcome.messageVi });
      } catch (err) {
        showError(err, save.setError);
      }
    });

  return (
    <div className="login-page">
      <Card className="login-card" style={{ width: 980 }} data-testid="registration">
        <div className="login-brand">
          <PartyEmblem size={36} />
          <Typography.Title level={4} style={{ margin: '4px 0 0' }}>
            Đăng ký tài khoản đảng viên
          </Typography.Title>
        </div>
        {done ? (
          <Result
            status="success"
            title={REGISTERED}
            subTitle="Sau khi Bí thư chi bộ phê duyệt, đồng chí đăng nhập bằng tên đăng nhập và mật khẩu đã đăng ký."
            extra={
              <Button type="primary" onClick={onBack}>
                Quay lại đăng nhập
              </Button>
            }
          />
        ) : (
          <Form<RegistrationValues>
            form={form}
            layout="vertical"
            requiredMark={false}
            initialValues={{ sex: 'male', position: 'none', homeOrg: null, residence: null }}
            onFinish={(v) => void submit(v)}
          >
            <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', columnGap: 12 }}>
              <Form.Item
                name="citizenId"
                label={L.citizenId}
                rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập số CCCD.' }]}
              >
                <Input maxLength={12} inputMode="numeric" autoFocus />
              </Form.Item>
              <Form.Item name="cardNo" label={L.cardNo}>
                <Input maxLength={30} />
              </Form.Item>
              <Form.Item name="profileNo" label={L.profileNo}>
                <Input maxLength={30} />
              </Form.Item>
            </div>
            <Button
              icon={<SearchOutlined />}
              onClick={() => void findRecord()}
              loading={lookup.busy}
              style={{ marginBottom: 12 }}
            >
              LẤY THÔNG TIN ĐẢNG VIÊN
            </Button>
            <ErrorAlert error={lookup.error} />
            {found === 'found' && (
              <Alert
                type="success"
                showIcon
                style={{ marginBottom: 12 }}
                title="Đã điền thông tin từ CSDL đảng viên. Kiểm tra và sửa nếu chưa đúng."
              />
            )}
            {found === 'not_found' && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 12 }}
                title="Không tìm thấy thông tin trong CSDL đảng viên. Vui lòng nhập chính xác thông tin cá nhân."
              />
            )}
            <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', columnGap: 12 }}>
              <PersonFields />
              <Form.Item
                name="homeOrg"
                label={L.homeOrgId}
                rules={[{ required: true, message: 'Vui lòng chọn chi bộ sinh hoạt.' }]}
              >
                <CellChoiceSelect />
              </Form.Item>
              <Form.Item name="residence" label={L.residenceOrgId}>
                <CellChoiceSelect />
              </Form.Item>
              <Form.Item name="position" label="Chức vụ trong chi bộ">
                <Radio.Group
                  options={[
                    { value: 'none', label: 'Không' },
                    { value: 'deputy_secretary', label: positionLabelVi.deputy_secretary },
                    { value: 'secretary', label: positionLabelVi.secretary },
                  ]}
                />
              </Form.Item>
              <Form.Item name="phone" label={L.phone}>
                <Input maxLength={20} />
              </Form.Item>
              <Form.Item name="email" label={L.email}>
                <Input maxLength={200} />
              </Form.Item>
              <div />
              <Form.Item
                name="username"
                label="Tên đăng nhập"
                rules={[
                  { required: true, whitespace: true, message: 'Vui lòng nhập tên đăng nhập.' },
                  { min: 3, message: 'Tên đăng nhập có ít nhất 3 ký tự.' },
                ]}
              >
                <Input maxLength={100} autoComplete="username" />
              </Form.Item>
              <Form.Item
                name="password"
                label="Mật khẩu"
                rules={[{ required: true, message: 'Vui lòng nhập mật khẩu.' }]}
              >
                <Input.Password maxLength={200} autoComplete="new-password" />
              </Form.Item>
              <Form.Item
                name="confirm"
                label="Nhập lại mật khẩu"
                dependencies={['password']}
                rules={[
                  { required: true, message: 'Vui lòng nhập lại mật khẩu.' },
                  ({ getFieldValue }) => ({
                    validator: async (_rule, value) => {
                      if (value && value !== getFieldValue('password'))
                        throw new Error('Mật khẩu nhập lại không khớp.');
                    },
                  }),
                ]}
              >
                <Input.Password maxLength={200} autoComplete="new-password" />
              </Form.Item>
            </div>
            {duplicate && <DuplicateAlert {...duplicate} />}
            <ErrorAlert error={save.error} />
            <div style={{ display: 'flex', justifyContent: 'space-between' }}>
              <Button icon={<ArrowLeftOutlined />} onClick={onBack}>
                Quay lại đăng nhập
              </Button>
              <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={save.busy}>
                Lưu
              </Button>
            </div>
          </Form>
        )}
      </Card>
    </div>
  );
}
