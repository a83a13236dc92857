import { readFileSync } from 'node:fs';
import type { X509Certificate } from 'node:crypto';
import { loadCertificates } from '../../src/signing/verify/chain';
import { verifyPdf } from '../../src/signing/verify/verify-pdf';

export interface LetterCheck {
  ok: boolean;
  /** English detail for logs and the push result's message. */
  reason?: string;
}

/**
 * A signed introduction letter is accepted when every signature verifies and chains to a trust
 * anchor, and it is the previous letter plus one more signature appended (an incremental update:
 * the boxes of the paper letter are filled level by level, earlier ones never rewritten).
 */
export function checkSignedLetter(
  pdf: Buffer,
  previous: Buffer | null,
  trustAnchors: X509Certificate[],
  now: Date,
): LetterCheck {
  if (
    previous &&
    (pdf.length <= previous.length || !pdf.subarray(0, previous.length).equals(previous))
  )
    return { ok: false, reason: 'the letter does not extend the previously signed letter' };
  let report;
  try {
    report = verifyPdf(pdf, { trustAnchors, now });
  } catch (err) {
    return { ok: false, reason: `unreadable PDF: ${(err as Error).message}` };
  }
  if (report.signatures.length === 0) return { ok: false, reason: 'the letter has no signature' };
  if (!report.ok) {
    const bad = report.signatures.find((s) => !s.intact || !s.chain.trusted);
    return {
      ok: false,
      reason: `signature ${bad?.fieldName ?? '?'} is not valid: ${[...(bad?.errors ?? []), bad?.chain.error].filter(Boolean).join('; ')}`,
    };
  }
  return { ok: true };
}

/** Trust anchors from SIGNING_TRUST_ANCHORS (a PEM file of root certificates), or none. */
export function trustAnchorsFromEnv(env: NodeJS.ProcessEnv = process.env): X509Certificate[] {
  const file = env.SIGNING_TRUST_ANCHORS;
  return file ? loadCertificates(readFileSync(file)) : [];
}
