import { UploadOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, Modal, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { PickedFile, ResidenceFormItem } from '../../../../src/desktop/contract-residence';
import { AttachmentContentType } from '../../../../src/domain/procedures/transfer-dossier';
import { callDesktop, useBridge, useDesktopAction } from '../../desktop-context';
import { ErrorAlert } from '../../ui/error-alert';
import { base64Of } from '../fees/statement-format';
import { useSendQueued } from '../transfers/use-send-queued';
import { FormsTable, useSideForms } from './forms-table';

export const PAPER_ACTION_VI = 'Ghi nhận phiếu giấy';
/** The row's button says the guide's words in full (this list has no check boxes). */
export const PAPER_ACTION_WIDTH = 150;

/** Scans and reports: PDF or a photo, as attachments are everywhere else. */
export const FILE_ACCEPT = '.pdf,.png,.jpg,.jpeg';
const FILE_VI = 'Chỉ nhận tệp PDF, PNG hoặc JPEG.';

/** A picked file as the contract takes it, or the Vietnamese reason it is refused. */
export async function pickedFileOf(file: File): Promise<PickedFile | string> {
  const type = AttachmentContentType.safeParse(file.type);
  if (!type.success) return FILE_VI;
  return { fileName: file.name, contentType: type.data, dataBase64: await base64Of(file) };
}

/** "Ghi nhận phiếu giấy": the committee's forms still open; one is recorded from its scan. */
export function PaperView() {
  const { forms, rows } = useSideForms('committee', [
    'awaiting_comment',
    'draft',
    'submitted',
    'approved',
    'returned',
  ]);
  const [recording, setRecording] = useState<ResidenceFormItem>();
  return (
    <>
      <FormsTable
        caption="Phiếu nhận xét chưa gửi nơi công tác"
        rows={rows}
        query={forms}
        onOpen={setRecording}
        openLabel={PAPER_ACTION_VI}
        openWidth={PAPER_ACTION_WIDTH}
        emptyText="Không có phiếu nhận xét nào đang chờ"
      />
      <PaperDialog form={recording} onClose={() => setRecording(undefined)} />
    </>
  );
}

interface PaperValues {
  broughtBy: string;
  receivedOn: Dayjs;
  scan: File;
}

/** The scan, who brought the paper form and the day it was received; all three required. */
export function PaperDialog({
  form: item,
  onClose,
}: {
  form?: ResidenceFormItem;
  onClose: () => void;
}) {
  const bridge = useBridge();
  const { message } = App.useApp();
  const sendQueued = useSendQueued();
  const [form] = Form.useForm<PaperValues>();
  const { busy, error, setError, run } = useDesktopAction();

  const submit = (values: PaperValues) =>
    run(async () => {
      if (!item) return;
      const scan = await pickedFileOf(values.scan);
      if (typeof scan === 'string') {
        form.setFields([{ name: 'scan', errors: [scan] }]);
        return;
      }
      const { outboxId } = await callDesktop(bridge, 'recordPaperResidenceForm', {
        formId: item.id,
        scan,
        broughtBy: values.broughtBy.trim(),
        receivedOn: values.receivedOn.format('YYYY-MM-DD'),
      });
      message.success('Đã ghi nhận phiếu giấy.');
      void sendQueued(outboxId);
      onClose();
    });

  return (
    <Modal
      open={item !== undefined}
      title={`Ghi nhận phiếu giấy — ${item?.member.fullName ?? ''}`}
      okText="Ghi nhận"
      cancelText="Hủy"
      onOk={() => form.submit()}
      onCancel={() => {
        setError(undefined);
        onClose();
      }}
      confirmLoading={busy}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <div data-testid="paper-dialog">
        <ErrorAlert error={error} />
        <Form<PaperValues>
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={(v) => void submit(v)}
        >
          <Form.Item
            name="scan"
            label="Bản quét phiếu"
            valuePropName="file"
            getValueFromEvent={(e: { file: File }) => e.file}
            rules={[{ required: true, message: 'Hãy chọn tệp bản quét phiếu.' }]}
          >
            <FilePicker />
          </Form.Item>
          <Form.Item
            name="broughtBy"
            label="Người mang phiếu đến"
            rules={[
              { required: true, whitespace: true, message: 'Vui lòng nhập người mang phiếu đến.' },
            ]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="receivedOn"
            label="Ngày nhận"
            rules={[{ required: true, message: 'Vui lòng chọn ngày nhận.' }]}
          >
            <DatePicker format="DD/MM/YYYY" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}

/** One file picked from the disk (never uploaded by the Upload control itself). */
export function FilePicker({
  id,
  file,
  onChange,
}: {
  id?: string;
  file?: File;
  onChange?: (e: { file: File }) => void;
}) {
  return (
    <Upload
      accept={FILE_ACCEPT}
      showUploadList={false}
      maxCount={1}
      beforeUpload={(picked) => {
        onChange?.({ file: picked });
        return false;
      }}
    >
      <Button id={id} icon={<UploadOutlined />}>
        {file ? file.name : 'Chọn tệp'}
      </Button>
    </Upload>
  );
}
