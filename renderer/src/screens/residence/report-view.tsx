import { SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input } from 'antd';
import { useState } from 'react';
import type { ResidenceFormDetail } from '../../../../src/desktop/contract-residence';
import { callDesktop, useBridge, useDesktopAction } from '../../desktop-context';
import { ErrorAlert } from '../../ui/error-alert';
import { useSendQueued } from '../transfers/use-send-queued';
import { FormDetailView } from './form-detail';
import { FormsTable, useSideForms } from './forms-table';
import { FilePicker, pickedFileOf } from './paper-view';

/**
 * "Báo cáo kết quả thực hiện nhiệm vụ nơi cư trú": the member's own forms; where his workplace
 * asked a report, he writes its summary, attaches the detailed file and "Gửi báo cáo".
 */
export function ReportView() {
  const { forms, rows } = useSideForms('member');
  const [open, setOpen] = useState<string>();
  if (open)
    return (
      <FormDetailView
        formId={open}
        onBack={() => setOpen(undefined)}
        actions={(d) => <ReportForm detail={d} onSent={() => setOpen(undefined)} />}
      />
    );
  return (
    <FormsTable
      caption="Yêu cầu báo cáo"
      rows={rows}
      query={forms}
      onOpen={(f) => setOpen(f.id)}
      openLabel="Lập báo cáo"
      emptyText="Không có yêu cầu báo cáo nào"
    />
  );
}

interface ReportValues {
  summary: string;
  file: File;
}

function ReportForm({ detail, onSent }: { detail: ResidenceFormDetail; onSent: () => void }) {
  const bridge = useBridge();
  const { message } = App.useApp();
  const sendQueued = useSendQueued();
  const [form] = Form.useForm<ReportValues>();
  const { busy, error, run } = useDesktopAction();
  if (!detail.allowed.report)
    return detail.report ? (
      <Alert type="success" showIcon style={{ marginBottom: 12 }} title="Đã gửi báo cáo" />
    ) : null;

  const submit = (values: ReportValues) =>
    run(async () => {
      const file = await pickedFileOf(values.file);
      if (typeof file === 'string') {
        form.setFields([{ name: 'file', errors: [file] }]);
        return;
      }
      const { outboxId } = await callDesktop(bridge, 'submitResidenceReport', {
        formId: detail.id,
        summary: values.summary.trim(),
        file,
      });
      message.success('Đã gửi báo cáo.');
      void sendQueued(outboxId);
      onSent();
    });

  return (
    <div data-testid="report-form" style={{ marginBottom: 12, maxWidth: 720 }}>
      <ErrorAlert error={error} />
      <Form<ReportValues> form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="summary"
          label="Nội dung báo cáo"
          rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập nội dung báo cáo.' }]}
        >
          <Input.TextArea rows={4} maxLength={4000} showCount />
        </Form.Item>
        <Form.Item
          name="file"
          label="Tệp báo cáo chi tiết"
          valuePropName="file"
          getValueFromEvent={(e: { file: File }) => e.file}
          rules={[{ required: true, message: 'Hãy chọn tệp báo cáo.' }]}
        >
          <FilePicker />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={busy}>
          Gửi báo cáo
        </Button>
      </Form>
    </div>
  );
}
