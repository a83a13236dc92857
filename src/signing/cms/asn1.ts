/** Thin Buffer ⇄ forge.asn1 helpers: forge works on "binary" strings, the rest of us on Buffers. */
import forge from 'node-forge';

export const asn1 = forge.asn1;
export type Asn1 = forge.asn1.Asn1;
const { Class, Type } = forge.asn1;

// The typings only know the old `strict` flag; forge 1.x takes an options object.
const fromDer = asn1.fromDer as unknown as (
  bytes: forge.util.ByteStringBuffer,
  options: { decodeBitStrings: boolean; parseAllBytes: boolean; strict: boolean },
) => Asn1;

export function parseDer(der: Buffer, parseAllBytes = true): Asn1 {
  return fromDer(forge.util.createBuffer(der.toString('binary')), {
    decodeBitStrings: false,
    parseAllBytes,
    strict: true,
  });
}

/** Parses one BER/DER element at the start of `bytes`; also returns how many bytes it took. */
export function parseLeading(bytes: Buffer): { node: Asn1; length: number } {
  const buffer = forge.util.createBuffer(bytes.toString('binary'));
  const node = fromDer(buffer, { decodeBitStrings: false, parseAllBytes: false, strict: true });
  return { node, length: bytes.length - buffer.length() };
}

export function toDer(node: Asn1): Buffer {
  return Buffer.from(asn1.toDer(node).getBytes(), 'binary');
}

export const seq = (items: Asn1[]): Asn1 =>
  asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, items);
export const set = (items: Asn1[]): Asn1 => asn1.create(Class.UNIVERSAL, Type.SET, true, items);
export const oid = (dotted: string): Asn1 =>
  asn1.create(Class.UNIVERSAL, Type.OID, false, asn1.oidToDer(dotted).getBytes());
export const nul = (): Asn1 => asn1.create(Class.UNIVERSAL, Type.NULL, false, '');
export const octets = (b: Buffer): Asn1 =>
  asn1.create(Class.UNIVERSAL, Type.OCTETSTRING, false, b.toString('binary'));
export const int = (n: number): Asn1 =>
  asn1.create(Class.UNIVERSAL, Type.INTEGER, false, asn1.integerToDer(n).getBytes());
/** [n] context-specific, constructed (EXPLICIT, or IMPLICIT of a constructed type). */
export const ctx = (n: number, items: Asn1[]): Asn1 =>
  asn1.create(Class.CONTEXT_SPECIFIC, n, true, items);

export const children = (node: Asn1 | undefined): Asn1[] =>
  Array.isArray(node?.value) ? (node.value as Asn1[]) : [];
export const bytesOf = (node: Asn1 | undefined): Buffer =>
  typeof node?.value === 'string' ? Buffer.from(node.value, 'binary') : Buffer.alloc(0);
export const oidOf = (node: Asn1 | undefined): string =>
  typeof node?.value === 'string' ? asn1.derToOid(node.value) : '';

/** SET OF in DER order: elements sorted by their encodings (X.690 §11.6). */
export function derSortedSet(items: Asn1[]): Asn1 {
  const encoded = items.map((item) => ({ item, der: toDer(item) }));
  encoded.sort((a, b) => Buffer.compare(a.der, b.der));
  return set(encoded.map((e) => e.item));
}

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  timeStampToken: '1.2.840.113549.1.9.16.2.14',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
} as const;
