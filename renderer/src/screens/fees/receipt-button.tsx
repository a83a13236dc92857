import { PrinterOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import type { DocumentFile, FeePayment } from '../../../../src/desktop/contract';
import { callDesktop, useBridge, useDesktopAction } from '../../desktop-context';
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
  const { busy, error, setError, run } = useDesktopAction();
  const open = () =>
    run(async () => setFile(await callDesktop(bridge, 'feeReceipt', { paymentId: payment.id })));
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
