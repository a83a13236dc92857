/**
 * The dossiers' Excel export through the desktop service on a real cache, logged in offline: the
 * same list the transfer screen shows, with its filters, and the renderer's input checked.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, value } from '../test-support/call-results';
import {
  openAs,
  submitted,
  transferWorld,
  type OpenedService,
  type TransferWorld,
} from '../transfers/test-support/transfer-world';

const dir = mkdtempSync(join(tmpdir(), 'dossier-export-'));
let world: TransferWorld;
let opened: OpenedService;

beforeAll(async () => {
  world = transferWorld((ward) => [
    submitted(ward, 1, 0, ward.cells[4]!, { submittedAt: '2026-03-02T08:00:00.000Z' }),
    submitted(ward, 3, 3, ward.cells[8]!, { variant: 'temporary' }),
  ]);
  opened = await openAs(dir, world, world.staff.cell1Secretary);
});
afterAll(async () => {
  await opened.close();
  rmSync(dir, { recursive: true, force: true });
});

async function rowsOf(dataBase64: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(dataBase64, 'base64') as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  wb.worksheets[0]?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('the Excel export of a procedure’s dossiers', () => {
  it('writes the dossiers the screen lists for the side, with the filters in Vietnamese', async () => {
    const file = value(
      'exportList',
      await opened.api.exportList({
        list: 'dossiers',
        variant: 'official',
        side: 'outgoing',
        status: 'pending_check',
        awaitingMe: true,
      }),
    );
    const rows = await rowsOf(file.dataBase64);
    expect(rows.slice(0, 4).map((r) => r[0])).toEqual([
      'DANH SÁCH HỒ SƠ CHUYỂN SINH HOẠT ĐẢNG CHÍNH THỨC',
      'Bộ lọc: Phía: Tổ chức đảng nơi chuyển đi',
      'Bộ lọc: Trạng thái: Chờ kiểm tra',
      'Bộ lọc: Chỉ hồ sơ chờ tôi xử lý: Có',
    ]);
    expect(String(rows[4]?.[0])).toMatch(/^Xuất lúc .* bởi Phạm Văn Bình \(bithu\.cb1\)$/);
    const header = rows.findIndex((r) => r[0] === 'STT');
    const body = rows.slice(header + 1);
    expect(body.map((r) => r.slice(0, 6))).toEqual([
      [
        1,
        world.ward.members[0]!.fullName,
        'Chờ kiểm tra',
        'Chi bộ Tổ dân phố số 1',
        'Chi bộ Tổ dân phố số 5',
        'Chi bộ Tổ dân phố số 1',
      ],
    ]);
    expect(body[0]?.[6]).toEqual(new Date('2026-03-02T00:00:00.000Z'));
  });

  it('refuses filters the list does not have, before reading anything', async () => {
    const refused = failure(
      await opened.api.exportList({
        list: 'dossiers',
        variant: 'official',
        side: 'sideways',
      } as never),
    );
    expect(refused.code).toBe('invalid_input');
  });
});
