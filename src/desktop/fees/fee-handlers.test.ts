import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CELL_NAME, DEMO_PASSWORD } from '../../../scripts/gen/demo-accounts';
import { loginAs } from '../../../scripts/test-support/login';
import {
  generatedServerDb,
  startLoopbackServer,
  type LoopbackServer,
} from '../../../scripts/test-support/sync-server';
import { addAccountForMember } from '../../../scripts/test-support/member-account';
import { openClientDb, type ClientDb } from '../../db/client-db';
import { memorySessionStore, type SessionStore } from '../../sync/session';
import { PAYMENT_NEEDS_CONNECTION_VI, UNAPPROVED_NOTE_VI } from '../contract';
import { createDesktopService, type DesktopService } from '../desktop-service';
import { failure, value } from '../test-support/call-results';

// The fee calls of the desktop service against the real server (generated ward on SQLite) and
// the sandbox gateway as its own process; offline, against a closed port with the same cache.

const SECRET = 'fee-handlers-test-secret';
const MONTH = '2026-03';
const NEXT = '2026-04';

let gateway: ChildProcess;
let gatewayUrl = '';
let serverDb: Awaited<ReturnType<typeof generatedServerDb>>;
let server: LoopbackServer;
const dir = mkdtempSync(join(tmpdir(), 'fee-desktop-'));
const sessions: SessionStore = memorySessionStore();
let cache: ClientDb;
let api: DesktopService;

const setMode = (mode: string) =>
  fetch(`${gatewayUrl}/control/mode`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ mode }),
  });

beforeAll(async () => {
  gateway = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/sandbox-gateway.ts', '--secret', SECRET],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  gatewayUrl = await new Promise<string>((resolve, reject) => {
    createInterface({ input: gateway.stdout! }).once('line', (line) =>
      resolve((JSON.parse(line) as { url: string }).url),
    );
    gateway.once('exit', (code) => reject(new Error(`sandbox gateway exited with ${code}`)));
  });
  // The fee routes read their gateway from the environment when the server is built.
  process.env.FEES_GATEWAY_URL = gatewayUrl;
  process.env.FEES_GATEWAY_SECRET = SECRET;
  process.env.FEES_GATEWAY_MERCHANT = 'DANGPHI';
  serverDb = await generatedServerDb('ward', 1);
  server = await startLoopbackServer(serverDb.config);
  cache = await openClientDb(join(dir, 'cache.sqlite'));
  api = createDesktopService({ cache, serverUrl: server.url, sessionStore: sessions });
  value('login', await api.login({ username: 'bithu.chibo1', password: DEMO_PASSWORD }));
  value('syncNow', await api.syncNow({}));
}, 120_000);

