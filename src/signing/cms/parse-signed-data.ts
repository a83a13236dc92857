/** Reads a detached CMS SignedData (as found in a PDF's /Contents) enough to verify it. */
import {
  type Asn1,
  asn1,
  bytesOf,
  children,
  oidOf,
  OID,
  parseDer,
  parseLeading,
  set,
  toDer,
} from './asn1';

export interface ParsedSignerInfo {
  issuerDer: Buffer;
  serial: Buffer;
  digestAlgorithm: string;
  /** DER of the signed attributes as a SET (what the signature covers). */
  signedAttrsDer: Buffer;
  messageDigest?: Buffer;
  contentType?: string;
  hasSigningTime: boolean;
  /** certHash of ESS signing-certificate-v2, when present. */
  essCertHash?: Buffer;
  signatureAlgorithm: string;
  signature: Buffer;
  /** DER ContentInfo of the RFC 3161 token in the unsigned attributes, if any. */
  timeStampToken?: Buffer;
}

export interface ParsedSignedData {
  /** eContentType of the encapsulated content (id-data for detached PAdES, TSTInfo in tokens). */
  contentType: string;
  /** The encapsulated content's bytes when not detached (a timestamp token's DER TSTInfo). */
  content?: Buffer;
  certificates: Buffer[];
  signerInfo: ParsedSignerInfo;
}

/** An element with universal tag 0: padding swallowed by a stretched length, never real data. */
function holdsPadding(node: Asn1, depth = 0): boolean {
  if (depth > 64) return true;
  if (node.tagClass === asn1.Class.UNIVERSAL && node.type === 0) return true;
  return children(node).some((child) => holdsPadding(child, depth + 1));
}

/**
 * A PDF signature's /Contents: one CMS ContentInfo (DER, or BER as NSS writes it), then zero
 * padding up to the reserved room, and nothing else: a changed tag, a length stretched over the
 * padding or a non-zero byte after the structure makes it no signature at all.
 */
export function parsePaddedSignedData(contents: Buffer): ParsedSignedData {
  return parseSignedData(unpadContents(contents));
}

/** The DER of the one CMS structure in a padded /Contents, held to the rules above. */
export function unpadContents(contents: Buffer): Buffer {
  const { node, length } = parseLeading(contents);
  if (node.tagClass !== asn1.Class.UNIVERSAL || node.type !== asn1.Type.SEQUENCE)
    throw new Error('the signature is not a SEQUENCE');
  if (holdsPadding(node)) throw new Error('the signature holds padding inside its structure');
  if (contents.subarray(length).some((b) => b !== 0))
    throw new Error('non-zero bytes after the signature in /Contents');
  return toDer(node);
}

const { UNIVERSAL, CONTEXT_SPECIFIC } = asn1.Class;
const { INTEGER, SEQUENCE, SET, OCTETSTRING } = asn1.Type;

/** Throws unless `node` has this class and tag: a changed tag is no CMS, whatever it held. */
function expect(node: Asn1 | undefined, tagClass: number, type: number, what: string): Asn1 {
  if (!node || node.tagClass !== tagClass || node.type !== type)
    throw new Error(`CMS ${what} has the wrong tag`);
  return node;
}

/** A CMS version: an INTEGER of the values RFC 5652 allows there. */
function expectVersion(node: Asn1 | undefined, allowed: readonly number[], what: string): void {
  const value = bytesOf(expect(node, UNIVERSAL, INTEGER, `${what} version`));
  if (value.length !== 1 || !allowed.includes(value[0]!))
    throw new Error(`CMS ${what} version is not one of ${allowed.join(', ')}`);
}

