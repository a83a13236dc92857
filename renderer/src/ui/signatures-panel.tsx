import { Card, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { useDesktopQuery } from '../desktop-context';
import { formatDateTime } from '../format';
import { ErrorAlert } from './error-alert';
import { verdictOf, type Verdict } from './signature-verdict';

const VERDICT_TAGS: Record<Verdict, { color: string; label: string }> = {
  valid: { color: 'green', label: 'Hợp lệ' },
  invalid: { color: 'red', label: 'Không hợp lệ' },
  untrusted: { color: 'orange', label: 'Chưa tin cậy' },
};

/** "Chữ ký số": our verifier's result for each signature of a PDF, in signing order. */
export function SignaturesPanel({ sha256 }: { sha256: string }) {
  const check = useDesktopQuery('verifyPdfSignatures', { sha256 });
  const signatures = check.data?.signatures ?? [];
  return (
    <div data-testid="signatures-panel" data-settled={String(check.settled)}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        Chữ ký số trên tài liệu
      </Typography.Title>
      <ErrorAlert error={check.error} onRetry={check.reload} />
      {!check.data && check.loading && <Skeleton active paragraph={{ rows: 2 }} />}
      {check.data && signatures.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Tài liệu chưa có chữ ký số" />
      )}
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        {signatures.map((s, i) => {
          const verdict = verdictOf(s);
          const tag = VERDICT_TAGS[verdict];
          return (
            <Card
              key={s.fieldName}
              size="small"
              data-testid="signature-card"
              data-verdict={verdict}
              title={
                <span className="wrap-anywhere" style={{ whiteSpace: 'normal' }}>
                  {i + 1}. {s.signerName ?? 'Không rõ người ký'}
                </span>
              }
              extra={
                <Tag color={tag.color} style={{ marginInlineEnd: 0 }}>
                  {tag.label}
                </Tag>
              }
            >
              <div className="wrap-anywhere">
                {s.signerOrg && <div>{s.signerOrg}</div>}
                <Typography.Text type="secondary">
                  {s.signedAt ? `Ký lúc ${formatDateTime(s.signedAt)}` : 'Không rõ thời điểm ký'}
                  {s.timestamped ? ' · có dấu thời gian' : ''}
                </Typography.Text>
                <div style={{ marginTop: 4 }}>{s.summaryVi}</div>
                {s.problems.length > 0 && (
                  <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
                    {s.problems.map((p) => (
                      <li key={p}>
                        <Typography.Text type="danger">{p}</Typography.Text>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            </Card>
          );
        })}
      </Space>
    </div>
  );
}
