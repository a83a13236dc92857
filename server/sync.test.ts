import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { serverEngines } from '../scripts/test-support/databases';
import { ApiError } from '../src/api/errors';
import { PullResponse, type PullChange } from '../src/api/sync';
import { Member } from '../src/domain/people/member';
import type { Trx } from './repositories/db';
import { deleteMember, insertMember, moveMember } from './repositories/members';
import { moveOrg } from './repositories/org-moves';
import { grantRole, revokeRole, updateUser } from './repositories/users';
import { buildScope } from './scope/scope';
import { pullChanges, type PullPlan } from './repositories/sync-pull';
import { findActiveAccount } from './repositories/users';
import { ids, members } from './test-support/fixture';
import { openTestServer, type TestServer } from './test-support/harness';

const key = (c: PullChange) => `${c.op} ${c.entity} ${c.id}`;

describe.each(serverEngines)('sync pull on %s', (engine) => {
  let t: TestServer;
  beforeEach(async () => {
    t = await openTestServer({ engine, postgresUrl: inject('postgresUrl') });
  });
  afterEach(() => t?.close());

  const write = <T>(fn: (trx: Trx) => Promise<T>) => t.server.db.transaction().execute(fn);

  async function pull(token: string, cursor?: string, limit = 1000) {
    const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
    const res = await t.get(`/v1/sync/pull?${query}`, token);
    if (res.statusCode !== 200) throw new Error(`pull: ${res.statusCode} ${res.body}`);
    return PullResponse.parse(res.json());
  }

  /** Pulls until hasMore is false; returns every change and the final cursor. */
  async function pullAll(token: string, cursor?: string, limit = 1000) {
    const changes: PullChange[] = [];
    let pages = 0;
    for (;;) {
      const page = await pull(token, cursor, limit);
      pages++;
      expect(page.changes.length).toBeLessThanOrEqual(limit);
      changes.push(...page.changes);
      cursor = page.nextCursor;
      if (!page.hasMore) return { changes, cursor, pages };
      expect(page.changes.length).toBeGreaterThan(0);
    }
  }

  it('sends every visible row exactly once across pages, in rev order', async () => {
    const token = await t.tokenFor('qt.viethung');
    const paged = await pullAll(token, undefined, 3);
    const whole = await pullAll(token);
    expect(whole.pages).toBe(1);
    expect(paged.changes).toEqual(whole.changes);
    expect(paged.pages).toBe(Math.ceil(whole.changes.length / 3));

    const revs = paged.changes.map((c) => c.rev);
    expect(revs).toEqual([...revs].sort((a, b) => a - b));
    expect(new Set(revs).size).toBe(revs.length);
    const seen = paged.changes.map(key).sort();
    const [m1, m2, m3, m4, m5] = ids.members;
    const expected = [
      ...[ids.province, ids.ward, ids.cell1, ids.cell2, ids.cell3].map((id) => `upsert org ${id}`),
      `upsert bankAccount ${ids.account}`,
      ...[m1, m2, m3, m4, m5].map((id) => `upsert member ${id}`),
      ...[ids.wardAdmin, ids.secretary, ids.inactive].map((id) => `upsert user ${id}`),
      // The holiday calendar goes to everyone: 2026 as migration 0012 seeds it.
      'upsert holidayYear 2026',
    ];
    expect(seen.filter((k) => !k.includes('userRole'))).toEqual(expected.sort());
    expect(seen.filter((k) => k.includes('userRole'))).toHaveLength(4);
    const body = JSON.stringify(paged.changes);
    expect(body).not.toContain(ids.outsider);
    expect(body).not.toContain(ids.otherWard);
    expect(body).not.toContain('scrypt');

    // Nothing new: an empty page that keeps the client where it is.
    const again = await pull(token, paged.cursor);
    expect(again).toMatchObject({ changes: [], hasMore: false });
  });

  it('sends a change made after a full pull in the next pull, and nothing outside scope', async () => {
    const token = await t.tokenFor('qt.viethung');
    const { cursor } = await pullAll(token);
    await write((trx) =>
      updateUser(trx, ids.otherAdmin, { phone: '0987654321' }, ids.provinceAdmin),
    );
    await write((trx) => updateUser(trx, ids.secretary, { phone: '0987654321' }, ids.wardAdmin));
    const next = await pull(token, cursor);
    expect(next.hasMore).toBe(false);
    expect(next.changes).toHaveLength(1);
    expect(next.changes[0]).toMatchObject({
      op: 'upsert',
      entity: 'user',
      id: ids.secretary,
      data: { phone: '0987654321', updatedBy: ids.wardAdmin },
    });
    expect((await pull(token, next.nextCursor)).changes).toEqual([]);
  });

  it('sends tombstones as deletes', async () => {
    const token = await t.tokenFor('qt.viethung');
    const { cursor } = await pullAll(token);
    const now = new Date();
    await write((trx) => deleteMember(trx, ids.members[1], now));
    await write((trx) =>
      revokeRole(trx, ids.secretary, { role: 'approver', orgId: ids.cell1 }, now),
    );
    const next = await pull(token, cursor);
    expect(next.changes.map(key)).toEqual([
      `delete member ${ids.members[1]}`,
      expect.stringMatching(/^delete userRole /),
    ]);
    // A first pull of a new client gets the tombstone too, harmlessly.
    const fresh = await pullAll(token);
    expect(fresh.changes.map(key)).toContain(`delete member ${ids.members[1]}`);
  });

  it('sends a delete to those who saw a moved member only where they were', async () => {
    const ward = await t.tokenFor('qt.viethung');
    const province = await t.tokenFor('qt.thanhpho');
    const other = await t.tokenFor('qt.phucloi');
    const before = await Promise.all([ward, province, other].map((tk) => pullAll(tk)));
    const m1 = ids.members[0];
    await write((trx) => moveMember(trx, m1, { homeOrgId: ids.otherCell }, new Date()));

    const [wardNext, provinceNext, otherNext] = await Promise.all([
      pull(ward, before[0]?.cursor),
      pull(province, before[1]?.cursor),
      pull(other, before[2]?.cursor),
    ]);
    expect(wardNext.changes.map(key)).toEqual([`delete member ${m1}`]);
    // Seen from both places: delete, then the new version.
    expect(provinceNext.changes.map(key)).toEqual([`delete member ${m1}`, `upsert member ${m1}`]);
    expect(otherNext.changes.map(key)).toEqual([`upsert member ${m1}`]);
    expect(otherNext.changes[0]).toMatchObject({ data: { homeOrgId: ids.otherCell } });
  });

  it('moves an org with its subtree: deletes for the old side, upserts for the new', async () => {
    const ward = await t.tokenFor('qt.viethung');
    const other = await t.tokenFor('qt.phucloi');
    const [wardBefore, otherBefore] = await Promise.all([pullAll(ward), pullAll(other)]);
    await write((trx) => moveOrg(trx, ids.cell3, ids.otherWard, new Date()));

    const [m4, m5] = [ids.members[3], ids.members[4]];
    const wardNext = await pullAll(ward, wardBefore.cursor);
    expect(wardNext.changes.map(key).sort()).toEqual(
      [`delete org ${ids.cell3}`, `delete member ${m4}`, `delete member ${m5}`].sort(),
    );
    const otherNext = await pullAll(other, otherBefore.cursor);
    const keys = otherNext.changes.map(key);
    expect(keys).toEqual(
      expect.arrayContaining([`upsert org ${ids.cell3}`, `upsert member ${m4}`]),
    );
    // m5 lives in cell 3 and was already registered in the other ward: it comes again, updated.
    expect(keys).toContain(`upsert member ${m5}`);
    const moved = otherNext.changes.find((c) => c.id === ids.cell3 && c.op === 'upsert');
    expect(moved).toMatchObject({
      data: { parentId: ids.otherWard, path: `/${ids.province}/${ids.otherWard}/${ids.cell3}/` },
    });
    // The ward's children lost cell 3.
    const children = await t.get(`/v1/orgs/${ids.ward}/children`, ward);
    expect((children.json() as { items: unknown[] }).items).toHaveLength(2);
  });

  it('answers 409 resync when the caller’s scope changed since the cursor', async () => {
    const token = await t.tokenFor('qt.viethung');
    const { cursor } = await pullAll(token);
    await write((trx) =>
      grantRole(trx, ids.wardAdmin, { role: 'admin', orgId: ids.otherWard }, new Date()),
    );
    const res = await t.get(`/v1/sync/pull?cursor=${cursor}`, token);
    expect(res.statusCode).toBe(409);
    expect(ApiError.parse(res.json())).toMatchObject({
      error: 'resync',
      messageVi: 'Phạm vi dữ liệu của bạn đã thay đổi. Ứng dụng sẽ tải lại dữ liệu.',
    });
    // Starting over gives the wider scope.
    const fresh = await pullAll(token);
    expect(fresh.changes.map(key)).toContain(`upsert member ${ids.outsider}`);
    // Another user's cursor is not a way into their data either.
    const other = await t.get(`/v1/sync/pull?cursor=${cursor}`, await t.tokenFor('qt.phucloi'));
    expect(other.statusCode).toBe(409);
  });

  it('gives the same pages with either query plan, the caller’s own account included', async () => {
    const now = new Date();
    await write((trx) => moveMember(trx, ids.members[0], { homeOrgId: ids.otherCell }, now));
    await write((trx) => deleteMember(trx, ids.members[1], now));
    const callers = [ids.wardAdmin, ids.delegate, ids.provinceAdmin, ids.secretary, ids.otherAdmin];
    for (const userId of callers) {
      const account = await findActiveAccount(t.server.db, userId);
      const scope = buildScope(userId, account!.grants);
      const pages: Record<PullPlan, PullChange[][]> = { revScan: [], orgFirst: [] };
      for (const plan of ['revScan', 'orgFirst'] as const) {
        let after = 0;
        for (;;) {
          const page = await pullChanges(t.server.db, engine, scope, after, 2, plan);
          pages[plan].push(page.changes);
          after = page.lastRev;
          if (!page.hasMore) break;
        }
      }
      expect(pages.orgFirst).toEqual(pages.revScan);
      expect(pages.revScan.flat().length).toBeGreaterThan(3);
    }
    // The delegate sits at the province office, outside the ward they work for: still sees self.
    const delegate = buildScope(
      ids.delegate,
      (await findActiveAccount(t.server.db, ids.delegate))!.grants,
    );
    const all = await pullChanges(t.server.db, engine, delegate, 0, 1000, 'orgFirst');
    const keys = all.changes.map(key);
    expect(keys).toContain(`upsert user ${ids.delegate}`);
    expect(keys.filter((k) => k.startsWith('upsert userRole'))).toHaveLength(
      // their own grant plus the ward's users' grants (admin 2, secretary 1, inactive 1)
      5,
    );
    expect(keys).not.toContain(`upsert user ${ids.provinceAdmin}`);
  });

  it('answers 400 for a malformed cursor', async () => {
    const token = await t.tokenFor('qt.viethung');
    for (const cursor of ['%%%', 'bm9wZQ', Buffer.from('v1.abc.-3').toString('base64url')]) {
      const res = await t.get(`/v1/sync/pull?cursor=${encodeURIComponent(cursor)}`, token);
      expect(res.statusCode).toBe(400);
      expect(ApiError.parse(res.json())).toMatchObject({ error: 'bad_request', field: 'cursor' });
    }
  });

  it.runIf(engine === 'postgres')(
    'never moves the cursor past a rev that is not committed yet',
    async () => {
      const token = await t.tokenFor('qt.viethung');
      const { cursor } = await pullAll(token);
      let inserted!: () => void;
      let release!: () => void;
      const insertedP = new Promise<void>((r) => (inserted = r));
      const gate = new Promise<void>((r) => (release = r));
      const newcomer = Member.parse({
        ...members[0],
        id: '00000000-0000-4000-8000-000000000150',
        citizenId: '001085000150',
        cardNo: '93.0000150',
      });
      const writer = write(async (trx) => {
        await insertMember(trx, newcomer, new Date());
        inserted();
        await gate;
      });
      await insertedP;
      const during = await pull(token, cursor);
      expect(during.changes).toEqual([]);
      release();
      await writer;
      const after = await pull(token, during.nextCursor);
      expect(after.changes.map(key)).toEqual([`upsert member ${newcomer.id}`]);
    },
  );
});
