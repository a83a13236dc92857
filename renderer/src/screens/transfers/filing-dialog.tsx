import { UploadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  Modal,
  Radio,
  Row,
  Upload,
  type UploadFile,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { MyTransfer, PickedFile } from '../../../../src/desktop/contract-transfers';
import type { TransferForm } from '../../../../src/domain/procedures/transfer-dossier';
import {
  TransferVariant,
  transferVariantLabelVi,
} from '../../../../src/domain/procedures/transfer-route';
import { callDesktop, useBridge, useDesktopAction } from '../../desktop-context';
import { ErrorAlert } from '../../ui/error-alert';
import { FILE_ACCEPT, pickedFileOf } from '../residence/paper-view';
import { DestinationSelect, MemberSelect, type Choice } from './filing-pickers';
import { useSendQueued } from './use-send-queued';

/** What "Nộp lại" starts from: the returned dossier's form and files. */
export type ResubmitSource = Pick<
  MyTransfer,
  'id' | 'variant' | 'destinationOrg' | 'form' | 'attachments'
>;

/**
 * Who files: the member his own, staff for a member they pick, or again after a return (the
 * member, or the officer who filed it for him).
 */
export type FilingTarget =
  { kind: 'own' } | { kind: 'onBehalf' } | { kind: 'resubmit'; dossier: ResubmitSource };

interface FilingValues {
  member?: Choice | null;
  variant: TransferVariant;
  destination: Choice | null;
  movedOn: Dayjs;
  reason: string;
  newAddress?: string;
  startOn?: Dayjs;
  endOn?: Dayjs;
  fullTimeStudy?: boolean;
  keep?: string[];
  files?: UploadFile[];
}

const DATE = 'DD/MM/YYYY';
const iso = (d: Dayjs) => d.format('YYYY-MM-DD');

const titleOf = (target: FilingTarget) =>
  target.kind === 'resubmit'
    ? 'Nộp lại hồ sơ chuyển sinh hoạt đảng'
    : target.kind === 'onBehalf'
      ? 'Nộp hộ hồ sơ chuyển sinh hoạt đảng'
      : 'Nộp hồ sơ chuyển sinh hoạt đảng';

function initialValues(target: FilingTarget): Partial<FilingValues> {
  if (target.kind !== 'resubmit') return { variant: 'official', fullTimeStudy: false, files: [] };
  const { dossier } = target;
  const f = dossier.form;
  return {
    variant: dossier.variant,
    destination: dossier.destinationOrg,
    movedOn: dayjs(f.movedOn),
    reason: f.reason,
    newAddress: f.newAddress ?? '',
    ...(f.temporary
      ? {
          startOn: dayjs(f.temporary.startOn),
          endOn: dayjs(f.temporary.endOn),
          fullTimeStudy: f.temporary.fullTimeStudy,
        }
      : { fullTimeStudy: false }),
    keep: dossier.attachments.map((a) => a.sha256),
    files: [],
  };
}

function formOf(v: FilingValues): TransferForm {
  const address = v.newAddress?.trim() ?? '';
  return {
    destinationOrgId: v.destination?.id ?? '',
    reason: v.reason.trim(),
    movedOn: iso(v.movedOn),
    newAddress: address === '' ? null : address,
    temporary:
      v.variant === 'temporary' && v.startOn && v.endOn
        ? { startOn: iso(v.startOn), endOn: iso(v.endOn), fullTimeStudy: v.fullTimeStudy ?? false }
        : null,
  };
}

/**
 * "Nộp hồ sơ" / "Nộp hộ" / "Nộp lại": the transfer form of the user guide (variant, where to,
 * when he moved, why, the new address, the stay of a temporary transfer) and the attachments.
 * Filing goes to the server at once; a resubmission is queued like every action on a dossier.
 */
export function FilingDialog({
  target,
  onClose,
}: {
  target: FilingTarget | undefined;
  onClose: (filedDossierId?: string) => void;
}) {
  const bridge = useBridge();
  const { message } = App.useApp();
  const sendQueued = useSendQueued();
  const [form] = Form.useForm<FilingValues>();
  const variant = Form.useWatch('variant', form);
  const { busy, error, setError, run } = useDesktopAction();

  const submit = (values: FilingValues) =>
    run(async () => {
      if (!target) return;
      const files: PickedFile[] = [];
      for (const { originFileObj: file } of values.files ?? []) {
        if (!file) continue;
        const picked = await pickedFileOf(file);
        if (typeof picked === 'string') {
          form.setFields([{ name: 'files', errors: [`${file.name}: ${picked}`] }]);
          return;
        }
        files.push(picked);
      }
      const transferForm = formOf(values);
      if (target.kind === 'resubmit') {
        const { outboxId } = await callDesktop(bridge, 'resubmitTransfer', {
          dossierId: target.dossier.id,
          form: transferForm,
          keep: values.keep ?? [],
          files,
        });
        void sendQueued(outboxId);
        onClose(target.dossier.id);
        return;
      }
      const { dossierId } = await callDesktop(bridge, 'fileTransfer', {
        variant: values.variant,
        form: transferForm,
        files,
        ...(target.kind === 'onBehalf' && values.member ? { forMemberId: values.member.id } : {}),
      });
      message.success(
        target.kind === 'onBehalf'
          ? `Đã nộp hộ hồ sơ cho đảng viên ${values.member?.name.split(' — ')[0] ?? ''}.`
          : 'Đã nộp hồ sơ chuyển sinh hoạt đảng.',
      );
      onClose(dossierId);
    });

  const required = (text: string) => [{ required: true, message: text }];
  return (
    <Modal
      open={target !== undefined}
      title={target ? titleOf(target) : ''}
      okText={target?.kind === 'resubmit' ? 'Nộp lại' : 'Nộp hồ sơ'}
      cancelText="Hủy"
      onOk={() => form.submit()}
      onCancel={() => {
        setError(undefined);
        onClose();
      }}
      confirmLoading={busy}
      mask={{ closable: false }}
      width={760}
      destroyOnHidden
    >
      <div data-testid="filing-dialog">
        <ErrorAlert error={error} />
        {target && (
          <Form<FilingValues>
            form={form}
            layout="vertical"
            preserve={false}
            initialValues={initialValues(target)}
            onFinish={(v) => void submit(v)}
          >
            {target.kind === 'onBehalf' && (
              <Form.Item
                name="member"
                label="Đảng viên"
                rules={required('Vui lòng chọn đảng viên được nộp hộ.')}
              >
                <MemberSelect />
              </Form.Item>
            )}
            <Form.Item name="variant" label="Loại chuyển sinh hoạt">
              <Radio.Group disabled={target.kind === 'resubmit'}>
                {TransferVariant.options.map((v) => (
                  <Radio key={v} value={v}>
                    {transferVariantLabelVi[v]}
                  </Radio>
                ))}
              </Radio.Group>
            </Form.Item>
            <Row gutter={16}>
              <Col span={16}>
                <Form.Item
                  name="destination"
                  label="Nơi chuyển đến"
                  rules={required('Vui lòng chọn chi bộ nơi chuyển đến.')}
                >
                  <DestinationSelect />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item
                  name="movedOn"
                  label="Ngày chuyển đến nơi mới"
                  rules={required('Vui lòng chọn ngày chuyển.')}
                >
                  <DatePicker format={DATE} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item
              name="reason"
              label="Lý do chuyển"
              rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập lý do chuyển.' }]}
            >
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
            <Form.Item name="newAddress" label="Địa chỉ nơi ở mới">
              <Input maxLength={500} />
            </Form.Item>
            {variant === 'temporary' && (
              <Row gutter={16}>
                <Col span={8}>
                  <Form.Item
                    name="startOn"
                    label="Sinh hoạt tạm thời từ ngày"
                    rules={required('Vui lòng chọn ngày bắt đầu.')}
                  >
                    <DatePicker format={DATE} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item
                    name="endOn"
                    label="Đến ngày"
                    rules={required('Vui lòng chọn ngày kết thúc.')}
                  >
                    <DatePicker format={DATE} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name="fullTimeStudy" label=" " valuePropName="checked">
                    <Checkbox>Đi học tập trung trong nước</Checkbox>
                  </Form.Item>
                </Col>
              </Row>
            )}
            {target.kind === 'resubmit' && target.dossier.attachments.length > 0 && (
              <Form.Item name="keep" label="Giữ lại tệp đã nộp">
                <Checkbox.Group
                  options={target.dossier.attachments.map((a) => ({
                    value: a.sha256,
                    label: a.fileName,
                  }))}
                />
              </Form.Item>
            )}
            <Form.Item
              name="files"
              label="Tệp đính kèm (đơn, bản quét giấy tờ)"
              valuePropName="fileList"
              getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList}
            >
              {/* Picked from the disk only: the app uploads them when the dossier is filed. */}
              <Upload accept={FILE_ACCEPT} multiple beforeUpload={() => false}>
                <Button icon={<UploadOutlined />}>Chọn tệp</Button>
              </Upload>
            </Form.Item>
          </Form>
        )}
      </div>
    </Modal>
  );
}
