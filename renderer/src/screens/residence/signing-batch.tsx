import { StopOutlined } from '@ant-design/icons';
import { Alert, Button, Progress, Space, Typography } from 'antd';
import { useRef, useState, type ReactNode } from 'react';
import type {
  SigningBatchResult,
  SigningProgress,
} from '../../../../src/desktop/contract-residence';
import { callDesktop, useBridge, useDesktopEvents } from '../../desktop-context';
import { formatCount } from '../../format';
import { TokenDialog, type TokenLogin } from '../transfers/token-dialog';

export const SIGN_AND_SEND_VI = 'Ký số và gửi';

/** "Đang ký 17/62": the documents finished so far, of all. */
export const progressTextVi = (p: Pick<SigningProgress, 'done' | 'total'>) =>
  `Đang ký ${p.done}/${p.total}`;

/** The batch's outcome in one sentence: what was signed and queued, what was not and why. */
export function batchSummaryVi(result: SigningBatchResult): string {
  const signed = `Đã ký và xếp gửi ${formatCount(result.signed.length)} phiếu`;
  const unsigned =
    result.notSigned.length > 0 ? `; ${formatCount(result.notSigned.length)} phiếu chưa ký` : '';
  const why = result.tokenRemoved
    ? ' (thiết bị ký số đã bị rút ra giữa chừng)'
    : result.cancelled
      ? ' (đã dừng ký)'
      : '';
  return `${signed}${unsigned}${why}.`;
}

/**
 * "Ký số và gửi" for many forms: the token dialog takes the PIN once, the batch signs in the
 * token worker while `signing-progress` events of its own batch id fill the bar; "Dừng ký" stops
 * it between two forms. The result goes to `onResult`.
 */
export function BatchSigning({
  open,
  formIds,
  onClose,
  onResult,
}: {
  open: boolean;
  formIds: string[];
  onClose: () => void;
  onResult: (result: SigningBatchResult) => void;
}) {
  const bridge = useBridge();
  const batchId = useRef<string>(undefined);
  const [progress, setProgress] = useState<SigningProgress>();
  const [stopping, setStopping] = useState(false);
  const result = useRef<SigningBatchResult>(undefined);

  useDesktopEvents((event) => {
    if (event.type === 'signing-progress' && event.progress.batchId === batchId.current)
      setProgress(event.progress);
  });

  async function sign(login: TokenLogin): Promise<string> {
    const id = crypto.randomUUID();
    batchId.current = id;
    setProgress({ batchId: id, done: 0, total: formIds.length, signed: 0, currentId: null });
    setStopping(false);
    result.current = await callDesktop(bridge, 'signAndSendResidenceForms', {
      ...login,
      batchId: id,
      formIds,
    });
    return result.current.signed[0]?.outboxId ?? '';
  }

  async function stop() {
    if (!batchId.current) return;
    setStopping(true);
    await callDesktop(bridge, 'cancelSigningBatch', { batchId: batchId.current }).catch(
      () => undefined,
    );
  }

  return (
    <TokenDialog
      open={open}
      title={`${SIGN_AND_SEND_VI} ${formIds.length} phiếu nhận xét`}
      onClose={onClose}
      signWith={sign}
      onSigned={() => {
        if (result.current) onResult(result.current);
      }}
    >
      {progress && (
        <div data-testid="batch-progress" style={{ marginTop: 12 }}>
          <Typography.Text strong data-testid="batch-progress-text">
            {progressTextVi(progress)}
          </Typography.Text>
          <Progress
            percent={progress.total ? Math.floor((progress.done / progress.total) * 100) : 0}
            aria-label="Tiến độ ký số"
          />
          <Button danger icon={<StopOutlined />} loading={stopping} onClick={() => void stop()}>
            Dừng ký
          </Button>
        </div>
      )}
    </TokenDialog>
  );
}

/** The clean result: the forms signed and queued, and those not signed with the reason. */
export function BatchResult({
  result,
  nameOf,
  onClose,
}: {
  result: SigningBatchResult;
  nameOf: (formId: string) => string;
  onClose: () => void;
}) {
  const allSigned = result.notSigned.length === 0;
  return (
    <div data-testid="batch-result" style={{ marginBottom: 12 }}>
      <Alert
        type={allSigned ? 'success' : 'warning'}
        showIcon
        title={batchSummaryVi(result)}
        action={<Button onClick={onClose}>Đóng</Button>}
        style={{ marginBottom: 8 }}
      />
      <Space align="start" size={16} style={{ width: '100%' }} wrap>
        <ResultList title={`Đã ký và xếp gửi (${result.signed.length})`}>
          {result.signed.length === 0 && <li>Không có phiếu nào</li>}
          {result.signed.map((s) => (
            <li key={s.id} data-testid="batch-signed">
              {nameOf(s.id)}
            </li>
          ))}
        </ResultList>
        {!allSigned && (
          <ResultList title={`Chưa ký (${result.notSigned.length})`}>
            {result.notSigned.map((u) => (
              <li key={u.id} data-testid="batch-unsigned">
                <div>{nameOf(u.id)}</div>
                <Typography.Text type="secondary">{u.messageVi}</Typography.Text>
              </li>
            ))}
          </ResultList>
        )}
      </Space>
    </div>
  );
}

/** One side of the result: a titled list, scrolling when a batch of 62 leaves many names. */
function ResultList({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="batch-result-list" style={{ width: 440 }}>
      <Typography.Text strong>{title}</Typography.Text>
      <ul style={{ maxHeight: 240, overflowY: 'auto', margin: '4px 0 0', paddingInlineStart: 20 }}>
        {children}
      </ul>
    </section>
  );
}
