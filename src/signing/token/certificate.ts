/** What the user and the signer need to know about an X.509 certificate found on a token. */
import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { parseDer } from '../cms/asn1';
import { signError } from './errors';

export const KEY_USAGE_BITS = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;
export type KeyUsage = (typeof KEY_USAGE_BITS)[number];

export interface CertificateInfo {
  der: Buffer;
  subject: string;
  issuer: string;
  commonName: string;
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  /** `undefined` when the certificate has no key-usage extension (any use allowed). */
  keyUsage: KeyUsage[] | undefined;
  keyType: 'rsa' | 'ec' | 'other';
  namedCurve?: string;
  fingerprint256: string;
}

const OID_KEY_USAGE = '2.5.29.15';

/** Key usage read from the DER: Node's X509Certificate does not expose it. */
export function readKeyUsage(der: Buffer): KeyUsage[] | undefined {
  const cert = parseDer(der);
  const tbs = (cert.value as forge.asn1.Asn1[])[0];
  const fields = (tbs?.value ?? []) as forge.asn1.Asn1[];
  const extsWrapper = fields.find(
    (f) => f.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && f.type === 3,
  );
  const exts = ((extsWrapper?.value as forge.asn1.Asn1[] | undefined)?.[0]?.value ??
    []) as forge.asn1.Asn1[];
  for (const ext of exts) {
    const parts = ext.value as forge.asn1.Asn1[];
    const oid = forge.asn1.derToOid(parts[0]?.value as string);
    if (oid !== OID_KEY_USAGE) continue;
    const octets = parts[parts.length - 1]?.value as string;
    const bits = parseDer(Buffer.from(octets, 'binary')).value as string;
    const bytes = Buffer.from(bits.slice(1), 'binary');
    return KEY_USAGE_BITS.filter((_, i) => ((bytes[i >> 3] ?? 0) & (0x80 >> (i & 7))) !== 0);
  }
  return undefined;
}

export function describeCertificate(der: Buffer): CertificateInfo {
  const x = new X509Certificate(der);
  const key = x.publicKey;
  const keyType =
    key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'ec'
      ? key.asymmetricKeyType
      : 'other';
  const cn = /(?:^|\n)CN=([^\n]*)/.exec(x.subject)?.[1] ?? x.subject;
  return {
    der,
    subject: x.subject.split('\n').join(', '),
    issuer: x.issuer.split('\n').join(', '),
    commonName: cn,
    serialNumber: x.serialNumber,
    notBefore: new Date(x.validFrom),
    notAfter: new Date(x.validTo),
    keyUsage: readKeyUsage(der),
    keyType,
    namedCurve: key.asymmetricKeyDetails?.namedCurve,
    fingerprint256: x.fingerprint256,
  };
}

/** Throws the user-facing refusal when this certificate must not sign at `now`. */
export function assertUsableForSigning(info: CertificateInfo, now: Date = new Date()): void {
  if (now < info.notBefore) {
    throw signError(
      'SIGN_CERT_NOT_YET_VALID',
      `certificate ${info.commonName} valid from ${info.notBefore.toISOString()}`,
    );
  }
  if (now > info.notAfter) {
    throw signError(
      'SIGN_CERT_EXPIRED',
      `certificate ${info.commonName} expired ${info.notAfter.toISOString()}`,
    );
  }
  const ku = info.keyUsage;
  if (ku && !ku.includes('digitalSignature') && !ku.includes('nonRepudiation')) {
    throw signError(
      'SIGN_CERT_KEY_USAGE',
      `certificate ${info.commonName} key usage ${ku.join(',')}`,
    );
  }
  if (info.keyType === 'other' || (info.keyType === 'ec' && info.namedCurve !== 'prime256v1')) {
    throw signError('SIGN_UNSUPPORTED_KEY', `key type ${info.keyType} ${info.namedCurve ?? ''}`);
  }
}
