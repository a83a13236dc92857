import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildCellLedger } from '../../domain/fees/ledger';
import { ledgerWorkbook } from './ledger-xlsx';

const months = (entries: [string, number][]) => new Map(entries);

describe('cell fee ledger', () => {
  const ledger = buildCellLedger({
    year: 2026,
    upToMonth: 4,
    members: [
      { memberId: 'a', fullName: 'Nguyễn Văn Đức' },
      { memberId: 'b', fullName: 'Trần Thị Hoa' },
    ],
    due: new Map([
      [
        'a',
        months([
          ['2026-01', 85_000],
          ['2026-02', 85_000],
          ['2026-03', 85_000],
          ['2026-04', 85_000],
        ]),
      ],
      [
        'b',
        months([
          ['2026-01', 30_000],
          ['2026-02', 30_000],
          ['2026-03', 30_000],
        ]),
      ],
    ]),
    paid: new Map([
      ['a', months([['2026-01', 85_000]])],
      [
        'b',
        months([
          ['2026-01', 30_000],
          ['2026-02', 30_000],
          ['2026-03', 30_000],
        ]),
      ],
    ]),
  });

  it('computes due, paid and outstanding, flagging 3 or more unpaid months', () => {
    const [a, b] = ledger.rows;
    expect(a).toMatchObject({
      due: 340_000,
      paid: 85_000,
      outstanding: 255_000,
      unpaidMonths: 3,
      flagged: true,
    });
    expect(b).toMatchObject({
      due: 90_000,
      paid: 90_000,
      outstanding: 0,
      unpaidMonths: 0,
      flagged: false,
    });
    expect(ledger.totals.map((t) => t.outstanding)).toEqual([0, 85_000, 85_000, 85_000]);
  });

  it('exports to Excel that reads back with the same figures', async () => {
    const buffer = await ledgerWorkbook({
      cellName: 'Chi bộ Tổ dân phố số 1',
      year: 2026,
      ...ledger,
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('Đảng phí 2026');
    expect(String(ws.getCell('A1').value)).toContain('CHI BỘ TỔ DÂN PHỐ SỐ 1');
    const row = ws.getRow(3).values as unknown[];
    // [empty, STT, name, 4 × (due, paid), total due, total paid, outstanding, unpaid months, note]
    expect(row.slice(1)).toEqual([
      1,
      'Nguyễn Văn Đức',
      85_000,
      85_000,
      85_000,
      0,
      85_000,
      0,
      85_000,
      0,
      340_000,
      85_000,
      255_000,
      3,
      'Từ 3 tháng trở lên chưa nộp',
    ]);
    expect((ws.getRow(5).values as unknown[]).slice(2, 3)).toEqual(['Tổng cộng']);
    expect([ws.getCell('K5').value, ws.getCell('L5').value, ws.getCell('M5').value]).toEqual([
      430_000, 175_000, 255_000,
    ]);
  });
});
