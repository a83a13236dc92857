/**
 * The sandbox payment gateway as a process of its own (scripts/gen/sandbox-gateway-server.ts has
 * the modes and the control routes). Usage: tsx scripts/sandbox-gateway.ts --secret S
 * [--merchant M] [--port N]; prints one line `{"url": …}` when listening.
 */
import { parseArgs } from 'node:util';
import { startSandboxGateway } from './gen/sandbox-gateway-server';

const { values } = parseArgs({
  options: {
    secret: { type: 'string' },
    merchant: { type: 'string', default: 'DANGPHI' },
    port: { type: 'string', default: '0' },
  },
});
const secret = values.secret ?? process.env.FEES_GATEWAY_SECRET;
if (!secret) {
  console.error('sandbox-gateway: --secret (or FEES_GATEWAY_SECRET) is required');
  process.exit(2);
}

const gateway = await startSandboxGateway({
  secret,
  merchant: values.merchant ?? 'DANGPHI',
  port: Number(values.port),
});
console.log(JSON.stringify({ url: gateway.url }));
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.on(signal, () => void gateway.close().then(() => process.exit(0)));
