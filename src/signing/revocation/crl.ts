/**
 * CRL (RFC 5280 §5, §6.3) for one certificate: issued by the certificate's issuer (name and
 * signature; cRLSign when the issuer states key usages), fresh for the time asked about, no
 * critical extension we do not process (indirect or partitioned CRLs are refused), then the serial
 * looked up among the revoked entries.
 */
import type { X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { certificateExtensions, pkijsCertificate } from '../verify/certificate-extensions';
import { CRL_REASONS, freshFor, type RevocationAnswer } from './ocsp';
import { signatureVerifies } from './signature';

export class CrlError extends Error {
  override readonly name = 'CrlError';
}

const CRL_NUMBER = '2.5.29.20';
const AUTHORITY_KEY_ID = '2.5.29.35';
const REASON_CODE = '2.5.29.21';
const INVALIDITY_DATE = '2.5.29.24';
const RECOGNISED_CRL_EXTENSIONS = new Set([CRL_NUMBER, AUTHORITY_KEY_ID]);
const RECOGNISED_ENTRY_EXTENSIONS = new Set([REASON_CODE, INVALIDITY_DATE]);

const view = (b: ArrayBuffer | Uint8Array) =>
  Buffer.from(b instanceof ArrayBuffer ? new Uint8Array(b) : b);
const stripZeros = (b: Buffer) =>
  b.subarray(
    Math.max(
      0,
      b.findIndex((x) => x !== 0),
    ),
  );

function parse(der: Buffer): pkijs.CertificateRevocationList {
  try {
    return pkijs.CertificateRevocationList.fromBER(new Uint8Array(der));
  } catch (err) {
    throw new CrlError(`malformed CRL: ${(err as Error).message}`);
  }
}

function reasonOf(entry: pkijs.RevokedCertificate): string | undefined {
  const ext = entry.crlEntryExtensions?.extensions.find((e) => e.extnID === REASON_CODE);
  if (!ext) return undefined;
  const node = asn1js.fromBER(ext.extnValue.valueBlock.valueHexView).result;
  const code = node instanceof asn1js.Enumerated ? node.valueBlock.valueDec : undefined;
  return code === undefined ? undefined : (CRL_REASONS[code] ?? `reason ${code}`);
}

/** True when `der` is a CRL issued by `issuer` (cheap pre-check for DSS lookups). */
export function crlIssuedBy(der: Buffer, issuer: X509Certificate): boolean {
  try {
    return view(parse(der).issuer.valueBeforeDecode).equals(
      view(pkijsCertificate(issuer).subject.valueBeforeDecode),
    );
  } catch {
    return false;
  }
}

export function checkCrl(
  der: Buffer,
  cert: X509Certificate,
  issuer: X509Certificate,
  options: { at: Date; now: Date },
): RevocationAnswer {
  const crl = parse(der);
  if (!crlIssuedBy(der, issuer)) throw new CrlError('CRL not issued by the certificate issuer');
  if (
    !signatureVerifies(
      crl.tbsView,
      crl.signatureAlgorithm.algorithmId,
      crl.signatureValue.valueBlock.valueHexView,
      issuer,
    )
  )
    throw new CrlError('CRL signature does not verify with the issuer key');
  const usage = certificateExtensions(issuer).keyUsage;
  if (usage && !usage.cRLSign) throw new CrlError('CRL issuer keyUsage lacks cRLSign');
  const unknown = crl.crlExtensions?.extensions.find(
    (e) => e.critical && !RECOGNISED_CRL_EXTENSIONS.has(e.extnID),
  );
  if (unknown) throw new CrlError(`CRL has unsupported critical extension ${unknown.extnID}`);
  const thisUpdate = crl.thisUpdate.value;
  const nextUpdate = crl.nextUpdate?.value;
  if (!freshFor(thisUpdate, nextUpdate, options.at, options.now))
    throw new CrlError(`CRL not fresh (thisUpdate ${thisUpdate.toISOString()})`);
  const serial = stripZeros(view(pkijsCertificate(cert).serialNumber.valueBlock.valueHexView));
  const entry = (crl.revokedCertificates ?? []).find((e) =>
    stripZeros(view(e.userCertificate.valueBlock.valueHexView)).equals(serial),
  );
  const updates = { thisUpdate, ...(nextUpdate ? { nextUpdate } : {}) };
  if (!entry) return { status: 'good', ...updates };
  const badEntryExt = entry.crlEntryExtensions?.extensions.find(
    (e) => e.critical && !RECOGNISED_ENTRY_EXTENSIONS.has(e.extnID),
  );
  if (badEntryExt)
    throw new CrlError(`CRL entry has unsupported critical extension ${badEntryExt.extnID}`);
  const reason = reasonOf(entry);
  // removeFromCRL lists a certificate that is no longer on hold: not revoked (RFC 5280 §5.3.1).
  if (reason === 'removeFromCRL') return { status: 'good', ...updates };
  return {
    status: 'revoked',
    revokedAt: entry.revocationDate.value,
    ...(reason ? { reason } : {}),
    ...updates,
  };
}
