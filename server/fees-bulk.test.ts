import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_WARD_NAME } from '../scripts/gen/demo-accounts';
import { generate } from '../scripts/gen/generate';
import { serverEngines } from '../scripts/test-support/databases';
import type { ServerDb } from '../src/db/server-db';
import { DEFAULT_AMOUNT_CEILING } from '../src/domain/fees/money';
import { ruleFor } from '../src/domain/fees/rules';
import { isCell, OrgType } from '../src/domain/org/org-types';
import { hashPassword } from './auth/passwords';
import { upsertFeeProfile } from './repositories/fees';
import { approveOrgMonth } from './repositories/fees-bulk-approve';
import { loadFeeRules } from './repositories/fees-rules';
import { subtreeUpperBound } from './scope/scope';
import { TEST_SCRYPT } from './test-support/fixture';
import { openTestServer } from './test-support/harness';

/** Answers are read loosely: the assertions check their shape. */
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const NOW = new Date('2026-11-02T08:00:00.000Z');

describe.each(serverEngines)('approving a month for every cell under an org on %s', (engine) => {
  let server: ServerDb;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  const tokens: Record<string, string> = {};
  let ward: { id: string; path: string };
  let cellIds: string[] = [];
  let chibo1: { cellId: string; userId: string };

  beforeAll(async () => {
    const t = await openTestServer({
      engine,
      postgresUrl: inject('postgresUrl'),
      password: DEMO_PASSWORD,
      startsAt: NOW,
      seed: async (db) => {
        const passwordHash = await hashPassword(DEMO_PASSWORD, TEST_SCRYPT);
        await generate(db, { tier: 'ward', seed: 1, passwordHash });
      },
    });
    ({ app, server, close } = t);
    for (const username of ['ketoan.phuong', 'quantri.phuong', 'bithu.chibo1', 'canbo.xuly'])
      tokens[username] = await t.tokenFor(username);
    ward = await server.db
      .selectFrom('orgs')
      .select(['id', 'path'])
      .where('name', '=', DEMO_WARD_NAME)
      .executeTakeFirstOrThrow();
    cellIds = (
      await server.db
        .selectFrom('orgs')
        .select('id')
        .where('path', '>=', ward.path)
        .where('path', '<', subtreeUpperBound(ward.path))
        .where('type', 'in', OrgType.options.filter(isCell))
        .where('deleted', '=', 0)
        .execute()
    ).map((r) => r.id);
    chibo1 = await server.db
      .selectFrom('user_roles as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select(['r.org_id as cellId', 'u.id as userId'])
      .where('u.username', '=', 'bithu.chibo1')
      .executeTakeFirstOrThrow();
    // A profile the rules cannot compute (no insured salary), besides members without one.
    const member = await server.db
      .selectFrom('members')
      .select('id')
      .where('home_org_id', '=', chibo1.cellId)
      .where('status', '=', 'active')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await upsertFeeProfile(
      server.db,
      member.id,
      { category: 'salaried', base: null, fixedAmount: null, voluntaryExtra: 0, exemption: null },
      chibo1.userId,
      NOW,
    );
  }, 120_000);
  afterAll(() => close?.());

  async function post(who: string, url: string, body: unknown) {
    const res = await app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${tokens[who]}` },
      payload: body as object,
    });
    return { status: res.statusCode, body: res.json() as Json };
  }
  const approveOrg = (who: string, orgId: string, body: unknown) =>
    post(who, `/v1/fees/orgs/${orgId}/approvals`, body);

  /** The month's approval rows, as stored, in member order (amounts as numbers on both). */
  async function rowsOf(month: string) {
    const rows = await server.db
      .selectFrom('fee_approvals')
      .selectAll()
      .where('month', '=', month)
      .orderBy('member_id')
      .execute();
    return rows.map((r) => ({
      ...r,
      computed_amount: Number(r.computed_amount),
      amount: Number(r.amount),
    }));
  }

  it('writes exactly the rows that every cell\'s "approve all" writes', async () => {
    const month = '2026-10';
    for (const cellId of cellIds) {
      const res = await post('ketoan.phuong', `/v1/fees/cells/${cellId}/approvals`, {
        month,
        all: true,
      });
      expect(res.status).toBe(200);
    }
    const perCell = await rowsOf(month);
    await server.db.deleteFrom('fee_approvals').where('month', '=', month).execute();

    const res = await approveOrg('ketoan.phuong', ward.id, { month, all: true });
    expect(res.status).toBe(200);
    const bulk = await rowsOf(month);
    expect(perCell.length).toBeGreaterThan(100);
    expect(bulk).toEqual(perCell);
    const rule = ruleFor(month, await loadFeeRules(server.db));
    expect(rule.ok && bulk.every((r) => r.rule_version === rule.value.id)).toBe(true);
    expect(res.body).toMatchObject({
      orgId: ward.id,
      month,
      cells: cellIds.length,
      approved: perCell.length,
      alreadyApproved: 0,
      paid: 0,
    });
    // Members without a profile, and the one whose profile lacks the salary, stay unapproved.
    expect(res.body.notComputable).toBeGreaterThan(1);
    expect(res.body.members).toBe(res.body.approved + res.body.notComputable);
  });

  it('leaves existing approvals as they are, and a second run approves nothing', async () => {
    const month = '2026-09';
    const sheet = await app.inject({
      method: 'GET',
      url: `/v1/fees/cells/${chibo1.cellId}/approvals?month=${month}`,
      headers: { authorization: `Bearer ${tokens['bithu.chibo1']}` },
    });
    const line = (sheet.json() as Json).lines.find((l: Json) => l.computedAmount !== null);
    const adjusted = await post('bithu.chibo1', `/v1/fees/cells/${chibo1.cellId}/approvals`, {
      month,
      items: [
        { memberId: line.memberId, amount: line.computedAmount + 5_000, reason: 'Đóng thêm' },
      ],
    });
    expect(adjusted.status).toBe(200);
    const before = (await rowsOf(month)).find((r) => r.member_id === line.memberId);

    const first = await approveOrg('quantri.phuong', ward.id, { month, all: true });
    expect(first.status).toBe(200);
    expect(first.body.alreadyApproved).toBe(1);
    const rows = await rowsOf(month);
    expect(rows.find((r) => r.member_id === line.memberId)).toEqual(before);
    expect(before).toMatchObject({ approved_by: chibo1.userId, adjust_reason: 'Đóng thêm' });
    expect(rows).toHaveLength(first.body.approved + 1);

    const second = await approveOrg('quantri.phuong', ward.id, { month, all: true });
    expect(second.body).toMatchObject({ approved: 0, alreadyApproved: rows.length });
    expect(await rowsOf(month)).toEqual(rows);
  });

  it('gives the same rows in batches of two cells as in one batch', async () => {
    const rules = await loadFeeRules(server.db);
    const job = (month: string, cellsPerBatch?: number) => ({
      orgPath: ward.path,
      month,
      rules,
      ruleVersion: '01-QD-TW',
      ceiling: DEFAULT_AMOUNT_CEILING,
      userId: chibo1.userId,
      now: NOW,
      cellsPerBatch,
    });
    const one = await approveOrgMonth(server.db, job('2026-07'));
    const many = await approveOrgMonth(server.db, job('2026-08', 2));
    expect(many).toEqual(one);
    const strip = (rows: Awaited<ReturnType<typeof rowsOf>>) =>
      rows.map(({ month: _month, ...r }) => r);
    expect(strip(await rowsOf('2026-08'))).toEqual(strip(await rowsOf('2026-07')));
  });

  it('approves a single cell for its secretary, and refuses others and bad input', async () => {
    const month = '2026-06';
    const cell = await approveOrg('bithu.chibo1', chibo1.cellId, { month, all: true });
    expect(cell.status).toBe(200);
    expect(cell.body.cells).toBe(1);
    const inCell = await rowsOf(month);
    expect(inCell.length).toBe(cell.body.approved);
    expect(inCell.every((r) => r.cell_id === chibo1.cellId)).toBe(true);

    expect((await approveOrg('bithu.chibo1', ward.id, { month, all: true })).status).toBe(403);
    expect((await approveOrg('canbo.xuly', ward.id, { month, all: true })).status).toBe(403);
    const unknownOrg = '00000000-0000-4000-8000-00000000dead';
    expect((await approveOrg('ketoan.phuong', unknownOrg, { month, all: true })).status).toBe(404);
    const noRule = await approveOrg('ketoan.phuong', ward.id, { month: '2010-12', all: true });
    expect(noRule.status).toBe(400);
    expect(noRule.body.messageVi).toBeTruthy();
    const noSuchMonth = { month: '2026-13', all: true };
    expect((await approveOrg('ketoan.phuong', ward.id, noSuchMonth)).status).toBe(400);
    expect((await approveOrg('ketoan.phuong', ward.id, { month, all: false })).status).toBe(400);
    expect(await rowsOf('2010-12')).toEqual([]);
    expect(await rowsOf(month)).toEqual(inCell);
  });
});
