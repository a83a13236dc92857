/**
 * The verifier's one asynchronous entry point: the synchronous analysis of `verifyPdf` plus what
 * needs I/O, the revocation status of every certificate of each trusted path (the signer's and
 * its time-stamp's): the document's DSS first (offline), then OCSP/CRL online unless
 * `online: false`. Callers outside `src/signing` use this, usually through the isolated worker.
 */
import type { X509Certificate } from 'node:crypto';
import { PdfReader } from '../pdf/pdf-reader';
import { readDss, type DssContent } from '../pdf/dss';
import {
  defaultRevocationChecker,
  type CertificateRevocation,
  type RevocationChecker,
} from '../revocation/checker';
import type { RevocationReport } from '../revocation/types';
import { chainEvidenceOf, parsePdfDate, type ChainEvidence } from './chain-evidence';
import { subjectOf } from './chain';
import {
  verifyPdf,
  type SignatureReport,
  type VerifyOptions,
  type VerifyReport,
} from './verify-pdf';

export interface VerifyDocumentOptions extends VerifyOptions {
  /** Ask OCSP responders and CRL distribution points (default true); the DSS is always used. */
  online?: boolean;
  /** Default: the process-wide checker (its cache is shared). */
  revocationChecker?: RevocationChecker;
}

const REVOKED_VI = 'Chứng thư số đã bị thu hồi';

/** ISO 8601 in Vietnam's time (UTC+7), as users read times. */
const vietnamTime = (d: Date) =>
  new Date(d.getTime() + 7 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+07:00');

function emptyDss(): DssContent {
  return { certs: [], ocsps: [], crls: [] };
}

/** The DSS of the file, or nothing when it cannot be read (the analysis reports damage itself). */
function dssOf(pdf: Buffer): DssContent {
  try {
    return readDss(new PdfReader(pdf));
  } catch {
    return emptyDss();
  }
}

interface Judged {
  revocation: RevocationReport;
  /** A certificate was revoked before the signature's proven time, or the time is not proven. */
  fails: boolean;
  errors: string[];
}

const worst = (results: CertificateRevocation[]) =>
  results.some((r) => r.status === 'revoked')
    ? 'revoked'
    : results.some((r) => r.status === 'unknown')
      ? 'unknown'
      : 'good';

function judge(results: CertificateRevocation[], provenTime: Date | undefined, now: Date): Judged {
  const certificates = results.map((r) => ({
    subject: subjectOf(r.certificate),
    status: r.status,
    ...(r.source ? { source: r.source } : {}),
    ...(r.revokedAt ? { revokedAt: r.revokedAt.toISOString() } : {}),
  }));
  const revoked = results
    .filter((r) => r.status === 'revoked')
    .sort((a, b) => (a.revokedAt?.getTime() ?? 0) - (b.revokedAt?.getTime() ?? 0));
  const first = revoked[0];
  const source = (first ?? results[0])?.source;
  const revocation: RevocationReport = {
    status: worst(results),
    ...(source ? { source } : {}),
    ...(first?.revokedAt ? { revokedAt: first.revokedAt.toISOString() } : {}),
    checkedAt: now.toISOString(),
    certificates,
  };
  // Revoked after a proven signing time: the signature was made while the certificate was good.
  const before = (r: CertificateRevocation) =>
    provenTime !== undefined && r.revokedAt !== undefined && provenTime < r.revokedAt;
  const fatal = revoked.filter((r) => !before(r));
  const errors = fatal.map((r) => {
    const at = r.revokedAt?.toISOString() ?? '?';
    const reason = r.reason ? ` (${r.reason})` : '';
    return `certificate revoked: ${subjectOf(r.certificate)} at ${at}${reason}`;
  });
  if (fatal[0]) {
    const at = fatal[0].revokedAt ? ` lúc ${vietnamTime(fatal[0].revokedAt)}` : '';
    revocation.note = `${REVOKED_VI}${at}.`;
  } else if (first?.revokedAt && provenTime) {
    revocation.note = `Chứng thư số bị thu hồi lúc ${vietnamTime(first.revokedAt)}, sau thời điểm ký đã được chứng thực bằng dấu thời gian (${vietnamTime(provenTime)}): chữ ký vẫn có giá trị.`;
  } else if (revocation.status === 'unknown') {
    revocation.note =
      'Chưa xác định được tình trạng thu hồi của chứng thư số (tệp không kèm dữ liệu thu hồi, máy chủ OCSP/CRL không trả lời).';
  }
  return { revocation, fails: fatal.length > 0, errors };
}

async function revocationOf(
  report: SignatureReport,
  evidence: ChainEvidence,
  dss: DssContent,
  options: VerifyDocumentOptions,
  now: Date,
): Promise<Judged> {
  const checker = options.revocationChecker ?? defaultRevocationChecker;
  const at = evidence.provenTime ?? parsePdfDate(report.claimedTime) ?? now;
  const check = {
    at,
    embedded: dss,
    online: options.online !== false,
    // An unproven time could be back-dated to before a revocation: ask the network too.
    confirmOnline: evidence.provenTime === undefined,
  };
  const paths: X509Certificate[][] = [evidence.signerPath];
  if (evidence.tsaPath && report.timestamp?.trusted) paths.push(evidence.tsaPath);
  const results = (await Promise.all(paths.map((p) => checker.checkPath(p, check)))).flat();
  return judge(results, evidence.provenTime, now);
}

export async function verifyDocument(
  pdf: Buffer,
  options: VerifyDocumentOptions,
): Promise<VerifyReport> {
  const report = verifyPdf(pdf, options);
  const now = options.now ?? new Date();
  const dss = dssOf(pdf);
  let revokedSomewhere = false;
  for (const signature of report.signatures) {
    const evidence = chainEvidenceOf(signature);
    if (!evidence || !signature.chain.trusted) continue;
    const judged = await revocationOf(signature, evidence, dss, options, now);
    signature.revocation = judged.revocation;
    signature.errors.push(...judged.errors);
    revokedSomewhere ||= judged.fails;
  }
  return { ...report, ok: report.ok && !revokedSomewhere };
}
