import { Form, Input, Modal } from 'antd';
import { useDesktopAction } from '../../desktop-context';
import { ErrorAlert } from '../../ui/error-alert';

/** "Trả lại" / "Từ chối": a reason is required; the member reads it. */
export function ReasonDialog({
  open,
  title,
  okText,
  onClose,
  onSubmit,
}: {
  open: boolean;
  title: string;
  okText: string;
  onClose: () => void;
  /** Queues the action; a DesktopCallError is shown in the dialog, which stays open. */
  onSubmit: (reason: string) => Promise<void>;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const { busy: saving, error, run } = useDesktopAction();
  const submit = ({ reason }: { reason: string }) => run(() => onSubmit(reason.trim()));

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ danger: true }}
      cancelText="Hủy"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <div data-testid="reason-dialog">
        <ErrorAlert error={error} />
        <Form form={form} layout="vertical" preserve={false} onFinish={(v) => void submit(v)}>
          <Form.Item
            name="reason"
            label="Lý do"
            rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập lý do.' }]}
          >
            <Input.TextArea rows={4} maxLength={1000} showCount autoFocus />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
