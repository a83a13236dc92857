import { Alert, DatePicker, Form, Input, Modal, Select, Switch, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef } from 'react';
import type { FeeRules } from '../../../../src/desktop/contract';
import { FeeCategory, feeCategoryLabelVi, ShareLevel } from '../../../../src/domain/fees/rules';
import {
  callDesktop,
  DesktopCallError,
  useBridge,
  useDesktopAction,
  useInvalidate,
} from '../../desktop-context';
import { ErrorAlert } from '../../ui/error-alert';
import { showOnField } from '../../ui/field-errors';
import { draftFrom, versionOf, type Draft, type DraftField } from './rule-draft';
import { SHARE_LEVEL_VI } from './rule-format';
import { CategoryRuleInput, PercentInput } from './rule-inputs';

/** The form holds the months as the pickers do (the first day of the month). */
type FormValues = Omit<Draft, 'from' | 'to'> & { from: Dayjs | null; to: Dayjs | null };

const MONTH_FORMAT = 'MM/YYYY';
const DRAFT_FIELDS: readonly DraftField[] = ['corrects', 'id', 'source', 'from', 'to'];

const toForm = (draft: Draft): FormValues => ({
  ...draft,
  from: dayjs(`${draft.from}-01`),
  to: draft.to === null ? null : dayjs(`${draft.to}-01`),
});

/** What the form holds as a draft; the months are required by the form's rules. */
const fromForm = (values: FormValues): Draft => ({
  ...values,
  from: values.from?.format('YYYY-MM') ?? '',
  to: values.to?.format('YYYY-MM') ?? null,
});

