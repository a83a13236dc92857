/**
 * OCSP (RFC 6960): the request for one certificate (SHA-1 CertID, as responders universally
 * support, and a nonce), and the checks of a response before its status is believed: successful
 * basic response, a SingleResponse for exactly our CertID, signed by the issuer itself or by a
 * responder certificate the issuer delegated to (id-kp-OCSPSigning), our nonce echoed when it
 * answers one, and thisUpdate/nextUpdate fresh for the time asked about.
 */
import { createHash, randomBytes, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { certificateExtensions, pkijsCertificate } from '../verify/certificate-extensions';
import { signatureVerifies } from './signature';
import type { CertificateStatus } from './types';

const OID = {
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  basicResponse: '1.3.6.1.5.5.7.48.1.1',
  nonce: '1.3.6.1.5.5.7.48.1.2',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
} as const;
const HASH_NAME: Record<string, string> = { [OID.sha1]: 'sha1', [OID.sha256]: 'sha256' };

/** Clock skew tolerated between us and the responder. */
export const CLOCK_SKEW_MS = 5 * 60_000;
/** A response without nextUpdate is believed this long after its thisUpdate. */
export const NO_NEXT_UPDATE_TTL_MS = 60 * 60_000;

export class OcspError extends Error {
  override readonly name = 'OcspError';
}

export const CRL_REASONS = [
  'unspecified',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  'unused',
  'removeFromCRL',
  'privilegeWithdrawn',
  'aACompromise',
] as const;

export interface RevocationAnswer {
  status: CertificateStatus;
  revokedAt?: Date;
  reason?: string;
  thisUpdate: Date;
  nextUpdate?: Date;
}

const bytes = (b: Uint8Array | ArrayBuffer) =>
  Buffer.from(b instanceof ArrayBuffer ? new Uint8Array(b) : b);

/** The CertID fields of `cert` under `issuer`, with the given hash. */
function certIdParts(cert: X509Certificate, issuer: X509Certificate, hashOid: string) {
  const hash = HASH_NAME[hashOid];
  if (!hash) throw new OcspError(`CertID hash ${hashOid} not supported`);
  const issuerCert = pkijsCertificate(issuer);
  const name = bytes(issuerCert.subject.valueBeforeDecode);
  const key = bytes(issuerCert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView);
  return {
    nameHash: createHash(hash).update(name).digest(),
    keyHash: createHash(hash).update(key).digest(),
    serial: bytes(pkijsCertificate(cert).serialNumber.valueBlock.valueHexView),
  };
}

const stripZeros = (b: Buffer) =>
  b.subarray(
    Math.max(
      0,
      b.findIndex((x) => x !== 0),
    ),
  );

function sameCertId(id: pkijs.CertID, cert: X509Certificate, issuer: X509Certificate): boolean {
  const hashOid = id.hashAlgorithm.algorithmId;
  if (!HASH_NAME[hashOid]) return false;
  const ours = certIdParts(cert, issuer, hashOid);
  return (
    ours.nameHash.equals(bytes(id.issuerNameHash.valueBlock.valueHexView)) &&
    ours.keyHash.equals(bytes(id.issuerKeyHash.valueBlock.valueHexView)) &&
    stripZeros(ours.serial).equals(stripZeros(bytes(id.serialNumber.valueBlock.valueHexView)))
  );
}

export interface OcspRequest {
  der: Buffer;
  nonce: Buffer;
}

export function ocspRequest(cert: X509Certificate, issuer: X509Certificate): OcspRequest {
  const parts = certIdParts(cert, issuer, OID.sha1);
  const certId = new pkijs.CertID({
    hashAlgorithm: new pkijs.AlgorithmIdentifier({
      algorithmId: OID.sha1,
      algorithmParams: new asn1js.Null(),
    }),
    issuerNameHash: new asn1js.OctetString({ valueHex: parts.nameHash }),
    issuerKeyHash: new asn1js.OctetString({ valueHex: parts.keyHash }),
    serialNumber: pkijsCertificate(cert).serialNumber,
  });
  const nonce = randomBytes(16);
  const request = new pkijs.OCSPRequest();
  request.tbsRequest.requestList = [new pkijs.Request({ reqCert: certId })];
  request.tbsRequest.requestExtensions = [
    new pkijs.Extension({
      extnID: OID.nonce,
      extnValue: new asn1js.OctetString({ valueHex: nonce }).toBER(false),
    }),
  ];
  return { der: Buffer.from(request.toSchema(true).toBER(false)), nonce };
}

function statusOf(
  single: pkijs.SingleResponse,
): Pick<RevocationAnswer, 'status' | 'revokedAt' | 'reason'> {
  const node = single.certStatus as asn1js.BaseBlock;
  const tag = node.idBlock.tagNumber;
  if (tag === 0) return { status: 'good' };
  if (tag === 2) return { status: 'unknown' };
  if (tag !== 1) throw new OcspError(`unknown certStatus [${tag}]`);
  const inner = (node as asn1js.Constructed).valueBlock.value;
  const time = inner[0];
  if (!(time instanceof asn1js.GeneralizedTime))
    throw new OcspError('RevokedInfo without revocationTime');
  const reasonNode = (inner[1] as asn1js.Constructed | undefined)?.valueBlock?.value?.[0];
  const code = reasonNode instanceof asn1js.Enumerated ? reasonNode.valueBlock.valueDec : undefined;
  return {
    status: 'revoked',
    revokedAt: time.toDate(),
    ...(code !== undefined ? { reason: CRL_REASONS[code] ?? `reason ${code}` } : {}),
  };
}

/** The certificate that signed the response: the issuer, or a delegated responder it issued. */
function responderOf(
  basic: pkijs.BasicOCSPResponse,
  issuer: X509Certificate,
  at: Date,
): X509Certificate {
  const tbs = basic.tbsResponseData.tbsView;
  const algorithm = basic.signatureAlgorithm.algorithmId;
  const signature = basic.signature.valueBlock.valueHexView;
  if (signatureVerifies(tbs, algorithm, signature, issuer)) return issuer;
  for (const embedded of basic.certs ?? []) {
    if (!(embedded instanceof pkijs.Certificate)) continue;
    const candidate = new X509Certificate(Buffer.from(embedded.toSchema().toBER(false)));
    if (!signatureVerifies(tbs, algorithm, signature, candidate)) continue;
    if (candidate.issuer !== issuer.subject || !candidate.verify(issuer.publicKey))
      throw new OcspError('OCSP responder certificate not issued by the certificate issuer');
    if (!(certificateExtensions(candidate).extKeyUsage ?? []).includes(OID.ocspSigning))
      throw new OcspError('OCSP responder certificate lacks id-kp-OCSPSigning');
    if (at < new Date(candidate.validFrom) || at > new Date(candidate.validTo))
      throw new OcspError('OCSP responder certificate outside its validity');
    return candidate;
  }
  throw new OcspError(
    'OCSP response signature does not verify with the issuer or a delegated responder',
  );
}

function echoedNonce(basic: pkijs.BasicOCSPResponse): Buffer | undefined {
  const ext = basic.tbsResponseData.responseExtensions?.find((e) => e.extnID === OID.nonce);
  if (!ext) return undefined;
  const inner = asn1js.fromBER(ext.extnValue.valueBlock.valueHexView).result;
  return inner instanceof asn1js.OctetString
    ? bytes(inner.valueBlock.valueHexView)
    : bytes(ext.extnValue.valueBlock.valueHexView);
}

/**
 * Is `[thisUpdate, nextUpdate]` usable to judge the status at `at`, seen from `now`? Online, `at`
 * is now; for data embedded at signing time (DSS), `at` is the signing time.
 */
export function freshFor(
  thisUpdate: Date,
  nextUpdate: Date | undefined,
  at: Date,
  now: Date,
): boolean {
  if (thisUpdate.getTime() > now.getTime() + CLOCK_SKEW_MS) return false;
  const until = nextUpdate?.getTime() ?? thisUpdate.getTime() + NO_NEXT_UPDATE_TTL_MS;
  return until + CLOCK_SKEW_MS >= at.getTime();
}

export interface OcspCheckOptions {
  /** The nonce we sent; a response echoing another is refused. */
  nonce?: Buffer;
  /** The time the status is wanted for. */
  at: Date;
  now: Date;
}

/** Parses and checks an OCSPResponse for `cert`; throws OcspError when it cannot be believed. */
export function checkOcspResponse(
  der: Buffer,
  cert: X509Certificate,
  issuer: X509Certificate,
  options: OcspCheckOptions,
): RevocationAnswer {
  let response: pkijs.OCSPResponse;
  let basic: pkijs.BasicOCSPResponse;
  try {
    response = pkijs.OCSPResponse.fromBER(new Uint8Array(der));
    if (response.responseStatus.valueBlock.valueDec !== 0)
      throw new OcspError(
        `OCSP responder answered status ${response.responseStatus.valueBlock.valueDec}`,
      );
    if (response.responseBytes?.responseType !== OID.basicResponse)
      throw new OcspError('not a basic OCSP response');
    const inner = Uint8Array.from(response.responseBytes.response.valueBlock.valueHexView);
    basic = pkijs.BasicOCSPResponse.fromBER(inner);
  } catch (err) {
    if (err instanceof OcspError) throw err;
    throw new OcspError(`malformed OCSP response: ${(err as Error).message}`);
  }
  const data = basic.tbsResponseData;
  const single = data.responses.find((r) => sameCertId(r.certID, cert, issuer));
  if (!single) throw new OcspError('OCSP response is not about this certificate');
  responderOf(basic, issuer, data.producedAt);
  const nonce = echoedNonce(basic);
  if (options.nonce && nonce && !nonce.equals(options.nonce))
    throw new OcspError('OCSP response nonce does not match the request (replay)');
  const { thisUpdate, nextUpdate } = single;
  if (!freshFor(thisUpdate, nextUpdate, options.at, options.now))
    throw new OcspError(`OCSP response not fresh (thisUpdate ${thisUpdate.toISOString()})`);
  return { ...statusOf(single), thisUpdate, ...(nextUpdate ? { nextUpdate } : {}) };
}
