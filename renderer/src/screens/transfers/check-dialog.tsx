import { Form, Input, Modal, Select, Typography } from 'antd';
import type { DossierDetail } from '../../../../src/desktop/contract';
import { callDesktop, useBridge, useDesktopAction } from '../../desktop-context';
import { ErrorAlert } from '../../ui/error-alert';
import { CHECK_FIELDS } from './check-fields';
import { nameSearch } from '../../ui/name-search';

type CheckValues = Record<string, string | undefined> & { nextOrgId?: string };

/**
 * "Kiểm tra": the processor fills in the needed data and confirms where the dossier goes next
 * (the tree's proposal preselected), then "Lưu". At the last org there is no next org to pick.
 */
export function CheckDialog({
  open,
  detail,
  onClose,
  onQueued,
}: {
  open: boolean;
  detail: DossierDetail;
  onClose: () => void;
  onQueued: (outboxId: string) => void;
}) {
  const bridge = useBridge();
  const [form] = Form.useForm<CheckValues>();
  const { busy: saving, error, run } = useDesktopAction();
  const proposed = detail.proposedNextOrg;
  // The proposal first, then the other valid orgs; the proposal may also be among the choices.
  const choices = [
    ...(proposed ? [proposed] : []),
    ...detail.nextOrgChoices.filter((o) => o.id !== proposed?.id),
  ];
  const lastHop = choices.length === 0;
  const previous = detail.shown.checkedData ?? {};

  async function save(values: CheckValues) {
    const data: Record<string, string> = {};
    for (const field of CHECK_FIELDS) {
      const value = values[field.key]?.trim();
      if (value) data[field.key] = value;
    }
    await run(async () => {
      const { outboxId } = await callDesktop(bridge, 'checkDossier', {
        dossierId: detail.dossier.id,
        data,
        nextOrgId: lastHop || values.nextOrgId === proposed?.id ? null : (values.nextOrgId ?? null),
      });
      onQueued(outboxId);
    });
  }

  return (
    <Modal
      open={open}
      title="Kiểm tra hồ sơ"
      okText="Lưu"
      cancelText="Hủy"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      mask={{ closable: false }}
      destroyOnHidden
      width={640}
    >
      <div data-testid="check-dialog">
        <ErrorAlert error={error} />
        <Form<CheckValues>
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{
            ...Object.fromEntries(CHECK_FIELDS.map((f) => [f.key, previous[f.key] ?? ''])),
            nextOrgId: proposed?.id,
          }}
          onFinish={(values) => void save(values)}
        >
          {CHECK_FIELDS.map((field) => (
            <Form.Item key={field.key} name={field.key} label={field.label}>
              {field.rows > 0 ? (
                <Input.TextArea
                  rows={field.rows}
                  maxLength={2000}
                  showCount
                  placeholder={field.placeholder}
                />
              ) : (
                <Input maxLength={100} placeholder={field.placeholder} />
              )}
            </Form.Item>
          ))}
          {lastHop ? (
            <Typography.Paragraph type="secondary" data-testid="check-last-hop">
              Đây là tổ chức cuối cùng trên lộ trình: sau khi duyệt, hồ sơ hoàn thành.
            </Typography.Paragraph>
          ) : (
            <Form.Item
              name="nextOrgId"
              label="Tổ chức tiếp nhận"
              extra="Nơi chuyển hồ sơ đến theo cây tổ chức đảng; có thể chọn tổ chức hợp lệ khác."
              rules={[{ required: true, message: 'Vui lòng chọn tổ chức tiếp nhận.' }]}
            >
              <Select
                showSearch={nameSearch}
                options={choices.map((o) => ({
                  value: o.id,
                  label: o.id === proposed?.id ? `${o.name} (đề xuất)` : o.name,
                }))}
              />
            </Form.Item>
          )}
        </Form>
      </div>
    </Modal>
  );
}
