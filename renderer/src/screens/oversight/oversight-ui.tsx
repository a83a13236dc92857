import { Alert, Button } from 'antd';
import type { ReactNode } from 'react';
import type { Role } from '../../../../src/domain/people/user';
import { formatDateTime } from '../../format';
import { useNavigation, type Screen } from '../../navigation';
import { canOpen } from '../../role-screens';

/** Shown over an answer kept on this machine: the server could not be reached. */
export function CachedNote({
  source,
}: {
  source: { source: string; fetchedAt: string } | undefined;
}) {
  if (source?.source !== 'cache') return null;
  return (
    <Alert
      data-testid="oversight-cached"
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      title={`Không kết nối được máy chủ: đang hiển thị số liệu lưu trong máy lúc ${formatDateTime(source.fetchedAt)}.`}
    />
  );
}

/**
 * A link to the screen that shows or fixes something, when the user may open it; plain text
 * otherwise (the server would refuse the list anyway).
 */
export function ScreenLink({
  to,
  roles,
  children,
  testId,
}: {
  to: Screen | null;
  roles: readonly Role[];
  children: ReactNode;
  testId?: string;
}) {
  const { go } = useNavigation();
  if (!to || !canOpen(to, roles)) return <span data-testid={testId}>{children}</span>;
  return (
    <Button
      type="link"
      size="small"
      style={{ padding: 0, height: 'auto' }}
      data-testid={testId}
      onClick={() => go(to)}
    >
      {children}
    </Button>
  );
}
