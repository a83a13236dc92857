import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../scripts/gen/demo-accounts';
import { loginAs } from '../scripts/test-support/login';
import { startDemoServer } from './demo-server';

const logIn = async (url: string, username: string) =>
  (await loginAs(url, username, DEMO_PASSWORD)).session;

describe('demo server', () => {
  it('seeds the demo ward once, keeps its port, and accepts the demo accounts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'demo-server-'));
    const first = await startDemoServer(dataDir);
    let port: string;
    try {
      expect(first.seeded).toBe(true);
      expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      port = new URL(first.url).port;
      expect(JSON.parse(readFileSync(join(dataDir, 'demo-server.json'), 'utf8'))).toEqual({
        port: Number(port),
      });
      expect((await logIn(first.url, 'quantri.phuong')).user.username).toBe('quantri.phuong');

      // Party fees work out of the box: demo history, and payments through the sandbox gateway.
      const { accessToken: token, user } = await logIn(first.url, 'bithu.chibo1');
      const get = (path: string) =>
        fetch(`${first.url}${path}`, { headers: { authorization: `Bearer ${token}` } }).then(
          (r) => r.json() as Promise<Record<string, unknown>>,
        );
      const cellId = user.roles.find((r) => r.role === 'approver')!.orgId;
      const history = (await get(`/v1/fees/transactions?cellId=${cellId}`)) as {
        items: { status: string }[];
      };
      expect(history.items.length).toBeGreaterThan(0);
      // October is left for the secretary to approve: approve one member, then pay for them.
      const sheet = (await get(`/v1/fees/cells/${cellId}/approvals?month=2026-10`)) as {
        lines: { memberId: string; approved: boolean; computedAmount: number | null }[];
      };
      const line = sheet.lines.find((l) => !l.approved && l.computedAmount !== null);
      expect(line).toBeDefined();
      const post = (path: string, body: unknown) =>
        fetch(`${first.url}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      const approved = await post(`/v1/fees/cells/${cellId}/approvals`, {
        month: '2026-10',
        items: [{ memberId: line!.memberId }],
      });
      expect(approved.status).toBeLessThan(300);
      const pay = await post('/v1/fees/payments', {
        month: '2026-10',
        cellId,
        memberIds: [line!.memberId],
      });
      expect(pay.status).toBeLessThan(300);
      expect(((await pay.json()) as { paymentUrl: string }).paymentUrl).toMatch(
        /^http:\/\/127\.0\.0\.1:\d+\/pay\//,
      );
    } finally {
      await first.close();
    }
    // The cache belongs to a server URL: the next launch must come back on the same one.
    const second = await startDemoServer(dataDir);
    try {
      expect(second.seeded).toBe(false);
      expect(new URL(second.url).port).toBe(port);
    } finally {
      await second.close();
    }
  });
});
