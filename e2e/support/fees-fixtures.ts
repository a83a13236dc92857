import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from '../../main/renderer-build';
import { DEMO_PASSWORD } from '../../scripts/gen/demo-accounts';
import { loginAs } from '../../scripts/test-support/login';

// The party-fee journeys' surroundings: the sandbox payment gateway as its own process (as in
// the demo), the server's gateway settings, and fee profiles set through the central API for
// the members of a cell when the generated data has none.

export const SANDBOX_SECRET = 'e2e-sandbox-gateway-secret';
export const SANDBOX_MERCHANT = 'DANGPHI';

export type SandboxMode = 'success' | 'failure' | 'late' | 'duplicate' | 'forged' | 'lost';

export interface SandboxGateway {
  url: string;
  /** The server's environment for this gateway (FEES_GATEWAY_URL/SECRET/MERCHANT). */
  env: NodeJS.ProcessEnv;
  setMode(mode: SandboxMode): Promise<void>;
  stop(): Promise<void>;
}

/** `npm run sandbox-gateway` on a free port; resolves once it prints its URL. */
export async function startSandboxGateway(): Promise<SandboxGateway> {
  const child: ChildProcess = spawn(
    join(REPO_ROOT, 'node_modules', '.bin', 'tsx'),
    ['scripts/sandbox-gateway.ts', '--secret', SANDBOX_SECRET, '--merchant', SANDBOX_MERCHANT],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) =>
      resolve((JSON.parse(line) as { url: string }).url),
    );
    child.once('exit', (code) => reject(new Error(`sandbox gateway exited with ${code}`)));
  });
  return {
    url,
    env: {
      FEES_GATEWAY_URL: url,
      FEES_GATEWAY_SECRET: SANDBOX_SECRET,
      FEES_GATEWAY_MERCHANT: SANDBOX_MERCHANT,
    },
    async setMode(mode) {
      const res = await fetch(`${url}/control/mode`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ mode }),
      });
      if (!res.ok) throw new Error(`sandbox mode ${mode}: HTTP ${res.status}`);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** The central API as a user of the demo data, for what the app does not do itself. */
export async function apiAs(serverUrl: string, username: string) {
  const { session } = await loginAs(serverUrl, username, DEMO_PASSWORD);
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${serverUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${session.accessToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = (await res.json()) as T;
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${JSON.stringify(answer)}`);
    return answer;
  }
  return { user: session.user, call };
}

interface SheetLine {
  memberId: string;
  fullName: string;
  computedAmount: number | null;
}

/**
 * Gives every member of the cell without a computable amount a salaried profile (deterministic
 * bases), so the month can be approved. Returns the cell's lines for the month.
 */
export async function ensureFeeProfiles(
  api: Awaited<ReturnType<typeof apiAs>>,
  cellId: string,
  month: string,
): Promise<SheetLine[]> {
  const url = `/v1/fees/cells/${cellId}/approvals?month=${month}`;
  const sheet = await api.call<{ lines: SheetLine[] }>('GET', url);
  let i = 0;
  for (const line of sheet.lines) {
    if (line.computedAmount !== null) continue;
    await api.call('PUT', `/v1/fees/profiles/${line.memberId}`, {
      category: 'salaried',
      base: 5_000_000 + 250_000 * i++,
      fixedAmount: null,
      voluntaryExtra: 0,
      exemption: null,
    });
  }
  return (await api.call<{ lines: SheetLine[] }>('GET', url)).lines;
}
