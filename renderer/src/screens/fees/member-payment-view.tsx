import { Alert, Button, Card, Descriptions, Form, Typography } from 'antd';
import { useState } from 'react';
import { PAYMENT_NEEDS_CONNECTION_VI, type FeePayment } from '../../../../src/desktop/contract';
import { callDesktop, useBridge, useDesktopAction, useDesktopQuery } from '../../desktop-context';
import { ErrorAlert } from '../../ui/error-alert';
import { PaymentProgress } from './cell-payment-view';
import { formatMoney, monthLabel } from './fee-format';
import { MonthPicker, thisMonth } from './fee-ui';
import { PaymentConfirmDialog } from './payment-confirm-dialog';

/**
 * "Nộp đảng phí" of a member: his own due for a month, paid through the gateway (the same
 * confirmation, result and receipt as a cell's payment), once the cell approved the month.
 */
export function MemberPaymentView() {
  const bridge = useBridge();
  const [month, setMonth] = useState(thisMonth);
  const due = useDesktopQuery('myFeeDue', { month });
  const { busy, error, run } = useDesktopAction();
  const [confirming, setConfirming] = useState(false);
  const [payment, setPayment] = useState<FeePayment>();
  const d = due.data;
  const payable = d !== undefined && d.approved && !d.paid && d.amount > 0;

  const pay = () =>
    run(async () => {
      const started = await callDesktop(bridge, 'startOwnFeePayment', { month });
      // He confirms at the gateway's page (the system browser in the desktop app).
      window.open(started.paymentUrl, '_blank', 'noopener');
      setPayment(started.payment);
    }).finally(() => setConfirming(false));

  return (
    <Card className="page-card" data-testid="member-payment">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        Nộp đảng phí
      </Typography.Title>
      <Form layout="inline" style={{ marginBottom: 12 }}>
        <MonthPicker
          value={month}
          onChange={(m) => {
            setMonth(m);
            setPayment(undefined);
          }}
        />
      </Form>
      <ErrorAlert error={due.error} onRetry={due.reload} />
      <ErrorAlert error={error} />
      {payment && (
        <PaymentProgress
          key={payment.id}
          initial={payment}
          month={month}
          onDone={() => due.reload()}
          onRetry={() => setConfirming(true)}
        />
      )}
      {d && (
        <Descriptions
          bordered
          size="small"
          column={1}
          style={{ maxWidth: 560, marginBottom: 12 }}
          items={[
            { key: 'month', label: 'Tháng', children: monthLabel(d.month) },
            {
              key: 'amount',
              label: 'Số tiền phải nộp',
              children: <span data-testid="member-due">{formatMoney(d.amount)}</span>,
            },
            {
              key: 'status',
              label: 'Tình trạng',
              children: d.paid
                ? 'Đã nộp'
                : d.approved
                  ? 'Chưa nộp'
                  : 'Chi bộ chưa phê duyệt mức đóng tháng này',
            },
          ]}
        />
      )}
      {d?.note && (
        <Alert type="info" showIcon style={{ marginBottom: 12, maxWidth: 560 }} title={d.note} />
      )}
      {due.error?.code === 'offline' && (
        <Alert type="warning" showIcon title={PAYMENT_NEEDS_CONNECTION_VI} />
      )}
      <PaymentConfirmDialog
        draft={
          confirming && d ? { amount: d.amount, members: 1, month, account: undefined } : undefined
        }
        busy={busy}
        onConfirm={() => void pay()}
        onCancel={() => setConfirming(false)}
      />
      <Button
        type="primary"
        data-testid="member-pay"
        disabled={!payable || (payment !== undefined && payment.status !== 'failed')}
        loading={busy}
        onClick={() => setConfirming(true)}
      >
        Nộp đảng phí qua cổng thanh toán
      </Button>
    </Card>
  );
}
