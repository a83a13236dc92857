import {
  ArrowLeftOutlined,
  CheckOutlined,
  RollbackOutlined,
  SafetyCertificateOutlined,
  SendOutlined,
} from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Descriptions,
  Skeleton,
  Space,
  Table,
  Tabs,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import type {
  ResidenceListDetail,
  ResidenceListMember,
} from '../../../../src/desktop/contract-residence';
import { residenceRequestKindLabelVi } from '../../../../src/domain/procedures/residence-request';
import { callDesktop, useBridge, useDesktopAction, useDesktopQuery } from '../../desktop-context';
import { formatDate, formatDateTime } from '../../format';
import { ErrorAlert } from '../../ui/error-alert';
import { OrgName } from '../../ui/org-name';
import type { OpenFile } from '../transfers/dossier-files';
import { ReasonDialog } from '../transfers/reason-dialog';
import { TokenDialog } from '../transfers/token-dialog';
import { useSendQueued } from '../transfers/use-send-queued';
import { ResidenceFiles, type NamedFile } from './residence-files';
import { ResidenceHistory } from './residence-history';
import { ListStatusTag, PendingFlags } from './residence-tags';

export const LIST_PDF_TITLE = 'Danh sách đã ký';

/** The user guide's names of the list's steps (signing ones for orgs with a token). */
export const LIST_ACTION_VI = {
  submit: 'Trình phê duyệt',
  approve: 'Phê duyệt',
  signAndApprove: 'Ký số phê duyệt',
  return: 'Trả lại',
  send: 'Gửi tổ chức Đảng nơi cư trú',
  signAndSend: 'Ký số và gửi tổ chức Đảng nơi cư trú',
} as const;

type TabKey = 'members' | 'history' | 'files';

/** One list: its members, history and signed PDF, and the steps the user may take now. */
export function ListDetail({ listId, onBack }: { listId: string; onBack: () => void }) {
  const detail = useDesktopQuery('residenceListDetail', { requestId: listId });
  const [tab, setTab] = useState<TabKey>('members');
  const [file, setFile] = useState<OpenFile>();
  const d = detail.data;
  const files: NamedFile[] = d?.listPdf ? [{ title: LIST_PDF_TITLE, file: d.listPdf }] : [];
  return (
    <Card className="page-card">
      <div className="result-bar" style={{ marginTop: 0 }}>
        <Button icon={<ArrowLeftOutlined />} onClick={onBack}>
          Quay lại
        </Button>
        <Typography.Title level={4} style={{ margin: 0 }} className="wrap-anywhere">
          Danh sách đảng viên cần giới thiệu và xin nhận xét tại nơi cư trú
        </Typography.Title>
      </div>
      <ErrorAlert error={detail.error} onRetry={detail.reload} />
      {!d && detail.loading && <Skeleton active />}
      {d && (
        <div data-testid="list-detail" data-status={d.status} data-settled={String(detail.settled)}>
          <ListHeader detail={d} />
          <ListActions detail={d} onQueued={detail.reload} />
          <Tabs
            activeKey={tab}
            onChange={(key) => setTab(key as TabKey)}
            items={[
              {
                key: 'members',
                label: `Đảng viên (${d.members.length})`,
                children: <ListMembers members={d.members} />,
              },
              {
                key: 'history',
                label: 'Lịch sử xử lý',
                children: (
                  <ResidenceHistory
                    history={d.history}
                    signedTitle={LIST_PDF_TITLE}
                    onOpenSigned={(sha256) => {
                      setFile({
                        sha256,
                        title: LIST_PDF_TITLE,
                        contentType: 'application/pdf',
                        cached: null,
                      });
                      setTab('files');
                    }}
                  />
                ),
              },
              {
                key: 'files',
                label: `Tài liệu (${files.length})`,
                children: <ResidenceFiles files={files} open={file} onOpen={setFile} />,
              },
            ]}
          />
        </div>
      )}
    </Card>
  );
}

function ListHeader({ detail: d }: { detail: ResidenceListDetail }) {
  return (
    <Descriptions
      className="detail-descriptions"
      size="small"
      bordered
      column={3}
      style={{ marginBottom: 12 }}
      items={[
        { key: 'org', label: 'Nơi công tác', span: 2, children: d.workplaceOrg.name },
        {
          key: 'status',
          label: 'Trạng thái',
          children: (
            <Space size={4} wrap>
              <ListStatusTag status={d.status} />
              <PendingFlags pendingActions={d.pendingActions} needsAttention={d.needsAttention} />
            </Space>
          ),
        },
        { key: 'kind', label: 'Loại', children: residenceRequestKindLabelVi[d.kind] },
        { key: 'year', label: 'Năm', children: d.campaignYear },
        { key: 'created', label: 'Ngày tạo', children: formatDateTime(d.createdAt) },
        ...(d.reason
          ? [
              {
                key: 'reason',
                label: 'Lý do trả lại',
                span: 3,
                children: <span data-testid="list-reason">{d.reason}</span>,
              },
            ]
          : []),
        ...(d.byResidenceOrg.length > 0
          ? [
              {
                key: 'split',
                label: 'Gửi đến',
                span: 3,
                children: d.byResidenceOrg.map((o) => `${o.name} (${o.memberCount})`).join('; '),
              },
            ]
          : []),
      ]}
    />
  );
}

