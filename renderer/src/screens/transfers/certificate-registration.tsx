import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useState } from 'react';
import type { DesktopError } from '../../../../src/desktop/contract';
import {
  callDesktop,
  DesktopCallError,
  useBridge,
  useDesktopQuery,
  useInvalidate,
} from '../../desktop-context';
import { ErrorAlert } from '../../ui/error-alert';

/**
 * Under the token dialog's certificates: whether the server knows the chosen certificate as the
 * user's, and "Đăng ký chứng thư số" when it does not (once per certificate, online only). The
 * server accepts a signed letter only from a registered certificate.
 */
export function CertificateRegistrationNotice({
  slotId,
  certificateId,
  fingerprintSha256,
}: {
  slotId: string;
  certificateId: string;
  fingerprintSha256: string;
}) {
  const bridge = useBridge();
  const invalidate = useInvalidate();
  const status = useDesktopQuery('tokenCertificateRegistration', { fingerprintSha256 });
  const [registering, setRegistering] = useState(false);
  const [error, setError] = useState<DesktopError>();

  async function register() {
    setRegistering(true);
    setError(undefined);
    try {
      await callDesktop(bridge, 'registerTokenCertificate', { slotId, certificateId });
      await invalidate('certificates');
    } catch (err) {
      if (!(err instanceof DesktopCallError)) throw err;
      setError(err.error);
    } finally {
      setRegistering(false);
    }
  }

  const answer = status.data;
  return (
    <div
      style={{ marginTop: 8 }}
      data-testid="token-registration"
      data-status={answer?.status ?? (status.error ? 'unknown' : 'loading')}
    >
      {status.error && <Alert type="warning" showIcon title={status.error.messageVi} />}
      {answer?.status === 'registered' && (
        <Alert type="success" showIcon title={answer.messageVi} />
      )}
      {answer && answer.status !== 'registered' && (
        <Alert
          type={answer.status === 'revoked' ? 'error' : 'warning'}
          showIcon
          title={answer.messageVi}
          action={
            answer.status === 'not_registered' ? (
              <Button
                size="small"
                icon={<SafetyCertificateOutlined />}
                loading={registering}
                onClick={() => void register()}
                data-testid="token-register"
              >
                Đăng ký chứng thư số
              </Button>
            ) : undefined
          }
        />
      )}
      {error && (
        <div style={{ marginTop: 8 }} data-testid="token-register-error">
          <ErrorAlert error={error} />
        </div>
      )}
    </div>
  );
}
