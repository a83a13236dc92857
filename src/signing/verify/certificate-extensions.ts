/**
 * The X.509 extensions the path checks and revocation need, read with pkijs (node:crypto's
 * X509Certificate exposes neither keyUsage bits, pathLenConstraint nor criticality). Parsed once
 * per certificate object.
 */
import type { X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

export interface CertificateExtensions {
  basicConstraints?: { cA: boolean; pathLen?: number };
  keyUsage?: {
    digitalSignature: boolean;
    nonRepudiation: boolean;
    keyCertSign: boolean;
    cRLSign: boolean;
  };
  extKeyUsage?: string[];
  /** id-ad-ocsp access locations (http only). */
  ocspUrls: string[];
  /** Full-name URIs of the CRL distribution points (http only). */
  crlUrls: string[];
  /** id-pkix-ocsp-nocheck (RFC 6960 §4.2.2.2.1): a responder certificate not checked itself. */
  ocspNoCheck: boolean;
  /** OIDs of critical extensions this verifier does not process. */
  unknownCritical: string[];
}

const OIDS = {
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  privateKeyUsagePeriod: '2.5.29.16',
  subjectAltName: '2.5.29.17',
  issuerAltName: '2.5.29.18',
  basicConstraints: '2.5.29.19',
  crlDistributionPoints: '2.5.29.31',
  certificatePolicies: '2.5.29.32',
  authorityKeyIdentifier: '2.5.29.35',
  policyConstraints: '2.5.29.36',
  extKeyUsage: '2.5.29.37',
  freshestCrl: '2.5.29.46',
  inhibitAnyPolicy: '2.5.29.54',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  qcStatements: '1.3.6.1.5.5.7.1.3',
  ocspNoCheck: '1.3.6.1.5.5.7.48.1.5',
  adOcsp: '1.3.6.1.5.5.7.48.1',
} as const;

/**
 * Critical extensions we recognise. Policies are recognised without a required policy set (no
 * explicit-policy input), which RFC 5280 §6.1.1 allows; nameConstraints is not processed, so a
 * critical one makes the path fail (listed in the decision record).
 */
const RECOGNISED: ReadonlySet<string> = new Set([
  OIDS.subjectKeyIdentifier,
  OIDS.keyUsage,
  OIDS.privateKeyUsagePeriod,
  OIDS.subjectAltName,
  OIDS.issuerAltName,
  OIDS.basicConstraints,
  OIDS.crlDistributionPoints,
  OIDS.certificatePolicies,
  OIDS.authorityKeyIdentifier,
  OIDS.policyConstraints,
  OIDS.extKeyUsage,
  OIDS.freshestCrl,
  OIDS.inhibitAnyPolicy,
  OIDS.authorityInfoAccess,
  OIDS.qcStatements,
  OIDS.ocspNoCheck,
]);

const cache = new WeakMap<X509Certificate, CertificateExtensions>();

export function pkijsCertificate(c: X509Certificate): pkijs.Certificate {
  return pkijs.Certificate.fromBER(new Uint8Array(c.raw));
}

/** KeyUsage BIT STRING: bit 0 is the most significant bit of the first byte. */
function keyUsageOf(ext: pkijs.Extension): CertificateExtensions['keyUsage'] {
  const bits = ext.parsedValue as asn1js.BitString;
  const bytes = bits.valueBlock.valueHexView;
  const bit = (n: number) => ((bytes[n >> 3] ?? 0) & (0x80 >> (n & 7))) !== 0;
  return { digitalSignature: bit(0), nonRepudiation: bit(1), keyCertSign: bit(5), cRLSign: bit(6) };
}

function basicConstraintsOf(ext: pkijs.Extension): CertificateExtensions['basicConstraints'] {
  const bc = ext.parsedValue as pkijs.BasicConstraints;
  const raw = bc.pathLenConstraint;
  const pathLen = raw instanceof asn1js.Integer ? raw.valueBlock.valueDec : raw;
  return { cA: bc.cA === true, ...(typeof pathLen === 'number' ? { pathLen } : {}) };
}

const uriOf = (name: pkijs.GeneralName): string | undefined =>
  name.type === 6 && typeof name.value === 'string' && /^https?:\/\//i.test(name.value)
    ? name.value
    : undefined;

function ocspUrlsOf(ext: pkijs.Extension): string[] {
  const aia = ext.parsedValue as pkijs.InfoAccess;
  return aia.accessDescriptions
    .filter((d) => d.accessMethod === OIDS.adOcsp)
    .flatMap((d) => uriOf(d.accessLocation) ?? []);
}

function crlUrlsOf(ext: pkijs.Extension): string[] {
  const dps = ext.parsedValue as pkijs.CRLDistributionPoints;
  return dps.distributionPoints.flatMap((dp) =>
    Array.isArray(dp.distributionPoint) ? dp.distributionPoint.flatMap((n) => uriOf(n) ?? []) : [],
  );
}

export function certificateExtensions(c: X509Certificate): CertificateExtensions {
  const hit = cache.get(c);
  if (hit) return hit;
  const out: CertificateExtensions = {
    ocspUrls: [],
    crlUrls: [],
    ocspNoCheck: false,
    unknownCritical: [],
  };
  for (const ext of pkijsCertificate(c).extensions ?? []) {
    if (ext.critical && !RECOGNISED.has(ext.extnID)) out.unknownCritical.push(ext.extnID);
    if (ext.extnID === OIDS.keyUsage) out.keyUsage = keyUsageOf(ext);
    if (ext.extnID === OIDS.basicConstraints) out.basicConstraints = basicConstraintsOf(ext);
    if (ext.extnID === OIDS.extKeyUsage)
      out.extKeyUsage = (ext.parsedValue as pkijs.ExtKeyUsage).keyPurposes;
    if (ext.extnID === OIDS.authorityInfoAccess) out.ocspUrls = ocspUrlsOf(ext);
    if (ext.extnID === OIDS.crlDistributionPoints) out.crlUrls = crlUrlsOf(ext);
    if (ext.extnID === OIDS.ocspNoCheck) out.ocspNoCheck = true;
  }
  cache.set(c, out);
  return out;
}
