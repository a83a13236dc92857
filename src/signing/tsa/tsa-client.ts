/**
 * RFC 3161 client over HTTP (RFC 3161 §3.4): asks the TSA to stamp SHA-256 of the CMS signature
 * value, then refuses any answer that is not granted, that stamps other bytes, that echoes another
 * nonce, or whose TSA signature does not verify. The returned token becomes the unsigned attribute
 * id-aa-signatureTimeStampToken (see `CmsOptions.timestamp`).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { buildTimeStampRequest } from './timestamp-request';
import { parseTimeStampResponse } from './timestamp-response';
import { checkTimestampToken, parseTstInfo } from './timestamp-token';
import { parseSignedData } from '../cms/parse-signed-data';

export const TIMESTAMP_ERRORS = {
  TSA_UNREACHABLE: 'Không kết nối được máy chủ cấp dấu thời gian. Hãy kiểm tra mạng và thử lại.',
  TSA_HTTP_ERROR: 'Máy chủ cấp dấu thời gian trả lời lỗi.',
  TSA_REJECTED: 'Máy chủ cấp dấu thời gian từ chối cấp dấu thời gian.',
  TSA_BAD_RESPONSE: 'Dấu thời gian nhận được không hợp lệ, văn bản chưa được ký.',
} as const;
export type TimestampErrorCode = keyof typeof TIMESTAMP_ERRORS;

export class TimestampError extends Error {
  override readonly name = 'TimestampError';
  readonly messageVi: string;
  constructor(
    readonly code: TimestampErrorCode,
    message: string,
  ) {
    super(message);
    this.messageVi = TIMESTAMP_ERRORS[code];
  }
}

export const TsaUrl = z.url({ protocol: /^https?$/ });

export interface TsaClientOptions {
  timeoutMs?: number;
  /** Largest reply accepted (a token is a few KB). */
  maxReplyBytes?: number;
}

/** The `timestamp` callback of `buildCadesDetached` for the TSA at `url`. */
export function rfc3161Timestamper(
  url: string,
  options: TsaClientOptions = {},
): (signatureValue: Buffer) => Promise<Buffer> {
  const endpoint = TsaUrl.parse(url);
  const { timeoutMs = 15_000, maxReplyBytes = 64 * 1024 } = options;
  return async (signatureValue) => {
    const digest = createHash('sha256').update(signatureValue).digest();
    const request = buildTimeStampRequest(digest);
    let res: Response;
    try {
      res = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/timestamp-query' },
        body: new Uint8Array(request.der),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw new TimestampError('TSA_UNREACHABLE', `${endpoint}: ${(err as Error).message}`);
    }
    const body = Buffer.from(await res.arrayBuffer());
    if (!res.ok) throw new TimestampError('TSA_HTTP_ERROR', `${endpoint}: HTTP ${res.status}`);
    const type = res.headers.get('content-type') ?? '';
    // timestamp-reply per RFC 3161; some older TSAs still say timestamp-response.
    if (!/^application\/timestamp-(reply|response)\b/.test(type))
      throw new TimestampError('TSA_BAD_RESPONSE', `content-type ${type}`);
    if (body.length > maxReplyBytes)
      throw new TimestampError('TSA_BAD_RESPONSE', `reply of ${body.length} bytes`);
    let token: Buffer;
    try {
      const resp = parseTimeStampResponse(body);
      if (resp.status !== 0 && resp.status !== 1) {
        throw new TimestampError(
          'TSA_REJECTED',
          `status ${resp.status} ${resp.failInfo.join(',')} ${resp.statusText ?? ''}`.trim(),
        );
      }
      if (!resp.token) throw new Error('granted without a token');
      token = resp.token;
      const tst = parseTstInfo(parseSignedData(token).content ?? Buffer.alloc(0));
      if (!tst.nonce || !positive(tst.nonce).equals(positive(request.nonce)))
        throw new Error('nonce differs from the request');
    } catch (err) {
      if (err instanceof TimestampError) throw err;
      throw new TimestampError('TSA_BAD_RESPONSE', (err as Error).message);
    }
    // Trust of the TSA is the verifier's business; here the token must at least be sound.
    const check = checkTimestampToken(token, signatureValue, []);
    if (!check.imprintOk || !check.signatureOk)
      throw new TimestampError('TSA_BAD_RESPONSE', check.errors.join('; '));
    return token;
  };
}

const positive = (b: Buffer) =>
  b.subarray(
    Math.max(
      0,
      b.findIndex((x) => x !== 0),
    ),
  );