export function parseSignedData(der: Buffer): ParsedSignedData {
  const root = parseDer(der, false);
  const [ct, wrapped] = children(expect(root, UNIVERSAL, SEQUENCE, 'ContentInfo'));
  if (oidOf(ct) !== OID.signedData) throw new Error('not a CMS SignedData');
  const sd = children(
    expect(
      children(expect(wrapped, CONTEXT_SPECIFIC, 0, 'content'))[0],
      UNIVERSAL,
      SEQUENCE,
      'SignedData',
    ),
  );
  // Every field's tag is checked, not only the ones read: the fields outside the signed
  // attributes are not covered by the signature, so a lenient reader would call a changed one ok.
  expectVersion(sd[0], [1, 3, 4, 5], 'SignedData');
  expect(sd[1], UNIVERSAL, SET, 'digestAlgorithms');
  const [eType, eContent] = children(expect(sd[2], UNIVERSAL, SEQUENCE, 'encapContentInfo'));
  // [0] EXPLICIT OCTET STRING; BER producers may split it into constructed chunks.
  const octetNode = children(eContent)[0];
  const content = octetNode
    ? Array.isArray(octetNode.value)
      ? Buffer.concat(children(octetNode).map(bytesOf))
      : bytesOf(octetNode)
    : undefined;
  const certificates: Buffer[] = [];
  let signerInfos: Asn1 | undefined;
  for (const node of sd.slice(3)) {
    if (node.tagClass === asn1.Class.CONTEXT_SPECIFIC && node.type === 0) {
      for (const c of children(node)) certificates.push(toDer(c));
    } else if (node.tagClass === asn1.Class.UNIVERSAL && node.type === asn1.Type.SET)
      signerInfos = node;
  }
  const si = children(expect(children(signerInfos)[0], UNIVERSAL, SEQUENCE, 'SignerInfo'));
  if (si.length < 5) throw new Error('CMS without a SignerInfo');
  const [version, sid, digestAlg, ...rest] = si;
  expectVersion(version, [1, 3], 'SignerInfo');
  expect(sid, UNIVERSAL, SEQUENCE, 'issuerAndSerialNumber');
  expect(digestAlg, UNIVERSAL, SEQUENCE, 'digestAlgorithm');
  const sidParts = children(sid);
  let i = 0;
  let attrs: Asn1[] = [];
  if (rest[0]?.tagClass === asn1.Class.CONTEXT_SPECIFIC && rest[0].type === 0) {
    attrs = children(rest[0]);
    i = 1;
  }
  const sigAlg = expect(rest[i], UNIVERSAL, SEQUENCE, 'signatureAlgorithm');
  const sigValue = expect(rest[i + 1], UNIVERSAL, OCTETSTRING, 'signature');
  const unsigned = rest[i + 2];
  if (unsigned) expect(unsigned, CONTEXT_SPECIFIC, 1, 'unsignedAttrs');
  if (rest.length > i + 3) throw new Error('CMS SignerInfo has fields after its unsignedAttrs');
  const info: ParsedSignerInfo = {
    issuerDer: sidParts[0] ? toDer(sidParts[0]) : Buffer.alloc(0),
    serial: bytesOf(sidParts[1]),
    digestAlgorithm: oidOf(children(digestAlg)[0]),
    signedAttrsDer: toDer(set(attrs)),
    hasSigningTime: false,
    signatureAlgorithm: oidOf(children(sigAlg)[0]),
    signature: bytesOf(sigValue),
  };
  for (const a of attrs) {
    const [type, values] = children(a);
    const v = children(values)[0];
    const t = oidOf(type);
    if (t === OID.messageDigest) info.messageDigest = bytesOf(v);
    else if (t === OID.contentType) info.contentType = oidOf(v);
    else if (t === OID.signingTime) info.hasSigningTime = true;
    else if (t === OID.signingCertificateV2) {
      const firstId = children(children(children(v)[0])[0]);
      const hashNode = firstId.find((n) => n.type === asn1.Type.OCTETSTRING);
      info.essCertHash = bytesOf(hashNode);
    }
  }
  if (unsigned) {
    for (const a of children(unsigned)) {
      const [type, values] = children(a);
      const v = children(values)[0];
      if (oidOf(type) === OID.timeStampToken && v) info.timeStampToken = toDer(v);
    }
  }
  return { contentType: oidOf(eType), content, certificates, signerInfo: info };
}
