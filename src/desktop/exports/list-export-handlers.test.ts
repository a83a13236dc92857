import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClientDb, type ClientDb } from '../../db/client-db';
import { createCacheWriter } from '../../sync/repositories/cache-writer';
import { wardFixture } from '../../sync/test-support/ward-cache';
import type { FeePayment } from '../contract';
import { ListExportRequest } from '../contract-exports';
import { membersRepo } from '../repositories/members';
import { orgHandlers } from '../org-handlers';
import { orgSearchRepo } from '../repositories/org-search';
import { orgTreeRepo } from '../repositories/org-tree';
import { usersRepo } from '../repositories/users';
import { DesktopFailure } from '../service-context';
import { listExportHandlers } from './list-export-handlers';

// Enough members for the first cell to span two of the export's 1000-row reads.
const ward = wardFixture(3100);
const dir = mkdtempSync(join(tmpdir(), 'list-export-'));
const at = new Date(2026, 11, 7, 9, 5);
const admin = {
  id: 'u1',
  username: 'quantri.phuong',
  fullName: 'Trần Thị Thu Hà',
  orgId: ward.root.id,
  roles: [],
};
/**
 * Stand-in for the fee transactions query (the server's list, or its copy kept offline; that
 * handler has its own tests): answers `payments`, or as many as asked when `full`, and records
 * what it was asked.
 */
const feeSource = {
  payments: [] as FeePayment[],
  full: false,
  asked: [] as unknown[],
};
let cache: ClientDb;
let handlers: (maxRows?: number) => ReturnType<typeof listExportHandlers>;

