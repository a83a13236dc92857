import { Alert, Button } from 'antd';
import { useState } from 'react';
import { callDesktop, useBridge, useDesktopAction, useDesktopQuery } from '../../desktop-context';

/**
 * "Đã có bản cập nhật …": a downloaded update waits for the user, who restarts when it suits
 * them (docs/decisions/0036). Nothing shows while there is none, or where the app never updates.
 */
export function UpdateNotice() {
  const bridge = useBridge();
  const { data } = useDesktopQuery('updateStatus', {});
  const action = useDesktopAction();
  const [answer, setAnswer] = useState<{ restarting: boolean; messageVi: string }>();
  const version = data?.readyVersion;
  if (!version) return null;

  const restart = () =>
    action.run(async () => {
      setAnswer(await callDesktop(bridge, 'restartToUpdate', {}));
    });
  const note = action.error?.messageVi ?? answer?.messageVi;
  return (
    <Alert
      data-testid="update-notice"
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      title={`Đã có bản cập nhật ${version}. Khởi động lại để cập nhật.`}
      description={note}
      action={
        <Button
          size="small"
          type="primary"
          loading={action.busy || answer?.restarting === true}
          onClick={() => void restart()}
        >
          Khởi động lại
        </Button>
      }
    />
  );
}
