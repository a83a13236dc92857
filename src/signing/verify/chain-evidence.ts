/**
 * What the synchronous analysis learnt about a signature's certificates, kept beside its report
 * (not in it: reports cross worker boundaries as plain data) so the revocation step of
 * `verifyDocument` checks exactly the path that was validated, at the time it was validated for.
 */
import type { X509Certificate } from 'node:crypto';

export interface ChainEvidence {
  /** Signer → anchor, as validated. */
  signerPath: X509Certificate[];
  /** TSA → anchor, when the signature has a time-stamp token. */
  tsaPath?: X509Certificate[];
  /** The signature time-stamp's genTime, when its imprint and signature are sound. */
  provenTime?: Date;
}

const evidence = new WeakMap<object, ChainEvidence>();

export function recordChainEvidence(report: object, value: ChainEvidence): void {
  evidence.set(report, value);
}

export function chainEvidenceOf(report: object): ChainEvidence | undefined {
  return evidence.get(report);
}

/** PDF date `D:YYYYMMDDHHmmSSOHH'mm'` (ISO 32000-1 §7.9.4); undefined when unreadable. */
export function parsePdfDate(text: string | undefined): Date | undefined {
  const m =
    /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz+-])(\d{2})?'?(\d{2})?'?)?/.exec(
      text ?? '',
    );
  if (!m) return undefined;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', sign, oh = '00', om = '00'] = m;
  const utc = Date.UTC(+y!, +mo - 1, +d, +h, +mi, +s);
  const offset = (sign === '+' ? 1 : sign === '-' ? -1 : 0) * (+oh * 60 + +om) * 60_000;
  const date = new Date(utc - offset);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * The time a signer's chain is judged at (RFC 5280 validity): the time-stamp's genTime when
 * present and sound (proven), otherwise the claimed /M (unproven), otherwise now.
 */
export function chainTime(
  genTime: string | undefined,
  claimed: string | undefined,
  now: Date,
): { at: Date; proven: boolean } {
  if (genTime) return { at: new Date(genTime), proven: true };
  const m = parsePdfDate(claimed);
  return m ? { at: m, proven: false } : { at: now, proven: true };
}
