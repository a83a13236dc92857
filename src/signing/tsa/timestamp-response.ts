/**
 * RFC 3161 TimeStampResp: PKIStatusInfo and, when granted, the TimeStampToken (DER ContentInfo).
 */
import { asn1, bytesOf, children, parseDer, toDer, type Asn1 } from '../cms/asn1';

export interface TimeStampResponse {
  /**
   * 0 granted, 1 grantedWithMods, 2 rejection, 3 waiting, 4 revocationWarning, 5
   * revocationNotification.
   */
  status: number;
  statusText?: string;
  /** PKIFailureInfo bits set, by name (RFC 3161 §2.4.2). */
  failInfo: string[];
  token?: Buffer;
}

const FAIL_BITS: Record<number, string> = {
  0: 'badAlg',
  2: 'badRequest',
  5: 'badDataFormat',
  14: 'timeNotAvailable',
  15: 'unacceptedPolicy',
  16: 'unacceptedExtension',
  17: 'addInfoNotAvailable',
  25: 'systemFailure',
};

function integer(bytes: Buffer): number {
  return bytes.length > 0 && bytes.length <= 4 ? bytes.readIntBE(0, bytes.length) : -1;
}

/** PKIFreeText: UTF8Strings, joined. */
function freeText(node: Asn1): string {
  return children(node)
    .map((n) => Buffer.from(n.value as string, 'binary').toString('utf8'))
    .join('; ');
}

export function parseTimeStampResponse(der: Buffer): TimeStampResponse {
  const [statusInfo, token] = children(parseDer(der));
  const [status, ...more] = children(statusInfo);
  if (!status || status.type !== asn1.Type.INTEGER) throw new Error('TimeStampResp malformed');
  const text = more.find((n) => n.type === asn1.Type.SEQUENCE);
  const bits = more.find((n) => n.type === asn1.Type.BITSTRING);
  const failInfo: string[] = [];
  if (bits) {
    // First octet: unused bits; then the bits, most significant first.
    const b = bytesOf(bits).subarray(1);
    for (let i = 0; i < b.length * 8; i++) {
      if ((b[i >> 3]! >> (7 - (i & 7))) & 1) failInfo.push(FAIL_BITS[i] ?? `bit${i}`);
    }
  }
  return {
    status: integer(bytesOf(status)),
    statusText: text ? freeText(text) : undefined,
    failInfo,
    token: token ? toDer(token) : undefined,
  };
}
