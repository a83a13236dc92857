import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * The payment-gateway protocol, in the style of Vietnamese gateways' IPN (VNPay, MoMo): every
 * message carries `signature` = hex HMAC-SHA256 over the other fields, sorted by name, as
 * `name=value` joined with '&'. Shared by the server's client and the sandbox gateway.
 */

type Fields = Record<string, string | number | null>;

export function canonicalString(fields: Fields): string {
  return Object.keys(fields)
    .filter((k) => k !== 'signature')
    .sort()
    .map((k) => `${k}=${fields[k] ?? ''}`)
    .join('&');
}

export function sign(secret: string, fields: Fields): string {
  return createHmac('sha256', secret).update(canonicalString(fields)).digest('hex');
}

export function signed<T extends Fields>(secret: string, fields: T): T & { signature: string } {
  return { ...fields, signature: sign(secret, fields) };
}

/** Constant-time check of a message's signature. */
export function verifySignature(secret: string, message: Fields & { signature: string }): boolean {
  const expected = Buffer.from(sign(secret, message), 'hex');
  const given = Buffer.from(
    /^[0-9a-f]{64}$/.test(message.signature) ? message.signature : '',
    'hex',
  );
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export const CreatePaymentRequest = z.object({
  merchantId: z.string(),
  reference: z.string(),
  amount: z.number().int(),
  accountNo: z.string(),
  bankName: z.string(),
  description: z.string(),
  callbackUrl: z.string(),
  signature: z.string(),
});
export type CreatePaymentRequest = z.infer<typeof CreatePaymentRequest>;

export const CreatePaymentResponse = z.object({
  reference: z.string(),
  gatewayTxnId: z.string(),
  paymentUrl: z.string(),
  signature: z.string(),
});

export const QueryRequest = z.object({
  merchantId: z.string(),
  reference: z.string(),
  signature: z.string(),
});

export const QueryResponse = z.object({
  reference: z.string(),
  status: z.enum(['success', 'failed', 'pending', 'not_found']),
  amount: z.number().int().nullable(),
  gatewayTxnId: z.string().nullable(),
  bankReference: z.string().nullable(),
  /** Why a payment failed (two digits), when the gateway says. */
  responseCode: z.string().max(8).nullable().optional(),
  signature: z.string(),
});
export type QueryResponse = z.infer<typeof QueryResponse>;
