import type { SignatureReport } from '../../signing/verify/verify-pdf';
import type { SignatureCheck, SignatureVerdict } from '../contract-transfers';

/** Vietnamese names of what the difference analysis says was changed (its `kind`). */
const KIND_VI: Readonly<Record<string, string>> = {
  'page content': 'nội dung trang',
  page: 'trang',
  resources: 'tài nguyên của trang',
  catalog: 'danh mục tài liệu',
  annotations: 'danh sách chú thích của trang',
  widget: 'ô biểu mẫu',
  'signature widget': 'ô chữ ký không có chữ ký hợp lệ',
  'signature field': 'trường chữ ký',
  'form field': 'giá trị biểu mẫu',
  'form fields': 'danh sách trường biểu mẫu',
  action: 'hành động tự chạy khi mở tài liệu',
  image: 'hình ảnh',
  font: 'phông chữ',
  'form XObject': 'khối nội dung',
  appearance: 'hình hiển thị',
  revision: 'cấu trúc tệp (bảng tham chiếu)',
};

const kindVi = (kind: string): string =>
  KIND_VI[kind] ?? (kind.startsWith('annotation') ? `chú thích ${kind.slice(10).trim()}` : kind);

/** One line per change the signer did not allow, e.g. "Đối tượng 12: nội dung trang". */
export function changesVi(report: SignatureReport): string[] {
  return report.modifications.changes
    .filter((c) => c.verdict === 'disallowed')
    .map((c) => (c.object === null ? kindVi(c.kind) : `Đối tượng ${c.object}: ${kindVi(c.kind)}`));
}

/**
 * A revocation only counts against a signature made before it: a trusted timestamp earlier than
 * the revocation proves the signature was made while the certificate was good.
 */
export function revokedBeforeSigning(report: SignatureReport): boolean {
  const { revocation, timestamp } = report;
  if (revocation.status !== 'revoked') return false;
  if (!revocation.revokedAt || !timestamp?.time || !timestamp.trusted) return true;
  return Date.parse(timestamp.time) >= Date.parse(revocation.revokedAt);
}

/** The panel's verdict, worst first (see SignatureVerdict). */
export function verdictOf(report: SignatureReport, trusted: boolean): SignatureVerdict {
  if (report.status === 'broken') return 'broken';
  if (report.status === 'changed') return 'changed';
  if (revokedBeforeSigning(report)) return 'revoked';
  return trusted ? 'valid' : 'untrusted';
}

const NOTE_TIMESTAMP_BEFORE_REVOCATION =
  'Chứng thư số bị thu hồi sau thời điểm ký đã được chứng thực bằng dấu thời gian: chữ ký vẫn hợp lệ.';

export function revocationOf(report: SignatureReport): SignatureCheck['revocation'] {
  const r = report.revocation;
  const laterRevocation = r.status === 'revoked' && !revokedBeforeSigning(report);
  return {
    status: r.status,
    source: r.source ?? null,
    revokedAt: r.revokedAt ?? null,
    noteVi: laterRevocation ? NOTE_TIMESTAMP_BEFORE_REVOCATION : null,
  };
}

export function timestampOf(report: SignatureReport): SignatureCheck['timestamp'] {
  const t = report.timestamp;
  return t ? { time: t.time ?? null, tsa: t.tsa ?? null, trusted: t.trusted } : null;
}
