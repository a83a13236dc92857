/**
 * CMS SignedData for PAdES baseline B-B (ETSI EN 319 142-1 / 319 122-1): detached, SHA-256,
 * signed attributes content-type, message-digest and ESS signing-certificate-v2, no signing-time
 * (PAdES puts the claimed time in the signature dictionary's /M), attributes DER-sorted.
 * node-forge's PKCS#7 writer cannot emit signing-certificate-v2, so the structure is assembled
 * with forge.asn1 and the token signs the DER of the attribute SET.
 */
import { createHash } from 'node:crypto';
import {
  asn1,
  type Asn1,
  children,
  ctx,
  derSortedSet,
  int,
  nul,
  octets,
  oid,
  OID,
  parseDer,
  seq,
  set,
  toDer,
} from './asn1';

export interface CmsSigner {
  /** DER of the signer's certificate. */
  certificate: Buffer;
  keyType: 'rsa' | 'ec';
  /** Signs SHA-256(data) with the private key; returns PKCS#1 v1.5 bytes or a DER ECDSA value. */
  sign(data: Buffer): Promise<Buffer>;
}

export interface CmsOptions {
  /** Intermediate (and optionally root) certificates, DER, included after the signer's. */
  chain?: Buffer[];
  /** RFC 3161: returns a TimeStampToken (DER ContentInfo) over the given signature value. */
  timestamp?: (signatureValue: Buffer) => Promise<Buffer>;
}

const sha256Alg = () => seq([oid(OID.sha256)]);

/** issuer Name and serialNumber INTEGER of a certificate, as parsed nodes. */
export function issuerAndSerial(certDer: Buffer): { issuer: Asn1; serial: Asn1 } {
  const tbs = children(parseDer(certDer))[0];
  const fields = children(tbs);
  const offset = fields[0]?.tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  const serial = fields[offset];
  const issuer = fields[offset + 2];
  if (!serial || !issuer) throw new Error('certificate without issuer/serial');
  return { issuer, serial };
}

export function signedAttributes(contentDigest: Buffer, certDer: Buffer): Asn1 {
  const { issuer, serial } = issuerAndSerial(certDer);
  const certHash = createHash('sha256').update(certDer).digest();
  // ESSCertIDv2 with hashAlgorithm omitted (DEFAULT sha256) and issuerSerial for unambiguity.
  const essCertId = seq([octets(certHash), seq([seq([ctx(4, [issuer])]), serial])]);
  const attr = (type: string, value: Asn1) => seq([oid(type), set([value])]);
  return derSortedSet([
    attr(OID.contentType, oid(OID.data)),
    attr(OID.messageDigest, octets(contentDigest)),
    attr(OID.signingCertificateV2, seq([seq([essCertId])])),
  ]);
}

/** The DER (as a SET, tag 0x31) that the signature value covers (RFC 5652 §5.4). */
export function signedAttributesDer(attrs: Asn1): Buffer {
  return toDer(attrs);
}

export async function buildCadesDetached(
  contentDigest: Buffer,
  signer: CmsSigner,
  options: CmsOptions = {},
): Promise<Buffer> {
  const attrs = signedAttributes(contentDigest, signer.certificate);
  const signature = await signer.sign(signedAttributesDer(attrs));
  const { issuer, serial } = issuerAndSerial(signer.certificate);
  const sigAlg =
    signer.keyType === 'rsa'
      ? seq([oid(OID.rsaEncryption), nul()])
      : seq([oid(OID.ecdsaWithSha256)]);
  const implicitAttrs = ctx(0, children(attrs));
  const signerInfo: Asn1[] = [
    int(1),
    seq([issuer, serial]),
    sha256Alg(),
    implicitAttrs,
    sigAlg,
    octets(signature),
  ];
  if (options.timestamp) {
    const token = await options.timestamp(signature);
    signerInfo.push(ctx(1, [seq([oid(OID.timeStampToken), set([parseDer(token)])])]));
  }
  const certs = [signer.certificate, ...(options.chain ?? [])].map((c) => parseDer(c));
  const signedData = seq([
    int(1),
    set([sha256Alg()]),
    seq([oid(OID.data)]),
    ctx(0, certs),
    set([seq(signerInfo)]),
  ]);
  return toDer(seq([oid(OID.signedData), ctx(0, [signedData])]));
}
