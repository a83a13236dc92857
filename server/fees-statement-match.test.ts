import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serverEngines } from '../scripts/test-support/databases';
import { User } from '../src/domain/people/user';
import { hashPassword } from './auth/passwords';
import { insertUser } from './repositories/users';
import { ids, PASSWORD, TEST_SCRYPT } from './test-support/fixture';
import { jsonApi, useDemoFeeGateway } from './test-support/fee-gateway';
import { openTestServer } from './test-support/harness';

// Statement lines the import left for a person, matched by hand: to a recorded payment or to
// members' approved month; each line once, each member-month once, refusals change nothing.

/** Answers are read loosely: the assertions check their shape. */
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const [m1, m2] = ids.members;
const memberUserId = '00000000-0000-4000-8000-000000000311';
const feeOfficerId = '00000000-0000-4000-8000-000000000312';
const gateway = useDemoFeeGateway('statement-match-secret');

async function openServer(engine: (typeof serverEngines)[number]) {
  const t = await openTestServer({ engine, postgresUrl: inject('postgresUrl') });
  const passwordHash = await hashPassword(PASSWORD, TEST_SCRYPT);
  const users = [
    {
      id: memberUserId,
      username: 'dangvien.duc',
      fullName: 'Nguyễn Văn Đức',
      citizenId: '001085000011',
      roles: [{ role: 'member', orgId: ids.cell1 }],
      memberId: m1,
    },
    {
      id: feeOfficerId,
      username: 'ketoan.viethung',
      fullName: 'Bùi Thị Thu',
      citizenId: '001190000312',
      roles: [{ role: 'fee_officer', orgId: ids.ward }],
    },
  ] as const;
  for (const u of users)
    await t.server.db.transaction().execute((trx) =>
      insertUser(
        trx,
        {
          user: User.parse({
            ...u,
            phone: '0912345678',
            email: null,
            position: null,
            orgId: u.roles[0].orgId,
            status: 'active',
          }),
          passwordHash,
          memberId: 'memberId' in u ? u.memberId : undefined,
        },
        new Date('2026-01-01T00:00:00Z'),
      ),
    );
  const base = t.url;
  const tokens: Record<string, string> = {};
  for (const name of ['bithu.tdp1', 'dangvien.duc', 'qt.viethung', 'qt.phucloi', 'ketoan.viethung'])
    tokens[name] = await t.tokenFor(name);
  const api = jsonApi<Json>(() => base, tokens);
  for (const [memberId, profile] of [
    [m1, { category: 'salaried', base: 8_500_000 }],
    [m2, { category: 'pensioner', base: 6_000_000 }],
  ] as const) {
    const put = await api('PUT', `/v1/fees/profiles/${memberId}`, 'bithu.tdp1', {
      fixedAmount: null,
      voluntaryExtra: 0,
      exemption: null,
      ...profile,
    });
    expect(put.status).toBe(200);
  }
  return { t, api };
}

