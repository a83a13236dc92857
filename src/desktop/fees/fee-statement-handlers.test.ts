import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CELL_NAME, DEMO_PASSWORD, DEMO_WARD_NAME } from '../../../scripts/gen/demo-accounts';
import { loginAs as apiLoginAs } from '../../../scripts/test-support/login';
import {
  generatedServerDb,
  startLoopbackServer,
  type LoopbackServer,
} from '../../../scripts/test-support/sync-server';
import { DEFAULT_FEE_RULES } from '../../domain/fees/rules';
import type { ClientDb } from '../../db/client-db';
import { memorySessionStore } from '../../sync/session';
import { STATEMENT_MAX_BYTES } from '../contract';
import { openTestCache } from '../../sync/test-support/encrypted-cache';
import type { CachePasswordKeys } from '../cache-keys';
import { createDesktopService, type DesktopService } from '../desktop-service';
import { failure, value } from '../test-support/call-results';

// The statement, rule and bank-account calls of the desktop service against the real server
// (generated ward on SQLite), for the ward's fee officer, its admin and the top org's admin;
// offline, against a closed port with the same cache.

const MONTH = '2026-03';
/** The admin of the root of the generated tree (Đảng bộ Thành phố Hà Nội). */
const TOP_ADMIN = 'quantri.2256101';

let serverDb: Awaited<ReturnType<typeof generatedServerDb>>;
let server: LoopbackServer;
const dir = mkdtempSync(join(tmpdir(), 'fee-statements-desktop-'));
let cache: ClientDb;
let cacheKeys: CachePasswordKeys;
let api: DesktopService;
/** The app's cache: encrypted, so the offline login below unwraps its key with the password. */
const openCache = () => openTestCache(join(dir, 'cache.sqlite'));

async function loginAs(username: string) {
  await api.logout({});
  value('login', await api.login({ username, password: DEMO_PASSWORD }));
  value('syncNow', await api.syncNow({}));
}

beforeAll(async () => {
  serverDb = await generatedServerDb('ward', 1);
  server = await startLoopbackServer(serverDb.config);
  ({ cache, keys: cacheKeys } = await openCache());
  api = createDesktopService({
    cache,
    cacheKeys,
    serverUrl: server.url,
    sessionStore: memorySessionStore(),
  });
  await loginAs('ketoan.phuong');
}, 120_000);

