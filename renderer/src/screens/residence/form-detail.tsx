import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Skeleton, Space, Tabs, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import type { ResidenceFormDetail } from '../../../../src/desktop/contract-residence';
import { residenceCommentLabelVi } from '../../../../src/domain/procedures/residence-form';
import { useDesktopQuery } from '../../desktop-context';
import { formatDate, formatDateTime } from '../../format';
import { ErrorAlert } from '../../ui/error-alert';
import type { OpenFile } from '../transfers/dossier-files';
import { ResidenceFiles, type NamedFile } from './residence-files';
import { ResidenceHistory } from './residence-history';
import { FormFlags, FormStatusTag } from './residence-tags';

export const FORM_PDF_TITLE = 'Phiếu nhận xét đã ký';
export const REPORT_TITLE = 'Báo cáo của đảng viên';
export const PAPER_SCAN_TITLE = 'Bản quét phiếu giấy';

/** The files of a form, each under the name the user knows it by. */
export function formFiles(d: ResidenceFormDetail): NamedFile[] {
  return [
    ...(d.formPdf ? [{ title: FORM_PDF_TITLE, file: d.formPdf }] : []),
    ...(d.paperForm ? [{ title: PAPER_SCAN_TITLE, file: d.paperForm.scan }] : []),
    ...(d.report ? [{ title: REPORT_TITLE, file: d.report.file }] : []),
  ];
}

type TabKey = 'info' | 'files' | 'history';

/**
 * One comment form as every side reads it: the member, the cells, the comment, the committee's
 * reason, the member's report and the paper record; the signed PDF and files in the viewer.
 * `actions` are the buttons of the screen it is opened from.
 */
export function FormDetailView({
  formId,
  onBack,
  actions,
  startOnFiles = false,
}: {
  formId: string;
  onBack: () => void;
  actions?: (detail: ResidenceFormDetail, reload: () => void) => ReactNode;
  startOnFiles?: boolean;
}) {
  const detail = useDesktopQuery('residenceFormDetail', { formId });
  const [tab, setTab] = useState<TabKey>(startOnFiles ? 'files' : 'info');
  const [file, setFile] = useState<OpenFile>();
  const d = detail.data;
  const files = d ? formFiles(d) : [];
  return (
    <>
      <div className="result-bar" style={{ marginTop: 0 }}>
        <Button icon={<ArrowLeftOutlined />} onClick={onBack}>
          Quay lại
        </Button>
        <Typography.Title level={4} style={{ margin: 0 }} className="wrap-anywhere">
          Phiếu nhận xét{d ? ` — ${d.member.fullName}` : ''}
        </Typography.Title>
      </div>
      <ErrorAlert error={detail.error} onRetry={detail.reload} />
      {!d && detail.loading && <Skeleton active />}
      {d && (
        <div data-testid="form-detail" data-status={d.status} data-settled={String(detail.settled)}>
          {d.status === 'returned' && d.reason && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title="Đảng ủy trả lại phiếu"
              description={<span data-testid="form-reason">{d.reason}</span>}
            />
          )}
          {actions?.(d, detail.reload)}
          <Tabs
            activeKey={tab}
            onChange={(key) => setTab(key as TabKey)}
            items={[
              { key: 'info', label: 'Thông tin phiếu', children: <FormInfo detail={d} /> },
              {
                key: 'files',
                label: `Tài liệu (${files.length})`,
                children: <ResidenceFiles files={files} open={file} onOpen={setFile} />,
              },
              {
                key: 'history',
                label: 'Lịch sử xử lý',
                children: (
                  <ResidenceHistory
                    history={d.history}
                    signedTitle={FORM_PDF_TITLE}
                    onOpenSigned={(sha256) => {
                      setFile({
                        sha256,
                        title: FORM_PDF_TITLE,
                        contentType: 'application/pdf',
                        cached: null,
                      });
                      setTab('files');
                    }}
                  />
                ),
              },
            ]}
          />
        </div>
      )}
    </>
  );
}

function FormInfo({ detail: d }: { detail: ResidenceFormDetail }) {
  const comment = d.comment;
  return (
    <Descriptions
      className="detail-descriptions"
      size="small"
      bordered
      column={2}
      items={[
        { key: 'member', label: 'Đảng viên', children: d.member.fullName },
        { key: 'birth', label: 'Ngày sinh', children: formatDate(d.memberBirthDate) },
        { key: 'workplace', label: 'Nơi công tác', children: d.workplaceOrg.name },
        { key: 'residence', label: 'Nơi cư trú', children: d.residenceOrg.name },
        { key: 'committee', label: 'Đảng ủy xã, phường', children: d.committeeOrg.name },
        {
          key: 'status',
          label: 'Trạng thái',
          children: (
            <Space size={4} wrap>
              <FormStatusTag status={d.status} />
              <FormFlags
                paper={d.paper}
                deadline={d.deadline}
                pendingActions={d.pendingActions}
                needsAttention={d.needsAttention}
              />
            </Space>
          ),
        },
        { key: 'due', label: 'Hạn gửi', children: formatDate(d.dueOn) || 'Chưa xác định' },
        { key: 'sent', label: 'Ngày gửi', children: formatDateTime(d.sentAt) },
        ...(['strengths', 'shortcomings', 'citizenDuties', 'proposals'] as const).map((f) => ({
          key: f,
          label: residenceCommentLabelVi[f],
          span: 2,
          children: <span className="wrap-anywhere">{comment?.[f] ?? ''}</span>,
        })),
        {
          key: 'report',
          label: 'Báo cáo của đảng viên',
          span: 2,
          children: d.report
            ? `${d.report.summary} (${formatDateTime(d.report.submittedAt)})`
            : d.reportRequired
              ? 'Chưa nộp'
              : 'Không yêu cầu',
        },
        ...(d.paperForm
          ? [
              {
                key: 'paper',
                label: 'Phiếu giấy',
                span: 2,
                children: `Người mang đến: ${d.paperForm.broughtBy}; ngày nhận: ${formatDate(d.paperForm.receivedOn)}`,
              },
            ]
          : []),
      ]}
    />
  );
}
