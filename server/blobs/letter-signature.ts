import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseSignedData } from '../../src/signing/cms/parse-signed-data';
import { loadCertificates } from '../../src/signing/verify/chain';
import { verifyPdfIsolated } from '../../src/signing/verify/verify-isolated';
import {
  modificationsSince,
  type SignatureReport,
  type VerifyReport,
} from '../../src/signing/verify/verify-pdf';
import type { Db } from '../repositories/db';
import { findRegistration } from '../repositories/user-certificates';

// Acceptance of a signed document for every signed action of every procedure (today the
// introduction letter's sign_and_forward): the uploaded file must be the byte-exact document the
// dossier holds plus exactly one new signature, made by the acting user with a registered
// certificate (docs/decisions/0015-signed-document-acceptance-and-certificate-registry.md).

/** What the new signature must extend. */
export type SignedBase =
  /** The document as last accepted for this dossier, byte for byte. */
  | { kind: 'previous'; bytes: Buffer }
  /**
   * No signature yet: the server-generated unsigned document, rebuilt for the signing time the
   * new signature claims (the document is dated on it); null when it cannot be built.
   */
  | { kind: 'generated'; build: (signedAt: Date) => Promise<Buffer | null> };

export interface SignedDocumentInput {
  pdf: Buffer;
  base: SignedBase;
  /** The user acting: the new signature's certificate must be registered to them. */
  actorUserId: string;
  trustAnchors: X509Certificate[];
  now: Date;
}

export type Acceptance =
  | { ok: true; signerFingerprint: string }
  | {
      ok: false;
      status: 'invalid' | 'forbidden';
      code: string;
      message: string;
      messageVi: string;
    };

const invalid = (code: string, message: string, messageVi: string): Acceptance => ({
  ok: false,
  status: 'invalid',
  code,
  message,
  messageVi,
});
const forbidden = (code: string, message: string, messageVi: string): Acceptance => ({
  ok: false,
  status: 'forbidden',
  code,
  message,
  messageVi,
});

const UNREADABLE_VI = 'Tệp PDF không hợp lệ hoặc bị hỏng.';
const RESIGN_VI = 'Vui lòng đồng bộ lại rồi ký lại.';

/** The verifier in its isolated worker: a hostile upload is refused, never a crash or a hang. */
async function verify(pdf: Buffer, input: SignedDocumentInput): Promise<VerifyReport> {
  return verifyPdfIsolated(pdf, { trustAnchors: input.trustAnchors, now: input.now });
}

const changeDetails = (s: SignatureReport) =>
  s.modifications.changes
    .filter((c) => c.verdict === 'disallowed')
    .map((c) => c.detail)
    .join('; ');

/**
 * After the new signature, only PAdES B-LT validation data was appended (a DSS with the CA's
 * OCSP responses and CRLs, as the app adds when the CA answers): the policy allows it.
 */
const onlyLtvAfter = (s: SignatureReport) =>
  s.status === 'intact' &&
  s.modifications.changes.length > 0 &&
  s.modifications.changes.every(
    (c) => c.verdict !== 'disallowed' && /\bDSS\b|\bdss\b/.test(`${c.kind} ${c.detail}`),
  );

const trusted = (s: SignatureReport) => s.chain.trusted && (s.timestamp?.trusted ?? true);
const revoked = (s: SignatureReport) => s.revocation.status === 'revoked';

/** D:YYYYMMDDHHmmSS+HH'mm' (or Z) → the instant, or null. */
export function parsePdfDate(text: string | undefined): Date | null {
  const m = /^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:([+-])(\d{2})'?(\d{2})'?|Z)?/.exec(
    text ?? '',
  );
  if (!m) return null;
  const [, y, mo, d, h, mi, s, sign, oh, om] = m;
  const offset = sign ? `${sign}${oh}:${om}` : 'Z';
  const at = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** SHA-256 (lower-case hex) of the certificate that made a signature, read from its CMS. */
