import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import type { ResidenceFormDetail } from '../../../../src/desktop/contract-residence';
import { callDesktop, useBridge, useDesktopAction } from '../../desktop-context';
import { ErrorAlert } from '../../ui/error-alert';
import { ReasonDialog } from '../transfers/reason-dialog';
import { useSendQueued } from '../transfers/use-send-queued';
import { CampaignCard } from './campaign-card';
import { FormDetailView } from './form-detail';
import { FormsTable, useSideForms } from './forms-table';

/** Approves forms, one or many; resolves once they are queued (and sent when online). */
function useApprove() {
  const bridge = useBridge();
  const { message } = App.useApp();
  const sendQueued = useSendQueued();
  const action = useDesktopAction();
  const approve = (formIds: string[], then?: () => void) =>
    action.run(async () => {
      const { outboxIds } = await callDesktop(bridge, 'residenceFormsAction', {
        formIds,
        action: 'approve',
      });
      message.success(`Đã duyệt ${outboxIds.length} phiếu nhận xét.`);
      const last = outboxIds.at(-1);
      if (last) void sendQueued(last);
      then?.();
    });
  return { ...action, approve };
}

/**
 * "Duyệt phiếu nhận xét": the committee's campaign of the year on top, then the forms the
 * residence cells submitted; approve those checked or all at once ("Duyệt tất cả"), or open one
 * to read it and approve or return it with a reason.
 */
export function ApproveView({ year = new Date().getFullYear() }: { year?: number }) {
  const { forms, rows } = useSideForms('committee', ['submitted']);
  const [selected, setSelected] = useState<string[]>([]);
  const [open, setOpen] = useState<string>();
  const { busy, error, approve } = useApprove();

  if (open)
    return (
      <FormDetailView
        formId={open}
        onBack={() => setOpen(undefined)}
        actions={(d) => <ApproveActions detail={d} onDone={() => setOpen(undefined)} />}
      />
    );
  return (
    <FormsTable
      caption="Phiếu nhận xét chờ duyệt"
      rows={rows}
      query={forms}
      selected={selected}
      onSelect={setSelected}
      onOpen={(f) => setOpen(f.id)}
      emptyText="Không có phiếu nhận xét nào chờ duyệt"
      toolbar={
        <>
          <CampaignCard year={year} />
          <ErrorAlert error={error} />
          <Space style={{ marginBottom: 8 }}>
            <Button
              type="primary"
              icon={<CheckOutlined />}
              loading={busy}
              disabled={selected.length === 0}
              onClick={() => void approve(selected, () => setSelected([]))}
            >
              Duyệt phiếu
            </Button>
            <Button
              icon={<CheckOutlined />}
              loading={busy}
              disabled={rows.length === 0}
              onClick={() =>
                void approve(
                  rows.map((f) => f.id),
                  () => setSelected([]),
                )
              }
            >
              Duyệt tất cả
            </Button>
          </Space>
        </>
      }
    />
  );
}

/** One form's decision: "Duyệt phiếu", or "Trả lại" with the reason the residence cell reads. */
function ApproveActions({ detail, onDone }: { detail: ResidenceFormDetail; onDone: () => void }) {
  const bridge = useBridge();
  const sendQueued = useSendQueued();
  const { busy, error, approve } = useApprove();
  const [returning, setReturning] = useState(false);
  if (!detail.allowed.approve && !detail.allowed.return) return null;
  return (
    <div style={{ margin: '12px 0' }} data-testid="form-actions">
      <ErrorAlert error={error} />
      <Space>
        {detail.allowed.approve && (
          <Button
            type="primary"
            icon={<CheckOutlined />}
            loading={busy}
            onClick={() => void approve([detail.id], onDone)}
          >
            Duyệt phiếu
          </Button>
        )}
        {detail.allowed.return && (
          <Button icon={<RollbackOutlined />} onClick={() => setReturning(true)}>
            Trả lại
          </Button>
        )}
      </Space>
      <ReasonDialog
        open={returning}
        title="Trả lại phiếu nhận xét cho chi bộ nơi cư trú"
        okText="Trả lại"
        onClose={() => setReturning(false)}
        onSubmit={async (reason) => {
          const { outboxId } = await callDesktop(bridge, 'returnResidenceForm', {
            formId: detail.id,
            reason,
          });
          setReturning(false);
          void sendQueued(outboxId);
          onDone();
        }}
      />
    </div>
  );
}