const memberColumns: TableColumnsType<ResidenceListMember> = [
  { title: 'STT', key: 'index', width: 52, align: 'right', render: (_v, _m, i) => i + 1 },
  { title: 'Họ và tên', key: 'name', width: 200, render: (_v, m) => m.fullName },
  { title: 'Ngày sinh', key: 'birth', width: 100, render: (_v, m) => formatDate(m.birthDate) },
  {
    title: 'Nơi cư trú',
    key: 'residence',
    width: 240,
    render: (_v, m) => (m.residenceOrg ? <OrgName name={m.residenceOrg.name} /> : 'Chưa có'),
  },
  {
    title: 'Yêu cầu báo cáo',
    key: 'report',
    width: 100,
    render: (_v, m) => (m.reportRequired ? 'Có' : 'Không'),
  },
  {
    title: 'Miễn nhận xét',
    key: 'exemption',
    width: 300,
    render: (_v, m) => m.exemptionVi ?? '',
  },
];

function ListMembers({ members }: { members: ResidenceListMember[] }) {
  return (
    <Table<ResidenceListMember>
      data-testid="list-members"
      rowKey="memberId"
      size="small"
      bordered
      pagination={false}
      columns={memberColumns}
      dataSource={members}
      scroll={{ y: 360 }}
    />
  );
}

type Dialog = 'signAndApprove' | 'signAndSend' | 'return';

/** The buttons the list's state allows the user now; each step is queued, then sent. */
function ListActions({ detail, onQueued }: { detail: ResidenceListDetail; onQueued: () => void }) {
  const bridge = useBridge();
  const { modal } = App.useApp();
  const sendQueued = useSendQueued();
  const { busy, error, run } = useDesktopAction();
  const [dialog, setDialog] = useState<Dialog>();
  const { allowed } = detail;
  const requestId = detail.id;

  const queued = (outboxId: string) => {
    setDialog(undefined);
    onQueued();
    void sendQueued(outboxId);
  };
  const step = (action: 'submit' | 'approve' | 'send', title: string) =>
    modal.confirm({
      title: `${title}?`,
      okText: title,
      cancelText: 'Hủy',
      onOk: () =>
        run(async () =>
          queued(
            (await callDesktop(bridge, 'residenceListAction', { requestId, action })).outboxId,
          ),
        ),
    });
  const signWith =
    (action: 'sign_and_approve' | 'sign_and_send') =>
    async (login: { slotId: string; certificateId: string; pin: string }) =>
      (await callDesktop(bridge, 'signResidenceList', { requestId, action, ...login })).outboxId;

  const any = Object.entries(allowed).some(([key, on]) => on && key !== 'edit');
  if (!any) return null;
  return (
    <div data-testid="list-actions" style={{ margin: '12px 0' }}>
      <ErrorAlert error={error} />
      <Space wrap>
        {allowed.submit && (
          <Button
            type="primary"
            icon={<SendOutlined />}
            loading={busy}
            onClick={() => void step('submit', LIST_ACTION_VI.submit)}
          >
            {LIST_ACTION_VI.submit}
          </Button>
        )}
        {allowed.approve && (
          <Button
            type="primary"
            icon={<CheckOutlined />}
            loading={busy}
            onClick={() => void step('approve', LIST_ACTION_VI.approve)}
          >
            {LIST_ACTION_VI.approve}
          </Button>
        )}
        {allowed.signAndApprove && (
          <Button icon={<SafetyCertificateOutlined />} onClick={() => setDialog('signAndApprove')}>
            {LIST_ACTION_VI.signAndApprove}
          </Button>
        )}
        {allowed.send && (
          <Button
            type="primary"
            icon={<SendOutlined />}
            loading={busy}
            onClick={() => void step('send', LIST_ACTION_VI.send)}
          >
            {LIST_ACTION_VI.send}
          </Button>
        )}
        {allowed.signAndSend && (
          <Button icon={<SafetyCertificateOutlined />} onClick={() => setDialog('signAndSend')}>
            {LIST_ACTION_VI.signAndSend}
          </Button>
        )}
        {allowed.return && (
          <Button icon={<RollbackOutlined />} onClick={() => setDialog('return')}>
            {LIST_ACTION_VI.return}
          </Button>
        )}
      </Space>
      <TokenDialog
        open={dialog === 'signAndApprove' || dialog === 'signAndSend'}
        title={
          dialog === 'signAndSend' ? LIST_ACTION_VI.signAndSend : LIST_ACTION_VI.signAndApprove
        }
        onClose={() => setDialog(undefined)}
        signWith={signWith(dialog === 'signAndSend' ? 'sign_and_send' : 'sign_and_approve')}
        onSigned={queued}
      />
      <ReasonDialog
        open={dialog === 'return'}
        title="Trả lại danh sách"
        okText="Trả lại"
        onClose={() => setDialog(undefined)}
        onSubmit={async (reason) =>
          queued((await callDesktop(bridge, 'returnResidenceList', { requestId, reason })).outboxId)
        }
      />
    </div>
  );
}
