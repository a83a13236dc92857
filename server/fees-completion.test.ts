/**
 * The fee features that complete the procedure: rule versions, held and settled payments,
 * VietQR, bank statements, the org report, bank accounts, approvals queued offline. One file over
 * 400 lines: the cases run in order on one server, each starting from the state the previous one
 * left.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serverEngines } from '../scripts/test-support/databases';
import { readVietQr } from '../src/domain/fees/vietqr';
import { DEFAULT_FEE_RULES } from '../src/domain/fees/rules';
import { User } from '../src/domain/people/user';
import { hashPassword } from './auth/passwords';
import { insertUser } from './repositories/users';
import { ids, PASSWORD, TEST_SCRYPT } from './test-support/fixture';
import { jsonApi, useDemoFeeGateway } from './test-support/fee-gateway';
import { openTestServer } from './test-support/harness';

/** Answers are read loosely: the assertions check their shape. */
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const [m1, m2, m3] = ids.members;
const memberUserId = '00000000-0000-4000-8000-000000000301';
const feeOfficerId = '00000000-0000-4000-8000-000000000302';
const gateway = useDemoFeeGateway('completion-secret');

const setMode = (mode: string, lateMs?: number) =>
  fetch(`${gateway().url}/control/mode`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ mode, lateMs }),
  });

async function openServer(engine: (typeof serverEngines)[number]) {
  const t = await openTestServer({ engine, postgresUrl: inject('postgresUrl') });
  const passwordHash = await hashPassword(PASSWORD, TEST_SCRYPT);
  const mk = (
    id: string,
    username: string,
    citizenId: string,
    roles: User['roles'],
    memberId?: string,
  ) =>
    t.server.db.transaction().execute((trx) =>
      insertUser(
        trx,
        {
          user: User.parse({
            id,
            username,
            fullName: username === 'dangvien.duc' ? 'Nguyễn Văn Đức' : 'Bùi Thị Thu',
            citizenId,
            phone: '0912345678',
            email: null,
            position: null,
            orgId: roles[0]!.orgId,
            status: 'active',
            roles,
          }),
          passwordHash,
          memberId,
        },
        new Date('2026-01-01T00:00:00Z'),
      ),
    );
  await mk(
    memberUserId,
    'dangvien.duc',
    '001085000001',
    [{ role: 'member', orgId: ids.cell1 }],
    m1,
  );
  await mk(feeOfficerId, 'ketoan.viethung', '001190000302', [
    { role: 'fee_officer', orgId: ids.ward },
  ]);
  const base = t.url;
  const tokens: Record<string, string> = {};
  for (const name of [
    'bithu.tdp1',
    'dangvien.duc',
    'qt.viethung',
    'qt.phucloi',
    'qt.thanhpho',
    'ketoan.viethung',
  ])
    tokens[name] = await t.tokenFor(name);
  const api = jsonApi<Json>(() => base, tokens);
  const profile = (memberId: string, body: object) =>
    api('PUT', `/v1/fees/profiles/${memberId}`, 'bithu.tdp1', {
      base: null,
      fixedAmount: null,
      voluntaryExtra: 0,
      exemption: null,
      ...body,
    });
  return { t, api, profile };
}

