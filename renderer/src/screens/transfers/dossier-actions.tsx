import {
  CheckOutlined,
  CloseCircleOutlined,
  FileSearchOutlined,
  RedoOutlined,
  RollbackOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import type { DesktopError, DossierDetail } from '../../../../src/desktop/contract';
import { callDesktop, DesktopCallError, useBridge } from '../../desktop-context';
import { ErrorAlert } from '../../ui/error-alert';
import { CheckDialog } from './check-dialog';
import { FilingDialog } from './filing-dialog';
import { ReasonDialog } from './reason-dialog';
import { TokenDialog } from './token-dialog';
import { useSendQueued, type SendOutcome } from './use-send-queued';

type Dialog = 'check' | 'sign' | 'return' | 'reject' | 'resubmit';

/** Whether the dossier is at the last org of its route: approving it there completes it. */
export const atLastHop = (detail: DossierDetail) =>
  detail.shown.position === detail.shown.route.orgIds.length - 1;

/**
 * The buttons the state machine allows the user now, and their dialogs. Every action is queued
 * in the outbox (it works offline), then sent when the server is reachable.
 */
export function DossierActions({
  detail,
  onQueued,
  onOutcome,
}: {
  detail: DossierDetail;
  onQueued: () => void;
  /** What the user was told once the queued action was sent, kept or refused. */
  onOutcome: (outcome: SendOutcome) => void;
}) {
  const bridge = useBridge();
  const { modal } = App.useApp();
  const sendQueued = useSendQueued();
  const [dialog, setDialog] = useState<Dialog>();
  const [error, setError] = useState<DesktopError>();
  const { allowed } = detail;
  const dossierId = detail.dossier.id;
  const last = atLastHop(detail);
  const memberName = detail.member?.fullName ?? '';
  const nextOrg =
    detail.route.find((s) => s.orgId === detail.shown.nextOrgId)?.name ??
    detail.proposedNextOrg?.name;

  const queued = (outboxId: string) => {
    setDialog(undefined);
    setError(undefined);
    onQueued();
    void sendQueued(outboxId).then(onOutcome);
  };

  const forward = () =>
    modal.confirm({
      title: last ? 'Duyệt hoàn thành hồ sơ?' : 'Duyệt chuyển tiếp hồ sơ?',
      content: last
        ? `Đồng chí ${memberName} sẽ sinh hoạt tại ${detail.destinationOrg.name}.`
        : `Hồ sơ của đồng chí ${memberName} sẽ được chuyển đến ${nextOrg ?? 'tổ chức tiếp theo'}.`,
      okText: last ? 'Duyệt hoàn thành' : 'Duyệt chuyển tiếp',
      cancelText: 'Hủy',
      onOk: async () => {
        try {
          queued((await callDesktop(bridge, 'forwardDossier', { dossierId })).outboxId);
        } catch (err) {
          if (err instanceof DesktopCallError) setError(err.error);
          else throw err;
        }
      },
    });

  const anything =
    allowed.check ||
    allowed.forward ||
    allowed.signAndForward ||
    allowed.return ||
    allowed.reject ||
    allowed.resubmit;
  if (!anything) return null;
  return (
    <div data-testid="dossier-actions" style={{ margin: '12px 0' }}>
      <ErrorAlert error={error} />
      <Space wrap>
        {allowed.check && (
          <Button icon={<FileSearchOutlined />} onClick={() => setDialog('check')}>
            Kiểm tra
          </Button>
        )}
        {allowed.forward && (
          <Button type="primary" icon={<CheckOutlined />} onClick={() => void forward()}>
            {last ? 'Duyệt hoàn thành' : 'Duyệt chuyển tiếp'}
          </Button>
        )}
        {allowed.signAndForward && (
          <Button
            type="primary"
            icon={<SafetyCertificateOutlined />}
            onClick={() => setDialog('sign')}
          >
            {last ? 'Ký số và duyệt hoàn thành' : 'Ký số và chuyển tiếp'}
          </Button>
        )}
        {allowed.return && (
          <Button icon={<RollbackOutlined />} onClick={() => setDialog('return')}>
            Trả lại
          </Button>
        )}
        {allowed.reject && (
          <Button danger icon={<CloseCircleOutlined />} onClick={() => setDialog('reject')}>
            Từ chối
          </Button>
        )}
        {allowed.resubmit && (
          // A dossier this officer filed for a member, returned: he corrects and files it again.
          <Button type="primary" icon={<RedoOutlined />} onClick={() => setDialog('resubmit')}>
            Nộp lại
          </Button>
        )}
      </Space>
      <FilingDialog
        target={
          dialog === 'resubmit'
            ? {
                kind: 'resubmit',
                dossier: {
                  id: dossierId,
                  variant: detail.shown.variant,
                  destinationOrg: detail.destinationOrg,
                  form: detail.shown.form,
                  attachments: detail.attachments,
                },
              }
            : undefined
        }
        onClose={(filed) => {
          setDialog(undefined);
          if (filed) onQueued();
        }}
      />
      <CheckDialog
        open={dialog === 'check'}
        detail={detail}
        onClose={() => setDialog(undefined)}
        onQueued={queued}
      />
      <TokenDialog
        open={dialog === 'sign'}
        dossierId={dossierId}
        title={last ? 'Ký số và duyệt hoàn thành' : 'Ký số và chuyển tiếp'}
        onClose={() => setDialog(undefined)}
        onSigned={queued}
      />
      <ReasonDialog
        open={dialog === 'return'}
        title="Trả lại hồ sơ cho đảng viên"
        okText="Trả lại"
        onClose={() => setDialog(undefined)}
        onSubmit={async (reason) =>
          queued((await callDesktop(bridge, 'returnDossier', { dossierId, reason })).outboxId)
        }
      />
      <ReasonDialog
        open={dialog === 'reject'}
        title="Từ chối hồ sơ"
        okText="Từ chối"
        onClose={() => setDialog(undefined)}
        onSubmit={async (reason) =>
          queued((await callDesktop(bridge, 'rejectDossier', { dossierId, reason })).outboxId)
        }
      />
    </div>
  );
}
