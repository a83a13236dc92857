import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { openServerDb } from '../src/db/server-db';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../scripts/gen/demo-accounts';
import { seedDemoFees, startDemoGateway } from '../scripts/gen/demo-fees';
import { seedDemoAccountRequests } from '../scripts/gen/demo-member-accounts';
import { seedDemoResidence } from '../scripts/gen/demo-residence';
import { seedDemoTransfers } from '../scripts/gen/demo-transfers';
import { DatabaseNotEmptyError } from '../scripts/gen/write.repo';
import { generate } from '../scripts/gen/generate';
import { hashPassword } from '../server/auth/passwords';
import { startServer } from '../server/main';
import { feesConfigFromEnv } from '../server/payments/config';
import type { OidcClientConfig } from '../src/desktop/oidc-login';

export interface DemoServer {
  url: string;
  /** Whether this launch created the demo data. */
  seeded: boolean;
  close(): Promise<void>;
}

/** What the terminal shows at a demo start: the accounts to log in with. */
export const DEMO_ACCOUNTS_NOTE = `demo accounts, password ${DEMO_PASSWORD}: ${DEMO_ACCOUNTS.map((a) => a.username).join(', ')}`;

const DemoState = z.object({ port: z.number().int().min(1).max(65535) });

/**
 * Demo mode (DESIGN.md, Modes): the reference server in-process on `<dataDir>/demo-server.sqlite`,
 * filled with the demo ward (seed 1) on first use, with the sandbox payment gateway in the same
 * process so party fees can be paid. It keeps its port from one launch to the next, because the
 * cache belongs to a server URL: a new port would mean a new, empty cache.
 */
export async function startDemoServer(
  dataDir: string,
  /** The app's OpenID provider: the demo accepts its ID tokens (citizen id in `citizen_id`). */
  oidc?: OidcClientConfig,
): Promise<DemoServer> {
  const sqliteFile = join(dataDir, 'demo-server.sqlite');
  const seeded = await seedIfEmpty(sqliteFile);
  const stateFile = join(dataDir, 'demo-server.json');
  const remembered = readState(stateFile);
  // A gateway named in the environment (FEES_GATEWAY_*) wins; otherwise the demo runs its own.
  // The demo gateway calls back on loopback: no public URL needed (required everywhere else).
  const configured = feesConfigFromEnv(process.env, { demo: true });
  const gateway = configured.gateway ? null : await startDemoGateway();
  const fees = gateway
    ? {
        ...configured,
        gateway: { url: gateway.url, secret: gateway.secret, merchantId: gateway.merchantId },
      }
    : configured;
  const auth = oidc
    ? { oidc: { issuer: oidc.issuer, clientId: oidc.clientId, citizenIdClaim: 'citizen_id' } }
    : {};
  let server;
  try {
    try {
      server = await startServer({
        port: remembered ?? 0,
        dbConfig: { sqliteFile },
        fees,
        ...auth,
      });
    } catch (err) {
      if (remembered === undefined || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE')
        throw err;
      server = await startServer({ port: 0, dbConfig: { sqliteFile }, fees, ...auth });
    }
  } catch (err) {
    await gateway?.stop();
    throw err;
  }
  const port = Number(new URL(server.url).port);
  if (port !== remembered) writeFileSync(stateFile, JSON.stringify({ port }));
  const started = server;
  return {
    url: server.url,
    seeded,
    async close() {
      await started.close();
      await gateway?.stop();
    },
  };
}

async function seedIfEmpty(sqliteFile: string): Promise<boolean> {
  const server = await openServerDb({ sqliteFile });
  try {
    await generate(server.db, {
      tier: 'ward',
      seed: 1,
      passwordHash: await hashPassword(DEMO_PASSWORD),
    });
    await seedDemoTransfers(server.db, { engine: server.engine });
    await seedDemoResidence(server.db, { engine: server.engine });
    await seedDemoAccountRequests(server.db, { engine: server.engine });
    await seedDemoFees(server.db);
    return true;
  } catch (err) {
    if (err instanceof DatabaseNotEmptyError) return false;
    throw err;
  } finally {
    await server.close();
  }
}

function readState(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return DemoState.parse(JSON.parse(readFileSync(file, 'utf8'))).port;
  } catch {
    return undefined;
  }
}
