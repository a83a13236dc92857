/**
 * RFC 3161 TimeStampReq: version 1, SHA-256 message imprint, a random nonce (so a replayed answer
 * is detected) and certReq TRUE (the TSA's certificate comes back inside the token, which the
 * verifier needs).
 */
import { randomBytes } from 'node:crypto';
import { asn1, int, nul, octets, oid, OID, seq, toDer } from '../cms/asn1';

export interface TimeStampRequest {
  der: Buffer;
  /** Positive INTEGER bytes as encoded (leading 0x00 when the top bit is set). */
  nonce: Buffer;
}

/** A positive INTEGER from unsigned big-endian bytes. */
export function positiveInteger(bytes: Buffer): Buffer {
  let b = bytes.subarray(
    Math.max(
      0,
      bytes.findIndex((x) => x !== 0),
    ),
  );
  if (b.length === 0) b = Buffer.from([0]);
  return (b[0]! & 0x80) !== 0 ? Buffer.concat([Buffer.from([0]), b]) : Buffer.from(b);
}

export function buildTimeStampRequest(
  sha256Digest: Buffer,
  nonceBytes = randomBytes(8),
): TimeStampRequest {
  const nonce = positiveInteger(nonceBytes);
  const { Class, Type } = asn1;
  const der = toDer(
    seq([
      int(1),
      seq([seq([oid(OID.sha256), nul()]), octets(sha256Digest)]),
      asn1.create(Class.UNIVERSAL, Type.INTEGER, false, nonce.toString('binary')),
      asn1.create(Class.UNIVERSAL, Type.BOOLEAN, false, '\xff'),
    ]),
  );
  return { der, nonce };
}