afterAll(async () => {
  await cache?.close();
  await server?.close();
  serverDb?.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** The secretary sets profiles and approves the month over HTTP (another screen's work). */
async function approvedMonth(cellId: string): Promise<{ memberId: string; amount: number }[]> {
  const { session } = await apiLoginAs(server.url, 'bithu.chibo1', DEMO_PASSWORD);
  const { accessToken } = session;
  const call = async (method: string, url: string, body: unknown) => {
    const res = await fetch(`${server.url}${url}`, {
      method,
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status, url).toBe(200);
    return res.json() as Promise<{ lines: { memberId: string; amount: number }[] }>;
  };
  const sheet = await fetch(`${server.url}/v1/fees/cells/${cellId}/approvals?month=${MONTH}`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  const members = ((await sheet.json()) as { lines: { memberId: string }[] }).lines.slice(0, 3);
  for (const [i, m] of members.entries())
    await call('PUT', `/v1/fees/profiles/${m.memberId}`, {
      category: 'salaried',
      base: 5_000_000 + 100_000 * i,
      fixedAmount: null,
      voluntaryExtra: 0,
      exemption: null,
    });
  const approved = await call('POST', `/v1/fees/cells/${cellId}/approvals`, {
    month: MONTH,
    all: false,
    items: members.map((m) => ({ memberId: m.memberId })),
  });
  return approved.lines.filter((l) => members.some((m) => m.memberId === l.memberId));
}

const csv = (rows: string[]) =>
  Buffer.from(['Ngày,Số tiền,Nội dung,Số tham chiếu', ...rows].join('\n')).toString('base64');

describe('bank statements, fee rules and bank accounts on the desktop', () => {
  let cellId = '';
  let members: { memberId: string; amount: number }[] = [];
  let lineId = '';

  it('offers the orgs with an account of their own for importing a statement', async () => {
    const { items } = value('feeStatementOrgs', await api.feeStatementOrgs({}));
    const cell = items.find((o) => o.name === DEMO_CELL_NAME);
    expect(cell?.accountNo).toBe('8827626582247');
    expect(items.find((o) => o.name === DEMO_WARD_NAME)?.accountNo).toBe('4860396781034');
    cellId = cell?.id ?? '';
  });

  it('imports a statement: a bad file is refused line by line, a good one leaves lines to match', async () => {
    members = await approvedMonth(cellId);
    const bad = value(
      'importFeeStatement',
      await api.importFeeStatement({
        orgId: cellId,
        fileName: 'saoke.csv',
        dataBase64: csv(['05/03/2026,12.5,Dang phi,FT1', '05/03/2026,12.5,Dang phi,FT1']),
      }),
    );
    expect(bad.accepted).toBe(false);
    expect(bad.problems.map((p) => p.lineNo)).toEqual([2, 3]);
    const tooBig = failure(
      await api.importFeeStatement({
        orgId: cellId,
        fileName: 'saoke.csv',
        dataBase64: 'A'.repeat((STATEMENT_MAX_BYTES / 3) * 4 + 4),
      }),
    );
    expect(tooBig.code).toBe('invalid_input');
    expect(tooBig.messageVi).not.toContain('dataBase64');
    const total = (members[0]?.amount ?? 0) + (members[1]?.amount ?? 0);
    const good = value(
      'importFeeStatement',
      await api.importFeeStatement({
        orgId: cellId,
        fileName: 'saoke.csv',
        dataBase64: csv([
          `06/03/2026,${total},Chi bo nop dang phi thang 3,FT201`,
          '07/03/2026,1000,Phi dich vu,FT202',
        ]),
      }),
    );
    expect(good).toMatchObject({ accepted: true, imported: 2, matched: [] });
    expect(good.unmatched.map((u) => u.reasonVi)).toEqual([
      'Không tìm thấy mã thanh toán trong nội dung chuyển khoản',
      'Không tìm thấy mã thanh toán trong nội dung chuyển khoản',
    ]);
    const lines = value(
      'feeStatementLines',
      await api.feeStatementLines({ orgId: cellId, status: 'unmatched' }),
    );
    expect(lines.source).toBe('server');
    expect(lines.items.map((l) => l.bankReference).sort()).toEqual(['FT201', 'FT202']);
    lineId = lines.items.find((l) => l.bankReference === 'FT201')?.lineId ?? '';
    expect(good.unmatched.find((u) => u.bankReference === 'FT201')?.lineId).toBe(lineId);
  });

  it('answers hostile files in the words of the import screen, with what to do', async () => {
    const upload = (dataBase64: string) =>
      api.importFeeStatement({ orgId: cellId, fileName: 'saoke.csv', dataBase64 });
    const empty = failure(await upload(''));
    expect(empty.messageVi).toBe(
      'Tệp sao kê rỗng: chọn tệp sao kê xuất từ ngân hàng (CSV hoặc Excel) rồi tải lên lần nữa.',
    );
    const noReference = value(
      'importFeeStatement',
      await upload(
        Buffer.from('Ngày,Số tiền,Nội dung\n05/03/2026,1000,Dang phi').toString('base64'),
      ),
    );
    expect(noReference.accepted).toBe(false);
    expect(noReference.problems.map((p) => p.messageVi)).toEqual([
      'Thiếu cột "Số tham chiếu": dòng đầu của tệp sao kê phải có các cột Ngày, Số tiền, Nội dung, Số tham chiếu',
    ]);
    const garbage = value(
      'importFeeStatement',
      await upload(Buffer.from([0x00, 0xff, 0x13, 0x37, 0x0a, 0x42]).toString('base64')),
    );
    expect(garbage.accepted).toBe(false);
    expect(garbage.problems.length).toBeGreaterThan(0);
    for (const p of garbage.problems) {
      expect(p.messageVi).toMatch(/^(Cột|Dòng|Thiếu cột|Tệp)/);
      expect(p.messageVi).not.toMatch(/column|line|invalid/i);
    }
  });

  it('matches a line to members by hand, refusing a wrong amount; the payment has names', async () => {
    const [a, b] = members;
    const wrong = failure(
      await api.matchFeeStatementLine({
        by: 'members',
        lineId,
        cellId,
        month: MONTH,
        memberIds: [a?.memberId ?? ''],
      }),
    );
    expect(wrong.messageVi).toMatch(/^Số tiền của dòng sao kê \(.+ đồng\) khác số tiền phải nộp/);
    const done = value(
      'matchFeeStatementLine',
      await api.matchFeeStatementLine({
        by: 'members',
        lineId,
        cellId,
        month: MONTH,
        memberIds: [a?.memberId ?? '', b?.memberId ?? ''],
      }),
    );
    expect(done.line).toMatchObject({ status: 'matched', matchedByName: 'Phạm Thị Lan' });
    expect(done.payment).toMatchObject({
      status: 'success',
      channel: 'statement',
      cellName: DEMO_CELL_NAME,
    });
    expect(done.payment.items.every((i) => i.fullName !== i.memberId)).toBe(true);
    const left = value(
      'feeStatementLines',
      await api.feeStatementLines({ orgId: cellId, status: 'unmatched' }),
    );
    expect(left.items.map((l) => l.bankReference)).toEqual(['FT202']);
  });

  it('lists the rule versions; only the top admin submits a correction', async () => {
    const rules = value('feeRuleVersions', await api.feeRuleVersions({}));
    expect(rules.items.map((i) => i.version.id)).toEqual(['342-QD-TW', '01-QD-TW']);
    expect(rules.canCorrect).toBe(false);
    const base = DEFAULT_FEE_RULES[1]!;
    const correction = {
      ...base,
      id: '01-QD-TW-dc1',
      seq: 3,
      corrects: '01-QD-TW',
      effectiveFrom: '2026-06',
      categories: { ...base.categories, student: { kind: 'fixed' as const, amount: 6_000 } },
    };
    const refused = failure(await api.correctFeeRule(correction));
    expect(refused.messageVi).toBe('Bạn không có quyền thực hiện chức năng này.');

    await loginAs(TOP_ADMIN);
    expect(value('feeRuleVersions', await api.feeRuleVersions({})).canCorrect).toBe(true);
    const absurd = failure(
      await api.correctFeeRule({
        ...correction,
        categories: { ...correction.categories, salaried: { kind: 'rate', basisPoints: 5000 } },
      }),
    );
    expect(absurd.messageVi).toContain('vượt quá 10%');
    const after = value('correctFeeRule', await api.correctFeeRule(correction));
    expect(after.items.at(-1)).toMatchObject({ version: { id: '01-QD-TW-dc1' } });
    expect(after.items.at(-1)?.createdByName).toBeTruthy();
  });

  it("shows the server's account findings to the ward admin, who adds a cell's account", async () => {
    await loginAs('quantri.phuong');
    const list = value('feeBankAccounts', await api.feeBankAccounts({ onlyFlagged: false }));
    expect(list.source).toBe('server');
    const cellRows = list.items.filter((r) => r.orgId === cellId);
    expect(cellRows.map((r) => [r.accountNo, r.isActive, r.canEdit])).toEqual([
      ['8827626582247', true, true],
      ['4203479508803', false, true],
    ]);
    expect(cellRows[0]?.bin).toMatch(/^9704\d{2}$/);
    const account = {
      orgId: cellId,
      accountNo: '1234567890123',
      holder: 'NGUYEN VAN A',
      bankName: 'Agribank',
      citadCode: '01204001',
      isActive: true,
    };
    const personal = failure(await api.saveFeeBankAccount(account));
    expect(personal.messageVi).toContain('cá nhân');
    const badCitad = failure(await api.saveFeeBankAccount({ ...account, citadCode: '0120400' }));
    expect(badCitad.code).toBe('invalid_input');
    const saved = value(
      'saveFeeBankAccount',
      await api.saveFeeBankAccount({ ...account, holder: 'CHI BO TO DAN PHO SO 1' }),
    );
    expect(saved).toMatchObject({ isActive: true, flags: [], flagsVi: [] });
    const after = value('feeBankAccounts', await api.feeBankAccounts({ onlyFlagged: false }));
    // Active first; activating the new account made the old active one inactive.
    const cellAfter = after.items.filter((r) => r.orgId === cellId);
    expect(cellAfter.map((r) => [r.accountNo, r.isActive])[0]).toEqual(['1234567890123', true]);
    expect(cellAfter.filter((r) => r.isActive)).toHaveLength(1);
    expect(cellAfter.map((r) => r.accountNo).sort()).toEqual([
      '1234567890123',
      '4203479508803',
      '8827626582247',
    ]);
  });

  it('offline: accounts and lines from the cache, imports and matches refused with a reason', async () => {
    value('feeStatementLines', await api.feeStatementLines({ orgId: cellId, status: 'unmatched' }));
    await cache.close();
    ({ cache, keys: cacheKeys } = await openCache());
    const sessions = memorySessionStore();
    api = createDesktopService({
      cache,
      cacheKeys,
      serverUrl: 'http://127.0.0.1:9',
      sessionStore: sessions,
      timeoutMs: 1000,
    });
    value('login', await api.login({ username: 'quantri.phuong', password: DEMO_PASSWORD }));
    const accounts = value('feeBankAccounts', await api.feeBankAccounts({ onlyFlagged: false }));
    expect(accounts.source).toBe('cache');
    expect(accounts.items.some((r) => r.orgId === cellId)).toBe(true);
    const lines = value(
      'feeStatementLines',
      await api.feeStatementLines({ orgId: cellId, status: 'unmatched' }),
    );
    expect(lines).toMatchObject({ source: 'cache', items: [{ bankReference: 'FT202' }] });
    const imported = failure(
      await api.importFeeStatement({ orgId: cellId, fileName: 'a.csv', dataBase64: csv([]) }),
    );
    expect(imported.messageVi).toBe('Cần kết nối mạng để nhập sao kê ngân hàng.');
  });
});