describe.each(serverEngines)('fees completion on %s', (engine) => {
  let s: Awaited<ReturnType<typeof openServer>>;
  beforeAll(async () => {
    s = await openServer(engine);
    expect((await s.profile(m1, { category: 'salaried', base: 8_500_000 })).status).toBe(200);
    expect((await s.profile(m2, { category: 'pensioner', base: 6_000_000 })).status).toBe(200);
  });
  afterAll(() => s?.t.close());
  const approve = (month: string, items: unknown[], all = false) =>
    s.api('POST', `/v1/fees/cells/${ids.cell1}/approvals`, 'bithu.tdp1', { month, items, all });
  /** One GET's body, or only its status, for the assertions that read nothing else. */
  const bodyOf = async (path: string, who: string) => (await s.api('GET', path, who)).body;
  const statusOf = async (path: string, who: string) => (await s.api('GET', path, who)).status;
  const cell1Path = (what: 'approvals' | 'vietqr', month: string) =>
    `/v1/fees/cells/${ids.cell1}/${what}?month=${month}`;

  it('keeps rule versions in the database; only the top admin appends a checked correction', async () => {
    const rules = await s.api('GET', '/v1/fees/rules', 'bithu.tdp1');
    expect(rules.body.items.map((i: Json) => i.version.id)).toEqual(['342-QD-TW', '01-QD-TW']);
    expect(rules.body.currentId).toBe('342-QD-TW');
    const base = DEFAULT_FEE_RULES[1]!;
    const correction = {
      ...base,
      id: '01-QD-TW-dc1',
      seq: 3,
      corrects: '01-QD-TW',
      effectiveFrom: '2026-03',
      categories: { ...base.categories, salaried: { kind: 'rate', basisPoints: 80 } },
    };
    expect((await s.api('POST', '/v1/fees/rules', 'qt.viethung', correction)).status).toBe(403);
    const bad = async (patch: object) =>
      s.api('POST', '/v1/fees/rules', 'qt.thanhpho', { ...correction, ...patch });
    expect((await bad({ seq: 2 })).status).toBe(409);
    expect((await bad({ id: '342-QD-TW' })).status).toBe(409);
    expect((await bad({ corrects: 'no-such' })).status).toBe(400);
    expect((await bad({ effectiveFrom: '1990-01' })).body.messageVi).toBe(
      'Thời gian hiệu lực của quy định không hợp lý',
    );
    expect((await bad({ effectiveFrom: '2026-13' })).status).toBe(400);
    expect((await bad({ effectiveTo: '2026-01' })).status).toBe(400);
    const negative = { ...correction.categories, student: { kind: 'fixed', amount: -5000 } };
    expect((await bad({ categories: negative })).status).toBe(400);
    const absurd = { ...correction.categories, salaried: { kind: 'rate', basisPoints: 5000 } };
    expect((await bad({ categories: absurd })).body.messageVi).toContain('vượt quá 10%');
    const keepsAll = { ...base.shares, above: { min: 10_000, max: 10_000, default: 10_000 } };
    expect((await bad({ shares: keepsAll })).status).toBe(400);
    // Nothing of the refused ones was stored.
    expect((await bodyOf('/v1/fees/rules', 'qt.thanhpho')).items).toHaveLength(2);

    const ok = await s.api('POST', '/v1/fees/rules', 'qt.thanhpho', correction);
    expect(ok.status).toBe(201);
    expect(ok.body.items.at(-1)).toMatchObject({
      version: { id: '01-QD-TW-dc1' },
      createdByName: 'Vũ Minh Khoa',
    });
    // Compute uses it from then on: 0.8% of 8,500,000 from March; February keeps 01-QĐ/TW.
    const sheet = async (month: string) =>
      await bodyOf(cell1Path('approvals', month), 'bithu.tdp1');
    expect((await sheet('2026-03')).ruleVersionId).toBe('01-QD-TW-dc1');
    expect((await sheet('2026-03')).lines[0].computedAmount).toBe(68_000);
    expect((await sheet('2026-02')).lines[0].computedAmount).toBe(85_000);
  });

  it('refuses a second payment for a held member-month, also when two start at once', async () => {
    expect((await approve('2026-01', [], true)).status).toBe(200);
    await setMode('late', 600_000);
    const start = (who: string, body: object) => s.api('POST', '/v1/fees/payments', who, body);
    const [a, b] = await Promise.all([
      start('bithu.tdp1', { month: '2026-01', cellId: ids.cell1 }),
      start('bithu.tdp1', { month: '2026-01', cellId: ids.cell1 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const refused = a.status === 409 ? a : b;
    expect(refused.body.messageVi).toMatch(
      /đang có giao dịch nộp đảng phí tháng 01\/2026 chưa xác định/,
    );
    // The member cannot pay his own month either while the cell's payment is unknown.
    const own = await start('dangvien.duc', { month: '2026-01' });
    expect(own.status).toBe(409);
    expect(own.body.messageVi).toContain('chưa xác định trạng thái');
    const list = await s.api('GET', '/v1/fees/transactions?month=2026-01', 'qt.viethung');
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].items.map((i: Json) => i.memberId).sort()).toEqual([m1, m2].sort());
  });

  it('settles the held payment by hand; a failed one frees the month again', async () => {
    const [held] = (await bodyOf('/v1/fees/transactions?month=2026-01', 'qt.viethung')).items;
    const settle = await s.api('POST', `/v1/fees/payments/${held.id}/settle`, 'ketoan.viethung', {
      status: 'failed',
      bankReference: 'KHONGTRUTIEN',
    });
    expect(settle.status).toBe(200);
    await setMode('success');
    const again = await s.api('POST', '/v1/fees/payments', 'dangvien.duc', { month: '2026-01' });
    expect(again.status).toBe(201);
  });

  it('draws a VietQR for approved members to the active account, with a stable reference', async () => {
    expect((await approve('2026-02', [], true)).status).toBe(200);
    const url = cell1Path('vietqr', '2026-02');
    const qr = await s.api('GET', url, 'bithu.tdp1');
    expect(qr.status).toBe(200);
    expect(qr.body).toMatchObject({
      amount: 115_000,
      bin: '970436',
      bankName: 'Vietcombank',
      accountNo: '0011004567890',
    });
    expect(readVietQr(qr.body.payload)).toEqual({
      bin: '970436',
      accountNo: '0011004567890',
      amount: 115_000,
      reference: qr.body.reference,
    });
    expect((await bodyOf(url, 'bithu.tdp1')).reference).toBe(qr.body.reference);
    // The member draws one for himself only; others' months are not his to pay.
    const own = await s.api('GET', `${url}&memberIds=${m1}`, 'dangvien.duc');
    expect(own.body.amount).toBe(85_000);
    expect(await statusOf(`${url}&memberIds=${m2}`, 'dangvien.duc')).toBe(403);
    expect(await statusOf(`${url}&memberIds=not-a-uuid`, 'bithu.tdp1')).toBe(400);
    expect(await statusOf(`${url}&memberIds=${m3}`, 'bithu.tdp1')).toBe(400);
    expect(await statusOf(cell1Path('vietqr', '2026-07'), 'bithu.tdp1')).toBe(409);
  });

  it('imports a statement all or nothing, line by line, recording matched payments once', async () => {
    const qr = await bodyOf(cell1Path('vietqr', '2026-02'), 'bithu.tdp1');
    const upload = (text: string | Buffer, who = 'ketoan.viethung') =>
      s.api('POST', `/v1/fees/orgs/${ids.ward}/statements`, who, {
        fileName: 'saoke.csv',
        dataBase64: Buffer.from(text).toString('base64'),
      });
    const header = 'Ngày,Số tiền,Nội dung,Số tham chiếu';
    const good = `${header}\n05/02/2026,115.000,CT ${qr.reference} Dang phi,FT001\n06/02/2026,50000,Ung ho quy,FT002\n`;
    expect((await upload(good, 'dangvien.duc')).status).toBe(403);
    const unknownCol = await upload(
      `Ngày,Số tiền,Nội dung,Số tham chiếu,Ghi chú\n05/02/2026,1,a,FT9,x\n`,
    );
    expect(unknownCol.body).toMatchObject({ accepted: false, imported: 0 });
    expect(unknownCol.body.problems[0].messageVi).toContain('Ghi chú');
    const broken = Buffer.concat([
      Buffer.from(`${header}\n05/02/2026,115000,`),
      Buffer.from([0xc3, 0x28]),
      Buffer.from(',FT7\n'),
    ]);
    expect((await upload(broken)).body.problems).toEqual([
      expect.objectContaining({
        lineNo: 2,
        messageVi: 'Dòng có ký tự lỗi mã hóa (không phải UTF-8)',
      }),
    ]);
    const dup = await upload(`${good}06/02/2026,50000,Ung ho quy,FT002\n05/02/2026,-5,x,FT003\n`);
    expect(dup.body.accepted).toBe(false);
    expect(dup.body.problems.map((p: Json) => p.lineNo)).toEqual([4, 5]);
    // Nothing was written by the refused files: the good one matches now.
    const first = await upload(good);
    expect(first.body).toMatchObject({ accepted: true, imported: 2, alreadyImported: 0 });
    expect(first.body.matched).toEqual([
      expect.objectContaining({ bankReference: 'FT001', reference: qr.reference }),
    ]);
    expect(first.body.unmatched).toEqual([
      expect.objectContaining({ bankReference: 'FT002', reason: 'no_reference' }),
    ]);
    const again = await upload(good);
    expect(again.body).toMatchObject({
      accepted: true,
      imported: 0,
      alreadyImported: 2,
      matched: [],
    });
    const tx = await s.api('GET', '/v1/fees/transactions?month=2026-02', 'qt.viethung');
    const payments = tx.body.items.map((p: Json) => [
      p.status,
      p.channel,
      p.bankReference,
      p.amount,
    ]);
    expect(payments).toEqual([['success', 'statement', 'FT001', 115_000]]);
    // Those months are paid: no second code, no second payment.
    const paidMonth = `${cell1Path('vietqr', '2026-02')}&memberIds=${m1}`;
    expect(await statusOf(paidMonth, 'bithu.tdp1')).toBe(409);
  });

  it('reads an Excel statement with the same checks', async () => {
    expect((await approve('2026-03', [{ memberId: m2 }])).status).toBe(200);
    const qr = await bodyOf(cell1Path('vietqr', '2026-03'), 'bithu.tdp1');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sao kê');
    ws.addRow(['Ngày giao dịch', 'Số tiền ghi có', 'Diễn giải', 'Mã giao dịch']);
    ws.addRow([new Date('2026-03-06T00:00:00Z'), qr.amount, `${qr.reference}`, 'FT100']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await s.api('POST', `/v1/fees/orgs/${ids.ward}/statements`, 'ketoan.viethung', {
      fileName: 'saoke.xlsx',
      dataBase64: bytes.toString('base64'),
    });
    expect(res.body).toMatchObject({ accepted: true, imported: 1 });
    expect(res.body.matched[0]).toMatchObject({ date: '2026-03-06', amount: qr.amount });
  });

  it("reports the ward's months per cell, totals up the tree and the split, in Excel and PDF", async () => {
    const url = `/v1/fees/orgs/${ids.ward}/report`;
    expect(await statusOf(`${url}?month=2026-02`, 'dangvien.duc')).toBe(403);
    expect(await statusOf(`${url}`, 'qt.viethung')).toBe(400);
    expect(await statusOf(`${url}?month=2026-02&year=2026`, 'qt.viethung')).toBe(400);
    const feb = await bodyOf(`${url}?month=2026-02`, 'qt.viethung');
    const cell1 = feb.cells.find((c: Json) => c.cellId === ids.cell1);
    expect(cell1).toMatchObject({ due: 115_000, paid: 115_000, outstanding: 0, members: 2 });
    expect(feb.totals).toEqual({ due: 115_000, paid: 115_000, outstanding: 0 });
    expect(feb.orgs.find((o: Json) => o.orgId === ids.ward)).toMatchObject({
      due: 115_000,
      paid: 115_000,
    });
    expect(feb.split).toHaveLength(1);
    const split = feb.split[0];
    expect(split).toMatchObject({ ruleVersionId: '01-QD-TW', collected: 115_000 });
    // The cell of a ward keeps 90%, the ward 50% of the rest, the top the remainder.
    expect(split.parts.map((p: Json) => [p.orgId, p.amount])).toEqual([
      [ids.province, 5_750],
      [ids.ward, 5_750],
      [ids.cell1, 103_500],
    ]);
    const year = await bodyOf(`${url}?year=2026`, 'qt.viethung');
    expect(year.totals.paid).toBeGreaterThanOrEqual(feb.totals.paid);
    const xlsx = (await bodyOf(`${url}?month=2026-02&format=xlsx`, 'qt.viethung')).file;
    expect(xlsx.fileName).toBe('bao-cao-dang-phi-2256101-2026-02.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.dataBase64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets[0]?.getRow(3).getCell(3).value).toBe('Chi bộ Tổ dân phố số 1');
    const pdf = (await bodyOf(`${url}?month=2026-02&format=pdf`, 'qt.viethung')).file;
    const file = join(mkdtempSync(join(tmpdir(), 'report-')), 'r.pdf');
    writeFileSync(file, Buffer.from(pdf.dataBase64, 'base64'));
    const layout = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const text = layout.normalize('NFC');
    expect(text).toContain('BÁO CÁO THU, NỘP ĐẢNG PHÍ');
    expect(text).toContain('Chi bộ Tổ dân phố số 1');
    expect(text).toContain('115.000');
  });

  it("lists the accounts below for the superior's admin and refuses personal or treasury ones", async () => {
    const list = await s.api('GET', `/v1/fees/orgs/${ids.province}/bank-accounts`, 'qt.thanhpho');
    expect(list.status).toBe(200);
    const ward = list.body.items.find((i: Json) => i.orgId === ids.ward);
    expect(ward.accounts).toEqual([
      expect.objectContaining({ id: ids.account, flags: [], bin: '970436' }),
    ]);
    expect(await statusOf(`/v1/fees/orgs/${ids.province}/bank-accounts`, 'qt.viethung')).toBe(403);
    const put = (id: string, body: object, who = 'qt.viethung') =>
      s.api('PUT', `/v1/orgs/${ids.cell2}/bank-accounts/${id}`, who, {
        accountNo: '1234567890123',
        holder: 'CHI BO TO DAN PHO SO 2',
        bankName: 'Agribank',
        citadCode: '01204001',
        isActive: true,
        ...body,
      });
    const first = randomUUID();
    expect((await put(first, { holder: 'NGUYEN VAN A' })).body.messageVi).toContain('cá nhân');
    expect(
      (await put(first, { citadCode: '01701001', bankName: 'Kho bạc Nhà nước' })).body.messageVi,
    ).toContain('kho bạc');
    expect((await put(first, { citadCode: '0120400' })).body.messageVi).toContain('8 chữ số');
    expect((await put(first, { accountNo: '12O4567' })).status).toBe(400);
    expect((await put(first, {}, 'qt.phucloi')).status).toBe(403);
    const created = await put(first, {});
    expect(created.status).toBe(200);
    expect(created.body.rev).toBeGreaterThan(0);
    const second = randomUUID();
    expect((await put(second, { accountNo: '9876543210' })).status).toBe(200);
    const after = await bodyOf(`/v1/fees/orgs/${ids.ward}/bank-accounts`, 'qt.viethung');
    const cell2 = after.items.find((i: Json) => i.orgId === ids.cell2);
    expect(cell2.accounts.map((a: Json) => [a.id, a.isActive])).toEqual([
      [second, true],
      [first, false],
    ]);
    expect(cell2.problemsVi).toEqual([]);
  });

  it('applies an approval queued offline exactly once, with conflicts naming who approved', async () => {
    const push = (who: string, action: object, id = randomUUID(), cellId: string = ids.cell1) =>
      s.api('POST', '/v1/sync/push', who, {
        mutations: [
          {
            id,
            entity: 'feeApproval',
            entityId: cellId,
            baseRev: 0,
            action: { type: 'approve', ...action },
          },
        ],
      });
    const resultOf = async (...args: Parameters<typeof push>) =>
      (await push(...args)).body.results[0];
    const id = randomUUID();
    const applied = await push('bithu.tdp1', { month: '2026-04', items: [{ memberId: m1 }] }, id);
    expect(applied.body.results).toEqual([
      expect.objectContaining({ id, status: 'applied', rev: null }),
    ]);
    const again = await push(
      'bithu.tdp1',
      { month: '2026-04', items: [{ memberId: m1, amount: 1, reason: 'khác đi' }] },
      id,
    );
    expect(again.body.results[0]).toEqual(applied.body.results[0]);
    const sheet = await bodyOf(cell1Path('approvals', '2026-04'), 'bithu.tdp1');
    expect(sheet.lines[0]).toMatchObject({
      approved: true,
      amount: 68_000,
      approvedByName: 'Ngô Văn Minh',
    });
    const other = await push('ketoan.viethung', {
      month: '2026-04',
      items: [{ memberId: m1, amount: 50_000, reason: 'Khó khăn' }],
    });
    expect(other.body.results[0]).toMatchObject({ status: 'conflict', code: 'approved_by_other' });
    expect(other.body.results[0].messageVi).toContain('đã được Ngô Văn Minh phê duyệt');
    const wholeCell = { month: '2026-04', all: true };
    expect((await resultOf('dangvien.duc', wholeCell)).status).toBe('forbidden');
    expect((await resultOf('qt.phucloi', wholeCell)).status).toBe('forbidden');
    const outsider = { month: '2026-04', items: [{ memberId: m3 }] };
    expect(await resultOf('bithu.tdp1', outsider)).toMatchObject({
      status: 'invalid',
      code: 'not_in_cell',
    });
    const noReason = { month: '2026-04', items: [{ memberId: m2, amount: 1 }] };
    expect(await resultOf('bithu.tdp1', noReason)).toMatchObject({
      status: 'invalid',
      code: 'reason_missing',
    });
    const notACell = await resultOf('bithu.tdp1', wholeCell, randomUUID(), ids.ward);
    expect(notACell.status).toBe('invalid');
    // A malformed approval is refused with the whole push, like any bad body.
    expect((await push('bithu.tdp1', { month: '2026-4', all: true })).status).toBe(400);
    const negative = { month: '2026-04', items: [{ memberId: m2, amount: -1, reason: 'abc' }] };
    expect((await push('bithu.tdp1', negative)).status).toBe(400);
    const after = await bodyOf(cell1Path('approvals', '2026-04'), 'bithu.tdp1');
    expect(after.lines.map((l: Json) => [l.approved, l.amount])).toEqual([
      [true, 68_000],
      [false, 0],
    ]);
  });
});

describe('the settling run in the server process', () => {
  it('settles an unknown payment by itself and tells when it runs next', async () => {
    process.env.FEES_SETTLE_INTERVAL_MS = '150';
    let s: Awaited<ReturnType<typeof openServer>> | undefined;
    try {
      s = await openServer('sqlite');
      expect((await s.profile(m1, { category: 'salaried', base: 8_500_000 })).status).toBe(200);
      await s.api('POST', `/v1/fees/cells/${ids.cell1}/approvals`, 'bithu.tdp1', {
        month: '2026-05',
        items: [{ memberId: m1 }],
      });
      await setMode('lost');
      const started = await s.api('POST', '/v1/fees/payments', 'dangvien.duc', {
        month: '2026-05',
      });
      expect(started.status).toBe(201);
      const tx = await s.api('GET', '/v1/fees/transactions', 'qt.viethung');
      expect(tx.body.autoSettle).toMatchObject({ everyMs: 150, settleWithinMs: 2 * 86_400_000 });
      const current = async () =>
        (await s!.api('GET', '/v1/fees/transactions', 'qt.viethung')).body.items.find(
          (p: Json) => p.id === started.body.id,
        );
      await expect
        .poll(async () => (await current()).settledVia, { timeout: 10_000 })
        .toBe('query');
      expect((await current()).status).toBe('success');
    } finally {
      delete process.env.FEES_SETTLE_INTERVAL_MS;
      await s?.t.close();
    }
  });
});
