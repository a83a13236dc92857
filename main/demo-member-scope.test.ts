import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemberListResponse } from '../src/api/members';
import { PullResponse, type PullChange } from '../src/api/sync';
import { MeResponse } from '../src/api/users';
import { DEMO_PASSWORD } from '../scripts/gen/demo-accounts';
import { loginAs } from '../scripts/test-support/login';
import { startDemoServer, type DemoServer } from './demo-server';

/**
 * Issue 11's must-show, on the demo server `npm start` runs: the member account of the demo ward
 * sees itself, never its cell's members or other users (docs/decisions/0016).
 */
describe('a member account on the demo server', () => {
  let dir: string;
  let demo: DemoServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'demo-scope-'));
    demo = await startDemoServer(dir);
  });
  afterAll(async () => {
    await demo?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const tokenOf = async (username: string) =>
    (await loginAs(demo.url, username, DEMO_PASSWORD)).session.accessToken;
  const get = async (token: string, path: string): Promise<unknown> => {
    const res = await fetch(`${demo.url}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    return res.json();
  };
  async function pullAll(token: string): Promise<PullChange[]> {
    const changes: PullChange[] = [];
    let cursor: string | undefined;
    for (;;) {
      const q = new URLSearchParams({ limit: '5000', ...(cursor ? { cursor } : {}) });
      const page = PullResponse.parse(await get(token, `/v1/sync/pull?${q}`));
      changes.push(...page.changes);
      cursor = page.nextCursor;
      if (!page.hasMore) return changes;
    }
  }
  const upserts = (changes: PullChange[], entity: string) =>
    changes.filter((c) => c.entity === entity && c.op === 'upsert');

  it('dangvien1.chibo1 lists only himself and pulls no other member or account', async () => {
    const token = await tokenOf('dangvien1.chibo1');
    const me = MeResponse.parse(await get(token, '/v1/me'));
    expect(me.user.roles.map((g) => g.role)).toEqual(['member']);
    const self = me.user.memberId;
    expect(self).not.toBeNull();

    const listed = MemberListResponse.parse(await get(token, '/v1/members?limit=200'));
    expect(listed.items.map((m) => m.id)).toEqual([self]);
    expect(listed.nextCursor).toBeNull();

    const changes = await pullAll(token);
    expect(upserts(changes, 'member').map((c) => c.id)).toEqual([self]);
    expect(upserts(changes, 'user').map((c) => c.id)).toEqual([me.user.id]);
    for (const grant of upserts(changes, 'userRole'))
      expect(grant.op === 'upsert' && (grant.data as { userId: string }).userId).toBe(me.user.id);
    expect(upserts(changes, 'bankAccount')).toEqual([]);
    for (const dossier of upserts(changes, 'dossier'))
      expect(dossier.op === 'upsert' && (dossier.data as { memberId: string }).memberId).toBe(self);
    // Names of his cell and the orgs above it, nothing beside them.
    expect(upserts(changes, 'org').map((c) => c.id)).toContain(me.user.orgId);
    expect(upserts(changes, 'org').length).toBeLessThanOrEqual(4);

    // The cell has other members: its secretary sees them, so the member's view is his alone.
    const secretary = await tokenOf('bithu.chibo1');
    const cell = MemberListResponse.parse(
      await get(secretary, `/v1/members?orgId=${me.user.orgId}&limit=200`),
    );
    expect(cell.items.length).toBeGreaterThan(5);
    expect(cell.items.map((m) => m.id)).toContain(self);
  });
});
