import { QrcodeOutlined } from '@ant-design/icons';
import { Button, Descriptions, Modal, Typography } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import type { VietQrResponse } from '../../../../src/desktop/contract';
import { callDesktop, useBridge, useDesktopAction } from '../../desktop-context';
import { ErrorAlert } from '../../ui/error-alert';
import { formatMoney, monthLabel } from './fee-format';

/**
 * For cells that collect by bank transfer: a NAPAS VietQR code of the amount to the org's active
 * account, the payment reference in the description (bank statements are matched by it).
 */
export function VietQrButton({
  cellId,
  month,
  memberIds,
  disabled,
}: {
  cellId: string;
  month: string;
  memberIds: string[] | undefined;
  disabled: boolean;
}) {
  const bridge = useBridge();
  const [qr, setQr] = useState<VietQrResponse>();
  const { busy, error, run } = useDesktopAction();
  const open = () =>
    run(async () =>
      setQr(
        await callDesktop(bridge, 'feeVietQr', {
          cellId,
          month,
          ...(memberIds ? { memberIds } : {}),
        }),
      ),
    );
  return (
    <>
      <Button
        icon={<QrcodeOutlined />}
        data-testid="fee-vietqr"
        disabled={disabled}
        loading={busy}
        onClick={() => void open()}
      >
        Chuyển khoản bằng mã VietQR
      </Button>
      <ErrorAlert error={error} />
      <Modal
        open={qr !== undefined}
        title="Chuyển khoản nộp đảng phí bằng mã VietQR"
        onCancel={() => setQr(undefined)}
        footer={<Button onClick={() => setQr(undefined)}>Đóng</Button>}
        width={640}
        destroyOnHidden
      >
        {qr && <VietQrView qr={qr} />}
      </Modal>
    </>
  );
}

function VietQrView({ qr }: { qr: VietQrResponse }) {
  const [image, setImage] = useState<string>();
  useEffect(() => {
    let current = true;
    void QRCode.toDataURL(qr.payload, { errorCorrectionLevel: 'M', margin: 2, width: 260 }).then(
      (url) => {
        if (current) setImage(url);
      },
    );
    return () => {
      current = false;
    };
  }, [qr.payload]);
  return (
    <div data-testid="vietqr" data-payload={qr.payload} style={{ textAlign: 'center' }}>
      {image && <img src={image} alt="Mã VietQR" width={260} height={260} />}
      <Descriptions
        bordered
        size="small"
        column={1}
        style={{ textAlign: 'left', marginTop: 12 }}
        items={[
          { key: 'bank', label: 'Ngân hàng', children: qr.bankName },
          { key: 'acc', label: 'Số tài khoản', children: qr.accountNo },
          { key: 'holder', label: 'Chủ tài khoản', children: qr.holder },
          { key: 'amount', label: 'Số tiền', children: formatMoney(qr.amount) },
          { key: 'month', label: 'Kỳ', children: monthLabel(qr.month) },
          {
            key: 'desc',
            label: 'Nội dung chuyển khoản',
            children: <Typography.Text copyable>{qr.description}</Typography.Text>,
          },
        ]}
      />
    </div>
  );
}