export function signerFingerprintOf(pdf: Buffer, s: SignatureReport): string | null {
  const [, a1 = -1, b0 = -1] = s.byteRange;
  // The CMS lies between the brackets the byte range leaves out (checked by the verifier).
  if (a1 <= 0 || b0 <= a1 + 1 || b0 > pdf.length || b0 - a1 > 1_000_000) return null;
  try {
    const der = Buffer.from(pdf.toString('latin1', a1 + 1, b0 - 1).replace(/\s/g, ''), 'hex');
    const cms = parseSignedData(der);
    const strip = (b: Buffer) => b.subarray(b.findIndex((x) => x !== 0));
    const signer = cms.certificates
      .map((c) => new X509Certificate(c))
      .find((c) => strip(Buffer.from(c.serialNumber, 'hex')).equals(strip(cms.signerInfo.serial)));
    return signer ? createHash('sha256').update(signer.raw).digest('hex') : null;
  } catch {
    return null;
  }
}

const count = (haystack: Buffer, needle: string) => {
  let n = 0;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1)) n++;
  return n;
};

/**
 * What the appended update changed against the base, under the verifier's difference policy: a
 * first signature has no earlier signature whose analysis would notice a changed letter. Read
 * only after the isolated verifier read the same file within its limits.
 */
function changesAfterBase(base: Buffer, pdf: Buffer, report: VerifyReport): string[] | null {
  try {
    const analysis = modificationsSince(pdf, base.length, report);
    if (analysis.allowed) return null;
    return analysis.changes.filter((c) => c.verdict === 'disallowed').map((c) => c.detail);
  } catch (err) {
    return [`unreadable: ${(err as Error).message}`];
  }
}

const extendsBase = (pdf: Buffer, base: Buffer) =>
  pdf.length > base.length && pdf.subarray(0, base.length).equals(base);

/** The refusal for the first signature whose rebuilt base the file does not begin with. */
const notOurLetter = (what: string) =>
  invalid(
    'not_extending',
    `the signed document does not begin with ${what}`,
    `Tài liệu đã ký không phải là tài liệu của hồ sơ trên máy chủ (dữ liệu trên máy có thể đã cũ). ${RESIGN_VI}`,
  );

