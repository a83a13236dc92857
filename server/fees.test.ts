/**
 * Party fees end to end on each engine: profiles, approvals, payments through the gateway,
 * callbacks and status queries, receipts, the ledger. One file over 400 lines: the cases run in
 * order on one server, each starting from the state the previous one left.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serverEngines } from '../scripts/test-support/databases';
import { UNAPPROVED_NOTE_VI, type ApprovalSheet, type Payment } from '../src/api/fees';
import { User } from '../src/domain/people/user';
import { hashPassword } from './auth/passwords';
import { signed } from './payments/protocol';
import { paymentEvents } from './repositories/fees-payments';
import { insertUser } from './repositories/users';
import { ids, PASSWORD, TEST_SCRYPT } from './test-support/fixture';
import { jsonApi } from './test-support/fee-gateway';
import { openTestServer, type TestServer } from './test-support/harness';

/** Answers are read loosely: their shape is what the assertions check. */
type Answer = Record<string, unknown> &
  Omit<Payment, 'items'> &
  Pick<ApprovalSheet, 'lines'> & {
    items: Payment[];
  };

const SECRET = 'sandbox-secret-for-tests';
const MERCHANT = 'DANGPHI';
const [m1, m2] = ids.members;
const memberUserId = '00000000-0000-4000-8000-000000000301';

let gateway: ChildProcess;
let gatewayUrl = '';

/** The sandbox gateway as its own process, as in the demo. */
beforeAll(async () => {
  gateway = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/sandbox-gateway.ts', '--secret', SECRET],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: gateway.stdout! });
  gatewayUrl = await new Promise<string>((resolve, reject) => {
    lines.once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
    gateway.once('exit', (code) => reject(new Error(`sandbox gateway exited with ${code}`)));
  });
  process.env.FEES_GATEWAY_URL = gatewayUrl;
  process.env.FEES_GATEWAY_SECRET = SECRET;
  process.env.FEES_GATEWAY_MERCHANT = MERCHANT;
  process.env.FEES_AMOUNT_CEILING = '50000000';
});
afterAll(() => {
  gateway?.kill('SIGTERM');
});

const setMode = (mode: string, lateMs?: number) =>
  fetch(`${gatewayUrl}/control/mode`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ mode, lateMs }),
  });
const callbackAnswers = async (reference: string) =>
  (
    (await (await fetch(`${gatewayUrl}/control/callbacks`)).json()) as {
      reference: string;
      body: { code: string };
    }[]
  )
    .filter((a) => a.reference === reference)
    .map((a) => a.body.code);