describe.each(serverEngines)('matching statement lines by hand on %s', (engine) => {
  let s: Awaited<ReturnType<typeof openServer>>;
  const lineOf = async (bankReference: string, status = 'unmatched') => {
    const list = await s.api(
      'GET',
      `/v1/fees/orgs/${ids.ward}/statement-lines?status=${status}`,
      'ketoan.viethung',
    );
    expect(list.status).toBe(200);
    return list.body.items.find((l: Json) => l.bankReference === bankReference) as Json | undefined;
  };
  const match = (lineId: string, body: object, who = 'ketoan.viethung') =>
    s.api('POST', `/v1/fees/statement-lines/${lineId}/match`, who, body);
  /** A match of cell 1's members for a month, February unless told. */
  const cell1Month = (memberIds: string[], month = '2026-02') => ({
    cellId: ids.cell1,
    month,
    memberIds,
  });
  const transactions = async (month: string) => {
    const list = await s.api('GET', `/v1/fees/transactions?month=${month}`, 'qt.viethung');
    return list.body.items as Json[];
  };

  beforeAll(async () => {
    s = await openServer(engine);
    for (const month of ['2026-02', '2026-03', '2026-04']) {
      const approved = await s.api('POST', `/v1/fees/cells/${ids.cell1}/approvals`, 'bithu.tdp1', {
        month,
        all: true,
        items: [],
      });
      expect(approved.status).toBe(200);
    }
    const header = 'Ngày,Số tiền,Nội dung,Số tham chiếu';
    const csv = [
      header,
      '05/02/2026,115.000,Chi bo 1 nop dang phi thang 2,FT101',
      '06/03/2026,85000,Nguyen Van Duc dang phi,FT102',
      '07/03/2026,50000,Dang phi,FT103',
      '08/03/2026,85000,Dang phi lan 2,FT104',
      '09/04/2026,30000,Dang phi thang 4,FT105',
    ].join('\n');
    const imported = await s.api(
      'POST',
      `/v1/fees/orgs/${ids.ward}/statements`,
      'ketoan.viethung',
      {
        fileName: 'saoke.csv',
        dataBase64: Buffer.from(csv).toString('base64'),
      },
    );
    expect(imported.body).toMatchObject({ accepted: true, imported: 5, matched: [] });
    expect(imported.body.unmatched[0]).toMatchObject({
      bankReference: 'FT101',
      reason: 'no_reference',
    });
    expect(imported.body.unmatched[0].lineId).toBe((await lineOf('FT101'))?.lineId);
  });
  afterAll(() => s?.t.close());

  it('lists the lines left for a person to the fee officer and the admin of the org only', async () => {
    const url = `/v1/fees/orgs/${ids.ward}/statement-lines`;
    const list = await s.api('GET', url, 'qt.viethung');
    const references = list.body.items.map((l: Json) => l.bankReference).sort();
    expect(references).toEqual(['FT101', 'FT102', 'FT103', 'FT104', 'FT105']);
    expect(list.body.items[0]).toMatchObject({
      status: 'unmatched',
      accountNo: '0011004567890',
      reasonVi: 'Không tìm thấy mã thanh toán trong nội dung chuyển khoản',
      importedByName: 'Bùi Thị Thu',
      matchedByName: null,
    });
    expect((await s.api('GET', url, 'dangvien.duc')).status).toBe(403);
    expect((await s.api('GET', url, 'bithu.tdp1')).status).toBe(403);
    expect((await s.api('GET', url, 'qt.phucloi')).status).toBe(403);
    expect((await s.api('GET', `${url}?status=matched`, 'qt.viethung')).body.items).toEqual([]);
  });

  it("refuses a wrong amount, a cell outside the account and others' months, writing nothing", async () => {
    const line = (await lineOf('FT101'))!;
    const onlyM1 = await match(line.lineId, cell1Month([m1]));
    expect(onlyM1.status).toBe(409);
    expect(onlyM1.body).toMatchObject({
      error: 'amount_differs',
      messageVi: 'Số tiền của dòng sao kê (115.000 đồng) khác số tiền phải nộp (85.000 đồng).',
    });
    const other = await match(line.lineId, {
      cellId: ids.otherCell,
      month: '2026-02',
      memberIds: [ids.members[4]],
    });
    expect(other.status).toBe(409);
    expect(other.body.messageVi).toBe(
      'Chi bộ Tổ dân phố số 9 không nộp đảng phí vào tài khoản của sao kê này.',
    );
    const notInCell = await match(line.lineId, {
      cellId: ids.cell1,
      month: '2026-02',
      memberIds: [m1, ids.members[2]],
    });
    expect(notInCell.body.messageVi).toBe('Đảng viên không thuộc chi bộ.');
    const unapproved = await match(line.lineId, cell1Month([m1, m2], '2026-05'));
    expect(unapproved.body.messageVi).toContain('chưa được phê duyệt');
    // Only the officers of the account's org match; a member of another org not at all.
    expect((await match(line.lineId, cell1Month([m1, m2]), 'bithu.tdp1')).status).toBe(403);
    expect((await match(line.lineId, cell1Month([m1, m2]), 'qt.phucloi')).status).toBe(403);
    expect((await match('not*an*id', { paymentId: ids.account })).status).toBe(400);
    const noSuchLine = Buffer.from(`${ids.account}\nFT999`).toString('base64url');
    expect((await match(noSuchLine, { paymentId: ids.account })).status).toBe(404);
    const paymentAndCell = { paymentId: ids.account, cellId: ids.cell1 };
    expect((await match(line.lineId, paymentAndCell)).status).toBe(400);
    expect(await lineOf('FT101')).toMatchObject({ status: 'unmatched', paymentId: null });
    expect(await transactions('2026-02')).toEqual([]);
  });

  it("matches a line to members' approved month once: a successful payment, audited", async () => {
    const line = (await lineOf('FT101'))!;
    const done = await match(line.lineId, cell1Month([m1, m2]));
    expect(done.status).toBe(200);
    expect(done.body.payment).toMatchObject({
      status: 'success',
      channel: 'statement',
      amount: 115_000,
      bankReference: 'FT101',
      kind: 'cell',
    });
    expect(done.body.line).toMatchObject({
      status: 'matched',
      paymentId: done.body.payment.id,
      matchedByName: 'Bùi Thị Thu',
      reason: 'no_reference',
    });
    expect(done.body.line.matchedAt).toBeTruthy();
    expect(await lineOf('FT101', 'matched')).toMatchObject({ paymentId: done.body.payment.id });
    const again = await match(line.lineId, cell1Month([m1, m2]));
    expect(again.status).toBe(409);
    expect(again.body.messageVi).toBe('Dòng sao kê này đã được đối soát.');
    // The months are paid now: no other line pays them again.
    const paid = await match((await lineOf('FT105'))!.lineId, cell1Month([m2]));
    expect(paid.status).toBe(409);
    expect(paid.body.messageVi).toMatch(/đã nộp đảng phí tháng 02\/2026/);
    const tx = await transactions('2026-02');
    expect(tx.map((p) => [p.id, p.status, p.bankReference])).toEqual([
      [done.body.payment.id, 'success', 'FT101'],
    ]);
  });

  it('proves an unknown payment with a line of its amount; the payment is settled once', async () => {
    await fetch(`${gateway().url}/control/mode`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'late', lateMs: 600_000 }),
    });
    const started = await s.api('POST', '/v1/fees/payments', 'dangvien.duc', { month: '2026-03' });
    expect(started.body).toMatchObject({ status: 'unknown', amount: 85_000 });
    const paymentId = started.body.id as string;
    const wrong = await match((await lineOf('FT103'))!.lineId, { paymentId });
    expect(wrong.body).toMatchObject({
      error: 'amount_differs',
      messageVi: 'Số tiền của dòng sao kê (50.000 đồng) khác số tiền phải nộp (85.000 đồng).',
    });
    const proven = await match((await lineOf('FT102'))!.lineId, { paymentId });
    expect(proven.status).toBe(200);
    expect(proven.body.payment).toMatchObject({
      id: paymentId,
      status: 'success',
      settledVia: 'manual',
      bankReference: 'FT102',
    });
    const twice = await match((await lineOf('FT104'))!.lineId, { paymentId });
    expect(twice.status).toBe(409);
    expect(twice.body.messageVi).toBe(
      'Giao dịch được chọn đã được đối soát với dòng sao kê FT102.',
    );
    expect(await lineOf('FT104')).toMatchObject({ status: 'unmatched' });
    const tx = await transactions('2026-03');
    expect(tx.map((p) => [p.id, p.status, p.settledVia])).toEqual([
      [paymentId, 'success', 'manual'],
    ]);
  });

  it('applies one of two simultaneous matches of a line', async () => {
    const line = (await lineOf('FT105'))!;
    const body = cell1Month([m2], '2026-04');
    const answers = await Promise.all([match(line.lineId, body), match(line.lineId, body)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const tx = await transactions('2026-04');
    expect(tx.map((p) => [p.amount, p.bankReference])).toEqual([[30_000, 'FT105']]);
  });
});
