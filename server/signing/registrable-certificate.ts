import { X509Certificate } from 'node:crypto';
import { buildChain, subjectOf } from '../../src/signing/verify/chain';
import { certificateExtensions } from '../../src/signing/verify/certificate-extensions';

export type RegistrableCheck =
  | { ok: true; certificate: X509Certificate }
  | { ok: false; code: string; message: string; messageVi: string };

/** PEM, or base64 of the DER → one certificate, or null when it is neither. */
export function parseCertificateText(text: string): X509Certificate | null {
  try {
    const trimmed = text.trim();
    if (trimmed.startsWith('-----BEGIN CERTIFICATE-----')) return new X509Certificate(trimmed);
    if (!/^[A-Za-z0-9+/=\s]+$/.test(trimmed)) return null;
    return new X509Certificate(Buffer.from(trimmed, 'base64'));
  } catch {
    return null;
  }
}

const refuse = (code: string, message: string, messageVi: string): RegistrableCheck => ({
  ok: false,
  code,
  message,
  messageVi,
});

/**
 * A token certificate may be registered when it is valid now, allows signing documents
 * (digitalSignature or nonRepudiation) and chains to one of the server's trust anchors, through
 * the intermediates the token carries.
 */
export function checkRegistrableCertificate(
  certificateText: string,
  chainTexts: readonly string[],
  trustAnchors: X509Certificate[],
  now: Date,
): RegistrableCheck {
  const certificate = parseCertificateText(certificateText);
  if (!certificate)
    return refuse(
      'bad_certificate',
      'not a certificate (PEM or base64 DER)',
      'Tệp chứng thư số không hợp lệ.',
    );
  const chain = chainTexts.map(parseCertificateText);
  if (chain.some((c) => c === null))
    return refuse(
      'bad_certificate',
      'a chain certificate is unreadable',
      'Chứng thư số của tổ chức cấp không hợp lệ.',
    );
  if (certificate.ca)
    return refuse(
      'not_a_signer',
      'a CA certificate cannot be registered',
      'Đây là chứng thư của tổ chức cấp, không phải chứng thư số ký văn bản.',
    );
  if (now < new Date(certificate.validFrom) || now > new Date(certificate.validTo))
    return refuse(
      'certificate_not_valid_now',
      `the certificate is valid from ${certificate.validFrom} to ${certificate.validTo}`,
      'Chứng thư số đã hết hạn hoặc chưa đến thời hạn sử dụng.',
    );
  const usage = certificateExtensions(certificate).keyUsage;
  if (!usage || !(usage.digitalSignature || usage.nonRepudiation))
    return refuse(
      'no_signing_usage',
      'the certificate does not allow digitalSignature or nonRepudiation',
      'Chứng thư số này không dùng để ký văn bản.',
    );
  if (trustAnchors.length === 0)
    return refuse(
      'no_trust_anchors',
      'the server has no signing trust anchors configured',
      'Máy chủ chưa được cấu hình chứng thư gốc nên chưa đăng ký được chứng thư số.',
    );
  const path = buildChain(certificate, chain as X509Certificate[], trustAnchors, now);
  if (!path.trusted)
    return refuse(
      'untrusted_certificate',
      `${subjectOf(certificate)}: ${path.error ?? 'not trusted'}`,
      'Chứng thư số không do tổ chức cung cấp dịch vụ chứng thực được công nhận cấp.',
    );
  return { ok: true, certificate };
}
