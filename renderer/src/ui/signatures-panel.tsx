import { Card, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import type { SignatureCheck, SignatureVerdict } from '../../../src/desktop/contract';
import { useDesktopQuery } from '../desktop-context';
import { formatDateTime } from '../format';
import { ErrorAlert } from './error-alert';

const VERDICT_TAGS: Record<SignatureVerdict, { color: string; label: string }> = {
  valid: { color: 'green', label: 'Hợp lệ' },
  untrusted: { color: 'orange', label: 'Chưa tin cậy' },
  revoked: { color: 'magenta', label: 'Chứng thư đã bị thu hồi' },
  changed: { color: 'red', label: 'Bị sửa đổi sau khi ký' },
  broken: { color: 'red', label: 'Không hợp lệ' },
};

const REVOCATION_SOURCES: Record<'dss' | 'ocsp' | 'crl', string> = {
  dss: 'dữ liệu kiểm tra nhúng trong tài liệu',
  ocsp: 'máy chủ OCSP',
  crl: 'danh sách thu hồi (CRL)',
};

const UNKNOWN_REVOCATION =
  'Chưa xác định được tình trạng thu hồi (không có dữ liệu nhúng, máy chủ kiểm tra không trả lời).';

/** "Kiểm tra thu hồi: …": the status and where it came from. */
function revocationLine(r: SignatureCheck['revocation']): string {
  const from = r.source ? ` (${REVOCATION_SOURCES[r.source]})` : '';
  const at = r.revokedAt ? ` lúc ${formatDateTime(r.revokedAt)}` : '';
  switch (r.status) {
    case 'good':
      return `Chứng thư số còn hiệu lực${from}.`;
    case 'revoked':
      return `Chứng thư số đã bị thu hồi${at}${from}.`;
    case 'unknown':
      return UNKNOWN_REVOCATION;
    case 'not_checked':
      return 'Chưa kiểm tra tình trạng thu hồi.';
  }
}

function SignatureCard({ s, index }: { s: SignatureCheck; index: number }) {
  const tag = VERDICT_TAGS[s.verdict];
  return (
    <Card
      size="small"
      data-testid="signature-card"
      data-verdict={s.verdict}
      title={
        <span className="wrap-anywhere" style={{ whiteSpace: 'normal' }}>
          {index + 1}. {s.signerName ?? 'Không rõ người ký'}
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
        </Typography.Text>
        {s.timestamp && (
          <div>
            <Typography.Text type="secondary">
              Dấu thời gian
              {s.timestamp.time ? ` ${formatDateTime(s.timestamp.time)}` : ''}
              {s.timestamp.tsa ? ` — ${s.timestamp.tsa}` : ''}
              {s.timestamp.trusted ? '' : ' (đơn vị cấp không được tin cậy)'}
            </Typography.Text>
          </div>
        )}
        <div data-testid="signature-revocation" data-status={s.revocation.status}>
          <Typography.Text type={s.revocation.status === 'revoked' ? 'danger' : 'secondary'}>
            {revocationLine(s.revocation)}
          </Typography.Text>
          {s.revocation.noteVi && <div>{s.revocation.noteVi}</div>}
        </div>
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
        {s.changesVi.length > 0 && (
          <details data-testid="signature-changes">
            <summary>Các thay đổi sau khi ký ({s.changesVi.length})</summary>
            <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
              {s.changesVi.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          </details>
        )}
      </div>
    </Card>
  );
}

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
        {signatures.map((s, i) => (
          <SignatureCard key={s.fieldName} s={s} index={i} />
        ))}
      </Space>
    </div>
  );
}