beforeAll(async () => {
  cache = await openClientDb(join(dir, 'cache.sqlite'));
  createCacheWriter(cache.handle).applyPage(ward.changes, 'c1');
  const tree = orgTreeRepo(cache.handle);
  const repos = {
    tree,
    users: usersRepo(cache.handle),
    members: membersRepo(cache.handle),
    orgs: orgHandlers({ tree, orgSearch: orgSearchRepo(cache.handle) }),
  };
  handlers = (maxRows) =>
    listExportHandlers({
      ...repos,
      currentUser: () => admin,
      // The dossiers' export runs through the service (dossier-export.test.ts).
      dossiers: () => ({ items: [], truncated: false }),
      feeTransactions: (input) => {
        feeSource.asked.push(input);
        const limit = input.limit ?? 200;
        const many = Array.from({ length: limit }, () => feeSource.payments[0]).filter(
          (p) => p !== undefined,
        );
        return Promise.resolve({ items: feeSource.full ? many : feeSource.payments });
      },
      now: () => at,
      maxRows,
    });
});
afterAll(async () => {
  await cache.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The written file, opened again with exceljs: every row's cell values. */
async function sheetOf(dataBase64: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(dataBase64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('no sheet');
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
  return { ws, rows };
}

const exportList = async (input: unknown, maxRows?: number) =>
  handlers(maxRows).exportList(ListExportRequest.parse(input));

describe('the Excel export of the users list', () => {
  it('writes the title, the filters in Vietnamese, who and when, the header and the rows', async () => {
    const file = await exportList({ list: 'users', orgId: ward.root.id, status: 'active' });
    expect(file.fileName).toBe(`danh-sach-nguoi-dung-${at.toISOString().slice(0, 10)}.xlsx`);
    const { rows, ws } = await sheetOf(file.dataBase64);
    expect(rows.slice(0, 5).map((r) => r[0])).toEqual([
      'DANH SÁCH NGƯỜI DÙNG',
      'Bộ lọc: Đơn vị: Đảng bộ Phường Việt Hưng',
      'Bộ lọc: Trạng thái: Đang hoạt động',
      'Xuất lúc 07/12/2026 09:05 bởi Trần Thị Thu Hà (quantri.phuong)',
      'Số dòng: 2',
    ]);
    const header = rows.findIndex((r) => r[0] === 'STT');
    expect(rows[header]?.slice(0, 3)).toEqual(['STT', 'Tên đăng nhập', 'Họ và tên']);
    // The inactive "Phạm Văn Bình" is filtered out; the others by username.
    const body = rows.slice(header + 1);
    expect(body.map((r) => [r[0], r[1], r[2]])).toEqual([
      [1, 'canbo.xuly', 'Lê Minh Tuấn'],
      [2, 'quantri.phuong', 'Trần Thị Thu Hà'],
    ]);
    expect(body[0]?.[9]).toBe('Đang hoạt động');
    expect(ws.getColumn(3).width).toBe(28);
  });

  it('says "Bộ lọc: không có" when nothing is filtered, and writes every account', async () => {
    const { rows } = await sheetOf((await exportList({ list: 'users' })).dataBase64);
    expect(rows[1]?.[0]).toBe('Bộ lọc: không có');
    expect(rows.filter((r) => typeof r[0] === 'number')).toHaveLength(ward.users.length);
  });

  it('refuses, in Vietnamese, a list longer than the cap', async () => {
    const refusal = await exportList({ list: 'users' }, 2).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(DesktopFailure);
    expect((refusal as DesktopFailure).error).toMatchObject({
      code: 'too_many_rows',
      messageVi: expect.stringContaining('Hãy thu hẹp bộ lọc') as unknown,
    });
  });
});

describe('the Excel export of an org’s members', () => {
  const cell = ward.cells[0]!;
  const expected = ward.members.filter((m) => m.homeOrgId === cell.id);

  it('writes every page, not only the first, with dates as dates shown dd/MM/yyyy', async () => {
    expect(expected.length).toBeGreaterThan(1000);
    const file = await exportList({ list: 'orgMembers', orgId: cell.id });
    const { rows, ws } = await sheetOf(file.dataBase64);
    expect(rows[0]?.[0]).toBe(`DANH SÁCH ĐẢNG VIÊN — ${cell.name.toUpperCase()}`);
    expect(rows[1]?.[0]).toBe(`Bộ lọc: Tổ chức đảng: ${cell.name}`);
    const header = rows.findIndex((r) => r[0] === 'STT');
    expect(rows[header]).toEqual([
      'STT',
      'Họ và tên',
      'Ngày sinh',
      'Giới tính',
      'Số CCCD',
      'Số thẻ đảng viên',
      'Số lý lịch',
      'Trạng thái',
      'Chi bộ sinh hoạt',
    ]);
    const body = rows.slice(header + 1);
    expect(body).toHaveLength(expected.length);
    expect(new Set(body.map((r) => r[4]))).toEqual(new Set(expected.map((m) => m.citizenId)));
    const first = expected.find((m) => m.citizenId === body[0]?.[4])!;
    expect(body[0]?.[2]).toEqual(new Date(`${first.birthDate}T00:00:00Z`));
    expect(ws.getColumn(3).numFmt).toBe('dd/mm/yyyy');
    expect(body[0]?.[3]).toBe(first.sex === 'male' ? 'Nam' : 'Nữ');
    expect(body[0]?.[8]).toBe(cell.name);
  });

  it('answers not found for an org the cache does not have', async () => {
    const refusal = await exportList({ list: 'orgMembers', orgId: 'no-such-org' }).catch(
      (e: unknown) => e,
    );
    expect((refusal as DesktopFailure).error.code).toBe('not_found');
  });
});

describe('the Excel export of the org list', () => {
  it('writes the search results under a level, with the level and the name in the header', async () => {
    const file = await exportList({
      list: 'orgs',
      parentId: ward.root.id,
      search: { name: 'tổ dân phố số 1' },
    });
    const { rows } = await sheetOf(file.dataBase64);
    expect(rows.slice(0, 3).map((r) => r[0])).toEqual([
      'DANH MỤC TỔ CHỨC ĐẢNG',
      'Bộ lọc: Cấp: Đảng bộ Phường Việt Hưng',
      'Bộ lọc: Tên tổ chức: tổ dân phố số 1',
    ]);
    const header = rows.findIndex((r) => r[0] === 'STT');
    const names = rows.slice(header + 1).map((r) => r[2]);
    expect(names).toContain('Chi bộ Tổ dân phố số 1');
    expect(names).not.toContain(ward.root.name);
    expect(names).not.toContain('Chi bộ Tổ dân phố số 2');
  });

  it('writes a level of the tree with its counts as numbers', async () => {
    const { rows } = await sheetOf((await exportList({ list: 'orgs' })).dataBase64);
    expect(rows[1]?.[0]).toBe('Bộ lọc: Cấp: Cấp cao nhất');
    const header = rows.findIndex((r) => r[0] === 'STT');
    expect(rows[header]?.slice(5, 7)).toEqual(['Số tổ chức trực thuộc', 'Số đảng viên']);
    const root = rows.slice(header + 1);
    expect(root.map((r) => [r[1], r[2], r[5]])).toEqual([
      [ward.root.code, ward.root.name, ward.cells.length],
    ]);
    expect(typeof root[0]?.[6]).toBe('number');
  });
});

describe('the Excel export of the fee transactions', () => {
  const cell = () => ward.cells[0] ?? ward.root;
  const payment = (over: Partial<FeePayment>): FeePayment => ({
    id: 'p1',
    reference: 'DP20261207000001',
    cellId: cell().id,
    payerUserId: 'u3',
    kind: 'cell',
    amount: 60000,
    status: 'success',
    statusVi: 'Thành công',
    bankReference: 'FT26341123456',
    createdAt: new Date(2026, 11, 7, 8, 30).toISOString(),
    settledAt: null,
    settledVia: null,
    settleDeadline: null,
    cellName: cell().name,
    payerName: 'Nguyễn Thị Lan',
    items: [
      { memberId: 'm1', fullName: 'Lê Văn Hải', month: '2026-11', amount: 30000 },
      { memberId: 'm2', fullName: 'Phạm Thị Hoa', month: '2026-11', amount: 30000 },
    ],
    ...over,
  });

  it('writes the payments with the filters in Vietnamese and amounts as numbers', async () => {
    feeSource.full = false;
    feeSource.asked = [];
    feeSource.payments = [payment({}), payment({ id: 'p2', reference: 'DP2', amount: 30000 })];
    const file = await exportList({
      list: 'feeTransactions',
      month: '2026-11',
      cellId: cell().id,
      status: 'success',
    });
    expect(file.fileName).toMatch(/^giao-dich-nop-dang-phi-\d{4}-\d{2}-\d{2}\.xlsx$/);
    // The export asks for the server's whole answer, not the screen's first page.
    expect(feeSource.asked).toEqual([
      { month: '2026-11', cellId: cell().id, status: 'success', limit: 500 },
    ]);
    const { rows } = await sheetOf(file.dataBase64);
    expect(rows.slice(0, 4).map((r) => r[0])).toEqual([
      'DANH SÁCH GIAO DỊCH NỘP ĐẢNG PHÍ',
      'Bộ lọc: Tháng: Tháng 11/2026',
      `Bộ lọc: Chi bộ: ${cell().name}`,
      'Bộ lọc: Trạng thái: Thành công',
    ]);
    const header = rows.findIndex((r) => r[0] === 'STT');
    expect(rows[header]).toContain('Số tiền (đồng)');
    const first = rows[header + 1] ?? [];
    expect(first.slice(0, 7)).toEqual([
      1,
      'DP20261207000001',
      '07/12/2026 08:30',
      'Thành công',
      cell().name,
      'Nguyễn Thị Lan',
      'Lê Văn Hải, Phạm Thị Hoa',
    ]);
    expect(first[7]).toBe('Tháng 11/2026');
    expect(first[8]).toBe(60000);
    expect(rows.filter((r) => typeof r[0] === 'number')).toHaveLength(2);
  });

  it('names the member filter, and refuses a member the cache does not have', async () => {
    feeSource.full = false;
    feeSource.payments = [];
    const member = ward.members[0];
    if (!member) throw new Error('fixture without members');
    const { rows } = await sheetOf(
      (await exportList({ list: 'feeTransactions', cellId: cell().id, memberId: member.id }))
        .dataBase64,
    );
    expect(rows.map((r) => r[0])).toContain(`Bộ lọc: Đảng viên: ${member.fullName}`);
    const refusal = await exportList({
      list: 'feeTransactions',
      memberId: '00000000-0000-4000-8000-000000000000',
    }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(DesktopFailure);
  });

  it('refuses a full answer rather than cut the list', async () => {
    feeSource.full = true;
    feeSource.payments = [payment({})];
    const refusal = await exportList({ list: 'feeTransactions' }).catch((e: unknown) => e);
    expect((refusal as DesktopFailure).error).toMatchObject({ code: 'too_many_rows' });
  });
});

describe('the export request from the renderer', () => {
  it('refuses unknown lists, unknown statuses and oversized filters', () => {
    expect(ListExportRequest.safeParse({ list: 'sqlite_master' }).success).toBe(false);
    expect(ListExportRequest.safeParse({ list: 'users', status: 'root' }).success).toBe(false);
    expect(ListExportRequest.safeParse({ list: 'users', q: 'x'.repeat(201) }).success).toBe(false);
    expect(ListExportRequest.safeParse({ list: 'orgMembers' }).success).toBe(false);
    expect(
      ListExportRequest.safeParse({ list: 'feeTransactions', month: "2026-13' or 1=1" }).success,
    ).toBe(false);
    expect(ListExportRequest.safeParse({ list: 'feeTransactions', memberId: 'x' }).success).toBe(
      false,
    );
    expect(ListExportRequest.safeParse({ list: 'users', role: 'member' }).success).toBe(true);
  });
});
