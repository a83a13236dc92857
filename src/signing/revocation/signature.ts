/**
 * Checks a signature over DER bytes (an OCSP ResponseData, a CRL's TBSCertList) with a
 * certificate's key, by the algorithm OID the structure names. node:crypto, synchronous.
 */
import { verify, type X509Certificate } from 'node:crypto';

/** Signature algorithm OID → digest for node:crypto (RSA PKCS#1 v1.5 and ECDSA). */
const DIGEST_OF: Record<string, string> = {
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.1': 'sha1',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};

export function signatureVerifies(
  signed: Uint8Array,
  algorithmOid: string,
  signature: Uint8Array,
  signer: X509Certificate,
): boolean {
  const digest = DIGEST_OF[algorithmOid];
  if (!digest) return false;
  try {
    return verify(digest, signed, signer.publicKey, signature);
  } catch {
    return false;
  }
}
