import type { X509Certificate } from 'node:crypto';
import { PdfRejectedError, verifyPdfIsolated } from '../../signing/verify/verify-isolated';
import type { SignatureReport } from '../../signing/verify/verify-pdf';
import type { SignatureCheck, SignatureVerdict } from '../contract-transfers';
import { fail } from '../service-context';
import { changesVi, revocationOf, timestampOf, verdictOf } from './signature-verdict';

/** "D:20260302090000+00'00'" → ISO 8601, or null when it is not a PDF date. */
export function pdfDateToIso(d: string | undefined): string | null {
  const m = /^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:([+-])(\d{2})'?(\d{2})'?|Z)?/.exec(
    d ?? '',
  );
  if (!m) return null;
  const [, y, mo, da, h, mi, s, sign, oh, om] = m;
  const offset = sign ? `${sign}${oh}:${om}` : 'Z';
  const t = Date.parse(`${y}-${mo}-${da}T${h}:${mi}:${s}${offset}`);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** A document timestamp's card is titled as such, with the TSA that made it. */
const documentTimestampTitle = (r: SignatureReport) =>
  `Dấu thời gian tài liệu${r.signer ? ` (${r.signer})` : ''}`;

/** O and OU of a subject "C=VN, O=…, OU=…, CN=…". */
function organizationOf(subject: string | undefined): string | null {
  if (!subject) return null;
  const parts = subject
    .split(/,\s*/)
    .filter((p) => p.startsWith('O=') || p.startsWith('OU='))
    .map((p) => p.slice(p.indexOf('=') + 1));
  return parts.length > 0 ? parts.join(' — ') : null;
}

function problemsVi(r: SignatureReport, anchorsConfigured: boolean): string[] {
  const out: string[] = [];
  if (!r.coversRevision) out.push('Vùng ký không bao trùm toàn bộ phiên bản tài liệu được ký.');
  else if (!r.digestOk) out.push('Nội dung tài liệu đã bị thay đổi sau khi ký.');
  if (r.coversRevision && r.digestOk && !r.signatureOk) out.push('Giá trị chữ ký số không hợp lệ.');
  if (r.status === 'changed') out.push('Tài liệu bị sửa đổi không được phép sau khi ký.');
  if (verdictOf(r, true) === 'revoked') out.push('Chứng thư số đã bị thu hồi trước thời điểm ký.');
  if (r.timestamp && !(r.timestamp.imprintOk && r.timestamp.signatureOk))
    out.push('Dấu thời gian không hợp lệ.');
  if (!anchorsConfigured) out.push('Chưa cấu hình chứng thư gốc để kiểm tra nguồn gốc chữ ký.');
  else if (!r.chain.trusted)
    out.push('Chứng thư số của người ký không chuỗi được đến chứng thư gốc tin cậy.');
  else if (r.timestamp && !r.timestamp.trusted)
    out.push('Dấu thời gian do đơn vị không tin cậy cấp.');
  return out;
}

const SUMMARY_VI: Record<SignatureVerdict, string> = {
  broken: 'Chữ ký không hợp lệ: tài liệu hoặc chữ ký đã bị thay đổi.',
  changed: 'Chữ ký hợp lệ, nhưng tài liệu đã bị sửa đổi sau khi ký.',
  revoked: 'Chứng thư số đã bị thu hồi: chữ ký không còn giá trị.',
  untrusted: 'Chữ ký nguyên vẹn nhưng chứng thư số không được tin cậy.',
  valid: 'Chữ ký hợp lệ.',
};

function summaryVi(verdict: SignatureVerdict, anchorsConfigured: boolean): string {
  if (verdict === 'untrusted' && !anchorsConfigured)
    return 'Chữ ký nguyên vẹn, chưa kiểm tra được nguồn gốc (chưa cấu hình chứng thư gốc).';
  return SUMMARY_VI[verdict];
}

/** Our verifier's verdict on every signature of a PDF, for the signatures panel. */
export async function checkSignatures(
  pdf: Buffer,
  anchors: X509Certificate[],
  now: Date,
): Promise<SignatureCheck[]> {
  let reports: SignatureReport[];
  try {
    // A member's upload may be hostile: verified in a worker that may fail, never this process.
    reports = (await verifyPdfIsolated(pdf, { trustAnchors: anchors, now })).signatures;
  } catch (err) {
    if (!(err instanceof PdfRejectedError)) throw err;
    return fail(
      'invalid_pdf',
      `cannot read the PDF: ${err.message}`,
      'Tệp PDF không hợp lệ hoặc bị hỏng, không kiểm tra được chữ ký.',
    );
  }
  const configured = anchors.length > 0;
  return reports.map((r) => {
    const trusted = configured && r.chain.trusted && (r.timestamp?.trusted ?? true);
    const verdict = verdictOf(r, trusted);
    return {
      fieldName: r.fieldName,
      verdict,
      signerName: r.kind === 'document-timestamp' ? documentTimestampTitle(r) : (r.signer ?? null),
      signerOrg: organizationOf(r.signerSubject),
      signedAt: r.timestamp?.time ?? pdfDateToIso(r.claimedTime),
      timestamped: r.hasTimestamp,
      intact: r.intact,
      trusted,
      unmodifiedSince: r.coversRevision && r.modifications.allowed,
      timestamp: timestampOf(r),
      revocation: revocationOf(r),
      changesVi: changesVi(r),
      summaryVi: summaryVi(verdict, configured),
      problems: problemsVi(r, configured),
    };
  });
}
