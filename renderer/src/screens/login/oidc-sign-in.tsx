import { IdcardOutlined } from '@ant-design/icons';
import { Alert, Button, Divider, Space, Spin } from 'antd';
import { useDesktopQuery } from '../../desktop-context';

/**
 * "Đăng nhập bằng VNeID", shown when the app has an OpenID provider configured. While the browser
 * is at the provider, the screen says so and keeps a link to open the page again (a blocked pop-up,
 * a closed tab); the app signs in by itself when the browser comes back (docs/decisions/0020).
 */
export function OidcSignIn({
  waitingUrl,
  onStart,
  onCancel,
}: {
  waitingUrl: string | undefined;
  onStart: () => void;
  onCancel: () => void;
}) {
  const status = useDesktopQuery('oidcStatus', {});
  if (!status.data?.configured) return null;
  return (
    <>
      <Divider plain>hoặc</Divider>
      {waitingUrl === undefined ? (
        <Button block size="large" icon={<IdcardOutlined />} onClick={onStart}>
          Đăng nhập bằng VNeID
        </Button>
      ) : (
        <Alert
          data-testid="oidc-waiting"
          type="info"
          icon={<Spin size="small" />}
          showIcon
          title="Đang chờ đăng nhập bằng VNeID trên trình duyệt…"
          description={
            <Space orientation="vertical">
              <span>
                Hoàn tất đăng nhập trên trang của hệ thống định danh, rồi quay lại ứng dụng.
              </span>
              <Space>
                <a href={waitingUrl} target="_blank" rel="noopener noreferrer">
                  Mở lại trang đăng nhập
                </a>
                <Button size="small" onClick={onCancel}>
                  Hủy
                </Button>
              </Space>
            </Space>
          }
        />
      )}
    </>
  );
}
