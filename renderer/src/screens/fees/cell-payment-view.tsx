import { Alert, Button, Card, Result, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useEffect, useEffectEvent, useState } from 'react';
import {
  PAYMENT_NEEDS_CONNECTION_VI,
  type FeePayment,
  type FeeSheetLine,
} from '../../../../src/desktop/contract';
import { callDesktop, useBridge, useDesktopAction, useDesktopQuery } from '../../desktop-context';
import { ErrorAlert } from '../../ui/error-alert';
import { indexColumn } from '../../ui/list-table';
import { labelledRowSelection } from '../../ui/row-selection';
import { failureReasonVi, formatMoney, monthLabel } from './fee-format';
import { CellMonthBar, PaymentStatusTag, SourceNote, thisMonth, useFeeCells } from './fee-ui';
import { PaymentConfirmDialog, type PaymentDraft } from './payment-confirm-dialog';
import { ReceiptButton } from './receipt-button';
import { VietQrButton } from './vietqr-button';

const canPay = (c: { canApprove: boolean }) => c.canApprove;
/** How often the screen asks for the result while the gateway has not answered yet. */
const POLL_MS = 1500;

/** "Nộp đảng phí cho chi bộ": the approved, unpaid members; pay for all or the chosen ones. */
export function CellPaymentView() {
  const bridge = useBridge();
  const { cells, cellId, setCellId } = useFeeCells(canPay);
  const [month, setMonth] = useState(thisMonth);
  const sheet = useDesktopQuery('feeApprovalSheet', cellId ? { cellId, month } : null);
  const [selected, setSelected] = useState<string[]>([]);
  const { busy, error: callError, run } = useDesktopAction();
  const [payment, setPayment] = useState<FeePayment>();
  const payable = (sheet.data?.lines ?? []).filter((l) => l.approved && !l.paid && l.amount > 0);
  const chosen =
    selected.length > 0 ? payable.filter((l) => selected.includes(l.memberId)) : payable;
  const total = chosen.reduce((s, l) => s + l.amount, 0);
  const offline = sheet.data?.source === 'cache';

  // Members the payment is for (undefined = every approved, unpaid one), shown for confirmation.
  const [confirming, setConfirming] = useState<{ memberIds?: string[]; draft: PaymentDraft }>();

  /** Opens the confirmation for the chosen members, or for those of a failed payment again. */
  function askToPay(memberIds?: string[]) {
    const lines = memberIds ? payable.filter((l) => memberIds.includes(l.memberId)) : payable;
    const ids = memberIds && lines.map((l) => l.memberId);
    setConfirming({
      ...(ids ? { memberIds: ids } : {}),
      draft: {
        amount: lines.reduce((s, l) => s + l.amount, 0),
        members: lines.length,
        month,
        account: sheet.data?.collectingAccount,
      },
    });
  }

  async function pay(memberIds: string[] | undefined) {
    if (!cellId) return;
    await run(async () => {
      const started = await callDesktop(bridge, 'startFeePayment', {
        cellId,
        month,
        ...(memberIds ? { memberIds } : {}),
      });
      // The payer confirms at the gateway's page (the system browser in the desktop app).
      window.open(started.paymentUrl, '_blank', 'noopener');
      setPayment(started.payment);
      setSelected([]);
    });
    setConfirming(undefined);
  }

  const columns: TableColumnsType<FeeSheetLine> = [
    indexColumn(),
    {
      title: 'Họ và tên',
      dataIndex: 'fullName',
      render: (name: string) => <span data-testid="fee-member">{name}</span>,
    },
    {
      title: 'Số tiền phải nộp',
      dataIndex: 'amount',
      width: 180,
      align: 'right',
      render: (amount: number) => formatMoney(amount),
    },
  ];

  return (
    <Card className="page-card">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        Nộp đảng phí cho chi bộ
      </Typography.Title>
      <CellMonthBar
        cells={cells}
        cellId={cellId}
        onCell={(id) => {
          setCellId(id);
          setPayment(undefined);
        }}
        month={month}
        onMonth={(m) => {
          setMonth(m);
          setPayment(undefined);
        }}
      />
      {offline && (
        <Alert
          data-testid="fee-needs-connection"
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={PAYMENT_NEEDS_CONNECTION_VI}
        />
      )}
      <SourceNote source={sheet.data} />
      <ErrorAlert error={sheet.error} onRetry={sheet.reload} />
      <ErrorAlert error={callError} />
      {payment && (
        <PaymentProgress
          key={payment.id}
          initial={payment}
          month={month}
          onDone={() => sheet.reload()}
          onRetry={(memberIds) => askToPay(memberIds)}
        />
      )}
      <PaymentConfirmDialog
        draft={confirming?.draft}
        busy={busy}
        onConfirm={() => void pay(confirming?.memberIds)}
        onCancel={() => setConfirming(undefined)}
      />
      <div className="result-bar">
        <Typography.Text data-testid="fee-pay-total" data-amount={total}>
          {selected.length > 0
            ? `Đã chọn ${chosen.length} đảng viên`
            : `Tất cả ${payable.length} đảng viên đã phê duyệt, chưa nộp`}{' '}
          — tổng tiền <strong>{formatMoney(total)}</strong> ({monthLabel(month)})
        </Typography.Text>
        <Space>
          {cellId && (
            <VietQrButton
              cellId={cellId}
              month={month}
              memberIds={selected.length > 0 ? chosen.map((l) => l.memberId) : undefined}
              disabled={total === 0 || offline}
            />
          )}
          <Button
            type="primary"
            data-testid="fee-pay"
            disabled={total === 0 || offline}
            loading={busy}
            onClick={() =>
              askToPay(selected.length > 0 ? chosen.map((l) => l.memberId) : undefined)
            }
          >
            Nộp đảng phí qua cổng thanh toán
          </Button>
        </Space>
      </div>
      <Table<FeeSheetLine>
        data-testid="fee-pay-table"
        data-settled={sheet.settled ? 'true' : 'false'}
        rowKey="memberId"
        size="small"
        bordered
        columns={columns}
        dataSource={payable}
        loading={sheet.loading}
        pagination={false}
        rowSelection={labelledRowSelection<FeeSheetLine>(
          { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)) },
          (l) => l.fullName,
        )}
        locale={{
          emptyText: 'Không có đảng viên nào đã phê duyệt mà chưa nộp đảng phí tháng này',
        }}
      />
    </Card>
  );
}