/** Checks one upload; ok only when every rule holds. Never touches the dossier. */
export async function acceptSignedDocument(
  db: Db,
  input: SignedDocumentInput,
): Promise<Acceptance> {
  const { pdf, base } = input;
  if (base.kind === 'previous' && !extendsBase(pdf, base.bytes))
    return notOurLetter('the previously accepted version byte for byte');

  let report: VerifyReport;
  let earlier: SignatureReport[] = [];
  try {
    report = await verify(pdf, input);
    if (base.kind === 'previous') earlier = (await verify(base.bytes, input)).signatures;
  } catch (err) {
    return invalid('unreadable_pdf', `unreadable PDF: ${(err as Error).message}`, UNREADABLE_VI);
  }

  // The base's signatures must all still be there (byte ranges are their identity).
  const key = (s: SignatureReport) => s.byteRange.join(' ');
  const earlierKeys = new Set(earlier.map(key));
  const old = report.signatures.filter((s) => earlierKeys.has(key(s)));
  const added = report.signatures.filter((s) => !earlierKeys.has(key(s)));
  if (old.length !== earlier.length)
    return invalid(
      'signatures_removed',
      `the base has ${earlier.length} signatures, ${old.length} of them are still in the document`,
      `Tài liệu đã ký không còn đủ các chữ ký trước đó. ${RESIGN_VI}`,
    );
  if (added.length === 0)
    return invalid('no_new_signature', 'no new signature', 'Tài liệu chưa có chữ ký số mới.');
  if (added.length > 1)
    return invalid(
      'several_new_signatures',
      `${added.length} new signatures, one expected`,
      'Tài liệu có nhiều hơn một chữ ký số mới; mỗi lần chỉ được thêm một chữ ký.',
    );
  const signature = added[0]!;

  let baseBytes: Buffer;
  if (base.kind === 'previous') baseBytes = base.bytes;
  else {
    const signedAt = parsePdfDate(signature.claimedTime);
    const built = signedAt ? await base.build(signedAt) : null;
    if (!built) return notOurLetter('a document the server can rebuild');
    if (!extendsBase(pdf, built)) return notOurLetter('the document the server generates');
    baseBytes = built;
  }
  if (signature.revisionEnd <= baseBytes.length)
    return invalid('no_new_signature', 'the new signature lies inside the base', UNREADABLE_VI);
  if (!signature.coversWholeFile && !onlyLtvAfter(signature))
    return invalid(
      'not_covering',
      `the new signature ${signature.fieldName} covers ${signature.revisionEnd} of ${pdf.length} bytes`,
      'Chữ ký số mới không bao trùm toàn bộ tệp: tệp đã bị thêm nội dung sau khi ký.',
    );
  for (const s of report.signatures) {
    const verdict = s.status;
    if (verdict === 'changed')
      return invalid(
        'changed_after_signing',
        `signature ${s.fieldName}: disallowed changes after signing: ${changeDetails(s)}`,
        'Chữ ký số hợp lệ nhưng tài liệu đã bị thay đổi sau khi ký.',
      );
    if (verdict === 'broken')
      return invalid(
        'invalid_signature',
        `signature ${s.fieldName} is not valid: ${s.errors.join('; ')}`,
        'Chữ ký số trên tài liệu không hợp lệ. Vui lòng ký lại.',
      );
  }
  const disallowed = changesAfterBase(baseBytes, pdf, report);
  if (disallowed)
    return invalid(
      'changed_after_signing',
      `the signed update changes the document: ${disallowed.join('; ')}`,
      'Bản ký đã thay đổi nội dung tài liệu, không chỉ thêm chữ ký số.',
    );
  // Changes spread over several updates are refused even when each one is allowed.
  const appended = pdf.subarray(baseBytes.length, signature.revisionEnd);
  if (count(appended, 'startxref') !== 1)
    return invalid(
      'several_revisions',
      'more than one incremental update after the base',
      `Tài liệu đã ký có nội dung được thêm ngoài chữ ký số. ${RESIGN_VI}`,
    );

  for (const s of report.signatures) {
    if (revoked(s))
      return invalid(
        'certificate_revoked',
        `signature ${s.fieldName}: a certificate of its path is revoked`,
        'Chứng thư số đã bị thu hồi.',
      );
    if (!trusted(s))
      return invalid(
        'untrusted_signature',
        `signature ${s.fieldName} is not trusted: ${s.chain.error ?? s.errors.join('; ')}`,
        'Chứng thư số ký tài liệu không chuỗi được đến chứng thư gốc tin cậy.',
      );
  }

  const fingerprint = signerFingerprintOf(pdf, signature);
  if (!fingerprint)
    return invalid('invalid_signature', 'the signer certificate is unreadable', UNREADABLE_VI);
  const registration = await findRegistration(db, fingerprint);
  if (!registration || registration.userId !== input.actorUserId)
    return forbidden(
      'certificate_not_registered',
      registration
        ? `certificate ${fingerprint} is registered to another user`
        : `certificate ${fingerprint} is not registered`,
      registration
        ? 'Chứng thư số dùng để ký đã được đăng ký cho người khác, không phải cho tài khoản của bạn.'
        : 'Chứng thư số dùng để ký chưa được đăng ký cho tài khoản của bạn. Hãy đăng ký chứng thư số trong hộp thoại ký số rồi ký lại.',
    );
  if (registration.revokedAt)
    return forbidden(
      'certificate_registration_revoked',
      `the registration of certificate ${fingerprint} was revoked at ${registration.revokedAt}`,
      'Đăng ký chứng thư số dùng để ký đã bị thu hồi. Hãy liên hệ quản trị viên.',
    );
  return { ok: true, signerFingerprint: fingerprint };
}

/** Trust anchors from SIGNING_TRUST_ANCHORS (a PEM file of root certificates), or none. */
export function trustAnchorsFromEnv(env: NodeJS.ProcessEnv = process.env): X509Certificate[] {
  const file = env.SIGNING_TRUST_ANCHORS;
  return file ? loadCertificates(readFileSync(file)) : [];
}