describe.each(serverEngines)('party fees on %s', (engine) => {
  let t: TestServer;
  let base = '';
  const tokens: Record<string, string> = {};
  let cellPaymentId = '';
  let failedPaymentId = '';

  beforeAll(async () => {
    t = await openTestServer({ engine, postgresUrl: inject('postgresUrl') });
    const passwordHash = await hashPassword(PASSWORD, TEST_SCRYPT);
    const user = User.parse({
      id: memberUserId,
      username: 'dangvien.duc',
      fullName: 'Nguyễn Văn Đức',
      citizenId: '001085000001',
      phone: '0912345678',
      email: null,
      position: null,
      orgId: ids.cell1,
      status: 'active',
      roles: [{ role: 'member', orgId: ids.cell1 }],
    });
    await t.server.db
      .transaction()
      .execute((trx) =>
        insertUser(trx, { user, passwordHash, memberId: m1 }, new Date('2026-01-01T00:00:00Z')),
      );
    base = t.url;
    for (const name of ['bithu.tdp1', 'dangvien.duc', 'qt.viethung', 'qt.phucloi'])
      tokens[name] = await t.tokenFor(name);
  });
  afterAll(() => t?.close());

  const api = jsonApi<Answer>(() => base, tokens);
  const sheetUrl = `/v1/fees/cells/${ids.cell1}/approvals`;
  const approve = (month: string, items: unknown[], all = false) =>
    api('POST', sheetUrl, 'bithu.tdp1', { month, items, all });
  const payment = (id: string) => api('POST', `/v1/fees/payments/${id}/query`, 'dangvien.duc');
  const statusOf = async (id: string) =>
    (await api('GET', `/v1/fees/transactions?limit=500`, 'qt.viethung')).body.items.find(
      (p: { id: string }) => p.id === id,
    )?.status;

  /** The member pays his own approved month in the given gateway mode. */
  async function payOwnMonth(month: string, mode: string, lateMs?: number) {
    expect((await approve(month, [{ memberId: m1 }])).status).toBe(200);
    await setMode(mode, lateMs);
    const res = await api('POST', '/v1/fees/payments', 'dangvien.duc', { month });
    expect(res.status).toBe(201);
    return res.body as { id: string; reference: string; amount: number; status: string };
  }

  it('sets profiles and shows computed amounts, unapproved months as 0 with the note', async () => {
    const put = (memberId: string, body: object, who = 'bithu.tdp1') =>
      api('PUT', `/v1/fees/profiles/${memberId}`, who, {
        base: null,
        fixedAmount: null,
        voluntaryExtra: 0,
        exemption: null,
        ...body,
      });
    expect((await put(m1, { category: 'salaried', base: 8_500_000 })).status).toBe(200);
    expect((await put(m2, { category: 'pensioner', base: 6_000_000 })).status).toBe(200);
    // Another ward's admin cannot touch this cell's members.
    expect((await put(m1, { category: 'student' }, 'qt.phucloi')).status).toBe(404);
    for (const bad of [-1, 1.5, '8500000', 'abc'])
      expect((await put(m1, { category: 'salaried', base: bad })).status).toBe(400);

    const sheet = await api('GET', `${sheetUrl}?month=2026-01`, 'bithu.tdp1');
    expect(sheet.status).toBe(200);
    expect(sheet.body.ruleVersionId).toBe('342-QD-TW');
    expect(sheet.body.lines).toEqual([
      expect.objectContaining({
        memberId: m1,
        computedAmount: 85_000,
        approved: false,
        amount: 0,
        note: UNAPPROVED_NOTE_VI,
      }),
      expect.objectContaining({ memberId: m2, computedAmount: 30_000, approved: false, amount: 0 }),
    ]);
    // Where the money goes, for the payer to check before paying (the ward's active account).
    expect(sheet.body.collectingAccount).toEqual({
      orgName: expect.stringMatching(/Phường/) as string,
      holder: expect.any(String) as string,
      accountNo: expect.stringMatching(/^\d+$/) as string,
      bankName: expect.any(String) as string,
    });
    const due = await api('GET', `/v1/fees/members/${m1}/due?month=2026-01`, 'dangvien.duc');
    expect(due.body).toEqual({
      memberId: m1,
      month: '2026-01',
      amount: 0,
      approved: false,
      paid: false,
      note: UNAPPROVED_NOTE_VI,
    });
    const early = await api('POST', '/v1/fees/payments', 'dangvien.duc', { month: '2026-01' });
    expect(early.status).toBe(409);
    expect(early.body.messageVi).toContain(UNAPPROVED_NOTE_VI);
    // Only the cell's approver approves.
    expect(
      (await api('POST', sheetUrl, 'dangvien.duc', { month: '2026-01', all: true })).status,
    ).toBe(403);
  });

  it('approves all, adjusting one member only with a reason, and refuses bad amounts', async () => {
    const noReason = await approve('2026-01', [{ memberId: m2, amount: 20_000 }], true);
    expect(noReason.status).toBe(400);
    expect(noReason.body.field).toBe('items.0.reason');
    for (const amount of [-5, 2.5, '20000', 60_000_000])
      expect(
        (await approve('2026-01', [{ memberId: m2, amount, reason: 'Hoàn cảnh khó khăn' }])).status,
      ).toBe(400);
    const ok = await approve(
      '2026-01',
      [{ memberId: m2, amount: 20_000, reason: 'Hoàn cảnh khó khăn' }],
      true,
    );
    expect(ok.status).toBe(200);
    expect(ok.body.lines.map((l) => [l.amount, l.approved, l.adjustReason, l.note])).toEqual([
      [85_000, true, null, null],
      [20_000, true, 'Hoàn cảnh khó khăn', null],
    ]);
  });

  it('the cell representative pays for the whole cell; the callback settles it once', async () => {
    await setMode('success');
    const res = await api('POST', '/v1/fees/payments', 'bithu.tdp1', {
      month: '2026-01',
      cellId: ids.cell1,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'cell',
      amount: 105_000,
      status: 'unknown',
      statusVi: 'Chưa xác định',
    });
    expect(res.body.reference).toMatch(/^DP2601[0-9A-F]{12}$/);
    expect(res.body.paymentUrl).toContain(gatewayUrl);
    cellPaymentId = res.body.id;
    await expect.poll(() => statusOf(res.body.id), { timeout: 5_000 }).toBe('success');
    expect(await callbackAnswers(res.body.reference)).toEqual(['00']);
    const sheet = await api('GET', `${sheetUrl}?month=2026-01`, 'bithu.tdp1');
    expect(sheet.body.lines.map((l) => l.paid)).toEqual([true, true]);
    // Paid months are neither approved again nor paid twice.
    expect(
      (await approve('2026-01', [{ memberId: m1, amount: 1, reason: 'sửa lại' }])).status,
    ).toBe(409);
    expect(
      (await api('POST', '/v1/fees/payments', 'dangvien.duc', { month: '2026-01' })).status,
    ).toBe(409);
  });

  it('a lost callback leaves the payment unknown until the status query settles it', async () => {
    const p = await payOwnMonth('2026-02', 'lost');
    expect(p.amount).toBe(85_000);
    const tx = await api(
      'GET',
      '/v1/fees/transactions?status=unknown&month=2026-02',
      'dangvien.duc',
    );
    expect(tx.body.items.map((i) => [i.id, i.statusVi, i.settleDeadline])).toEqual([
      [p.id, 'Chưa xác định', new Date(t.clock.now.getTime() + 2 * 86_400_000).toISOString()],
    ]);
    const settled = await payment(p.id);
    expect(settled.body).toMatchObject({
      status: 'success',
      statusVi: 'Thành công',
      settledVia: 'query',
      settleDeadline: null,
    });
  });

  it('a failed payment frees the month for another try', async () => {
    const p = await payOwnMonth('2026-03', 'failure');
    failedPaymentId = p.id;
    await expect.poll(() => statusOf(p.id), { timeout: 5_000 }).toBe('failed');
    await setMode('success');
    const again = await api('POST', '/v1/fees/payments', 'dangvien.duc', { month: '2026-03' });
    expect(again.status).toBe(201);
    await expect.poll(() => statusOf(again.body.id), { timeout: 5_000 }).toBe('success');
  });

  it('applies duplicate callbacks exactly once', async () => {
    const p = await payOwnMonth('2026-04', 'duplicate');
    await expect
      .poll(async () => (await callbackAnswers(p.reference)).length, { timeout: 5_000 })
      .toBe(3);
    expect((await callbackAnswers(p.reference)).sort()).toEqual(['00', '02', '02']);
    const events = await paymentEvents(t.server.db, p.id);
    expect(events.filter((e) => e.outcome === 'applied')).toHaveLength(1);
    expect(events.filter((e) => e.outcome === 'already_settled')).toHaveLength(2);
  });

  it('ignores a forged callback (logged) and settles by query', async () => {
    const p = await payOwnMonth('2026-05', 'forged');
    await expect.poll(() => callbackAnswers(p.reference), { timeout: 5_000 }).toEqual(['97']);
    expect(await statusOf(p.id)).toBe('unknown');
    expect((await payment(p.id)).body.status).toBe('success');
  });

  it('refuses unknown references, wrong amounts and replays, changing nothing', async () => {
    const p = await payOwnMonth('2026-06', 'lost');
    const callback = (fields: Record<string, string | number | null>) =>
      fetch(`${base}/v1/fees/gateway/callback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(
          signed(SECRET, {
            merchantId: MERCHANT,
            reference: p.reference,
            gatewayTxnId: 'gw-1',
            amount: p.amount,
            status: 'success',
            bankReference: 'FT999',
            paidAt: '2026-01-05T09:00:00Z',
            ...fields,
          }),
        ),
      }).then(async (r) => ((await r.json()) as { code: string }).code);
    expect(await callback({ reference: 'DPNOSUCHREF' })).toBe('01');
    expect(await callback({ amount: p.amount + 1 })).toBe('04');
    expect(await callback({ amount: p.amount - 0.5 })).toBe('04');
    expect(await statusOf(p.id)).toBe('unknown');
    expect(await callback({ status: 'failed', responseCode: '24' })).toBe('00');
    // Why it failed travels to the payer: the gateway's answer code (24: the payer cancelled).
    expect((await payment(p.id)).body).toMatchObject({ status: 'failed', failureCode: '24' });
    // A replay of the same message, or a later contradicting one, changes nothing.
    expect(await callback({ status: 'failed' })).toBe('02');
    expect(await callback({ status: 'success' })).toBe('02');
    expect(await statusOf(p.id)).toBe('failed');
    const outcomes = (await paymentEvents(t.server.db, p.id)).map((e) => e.outcome);
    expect(outcomes).toEqual([
      'wrong_amount',
      'wrong_amount',
      'applied',
      'already_settled',
      'conflicting_result',
    ]);
  });

  it('waits for a late answer: unknown while pending, then the callback settles it', async () => {
    const p = await payOwnMonth('2026-07', 'late', 1_500);
    expect((await payment(p.id)).body.status).toBe('unknown');
    await expect.poll(() => statusOf(p.id), { timeout: 6_000, interval: 200 }).toBe('success');
    expect(await callbackAnswers(p.reference)).toEqual(['00']);
  });

  it('fails a payment the gateway has not settled within 2 days', async () => {
    const p = await payOwnMonth('2026-08', 'late', 600_000);
    const start = t.clock.now;
    try {
      t.clock.now = new Date(start.getTime() + 2 * 86_400_000 + 1);
      tokens['dangvien.duc'] = await t.tokenFor('dangvien.duc');
      expect((await payment(p.id)).body).toMatchObject({ status: 'failed', settledVia: 'timeout' });
    } finally {
      t.clock.now = start;
      tokens['dangvien.duc'] = await t.tokenFor('dangvien.duc');
    }
  });

  it('lets an authorized officer settle an unknown payment by hand, audited', async () => {
    const p = await payOwnMonth('2026-09', 'lost');
    const body = {
      status: 'success',
      bankReference: 'FT26010512345',
      note: 'Đảng viên gửi thông báo trừ tiền',
    };
    const url = `/v1/fees/payments/${p.id}/settle`;
    expect((await api('POST', url, 'dangvien.duc', body)).status).toBe(403);
    // Another ward's payment: out of scope answers as if absent (decision 0016).
    expect((await api('POST', url, 'qt.phucloi', body)).status).toBe(404);
    expect((await api('POST', url, 'qt.viethung', { ...body, bankReference: '' })).status).toBe(
      400,
    );
    const res = await api('POST', url, 'qt.viethung', body);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'success',
      settledVia: 'manual',
      bankReference: 'FT26010512345',
    });
    expect((await api('POST', url, 'qt.viethung', body)).status).toBe(409);
    const events = await paymentEvents(t.server.db, p.id);
    expect(events.map((e) => [e.source, e.outcome, e.actor_user_id])).toEqual([
      ['manual', 'applied', ids.wardAdmin],
      ['manual', 'already_settled', ids.wardAdmin],
    ]);
  });

  it('lists transactions with filters, each caller seeing only their own or their subtree', async () => {
    const list = async (who: string, q: string) =>
      (await api('GET', `/v1/fees/transactions?${q}`, who)).body.items as {
        status: string;
        kind: string;
        items: { month: string }[];
      }[];
    const all = await list('qt.viethung', 'limit=500');
    // 1 cell payment and 9 of the member's own, every one settled by now.
    expect(all.length).toBe(10);
    expect(new Set(all.map((p) => p.status))).toEqual(new Set(['success', 'failed']));
    expect((await list('qt.viethung', 'status=failed')).every((p) => p.status === 'failed')).toBe(
      true,
    );
    expect((await list('qt.viethung', 'month=2026-01')).map((p) => p.kind)).toEqual(['cell']);
    expect((await list('qt.viethung', `memberId=${m2}`)).map((p) => p.items.length)).toEqual([2]);
    expect(await list('qt.viethung', `cellId=${ids.cell2}`)).toEqual([]);
    expect(await list('qt.phucloi', '')).toEqual([]);
    expect((await list('dangvien.duc', '')).length).toBe(all.length);
    expect((await api('GET', '/v1/fees/transactions?status=pending', 'qt.viethung')).status).toBe(
      400,
    );
  });

  it('prints receipts numbered per org and year, later prints marked as re-prints', async () => {
    const receipt = async (id: string) =>
      api('GET', `/v1/fees/payments/${id}/receipt`, 'bithu.tdp1');
    const first = await receipt(cellPaymentId);
    expect(first.status).toBe(200);
    expect(first.body.fileName).toBe('bien-lai-0001-2026.pdf');
    const file = join(mkdtempSync(join(tmpdir(), 'receipt-')), 'r.pdf');
    writeFileSync(file, Buffer.from(String(first.body.dataBase64), 'base64'));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).normalize(
      'NFC',
    );
    for (const expected of [
      'BIÊN LAI THU ĐẢNG PHÍ',
      'Số 0001/2026/BL-ĐP',
      'ĐẢNG BỘ PHƯỜNG VIỆT HƯNG',
      'Trần Thị Hoa',
      'Tổng số tiền: 105.000 đ',
    ])
      expect(text).toContain(expected);
    expect(text).not.toContain('Bản in lại');
    const again = await receipt(cellPaymentId);
    expect(again.body.fileName).toBe('bien-lai-0001-2026.pdf');
    writeFileSync(file, Buffer.from(String(again.body.dataBase64), 'base64'));
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).normalize('NFC')).toContain(
      '(Bản in lại)',
    );
    const own = (await api('GET', '/v1/fees/transactions?month=2026-02', 'dangvien.duc')).body
      .items[0];
    const second = await api('GET', `/v1/fees/payments/${own?.id}/receipt`, 'dangvien.duc');
    expect(second.body.fileName).toBe('bien-lai-0002-2026.pdf');
    expect((await receipt(failedPaymentId)).status).toBe(409);
    expect(
      (await api('GET', `/v1/fees/payments/${cellPaymentId}/receipt`, 'qt.phucloi')).status,
    ).toBe(404);
  });

  it("keeps the cell's ledger and exports it to Excel, flagging 3 unpaid months", async () => {
    expect((await approve('2026-10', [{ memberId: m1 }])).status).toBe(200);
    const url = `/v1/fees/cells/${ids.cell1}/ledger?year=2026&upTo=10`;
    const ledger = await api('GET', url, 'qt.viethung');
    expect(ledger.status).toBe(200);
    const rows = ledger.body.rows as {
      memberId: string;
      paid: number;
      unpaidMonths: number;
      flagged: boolean;
    }[];
    // m1: 2026-06 and 2026-08 failed, 2026-10 approved but unpaid.
    expect(rows.map((r) => [r.memberId, r.unpaidMonths, r.flagged])).toEqual([
      [m1, 3, true],
      [m2, 0, false],
    ]);
    expect(rows[0]?.paid).toBe(7 * 85_000);
    expect(ledger.body.file).toBeNull();
    const xlsx = await api('GET', `${url}&format=xlsx`, 'qt.viethung');
    const file = xlsx.body.file as { fileName: string; dataBase64: string };
    expect(file.fileName).toBe('so-dang-phi-2256102-2026.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.dataBase64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets[0]?.getRow(3).getCell(2).value).toBe('Nguyễn Văn Đức');
    expect((await api('GET', url, 'dangvien.duc')).status).toBe(403);
  });

  it('settles every unknown payment in scope in one run', async () => {
    const p = await payOwnMonth('2026-11', 'lost');
    expect(await statusOf(p.id)).toBe('unknown');
    const url = '/v1/fees/payments/settle-unknown';
    expect((await api('POST', url, 'dangvien.duc', {})).status).toBe(403);
    // Another ward's admin runs it for its own subtree only.
    expect((await api('POST', url, 'qt.phucloi', {})).body).toEqual({
      checked: 0,
      settled: 0,
      gatewayErrors: 0,
    });
    expect((await api('POST', url, 'qt.viethung', {})).body).toEqual({
      checked: 1,
      settled: 1,
      gatewayErrors: 0,
    });
    expect(await statusOf(p.id)).toBe('success');
  });
});
