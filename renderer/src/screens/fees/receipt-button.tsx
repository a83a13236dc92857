import { PrinterOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import type { DesktopError, DocumentFile, FeePayment } from '../../../../src/desktop/contract';
import { DesktopCallError, callDesktop, useBridge } from '../../desktop-context';
import { DocumentDialog } from './fee-ui';

/** "In biên lai": the receipt PDF of a successful payment in the viewer (re-prints say so). */
export function ReceiptButton({
  payment,
  size,
}: {
  payment: Pick<FeePayment, 'id' | 'reference'>;
  size?: 'small';
}) {
  const bridge = useBridge();
  const [file, setFile] = useState<DocumentFile>();
  const [error, setError] = useState<DesktopError>();
  const [busy, setBusy] = useState(false);
  async function open() {
    setBusy(true);
    setError(undefined);
    try {
      setFile(await callDesktop(bridge, 'feeReceipt', { paymentId: payment.id }));
    } catch (err) {
      if (err instanceof DesktopCallError) setError(err.error);
      else throw err;
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <Button
        size={size}
        type={size ? 'link' : 'primary'}
        icon={<PrinterOutlined />}
        loading={busy}
        data-testid="fee-receipt"
        onClick={() => void open()}
      >
        In biên lai
      </Button>
      <DocumentDialog
        title={`Biên lai thu đảng phí — ${payment.reference}`}
        file={file}
        error={error}
        onClose={() => {
          setFile(undefined);
          setError(undefined);
        }}
      />
    </>
  );
}
