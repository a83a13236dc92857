import { Alert, Descriptions, Modal } from 'antd';
import type { ButtonProps } from 'antd';
import type { FeeSheet } from '../../../../src/desktop/contract';
import { formatMoney, monthLabel } from './fee-format';

/** What is about to be paid: the payer checks it before the gateway opens. */
export interface PaymentDraft {
  amount: number;
  members: number;
  month: string;
  /** undefined: the server did not say (an older server); null: no active account. */
  account: FeeSheet['collectingAccount'];
}

/** The rows the dialog shows, in the order the payer reads a transfer: how much, for whom, to where. */
export function paymentDraftRows(
  draft: PaymentDraft,
): { key: string; label: string; value: string }[] {
  const rows = [
    { key: 'amount', label: 'Số tiền', value: formatMoney(draft.amount) },
    { key: 'members', label: 'Số đảng viên', value: `${draft.members} đảng viên` },
    { key: 'month', label: 'Tháng', value: monthLabel(draft.month) },
  ];
  if (!draft.account) return rows;
  return [
    ...rows,
    { key: 'org', label: 'Đơn vị nhận', value: draft.account.orgName },
    { key: 'holder', label: 'Chủ tài khoản', value: draft.account.holder },
    { key: 'account-no', label: 'Số tài khoản', value: draft.account.accountNo },
    { key: 'bank', label: 'Ngân hàng', value: draft.account.bankName },
  ];
}

/** "Xác nhận nộp đảng phí": nothing starts until the payer confirms the figures. */
export function PaymentConfirmDialog({
  draft,
  busy,
  onConfirm,
  onCancel,
}: {
  draft: PaymentDraft | undefined;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const noAccount = draft?.account === null;
  return (
    <Modal
      open={draft !== undefined}
      title="Xác nhận nộp đảng phí"
      okText="Xác nhận và mở cổng thanh toán"
      cancelText="Hủy"
      onOk={onConfirm}
      onCancel={onCancel}
      confirmLoading={busy}
      okButtonProps={testIdProps('fee-pay-confirm', {
        disabled: noAccount || draft?.members === 0,
      })}
      cancelButtonProps={testIdProps('fee-pay-cancel')}
      destroyOnHidden
    >
      {draft && (
        <div data-testid="fee-pay-dialog" data-amount={draft.amount} data-members={draft.members}>
          <Descriptions
            column={1}
            size="small"
            bordered
            items={paymentDraftRows(draft).map((r) => ({
              key: r.key,
              label: r.label,
              children: <span data-testid={`fee-pay-dialog-${r.key}`}>{r.value}</span>,
            }))}
          />
          {noAccount && (
            <Alert
              type="error"
              showIcon
              style={{ marginTop: 12 }}
              title='Chưa có tài khoản thụ hưởng đang sử dụng. Nhờ quản trị của cấp ủy khai báo tài khoản ở màn hình "Tài khoản ngân hàng", rồi nộp lại.'
            />
          )}
          {draft.account === undefined && (
            <Alert
              type="info"
              showIcon
              style={{ marginTop: 12 }}
              title="Tiền được chuyển vào tài khoản thụ hưởng đang sử dụng của cấp ủy."
            />
          )}
        </div>
      )}
    </Modal>
  );
}

/** Button props with a test id: antd's types have no `data-*` keys for object literals. */
function testIdProps(testId: string, props: ButtonProps = {}): ButtonProps {
  return Object.assign({ 'data-testid': testId }, props);
}
