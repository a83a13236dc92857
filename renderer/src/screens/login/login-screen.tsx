import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import type { DesktopError, SessionUser } from '../../../../src/desktop/contract';
import { useBridge, useDesktopEvents, useDesktopQuery } from '../../desktop-context';
import { showOnField } from '../../ui/field-errors';
import { RegistrationView } from '../account/registration-view';
import { PartyEmblem } from '../layout/party-emblem';
import { OidcSignIn } from './oidc-sign-in';

interface Credentials {
  username: string;
  password: string;
}
const CREDENTIAL_FIELDS: readonly (keyof Credentials)[] = ['username', 'password'];

/** What to tell the user under the message the server or the service gave. */
const HINTS: Record<string, string> = {
  unreachable:
    'Kiểm tra kết nối mạng hoặc địa chỉ máy chủ rồi thử lại. Chỉ tài khoản đã đăng nhập và đồng bộ dữ liệu trên máy này mới làm việc ngoại tuyến được.',
  account_locked: 'Liên hệ quản trị đơn vị nếu cần mở khóa sớm.',
  oidc_unknown_identity:
    'Quản trị đơn vị cần ghi đúng số định danh cá nhân (CCCD) của bạn vào tài khoản trước khi đăng nhập bằng VNeID.',
  password_login_disabled: 'Dùng nút "Đăng nhập bằng VNeID" bên dưới.',
  account_pending: 'Tài khoản dùng được sau khi Bí thư chi bộ phê duyệt đăng ký.',
};

/** "Đăng nhập", with the labels of the national system. */
export function LoginScreen({
  onLoggedIn,
}: {
  onLoggedIn: (user: SessionUser, offline: boolean) => void;
}) {
  const bridge = useBridge();
  const [form] = Form.useForm<Credentials>();
  const status = useDesktopQuery('syncStatus', {});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<DesktopError>();
  /** The VNeID sign-in waiting for the browser, with the address to open again if need be. */
  const [oidcUrl, setOidcUrl] = useState<string>();
  /** "Đăng ký tài khoản đảng viên" open instead of the sign-in form. */
  const [registering, setRegistering] = useState(false);
  useDesktopEvents((event) => {
    if (event.type !== 'oidc-login-failed') return;
    setOidcUrl(undefined);
    setError(event.error);
  });

  async function startOidc() {
    setError(undefined);
    const result = await bridge.call('startOidcLogin', {});
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setOidcUrl(result.value.authorizationUrl);
    // The browser host opens it as a new window; Electron hands it to the system browser.
    window.open(result.value.authorizationUrl, '_blank', 'noopener,noreferrer');
  }

  async function submit(values: Credentials) {
    setBusy(true);
    setError(undefined);
    const result = await bridge.call('login', values);
    setBusy(false);
    if (result.ok) onLoggedIn(result.value.user, result.value.offline);
    // A refusal about one field (a name too long, say) goes under it; wrong credentials do not.
    else if (!showOnField(form, result.error, CREDENTIAL_FIELDS)) setError(result.error);
  }

  if (registering) return <RegistrationView onBack={() => setRegistering(false)} />;
  return (
    <div className="login-page">
      <Card className="login-card">
        <div className="login-brand">
          <PartyEmblem size={56} />
          <div className="party">ĐẢNG CỘNG SẢN VIỆT NAM</div>
          <Typography.Title level={4} style={{ margin: '4px 0 0' }}>
            Hệ thống thông tin giải quyết thủ tục hành chính của Đảng
          </Typography.Title>
        </div>
        <Typography.Title level={3} style={{ textAlign: 'center', marginTop: 0 }}>
          Đăng nhập
        </Typography.Title>
        <Form<Credentials>
          form={form}
          layout="vertical"
          onFinish={(values) => void submit(values)}
          requiredMark={false}
          disabled={busy || oidcUrl !== undefined}
        >
          <Form.Item
            label="Tên đăng nhập"
            name="username"
            rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập tên đăng nhập' }]}
          >
            <Input
              prefix={<UserOutlined />}
              placeholder="Nhập tên đăng nhập"
              autoComplete="username"
              autoFocus
              maxLength={100}
            />
          </Form.Item>
          <Form.Item
            label="Mật khẩu"
            name="password"
            rules={[{ required: true, message: 'Vui lòng nhập mật khẩu' }]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              placeholder="Nhập mật khẩu"
              autoComplete="current-password"
              maxLength={200}
            />
          </Form.Item>
          {error && (
            <Alert
              data-testid="login-error"
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              title={error.messageVi}
              description={HINTS[error.code]}
            />
          )}
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            Đăng nhập
          </Button>
        </Form>
        <OidcSignIn
          waitingUrl={oidcUrl}
          onStart={() => void startOidc()}
          onCancel={() => setOidcUrl(undefined)}
        />
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button type="link" onClick={() => setRegistering(true)}>
            Đăng ký tài khoản đảng viên
          </Button>
        </div>
        {status.data && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
            Máy chủ: <span className="wrap-anywhere">{status.data.serverUrl}</span>
          </Typography.Paragraph>
        )}
      </Card>
    </div>
  );
}
