import { CreatePaymentResponse, QueryResponse, signed, verifySignature } from './protocol';
import type { GatewayConfig } from './config';

/** The gateway answered something we cannot trust or read. */
export class GatewayError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GatewayError';
  }
}

const TIMEOUT_MS = 10_000;

async function post(config: GatewayConfig, path: string, body: object): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(new URL(path, config.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    throw new GatewayError(`gateway unreachable: ${(err as Error).message}`);
  }
  if (!res.ok) throw new GatewayError(`gateway answered ${res.status}`);
  return res.json();
}

export interface StartAtGateway {
  reference: string;
  amount: number;
  accountNo: string;
  bankName: string;
  description: string;
  callbackUrl: string;
}

/** Registers a payment with the gateway; returns where the payer completes it. */
export async function createGatewayPayment(
  config: GatewayConfig,
  input: StartAtGateway,
): Promise<{ gatewayTxnId: string; paymentUrl: string }> {
  const answer = CreatePaymentResponse.safeParse(
    await post(
      config,
      '/payments',
      signed(config.secret, { merchantId: config.merchantId, ...input }),
    ),
  );
  if (!answer.success || !verifySignature(config.secret, answer.data))
    throw new GatewayError('gateway answer to create is malformed or badly signed');
  if (answer.data.reference !== input.reference)
    throw new GatewayError('gateway answered for another reference');
  return answer.data;
}

/** The gateway's current view of a payment (the status query, for payments still unknown). */
export async function queryGatewayPayment(
  config: GatewayConfig,
  reference: string,
): Promise<QueryResponse> {
  const answer = QueryResponse.safeParse(
    await post(
      config,
      '/query',
      signed(config.secret, { merchantId: config.merchantId, reference }),
    ),
  );
  if (!answer.success || !verifySignature(config.secret, answer.data))
    throw new GatewayError('gateway answer to query is malformed or badly signed');
  if (answer.data.reference !== reference)
    throw new GatewayError('gateway answered for another reference');
  return answer.data;
}
