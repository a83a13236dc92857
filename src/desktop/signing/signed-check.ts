import type { X509Certificate } from 'node:crypto';
import { TokenError } from '../../signing/token/errors';
import { verifyPdfIsolated } from '../../signing/verify/verify-isolated';

const BROKEN_VI = 'Chữ ký số vừa tạo không hợp lệ, văn bản này chưa được ký. Hãy ký lại.';
const UNTRUSTED_VI =
  'Chữ ký số vừa tạo không chuỗi được đến chứng thư gốc đã cấu hình, văn bản này chưa được ký. Hãy kiểm tra chứng thư số hoặc cấu hình chứng thư gốc.';

/**
 * Refuses a freshly signed PDF unless it begins with `original` byte for byte, holds exactly one
 * signature past the original's bytes, every signature is intact, and — with anchors configured —
 * every one chains to them, timestamps included. Without anchors, integrity only (the caller says
 * so once). Verified in a worker: the original may come from the server. The rules of a signed
 * introduction letter (letter-signing.ts), said of one document of a batch.
 */
export async function assertSignedOnce(
  signed: Buffer,
  original: Buffer,
  anchors: X509Certificate[],
  now: Date,
): Promise<void> {
  // An incremental signature: the server rebuilds the form and checks the signed file begins with it.
  if (!signed.subarray(0, original.length).equals(original))
    throw new TokenError(
      'SIGN_RESULT_INVALID',
      BROKEN_VI,
      'the signed document does not begin with the document given to sign',
    );
  const report = await verifyPdfIsolated(signed, { trustAnchors: anchors, now });
  const added = report.signatures.filter((s) => s.revisionEnd > original.length);
  const broken = report.signatures.find((s) => !s.intact);
  const untrusted =
    anchors.length > 0
      ? report.signatures.find((s) => !s.chain.trusted || (s.timestamp && !s.timestamp.trusted))
      : undefined;
  if (added.length !== 1 || broken)
    throw new TokenError(
      'SIGN_RESULT_INVALID',
      BROKEN_VI,
      broken
        ? `the signed document does not verify: ${broken.fieldName}: ${broken.errors.join('; ')}`
        : `the signed document holds ${added.length} new signatures, expected 1`,
    );
  if (untrusted)
    throw new TokenError(
      'SIGN_RESULT_UNTRUSTED',
      UNTRUSTED_VI,
      `the signature does not chain to the trust anchors: ${untrusted.fieldName}: ${untrusted.errors.join('; ')}`,
    );
  if (anchors.length === 0)
    console.warn(
      'no signing trust anchors configured: the document was checked for integrity only',
    );
}