/** "Đính chính quy định": a new version built from the one it corrects. */
export function CorrectionDialog({
  rules,
  onClose,
}: {
  rules: FeeRules;
  onClose: (done: boolean) => void;
}) {
  const bridge = useBridge();
  const [form] = Form.useForm<FormValues>();
  const taken = useMemo(() => rules.items.map((i) => i.version.id), [rules]);
  const current =
    rules.items.find((i) => i.version.id === rules.currentId) ??
    rules.items[rules.items.length - 1];
  const initial = useMemo(
    () => (current ? toForm(draftFrom(current.version, taken)) : undefined),
    [current, taken],
  );
  const { busy, error, setError, run } = useDesktopAction();
  const invalidate = useInvalidate();
  // The form is taller than the window: bring a refusal into view, the user is at the button.
  const errorRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) errorRef.current?.scrollIntoView({ block: 'nearest' });
  }, [error]);
  if (!initial) return null;

  /** Another version to correct: the form starts again from it. */
  function rebase(id: string) {
    const base = rules.items.find((i) => i.version.id === id)?.version;
    if (base) form.setFieldsValue(toForm(draftFrom(base, taken)));
  }

  async function submit() {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      return; // The fields show what is wrong.
    }
    const checked = versionOf(fromForm(values), rules);
    if ('errorVi' in checked) {
      const { errorVi: messageVi, field } = checked;
      if (!showOnField(form, { messageVi, field }, DRAFT_FIELDS))
        setError({ code: 'invalid_input', message: 'invalid rule version', messageVi });
      return;
    }
    await run(async () => {
      try {
        await callDesktop(bridge, 'correctFeeRule', checked.version);
      } catch (err) {
        // A refusal about one field (the id already taken, say) is shown under that field.
        if (err instanceof DesktopCallError && showOnField(form, err.error, DRAFT_FIELDS)) return;
        throw err;
      }
      await invalidate('fees');
      onClose(true);
    });
  }

  return (
    <Modal
      open
      title="Đính chính quy định mức đóng đảng phí"
      onCancel={() => onClose(false)}
      okText="Thêm phiên bản đính chính"
      cancelText="Hủy"
      okButtonProps={{ 'data-testid': 'rule-submit' } as Record<string, string>}
      confirmLoading={busy}
      onOk={() => void submit()}
      width={900}
      destroyOnHidden
    >
      <div data-testid="rule-form">
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="Phiên bản đính chính áp dụng cho các tháng trong thời gian hiệu lực của nó, thay cho phiên bản được đính chính; các tháng đã phê duyệt giữ nguyên số tiền đã duyệt. Tỷ lệ đóng không quá 10%, tỷ lệ trích giữ lại của mỗi cấp phải nhỏ hơn 100%."
        />
        <div ref={errorRef}>
          <ErrorAlert error={error} />
        </div>
        <Form<FormValues>
          form={form}
          layout="vertical"
          initialValues={initial}
          onValuesChange={(changed: Partial<FormValues>) => {
            if (changed.corrects !== undefined) rebase(changed.corrects);
          }}
        >
          <HeaderFields rules={rules} />
          <Typography.Title level={5}>Mức đóng theo đối tượng</Typography.Title>
          <Table
            size="small"
            bordered
            pagination={false}
            rowKey="category"
            dataSource={FeeCategory.options.map((c) => ({ category: c }))}
            columns={[
              {
                title: 'Đối tượng',
                key: 'label',
                render: (_v, r) => feeCategoryLabelVi[r.category],
              },
              {
                title: 'Mức đóng',
                key: 'value',
                width: 380,
                render: (_v, { category: c }) => (
                  <Form.Item name={['categories', c]} noStyle>
                    <CategoryRuleInput testIdSuffix={c} />
                  </Form.Item>
                ),
              },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            Tỷ lệ trích giữ lại ở mỗi cấp
          </Typography.Title>
          <Table
            size="small"
            bordered
            pagination={false}
            rowKey="level"
            dataSource={ShareLevel.options.map((l) => ({ level: l }))}
            columns={[
              { title: 'Cấp', key: 'label', render: (_v, r) => SHARE_LEVEL_VI[r.level] },
              ...(['min', 'default', 'max'] as const).map((k) => ({
                title: { min: 'Tối thiểu', default: 'Áp dụng', max: 'Tối đa' }[k],
                key: k,
                width: 140,
                render: (_v: unknown, r: { level: ShareLevel }) => (
                  <Form.Item name={['shares', r.level, k]} noStyle>
                    <PercentInput testId={`rule-share-${r.level}-${k}`} />
                  </Form.Item>
                ),
              })),
            ]}
          />
          <div style={{ marginTop: 12 }}>
            <Form.Item name="voluntaryExtra" valuePropName="checked" noStyle>
              <Switch size="small" />
            </Form.Item>{' '}
            Cho phép đóng thêm tự nguyện
          </div>
        </Form>
      </div>
    </Modal>
  );
}

/** Which version, the new one's id, its months and the document it rests on. */
function HeaderFields({ rules }: { rules: FeeRules }) {
  return (
    <>
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
        <Form.Item
          name="corrects"
          label="Phiên bản được đính chính"
          rules={[{ required: true, message: 'Chọn phiên bản được đính chính.' }]}
        >
          <Select
            style={{ width: 200 }}
            options={rules.items.map((i) => ({ value: i.version.id, label: i.version.id }))}
          />
        </Form.Item>
        <Form.Item
          name="id"
          label="Mã phiên bản mới"
          rules={[{ required: true, whitespace: true, message: 'Nhập mã phiên bản mới.' }]}
        >
          <Input data-testid="rule-id" maxLength={100} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item
          name="from"
          label="Hiệu lực từ tháng (MM/YYYY)"
          rules={[{ required: true, message: 'Chọn tháng bắt đầu hiệu lực.' }]}
        >
          <DatePicker
            picker="month"
            format={MONTH_FORMAT}
            data-testid="rule-from"
            allowClear={false}
            style={{ width: 140 }}
          />
        </Form.Item>
        <Form.Item
          name="to"
          label="Đến tháng (để trống: chưa hết hiệu lực)"
          dependencies={['from']}
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_rule, to: Dayjs | null) => {
                const from = getFieldValue('from') as Dayjs | null;
                if (to && from && to.isBefore(from, 'month'))
                  throw new Error('Tháng hết hiệu lực phải sau tháng bắt đầu hiệu lực.');
              },
            }),
          ]}
        >
          <DatePicker
            picker="month"
            format={MONTH_FORMAT}
            data-testid="rule-to"
            placeholder=""
            style={{ width: 140 }}
          />
        </Form.Item>
      </div>
      <Form.Item
        name="source"
        label="Văn bản căn cứ"
        rules={[{ required: true, whitespace: true, message: 'Nhập văn bản căn cứ.' }]}
      >
        <Input data-testid="rule-source" maxLength={200} />
      </Form.Item>
    </>
  );
}
