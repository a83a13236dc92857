import { Form, Input, Modal, Radio, Tooltip, Typography } from 'antd';
import type { FeePayment } from '../../../../src/desktop/contract';
import {
  callDesktop,
  DesktopCallError,
  useBridge,
  useDesktopAction,
  useInvalidate,
} from '../../desktop-context';
import { ErrorAlert } from '../../ui/error-alert';
import { showOnField } from '../../ui/field-errors';
import { formatMoney } from './fee-format';

/** The settle form's fields a refusal may name. */
const SETTLE_FIELDS = ['status', 'bankReference', 'note'] as const;

/** "Xử lý thủ công": settles an unknown payment with the bank's reference as evidence. */
export function SettleDialog({
  payment,
  onClose,
}: {
  payment: FeePayment | undefined;
  onClose: (done: boolean) => void;
}) {
  const bridge = useBridge();
  const [form] = Form.useForm<{
    status: 'success' | 'failed';
    bankReference: string;
    note: string;
  }>();
  const { busy, error, run } = useDesktopAction();
  const invalidate = useInvalidate();
  async function submit(values: {
    status: 'success' | 'failed';
    bankReference: string;
    note?: string;
  }) {
    if (!payment) return;
    await run(async () => {
      try {
        await callDesktop(bridge, 'settleFeePayment', {
          paymentId: payment.id,
          status: values.status,
          bankReference: values.bankReference,
          note: values.note ?? '',
        });
      } catch (err) {
        // A refusal about one field (a bank reference used already, say) goes under it.
        if (err instanceof DesktopCallError && showOnField(form, err.error, SETTLE_FIELDS)) return;
        throw err;
      }
      await invalidate('fees');
      form.resetFields();
      onClose(true);
    });
  }
  return (
    <Modal
      open={payment !== undefined}
      title="Xử lý giao dịch chưa xác định"
      onCancel={() => onClose(false)}
      okText="Xác nhận"
      cancelText="Hủy"
      confirmLoading={busy}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {payment && (
        <Typography.Paragraph>
          Giao dịch <strong>{payment.reference}</strong> — {formatMoney(payment.amount)}. Đối chiếu
          với thông báo trừ tiền của ngân hàng và nhập mã giao dịch của ngân hàng làm căn cứ.
        </Typography.Paragraph>
      )}
      <ErrorAlert error={error} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ status: 'success' }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="status" label="Kết quả">
          <Radio.Group>
            <Radio value="success">Thành công (đã trừ tiền)</Radio>
            <Radio value="failed">Thất bại</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="bankReference"
          label="Mã giao dịch ngân hàng"
          rules={[
            {
              required: true,
              whitespace: true,
              message: 'Vui lòng nhập mã giao dịch của ngân hàng.',
            },
            { min: 3, message: 'Mã giao dịch có ít nhất 3 ký tự.' },
          ]}
        >
          <Input data-testid="settle-bank-reference" maxLength={100} />
        </Form.Item>
        <Form.Item name="note" label="Ghi chú">
          <Input.TextArea maxLength={1000} rows={2} />
        </Form.Item>
      </Form>
      <Tooltip title="Thao tác được ghi nhật ký kèm tên người xử lý.">
        <Typography.Text type="secondary">Thao tác được ghi nhật ký.</Typography.Text>
      </Tooltip>
    </Modal>
  );
}
