/**
 * Reading and checking an RFC 3161 TimeStampToken (a CMS SignedData over a DER TSTInfo): the
 * imprint must be SHA-256 of the bytes it stamps (for PAdES B-T, the signature value), the CMS
 * signature of the TSA must verify, and the TSA certificate must be marked for time-stamping.
 */
import { createHash, verify as cryptoVerify, X509Certificate } from 'node:crypto';
import { asn1, bytesOf, children, OID, oidOf, parseDer } from '../cms/asn1';
import { parseSignedData } from '../cms/parse-signed-data';
import { buildChain, type ChainResult } from '../verify/chain';

export interface TstInfo {
  policy: string;
  serial: Buffer;
  genTime: Date;
  imprintAlgorithm: string;
  imprint: Buffer;
  nonce?: Buffer;
}

const TIME_STAMPING_EKU = '1.3.6.1.5.5.7.3.8';

export function parseTstInfo(der: Buffer): TstInfo {
  const fields = children(parseDer(der));
  const [version, policy, imprint, serial, genTime, ...rest] = fields;
  if (!version || !genTime || genTime.type !== asn1.Type.GENERALIZEDTIME)
    throw new Error('TSTInfo malformed');
  const [alg, digest] = children(imprint);
  const nonce = rest.find(
    (n) => n.tagClass === asn1.Class.UNIVERSAL && n.type === asn1.Type.INTEGER,
  );
  return {
    policy: oidOf(policy),
    serial: bytesOf(serial),
    genTime: asn1.generalizedTimeToDate(genTime.value as string),
    imprintAlgorithm: oidOf(children(alg)[0]),
    imprint: bytesOf(digest),
    nonce: nonce ? bytesOf(nonce) : undefined,
  };
}

export interface TimestampCheck {
  /** genTime of the token, ISO 8601. */
  time?: string;
  tsa?: string;
  /** Imprint equals SHA-256 of the stamped bytes. */
  imprintOk: boolean;
  /** TSA's CMS signature over TSTInfo verifies and its certificate is for time-stamping. */
  signatureOk: boolean;
  chain: ChainResult;
  errors: string[];
}

const strip = (b: Buffer) =>
  b.subarray(
    Math.max(
      0,
      b.findIndex((x) => x !== 0),
    ),
  );

/** Checks `tokenDer` stamps `stamped`; the TSA's chain is built to `anchors` at genTime. */
export function checkTimestampToken(
  tokenDer: Buffer,
  stamped: Buffer,
  anchors: X509Certificate[],
): TimestampCheck {
  const chain: ChainResult = { trusted: false, path: [], timeProven: true, certificates: [] };
  const out: TimestampCheck = { imprintOk: false, signatureOk: false, chain, errors: [] };
  try {
    const token = parseSignedData(tokenDer);
    if (token.contentType !== OID.tstInfo || !token.content) throw new Error('not a TSTInfo token');
    const tst = parseTstInfo(token.content);
    out.time = tst.genTime.toISOString();
    out.imprintOk =
      tst.imprintAlgorithm === OID.sha256 &&
      tst.imprint.equals(createHash('sha256').update(stamped).digest());
    if (!out.imprintOk) out.errors.push('timestamp imprint does not match the signature value');

    const si = token.signerInfo;
    const certs = token.certificates.map((c) => new X509Certificate(c));
    const tsaCert = certs.find((c) =>
      strip(Buffer.from(c.serialNumber, 'hex')).equals(strip(si.serial)),
    );
    if (!tsaCert) throw new Error('TSA certificate not in the token');
    out.tsa = /(?:^|\n)CN=([^\n]*)/.exec(tsaCert.subject)?.[1];
    const digestOk =
      si.messageDigest !== undefined &&
      si.messageDigest.equals(createHash('sha256').update(token.content).digest());
    const sigOk = cryptoVerify('sha256', si.signedAttrsDer, tsaCert.publicKey, si.signature);
    const ekuOk = tsaCert.keyUsage?.includes(TIME_STAMPING_EKU) ?? false;
    out.signatureOk = digestOk && sigOk && ekuOk;
    if (!digestOk) out.errors.push('timestamp token digest mismatch');
    if (!sigOk) out.errors.push('timestamp token signature invalid');
    if (!ekuOk) out.errors.push('TSA certificate is not for time-stamping');
    out.chain = buildChain(tsaCert, certs, anchors, tst.genTime, { purpose: 'timestamp' });
  } catch (err) {
    out.errors.push(`cannot read the timestamp: ${(err as Error).message}`);
  }
  return out;
}
