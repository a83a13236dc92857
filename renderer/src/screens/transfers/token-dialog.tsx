import { SafetyCertificateOutlined, UsbOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Input, Modal, Radio, Skeleton, Space, Tag, Typography } from 'antd';
import type { InputRef } from 'antd';
import { useRef, useState, type ReactNode } from 'react';
import type { DesktopError, TokenInfo } from '../../../../src/desktop/contract';
import { CertificateRegistrationNotice } from './certificate-registration';
import { callDesktop, DesktopCallError, useBridge, useDesktopQuery } from '../../desktop-context';
import { formatDate } from '../../format';
import { ErrorAlert } from '../../ui/error-alert';

/** A certificate on a token: what signing asks for. */
interface Choice {
  slotId: string;
  certificateId: string;
}
const choiceKey = (c: Choice) => `${c.slotId}/${c.certificateId}`;

/** The first usable certificate, so the common case (one token, one certificate) is one PIN away. */
function firstUsable(tokens: TokenInfo[]): Choice | undefined {
  for (const token of tokens) {
    const cert = token.certificates.find((c) => c.usable);
    if (cert && token.pinStatus !== 'locked')
      return { slotId: token.slotId, certificateId: cert.id };
  }
  return undefined;
}

function isUsable(tokens: TokenInfo[], choice: Choice): boolean {
  const token = tokens.find((t) => t.slotId === choice.slotId);
  return (
    token !== undefined &&
    token.pinStatus !== 'locked' &&
    token.certificates.some((c) => c.id === choice.certificateId && c.usable)
  );
}

/** The token login a signing call takes: the PIN entered once, used in that one call. */
export interface TokenLogin extends Choice {
  pin: string;
}

/**
 * "Ký số": pick the token's certificate, enter the PIN, sign. The PIN leaves this dialog only in
 * the one call that uses it, and the field is cleared after every attempt; a wrong PIN keeps the
 * dialog open with the token's warning (tries left) read again.
 */
