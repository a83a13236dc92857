import { App, Checkbox, Form, Modal, Switch } from 'antd';
import { useEffect } from 'react';
import {
  NotificationKind,
  notificationKindLabelVi,
  type NotificationSettings,
} from '../../../../src/desktop/contract';
import {
  callDesktop,
  useBridge,
  useDesktopAction,
  useDesktopQuery,
  useInvalidate,
} from '../../desktop-context';
import { ErrorAlert } from '../../ui/error-alert';

/** "Cài đặt thông báo": which kinds the user is told of, and whether the system shows them. */
export function NotificationSettingsDialog({
  open,
  onClose,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  /** After saving, with what was saved (the browser may then ask for permission). */
  onSaved: (settings: NotificationSettings) => void;
}) {
  const bridge = useBridge();
  const invalidate = useInvalidate();
  const { message } = App.useApp();
  const [form] = Form.useForm<NotificationSettings>();
  const settings = useDesktopQuery('notificationSettings', open ? {} : null);
  const save = useDesktopAction();
  const current = settings.data;

  useEffect(() => {
    if (open && current) form.setFieldsValue(current);
  }, [open, current, form]);

  async function submit(values: NotificationSettings) {
    await save.run(async () => {
      const saved = await callDesktop(bridge, 'saveNotificationSettings', {
        kinds: values.kinds,
        osNotifications: values.osNotifications,
      });
      await invalidate('notifications');
      message.success('Đã lưu cài đặt thông báo.');
      onSaved(saved);
      onClose();
    });
  }

  return (
    <Modal
      title="Cài đặt thông báo"
      open={open}
      onCancel={onClose}
      okText="Lưu"
      cancelText="Hủy"
      confirmLoading={save.busy}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <ErrorAlert error={save.error ?? settings.error} />
      <Form<NotificationSettings> form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="kinds" label="Thông báo cho tôi khi có">
          <Checkbox.Group
            style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
            options={NotificationKind.options.map((kind) => ({
              value: kind,
              label: notificationKindLabelVi[kind],
            }))}
          />
        </Form.Item>
        <Form.Item
          name="osNotifications"
          label="Hiện thông báo của hệ điều hành"
          valuePropName="checked"
        >
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
