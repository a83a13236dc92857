/**
 * The CA certificates a signature carries so that a verifier holding only the root can build the
 * path (pdfsig, the server, another office): the intermediates stored on the token, completed by
 * those of the operator's trust file (SIGNING_TRUST_ANCHORS). Shared by the app's letter signing
 * and the `sign` command line.
 */
import { X509Certificate } from 'node:crypto';
import type { TokenCertificate } from './token-objects';

/** Certificates on the token that are CAs (not the signer's own), as DER. */
export function caCertificatesOn(
  certs: readonly TokenCertificate[],
  signerKeyId: string,
): Buffer[] {
  return certs.filter((c) => c.id !== signerKeyId && isCa(c.info.der)).map((c) => c.info.der);
}

function isCa(der: Buffer): boolean {
  try {
    return new X509Certificate(der).ca;
  } catch {
    return false; // an unparsable object on the token is not part of any chain
  }
}

const MAX_DEPTH = 8;

/**
 * The issuers of `signerDer` found in `pool`, nearest first, each issuing the previous one (name
 * and signature checked), stopping before a self-signed root: the verifier has it already.
 */
export function chainFor(signerDer: Buffer, pool: readonly X509Certificate[]): Buffer[] {
  const chain: Buffer[] = [];
  let current = new X509Certificate(signerDer);
  const seen = new Set([current.fingerprint256]);
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const issuer = pool.find((c) => !seen.has(c.fingerprint256) && issues(c, current));
    if (!issuer || issues(issuer, issuer)) break;
    chain.push(Buffer.from(issuer.raw));
    seen.add(issuer.fingerprint256);
    current = issuer;
  }
  return chain;
}

function issues(issuer: X509Certificate, subject: X509Certificate): boolean {
  return issuer.ca && subject.checkIssued(issuer) && subject.verify(issuer.publicKey);
}

/** The chain to embed: the token's CA certificates first, then the trust file's. */
export function embeddedChain(
  signerDer: Buffer,
  tokenCaCertificates: readonly Buffer[],
  trustFile: readonly X509Certificate[],
): Buffer[] {
  const pool = [...tokenCaCertificates.map((der) => new X509Certificate(der)), ...trustFile];
  return chainFor(signerDer, pool);
}