afterAll(async () => {
  await cache?.close();
  await server?.close();
  serverDb?.drop();
  gateway?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

/** The secretary's own token, for setting fee profiles (no desktop screen does that yet). */
async function setProfiles(cellId: string, memberIds: string[]) {
  const { accessToken } = (await loginAs(server.url, 'bithu.chibo1', DEMO_PASSWORD)).session;
  for (const [i, memberId] of memberIds.entries()) {
    const res = await fetch(`${server.url}/v1/fees/profiles/${memberId}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        category: 'salaried',
        base: 5_000_000 + 100_000 * i,
        fixedAmount: null,
        voluntaryExtra: 0,
        exemption: null,
      }),
    });
    expect(res.status, `profile of ${cellId}/${memberId}`).toBe(200);
  }
}

/** A member account for one member of the cell, as an approved registration leaves it. */
async function memberAccount(cellId: string, memberId: string): Promise<string> {
  const username = 'dangvien.tunop';
  await addAccountForMember(serverDb.config, { cellId, memberId, username });
  return username;
}

/** Asks until the payment leaves 'unknown' (the gateway calls back within moments). */
async function settled(paymentId: string, cellId: string) {
  for (let i = 0; i < 100; i++) {
    const { payment } = value(
      'feePayment',
      await api.feePayment({ paymentId, cellId, month: MONTH }),
    );
    if (payment && payment.status !== 'unknown') return payment;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`payment ${paymentId} stayed unknown`);
}

describe('party fees on the desktop', () => {
  let cellId = '';
  let memberIds: string[] = [];
  let cellPaymentId = '';

  it('lists the secretary’s cell, approvable, and shows the unapproved month as 0', async () => {
    const { items, orgs } = value('feeCells', await api.feeCells({}));
    const cell = items.find((c) => c.name === DEMO_CELL_NAME);
    expect(cell).toMatchObject({ canApprove: true, canSettle: false });
    expect(orgs).toEqual([]);
    cellId = cell?.id ?? '';
    const before = value('feeApprovalSheet', await api.feeApprovalSheet({ cellId, month: MONTH }));
    expect(before.source).toBe('server');
    memberIds = before.lines.map((l) => l.memberId);
    expect(memberIds.length).toBeGreaterThan(2);
    await setProfiles(cellId, memberIds);
    const sheet = value('feeApprovalSheet', await api.feeApprovalSheet({ cellId, month: MONTH }));
    for (const line of sheet.lines) {
      expect(line).toMatchObject({ approved: false, amount: 0, note: UNAPPROVED_NOTE_VI });
      expect(line.computedAmount).toBeGreaterThan(0);
    }
  });

  it('refuses bad amounts and an adjustment without a reason, changing nothing', async () => {
    const memberId = memberIds[0] ?? '';
    for (const amount of [-5, 2.5, Number.NaN, 2_000_000_000]) {
      const error = failure(
        await api.approveFees({ cellId, month: MONTH, items: [{ memberId, amount }] }),
      );
      expect(error.code).toBe('invalid_input');
    }
    const noReason = failure(
      await api.approveFees({ cellId, month: MONTH, items: [{ memberId, amount: 1000 }] }),
    );
    expect(noReason.messageVi).toBe('Điều chỉnh mức đảng phí phải nêu lý do.');
    const sheet = value('feeApprovalSheet', await api.feeApprovalSheet({ cellId, month: MONTH }));
    expect(sheet.lines.every((l) => !l.approved)).toBe(true);
  });

  it('approves all, one member adjusted with a reason', async () => {
    const memberId = memberIds[0] ?? '';
    const result = value(
      'approveFees',
      await api.approveFees({
        cellId,
        month: MONTH,
        all: true,
        items: [{ memberId, amount: 20_000, reason: 'Hoàn cảnh khó khăn' }],
      }),
    );
    expect(result.queued).toBe(false);
    const lines = result.sheet?.lines ?? [];
    expect(lines.every((l) => l.approved && l.note === null && l.pending === null)).toBe(true);
    expect(lines.find((l) => l.memberId === memberId)).toMatchObject({
      amount: 20_000,
      adjustReason: 'Hoàn cảnh khó khăn',
    });
  });

  it('pays for chosen members through the gateway; the receipt is a PDF', async () => {
    await setMode('success');
    const chosen = memberIds.slice(0, -1);
    const started = value(
      'startFeePayment',
      await api.startFeePayment({ cellId, month: MONTH, memberIds: chosen }),
    );
    expect(started.paymentUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/pay\//);
    expect(started.payment).toMatchObject({
      status: 'unknown',
      kind: 'cell',
      cellName: DEMO_CELL_NAME,
    });
    expect(started.payment.items.map((i) => i.memberId).sort()).toEqual([...chosen].sort());
    cellPaymentId = started.payment.id;
    const done = await settled(cellPaymentId, cellId);
    expect(done.status).toBe('success');
    expect(done.payerName).toBe('Phạm Văn Bình');

    const list = value('feeTransactions', await api.feeTransactions({ cellId, status: 'success' }));
    expect(list.items.map((p) => p.id)).toEqual([cellPaymentId]);
    expect(list.items[0]?.items.every((i) => i.fullName !== i.memberId)).toBe(true);
    const receipt = value('feeReceipt', await api.feeReceipt({ paymentId: cellPaymentId }));
    expect(receipt.contentType).toBe('application/pdf');
    expect(Buffer.from(receipt.dataBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('leaves a payment whose callback is lost unknown until the status query settles it', async () => {
    await setMode('lost');
    const last = memberIds.at(-1) ?? '';
    const started = value(
      'startFeePayment',
      await api.startFeePayment({ cellId, month: MONTH, memberIds: [last] }),
    );
    const unknown = value(
      'feeTransactions',
      await api.feeTransactions({ cellId, status: 'unknown' }),
    );
    expect(unknown.items.map((p) => p.id)).toEqual([started.payment.id]);
    expect(unknown.items[0]?.settleDeadline).not.toBeNull();
    // Not a manual settler: the secretary may only look it up.
    expect(
      value('feeCells', await api.feeCells({})).items.find((c) => c.id === cellId)?.canSettle,
    ).toBe(false);
    const looked = value(
      'queryFeePayment',
      await api.queryFeePayment({ paymentId: started.payment.id }),
    );
    expect(looked).toMatchObject({ status: 'success', statusVi: 'Thành công' });
    expect(looked.bankReference).toMatch(/^FT/);
  });

  it('keeps the cell ledger and exports it to Excel and PDF', async () => {
    const ledger = value('feeLedger', await api.feeLedger({ cellId, year: 2026, upTo: 3 }));
    expect(ledger.rows.map((r) => r.memberId).sort()).toEqual([...memberIds].sort());
    const march = ledger.totals.find((t) => t.month === MONTH);
    expect(march?.due).toBeGreaterThan(0);
    expect(march?.paid).toBe(march?.due);
    expect(march?.outstanding).toBe(0);
    const file = value('exportFeeLedger', await api.exportFeeLedger({ cellId, year: 2026 }));
    expect(file.fileName).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.dataBase64, 'base64') as unknown as ArrayBuffer);
    const text = book.worksheets.flatMap((ws) =>
      ws.getSheetValues().flatMap((row) => (Array.isArray(row) ? row.map(String) : [])),
    );
    expect(text).toContain(ledger.rows[0]?.fullName);

    const pdf = value(
      'exportFeeLedger',
      await api.exportFeeLedger({ cellId, year: 2026, upTo: 3, format: 'pdf' }),
    );
    expect(pdf).toMatchObject({
      fileName: expect.stringMatching(/\.pdf$/),
      contentType: 'application/pdf',
    });
    const pdfFile = join(dir, 'ledger.pdf');
    writeFileSync(pdfFile, Buffer.from(pdf.dataBase64, 'base64'));
    const pdfText = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
    expect(pdfText.normalize('NFC')).toContain(DEMO_CELL_NAME.toUpperCase());
    expect(pdfText.normalize('NFC')).toContain(ledger.rows[0]?.fullName);
  });

  it('offline: shows the kept sheet, queues approvals in the outbox, refuses payments', async () => {
    // Fetched once online, so the screen has something to show offline.
    value('feeApprovalSheet', await api.feeApprovalSheet({ cellId, month: NEXT }));
    await cache.close();
    cache = await openClientDb(join(dir, 'cache.sqlite'));
    api = createDesktopService({
      cache,
      serverUrl: 'http://127.0.0.1:9',
      sessionStore: sessions,
      timeoutMs: 1000,
    });
    await api.restoreSession();

    const kept = value('feeApprovalSheet', await api.feeApprovalSheet({ cellId, month: MONTH }));
    expect(kept.source).toBe('cache');
    expect(kept.lines.every((l) => l.approved)).toBe(true);
    const never = failure(await api.feeApprovalSheet({ cellId, month: '2025-01' }));
    expect(never.code).toBe('offline_not_cached');

    const memberId = memberIds[1] ?? '';
    const queued = value(
      'approveFees',
      await api.approveFees({ cellId, month: NEXT, items: [{ memberId }] }),
    );
    expect(queued).toMatchObject({ queued: true, sheet: null });
    const next = value('feeApprovalSheet', await api.feeApprovalSheet({ cellId, month: NEXT }));
    expect(next.lines.find((l) => l.memberId === memberId)?.pending).toEqual({
      outboxId: queued.outboxId,
      amount: null,
      reason: null,
    });
    expect(next.lines.filter((l) => l.pending !== null)).toHaveLength(1);
    // The outbox screen names what waits.
    const [entry] = value('listOutbox', await api.listOutbox({})).items;
    expect(entry).toMatchObject({
      id: queued.outboxId,
      kind: 'feeApproval',
      actionType: 'approve',
    });
    expect(entry?.label).toMatch(
      new RegExp(`^Phê duyệt đảng phí tháng ${NEXT.slice(5)}/${NEXT.slice(0, 4)} — Chi bộ`),
    );

    const pay = failure(await api.startFeePayment({ cellId, month: NEXT }));
    expect(pay.messageVi).toBe(PAYMENT_NEEDS_CONNECTION_VI);
  });

  it('sends the queued approval when the server is back', async () => {
    await cache.close();
    cache = await openClientDb(join(dir, 'cache.sqlite'));
    api = createDesktopService({ cache, serverUrl: server.url, sessionStore: sessions });
    await api.restoreSession();
    const pushed = value('pushNow', await api.pushNow({}));
    expect(pushed).toMatchObject({ applied: 1, notApplied: 0, remaining: 0 });
    const sheet = value('feeApprovalSheet', await api.feeApprovalSheet({ cellId, month: NEXT }));
    expect(sheet.source).toBe('server');
    expect(sheet.lines.filter((l) => l.approved).map((l) => l.memberId)).toEqual([memberIds[1]]);
    expect(sheet.lines.every((l) => l.pending === null)).toBe(true);
  });

  it('a member sees his own due, pays it himself and gets the receipt', async () => {
    value('approveFees', await api.approveFees({ cellId, month: NEXT, all: true }));
    await setMode('success');
    const memberCache = await openClientDb(join(dir, 'member.sqlite'));
    const member = createDesktopService({
      cache: memberCache,
      serverUrl: server.url,
      sessionStore: memorySessionStore(),
    });
    const username = await memberAccount(cellId, memberIds[2] ?? '');
    value('login', await member.login({ username, password: DEMO_PASSWORD }));
    // His account's link to his member record comes with the first sync.
    value('syncNow', await member.syncNow({}));

    const due = value('myFeeDue', await member.myFeeDue({ month: NEXT }));
    expect(due).toMatchObject({ month: NEXT, approved: true, paid: false });
    expect(due.amount).toBeGreaterThan(0);
    const started = value('startOwnFeePayment', await member.startOwnFeePayment({ month: NEXT }));
    expect(started.payment).toMatchObject({ kind: 'self', status: 'unknown', amount: due.amount });
    expect(started.payment.items).toHaveLength(1);

    let status = started.payment.status;
    for (let i = 0; i < 100 && status === 'unknown'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const { payment } = value(
        'feePayment',
        await member.feePayment({
          paymentId: started.payment.id,
          cellId: started.payment.cellId,
          month: NEXT,
        }),
      );
      status = payment?.status ?? status;
    }
    expect(status).toBe('success');
    const receipt = value('feeReceipt', await member.feeReceipt({ paymentId: started.payment.id }));
    expect(Buffer.from(receipt.dataBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(value('myFeeDue', await member.myFeeDue({ month: NEXT })).paid).toBe(true);
    await memberCache.close();
  });
});
