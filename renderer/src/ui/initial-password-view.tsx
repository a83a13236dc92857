import { Button, Result, Typography } from 'antd';

export interface InitialPassword {
  fullName: string;
  username: string;
  initialPassword: string;
}

const HAND_OVER_VI = 'Mật khẩu ban đầu chỉ hiển thị một lần: hãy sao chép và trao cho người dùng.';

/**
 * Shown once: the user name and the initial password, to hand over (a user an admin added, a
 * member his secretary registered).
 */
export function InitialPasswordView({
  done,
  title,
  subTitle = HAND_OVER_VI,
  onClose,
}: {
  done: InitialPassword;
  title: string;
  subTitle?: string;
  onClose: () => void;
}) {
  return (
    <Result
      status="success"
      title={title}
      subTitle={subTitle}
      extra={
        <Button type="primary" onClick={onClose}>
          Đóng
        </Button>
      }
    >
      <div data-testid="initial-password">
        <div>
          <Typography.Text type="secondary">Tên đăng nhập: </Typography.Text>
          <Typography.Text strong copyable>
            {done.username}
          </Typography.Text>
        </div>
        <div>
          <Typography.Text type="secondary">Mật khẩu ban đầu: </Typography.Text>
          <Typography.Text strong code copyable={{ tooltips: ['Sao chép', 'Đã sao chép'] }}>
            {done.initialPassword}
          </Typography.Text>
        </div>
      </div>
    </Result>
  );
}
