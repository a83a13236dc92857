import { SaveOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Menu, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import type { ResidenceComment } from '../../../../src/domain/procedures/residence-form';
import { callDesktop, useBridge, useDesktopAction, useDesktopQuery } from '../../desktop-context';
import { ErrorAlert } from '../../ui/error-alert';
import { useSendQueued } from '../transfers/use-send-queued';
import { CommentForm, EMPTY_COMMENT } from './comment-form';
import { FormsTable, useSideForms } from './forms-table';
import { FormStatusTag } from './residence-tags';

/** Forms the residence cell may still write: new, drafts, and those the committee returned. */
const WRITABLE = ['awaiting_comment', 'draft', 'returned'] as const;

/**
 * "Lập phiếu nhận xét": the forms received from the workplace cells; pick one or many ("Chọn"),
 * then write each member's comment on the right of his name, save drafts, "Trình phê duyệt".
 */
export function WriteView() {
  const { forms, rows } = useSideForms('residence', WRITABLE);
  const [selected, setSelected] = useState<string[]>([]);
  const [writing, setWriting] = useState<string[]>();
  if (writing) return <CommentWriter formIds={writing} onBack={() => setWriting(undefined)} />;
  return (
    <FormsTable
      caption="Đảng viên cần lập phiếu nhận xét"
      rows={rows}
      query={forms}
      selected={selected}
      onSelect={setSelected}
      onOpen={(f) => setWriting([f.id])}
      openLabel="Lập phiếu"
      emptyText="Không có đảng viên nào cần lập phiếu nhận xét"
      toolbar={
        <Space style={{ marginBottom: 8 }}>
          <Button
            type="primary"
            disabled={selected.length === 0}
            onClick={() => setWriting(selected)}
          >
            Chọn
          </Button>
        </Space>
      }
    />
  );
}

/** The chosen members on the left; the comment of the one picked on the right. */
function CommentWriter({ formIds, onBack }: { formIds: string[]; onBack: () => void }) {
  const bridge = useBridge();
  const { message } = App.useApp();
  const sendQueued = useSendQueued();
  const { forms } = useSideForms('residence');
  const [current, setCurrent] = useState(formIds[0] ?? '');
  // Saved here: between a background send and the pull after it, the list may briefly show a
  // saved form as it was before, and it must still be submitted with the others.
  const [saved, setSaved] = useState<ReadonlySet<string>>(new Set());
  const { busy, error, run } = useDesktopAction();
  const chosen = formIds
    .map((id) => forms.data?.items.find((f) => f.id === id))
    .filter((f) => f !== undefined);
  const submittable = chosen.filter(
    (f) => saved.has(f.id) || f.status === 'draft' || f.status === 'returned',
  );

  const submit = () =>
    run(async () => {
      const { outboxIds } = await callDesktop(bridge, 'residenceFormsAction', {
        formIds: submittable.map((f) => f.id),
        action: 'submit',
      });
      message.success(`Đã trình phê duyệt ${outboxIds.length} phiếu nhận xét.`);
      const last = outboxIds.at(-1);
      if (last) void sendQueued(last);
      onBack();
    });

  return (
    <div data-testid="comment-writer">
      <div className="result-bar" style={{ marginTop: 0 }}>
        <Button onClick={onBack}>Quay lại</Button>
        <Button
          type="primary"
          icon={<SendOutlined />}
          loading={busy}
          disabled={submittable.length === 0}
          onClick={() => void submit()}
        >
          Trình phê duyệt
        </Button>
      </div>
      <ErrorAlert error={error} />
      <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
        <Menu
          aria-label="Đảng viên đã chọn"
          mode="inline"
          style={{ width: 280, flex: 'none', border: '1px solid #f0f0f0', borderRadius: 4 }}
          selectedKeys={[current]}
          onClick={({ key }) => setCurrent(key)}
          items={chosen.map((f) => ({
            key: f.id,
            style: { height: 'auto', lineHeight: 1.4, paddingBlock: 6, whiteSpace: 'normal' },
            label: (
              <div>
                <div>{f.member.fullName}</div>
                <FormStatusTag status={f.status} />
              </div>
            ),
          }))}
        />
        <div style={{ flex: 1, minWidth: 0 }}>
          {current && (
            <CommentEditor
              key={current}
              formId={current}
              onSaved={(id) => setSaved((prev) => new Set(prev).add(id))}
            />
          )}
        </div>
      </div>
    </div>
  );
}

/** One member's comment: the committee's reason when it was returned, the fields, "Lưu nháp". */
function CommentEditor({ formId, onSaved }: { formId: string; onSaved: (id: string) => void }) {
  const bridge = useBridge();
  const { message } = App.useApp();
  const sendQueued = useSendQueued();
  const detail = useDesktopQuery('residenceFormDetail', { formId });
  const [form] = Form.useForm<ResidenceComment>();
  const { busy, error, run } = useDesktopAction();
  const d = detail.data;
  if (!d) return detail.loading ? <Skeleton active /> : <ErrorAlert error={detail.error} />;

  const save = (comment: ResidenceComment) =>
    run(async () => {
      const { outboxId } = await callDesktop(bridge, 'writeResidenceForm', { formId, comment });
      onSaved(formId);
      message.success('Đã lưu nháp phiếu nhận xét.');
      void sendQueued(outboxId);
    });

  return (
    <div data-testid="comment-editor" data-form-id={formId}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        Phiếu nhận xét — {d.member.fullName}
      </Typography.Title>
      {d.reason && d.status === 'returned' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="Đảng ủy trả lại phiếu"
          description={<span data-testid="form-reason">{d.reason}</span>}
        />
      )}
      <ErrorAlert error={error} />
      <CommentForm
        form={form}
        initial={d.comment ?? EMPTY_COMMENT}
        disabled={!d.allowed.write}
        onFinish={(comment) => void save(comment)}
      />
      <Button
        icon={<SaveOutlined />}
        loading={busy}
        disabled={!d.allowed.write}
        onClick={() => form.submit()}
      >
        Lưu nháp
      </Button>
    </div>
  );
}
