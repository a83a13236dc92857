import type { SignatureCheck } from '../../../src/desktop/contract';

export type Verdict = 'valid' | 'invalid' | 'untrusted';

/**
 * The tag of one signature: broken bytes or changes after signing make it invalid ("Không hợp
 * lệ"); a sound signature whose certificate does not chain to our anchors is untrusted ("Chưa
 * tin cậy"); only an intact, unmodified, trusted one is valid ("Hợp lệ").
 */
export function verdictOf(
  s: Pick<SignatureCheck, 'intact' | 'trusted' | 'unmodifiedSince'>,
): Verdict {
  if (!s.intact || !s.unmodifiedSince) return 'invalid';
  return s.trusted ? 'valid' : 'untrusted';
}
