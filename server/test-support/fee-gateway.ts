import { afterAll, beforeAll } from 'vitest';
import { startDemoGateway, type DemoGateway } from '../../scripts/gen/demo-fees';

/**
 * The demo payment gateway for a fee test file, started before its tests and stopped after;
 * the server reads where it is from the environment. The getter is for the tests' own calls.
 */
export function useDemoFeeGateway(secret: string): () => DemoGateway {
  let gateway: DemoGateway | undefined;
  beforeAll(async () => {
    gateway = await startDemoGateway({ secret, merchantId: 'DANGPHI' });
    process.env.FEES_GATEWAY_URL = gateway.url;
    process.env.FEES_GATEWAY_SECRET = gateway.secret;
    process.env.FEES_GATEWAY_MERCHANT = gateway.merchantId;
    process.env.FEES_AMOUNT_CEILING = '50000000';
  });
  afterAll(() => gateway?.stop());
  return () => {
    if (!gateway) throw new Error('the demo gateway starts before the tests');
    return gateway;
  };
}

/** JSON calls of the listening API as one of the logged-in users (`tokens` by username). */
export function jsonApi<Body>(base: () => string, tokens: Record<string, string>) {
  return async (method: string, url: string, who: string, body?: unknown) => {
    const res = await fetch(`${base()}${url}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens[who]}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Body };
  };
}
