/**
 * Certificate path from a signer to one of the configured trust anchors, validated per RFC 5280
 * §6.1 for what a document signature needs: signatures and name chaining (node:crypto), validity
 * at the signing time, basicConstraints and pathLenConstraint, keyUsage, extendedKeyUsage of the
 * signer, and no unrecognised critical extension. Synchronous on purpose: `verifyPdf` is (see
 * docs/decisions/0014-chains-and-revocation.md); revocation comes after, in `verifyDocument`.
 */
import { X509Certificate } from 'node:crypto';
import { certificateExtensions, type CertificateExtensions } from './certificate-extensions';

export interface ChainResult {
  trusted: boolean;
  /** Subjects from the signer up to the anchor. */
  path: string[];
  error?: string;
  /** The time the chain was checked at is proven (a timestamp or the present), not only claimed. */
  timeProven: boolean;
  /** Signer → anchor, as far as the path was built (revocation checks walk these). */
  certificates: X509Certificate[];
}

/** What the end-entity certificate is used for: decides the keyUsage/EKU rules applied to it. */
export type CertificatePurpose = 'document' | 'timestamp' | 'ocsp';

export interface ChainOptions {
  purpose?: CertificatePurpose;
  /** False when `at` is only the signer's claimed time (/M). Default true. */
  timeProven?: boolean;
}

/** PEM (one or many certificates) or DER → certificates. */
export function loadCertificates(data: Buffer | string): X509Certificate[] {
  const text = typeof data === 'string' ? data : data.toString('latin1');
  const pems = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  if (pems) return pems.map((p) => new X509Certificate(p));
  return [new X509Certificate(typeof data === 'string' ? Buffer.from(data, 'latin1') : data)];
}

export const subjectOf = (c: X509Certificate): string => c.subject.replace(/\n/g, ', ');
const validAt = (c: X509Certificate, at: Date) =>
  at >= new Date(c.validFrom) && at <= new Date(c.validTo);
/** Name chaining and signature only: the CA rules are checked on the whole path, with reasons. */
const issuedBy = (child: X509Certificate, parent: X509Certificate) =>
  child.issuer === parent.subject && child.verify(parent.publicKey);
const selfIssued = (c: X509Certificate) => c.subject === c.issuer;

const EKU = {
  any: '2.5.29.37.0',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
  documentSigning: '1.3.6.1.5.5.7.3.36',
  adobeAuthenticDocuments: '1.2.840.113583.1.1.5',
  msDocumentSigning: '1.3.6.1.4.1.311.10.3.12',
  msLifetimeSigning: '1.3.6.1.4.1.311.10.3.13',
} as const;

/**
 * Extended key usages that allow signing documents (anyExtendedKeyUsage included, RFC 5280
 * §4.2.1.12).
 */
const DOCUMENT_EKUS: ReadonlySet<string> = new Set([
  EKU.any,
  EKU.emailProtection,
  EKU.documentSigning,
  EKU.adobeAuthenticDocuments,
  EKU.msDocumentSigning,
  EKU.msLifetimeSigning,
]);
const PURPOSE_EKUS: Record<CertificatePurpose, ReadonlySet<string>> = {
  document: DOCUMENT_EKUS,
  timestamp: new Set([EKU.timeStamping]),
  ocsp: new Set([EKU.ocspSigning]),
};

/** Rules for the end-entity certificate; a string is the reason it fails. */
function endEntityProblem(
  c: X509Certificate,
  ext: CertificateExtensions,
  purpose: CertificatePurpose,
): string | undefined {
  const who = `signer certificate '${subjectOf(c)}'`;
  // RFC 3161/6960 require only the EKU of a TSA or OCSP responder; a document signer must say.
  if (!ext.keyUsage && purpose === 'document') return `${who} has no keyUsage extension`;
  if (ext.keyUsage && !ext.keyUsage.digitalSignature && !ext.keyUsage.nonRepudiation)
    return `${who} keyUsage allows neither digitalSignature nor nonRepudiation`;
  // A document signer's EKU is optional; a TSA or OCSP responder must carry its own.
  const ekus = ext.extKeyUsage ?? (purpose === 'document' ? undefined : []);
  if (ekus && !ekus.some((oid) => PURPOSE_EKUS[purpose].has(oid)))
    return `${who} extendedKeyUsage (${ekus.join(', ') || 'none'}) does not allow ${purpose} signing`;
  return undefined;
}

/** Rules for an issuing CA certificate (intermediate or anchor). */
function caProblem(
  c: X509Certificate,
  ext: CertificateExtensions,
  intermediatesBelow: number,
): string | undefined {
  const who = `CA certificate '${subjectOf(c)}'`;
  if (!ext.basicConstraints?.cA) return `issuer is not a CA: ${who} lacks basicConstraints cA`;
  if (ext.keyUsage && !ext.keyUsage.keyCertSign) return `${who} keyUsage lacks keyCertSign`;
  const pathLen = ext.basicConstraints.pathLen;
  if (pathLen !== undefined && intermediatesBelow > pathLen)
    return `${who} pathLenConstraint ${pathLen} exceeded: ${intermediatesBelow} CA certificates below it`;
  return undefined;
}

function unknownCritical(c: X509Certificate, ext: CertificateExtensions): string | undefined {
  if (ext.unknownCritical.length === 0) return undefined;
  return `certificate '${subjectOf(c)}' has unrecognised critical extension ${ext.unknownCritical.join(', ')}`;
}

/** Checks a built path (signer first, anchor last) against the RFC 5280 rules above. */
function pathProblem(
  path: X509Certificate[],
  at: Date,
  purpose: CertificatePurpose,
): string | undefined {
  let intermediatesBelow = 0;
  for (const [i, c] of path.entries()) {
    const isAnchor = i === path.length - 1 && i > 0;
    if (!validAt(c, at))
      return isAnchor
        ? 'trust anchor expired'
        : `certificate outside its validity: ${subjectOf(c)}`;
    const ext = certificateExtensions(c);
    const problem =
      (isAnchor ? undefined : unknownCritical(c, ext)) ??
      (i === 0 ? endEntityProblem(c, ext, purpose) : caProblem(c, ext, intermediatesBelow));
    if (problem) return problem;
    // RFC 5280 §6.1.4 (l): self-issued CA certificates do not count against pathLen.
    if (i > 0 && !selfIssued(c)) intermediatesBelow++;
  }
  return undefined;
}

export function buildChain(
  signer: X509Certificate,
  intermediates: X509Certificate[],
  anchors: X509Certificate[],
  at: Date = new Date(),
  options: ChainOptions = {},
): ChainResult {
  const timeProven = options.timeProven ?? true;
  const purpose = options.purpose ?? 'document';
  const certificates = [signer];
  const done = (error?: string): ChainResult => ({
    trusted: error === undefined,
    path: certificates.map(subjectOf),
    timeProven,
    certificates,
    ...(error === undefined ? {} : { error }),
  });
  let current = signer;
  for (let depth = 0; depth < 10; depth++) {
    const isAnchor = anchors.some((a) => a.fingerprint256 === current.fingerprint256);
    const anchor = isAnchor ? undefined : anchors.find((a) => issuedBy(current, a));
    if (isAnchor || anchor) {
      if (anchor) certificates.push(anchor);
      return done(pathProblem(certificates, at, purpose));
    }
    const next = intermediates.find(
      (c) => c.fingerprint256 !== current.fingerprint256 && issuedBy(current, c),
    );
    if (!next) return done(pathProblem(certificates, at, purpose) ?? 'no path to a trust anchor');
    certificates.push(next);
    current = next;
  }
  return done('certificate path too long');
}
