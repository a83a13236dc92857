/** Certificate path from a signer to one of the configured trust anchors (signatures + validity). */
import { X509Certificate } from 'node:crypto';

export interface ChainResult {
  trusted: boolean;
  /** Subjects from the signer up to the anchor. */
  path: string[];
  error?: string;
}

/** PEM (one or many certificates) or DER → certificates. */
export function loadCertificates(data: Buffer | string): X509Certificate[] {
  const text = typeof data === 'string' ? data : data.toString('latin1');
  const pems = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  if (pems) return pems.map((p) => new X509Certificate(p));
  return [new X509Certificate(typeof data === 'string' ? Buffer.from(data, 'latin1') : data)];
}

const validAt = (c: X509Certificate, at: Date) => at >= new Date(c.validFrom) && at <= new Date(c.validTo); // prettier-ignore
const issuedBy = (child: X509Certificate, parent: X509Certificate) =>
  child.checkIssued(parent) && child.verify(parent.publicKey);

export function buildChain(
  signer: X509Certificate,
  intermediates: X509Certificate[],
  anchors: X509Certificate[],
  at: Date = new Date(),
): ChainResult {
  const path = [signer.subject.replace(/\n/g, ', ')];
  let current = signer;
  for (let depth = 0; depth < 10; depth++) {
    if (!validAt(current, at)) return { trusted: false, path, error: `certificate outside its validity: ${current.subject.replace(/\n/g, ', ')}` }; // prettier-ignore
    if (anchors.some((a) => a.fingerprint256 === current.fingerprint256))
      return { trusted: true, path };
    const anchor = anchors.find((a) => issuedBy(current, a));
    if (anchor) {
      path.push(anchor.subject.replace(/\n/g, ', '));
      return validAt(anchor, at) ? { trusted: true, path } : { trusted: false, path, error: 'trust anchor expired' }; // prettier-ignore
    }
    const next = intermediates.find((c) => c.fingerprint256 !== current.fingerprint256 && issuedBy(current, c)); // prettier-ignore
    if (!next) return { trusted: false, path, error: 'no path to a trust anchor' };
    if (!next.ca) return { trusted: false, path, error: 'issuer is not a CA' };
    path.push(next.subject.replace(/\n/g, ', '));
    current = next;
  }
  return { trusted: false, path, error: 'certificate path too long' };
}