export function TokenDialog({
  open,
  dossierId,
  title,
  onClose,
  onSigned,
  signWith,
  children,
}: {
  open: boolean;
  /** The dossier "Ký số và chuyển tiếp" signs, unless `signWith` signs something else. */
  dossierId?: string;
  title: string;
  onClose: () => void;
  onSigned: (outboxId: string) => void;
  /**
   * Signs with the login instead of forwarding the dossier (a residence list, a batch of forms);
   * resolves with what `onSigned` receives. A DesktopCallError keeps the dialog open.
   */
  signWith?: (login: TokenLogin) => Promise<string>;
  /** Shown under the PIN while signing: a batch's progress and its "Dừng ký". */
  children?: ReactNode;
}) {
  const bridge = useBridge();
  const tokens = useDesktopQuery('listTokens', open ? {} : null);
  const [picked, setPicked] = useState<Choice>();
  const [pin, setPin] = useState('');
  const [signing, setSigning] = useState(false);
  const [error, setError] = useState<DesktopError>();
  const pinRef = useRef<InputRef>(null);
  const list = tokens.data?.tokens ?? [];
  // The user's pick while it stays usable (tokens are read again after each attempt), else the
  // first usable certificate.
  const choice = picked && isUsable(list, picked) ? picked : firstUsable(list);
  const token = list.find((t) => t.slotId === choice?.slotId);
  const locked = token?.pinStatus === 'locked';
  const chosenCert = token?.certificates.find((c) => c.id === choice?.certificateId);

  // Closing forgets the PIN and the last refusal (adjusted during render, not in an effect).
  const [wasOpen, setWasOpen] = useState(open);
  if (wasOpen !== open) {
    setWasOpen(open);
    if (!open) {
      setPin('');
      setError(undefined);
    }
  }

  async function sign() {
    if (!choice || locked || signing) return;
    if (pin.length < 4) {
      setError({
        code: 'invalid_input',
        message: 'PIN too short',
        messageVi: 'Mã PIN có ít nhất 4 ký tự.',
      });
      return;
    }
    setSigning(true);
    setError(undefined);
    const entered = pin;
    setPin('');
    try {
      const login = { slotId: choice.slotId, certificateId: choice.certificateId, pin: entered };
      const outboxId = signWith
        ? await signWith(login)
        : (
            await callDesktop(bridge, 'signAndForwardDossier', {
              dossierId: dossierId ?? '',
              ...login,
            })
          ).outboxId;
      onSigned(outboxId);
    } catch (err) {
      if (!(err instanceof DesktopCallError)) throw err;
      setError(err.error);
      // Tries left changed (or the token was pulled out): show what the token says now.
      tokens.reload();
      pinRef.current?.focus();
    } finally {
      setSigning(false);
    }
  }

  return (
    <Modal
      open={open}
      title={title}
      onCancel={signing ? undefined : onClose}
      closable={!signing}
      mask={{ closable: false }}
      keyboard={!signing}
      destroyOnHidden
      width={680}
      footer={
        <Space>
          <Button onClick={onClose} disabled={signing}>
            Hủy
          </Button>
          <Button
            type="primary"
            icon={<SafetyCertificateOutlined />}
            loading={signing}
            disabled={!choice || locked}
            onClick={() => void sign()}
            data-testid="token-sign"
          >
            Ký số
          </Button>
        </Space>
      }
    >
      <div
        data-testid="token-dialog"
        data-settled={String(tokens.settled)}
        data-state={signing ? 'signing' : 'idle'}
      >
        <ErrorAlert error={tokens.error} onRetry={tokens.reload} />
        {!tokens.data && tokens.loading && <Skeleton active paragraph={{ rows: 3 }} />}
        {tokens.data && list.length === 0 && (
          <Empty
            image={<UsbOutlined style={{ fontSize: 40, color: '#999' }} />}
            description={
              tokens.data.modulePath
                ? 'Không tìm thấy thiết bị ký số. Hãy cắm thiết bị ký số (USB token) rồi bấm "Tìm lại".'
                : 'Chưa cấu hình thư viện của thiết bị ký số trên máy này.'
            }
          >
            <Button onClick={tokens.reload}>Tìm lại</Button>
          </Empty>
        )}
        {list.length > 0 && (
          <Radio.Group
            style={{ width: '100%' }}
            value={choice ? choiceKey(choice) : undefined}
            onChange={(e) => {
              const [slotId = '', certificateId = ''] = String(e.target.value).split('/');
              setPicked({ slotId, certificateId });
              setError(undefined);
            }}
          >
            {list.map((t) => (
              <div
                key={t.slotId}
                data-testid="token"
                style={{
                  border: '1px solid #f0f0f0',
                  borderRadius: 4,
                  padding: '8px 12px',
                  marginBottom: 8,
                }}
              >
                <Typography.Text strong>
                  <UsbOutlined /> {t.label}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {' '}
                  — {t.manufacturer}, số sê-ri {t.serialNumber}
                </Typography.Text>
                {t.pinWarningVi && (
                  <Alert
                    type={t.pinStatus === 'ok' || t.pinStatus === 'count_low' ? 'warning' : 'error'}
                    showIcon
                    style={{ margin: '6px 0' }}
                    title={t.pinWarningVi}
                    data-testid="token-pin-warning"
                  />
                )}
                {t.certificates.length === 0 && (
                  <Typography.Paragraph type="secondary">
                    Thiết bị không có chứng thư số.
                  </Typography.Paragraph>
                )}
                {t.certificates.map((c) => (
                  <div key={c.id} data-testid="token-cert" data-cert-id={c.id}>
                    <Radio
                      value={choiceKey({ slotId: t.slotId, certificateId: c.id })}
                      disabled={!c.usable || t.pinStatus === 'locked'}
                      style={{ display: 'flex', margin: '6px 0' }}
                    >
                      <div>
                        <div>
                          <strong data-testid="token-cert-subject">{c.subjectName}</strong>
                          {!c.usable && (
                            <Tag color="red" style={{ marginInlineStart: 8 }}>
                              Không dùng được
                            </Tag>
                          )}
                        </div>
                        <Typography.Text type="secondary">
                          Cấp bởi: {c.issuerName} · Hiệu lực: {formatDate(c.validFrom)} –{' '}
                          {formatDate(c.validTo)}
                        </Typography.Text>
                        {c.problemVi && (
                          <div>
                            <Typography.Text type="danger">{c.problemVi}</Typography.Text>
                          </div>
                        )}
                      </div>
                    </Radio>
                  </div>
                ))}
              </div>
            ))}
          </Radio.Group>
        )}
        {chosenCert && !locked && (
          <CertificateRegistrationNotice
            slotId={token!.slotId}
            certificateId={chosenCert.id}
            fingerprintSha256={chosenCert.fingerprintSha256}
          />
        )}
        {list.length > 0 && (
          <div style={{ marginTop: 12 }}>
            <label htmlFor="token-pin">
              <Typography.Text strong>Mã PIN</Typography.Text>
            </label>
            <Input.Password
              id="token-pin"
              ref={pinRef}
              data-testid="token-pin"
              autoFocus
              autoComplete="off"
              maxLength={64}
              disabled={!choice || locked}
              readOnly={signing}
              value={pin}
              onChange={(e) => setPin(e.target.value)}
              onPressEnter={() => void sign()}
              style={{ marginTop: 4 }}
            />
          </div>
        )}
        {signing && (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 12 }}
            title="Đang ký số… Không rút thiết bị ký số cho đến khi hoàn tất."
            data-testid="token-progress"
          />
        )}
        {signing && children}
        {error && (
          <div style={{ marginTop: 12 }} data-testid="token-error">
            <ErrorAlert error={error} />
          </div>
        )}
      </div>
    </Modal>
  );
}
