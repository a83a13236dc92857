import { Alert } from 'antd';
import type { DesktopError } from '../../../src/desktop/contract';

/** A failed call, in Vietnamese, with a retry when one makes sense. */
export function ErrorAlert({
  error,
  onRetry,
}: {
  error: DesktopError | undefined;
  onRetry?: () => void;
}) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      title={error.messageVi}
      action={
        onRetry ? (
          <a onClick={onRetry} role="button">
            Thử lại
          </a>
        ) : undefined
      }
    />
  );
}