/** Waits for the gateway's result (the server hears it on its callback), then offers the receipt. */
export function PaymentProgress({
  initial,
  month,
  onDone,
  onRetry,
}: {
  initial: FeePayment;
  month: string;
  onDone: () => void;
  /** "Nộp lại": the same members again, through the confirmation. */
  onRetry: (memberIds: string[]) => void;
}) {
  const bridge = useBridge();
  const [payment, setPayment] = useState(initial);
  const done = payment.status !== 'unknown';
  // The latest onDone, without re-running the effect when the parent passes a new one.
  const finished = useEffectEvent(onDone);
  useEffect(() => {
    if (done) finished();
  }, [done]);
  useEffect(() => {
    if (done) return;
    const timer = setTimeout(() => {
      void callDesktop(bridge, 'feePayment', {
        paymentId: payment.id,
        cellId: payment.cellId,
        month,
      }).then(
        (r) => setPayment((p) => ({ ...(r.payment ?? p) })),
        // Offline for a moment: ask again at the next tick.
        () => setPayment((p) => ({ ...p })),
      );
    }, POLL_MS);
    return () => clearTimeout(timer);
    // Each answer is a new object, which re-arms the timer while the status is unknown.
  }, [bridge, payment, month, done]);

  const detail = `Mã giao dịch ${payment.reference} — ${formatMoney(payment.amount)} — ${payment.items.length} đảng viên`;
  return (
    <div data-testid="payment-result" data-status={payment.status} data-id={payment.id}>
      <Result
        status={
          payment.status === 'success' ? 'success' : payment.status === 'failed' ? 'error' : 'info'
        }
        style={{ padding: '16px 0' }}
        title={
          payment.status === 'success'
            ? 'Nộp đảng phí thành công'
            : payment.status === 'failed'
              ? 'Giao dịch không thành công'
              : 'Đang chờ kết quả từ cổng thanh toán…'
        }
        subTitle={
          <Space orientation="vertical" size={2}>
            <span>{detail}</span>
            <PaymentStatusTag status={payment.status} label={payment.statusVi} />
            {payment.status === 'failed' && (
              <span data-testid="payment-failure-reason">{failureReasonVi(payment)}</span>
            )}
          </Space>
        }
        extra={
          payment.status === 'success' ? (
            <ReceiptButton payment={payment} />
          ) : payment.status === 'failed' ? (
            <Button
              type="primary"
              data-testid="payment-retry"
              onClick={() => onRetry(payment.items.map((i) => i.memberId))}
            >
              Nộp lại
            </Button>
          ) : undefined
        }
      />
    </div>
  );
}
