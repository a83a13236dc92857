import ExcelJS from 'exceljs';
import type { LedgerRow, LedgerMonth } from '../../domain/fees/ledger';

export interface LedgerSheetInput {
  cellName: string;
  year: number;
  rows: readonly LedgerRow[];
  totals: readonly LedgerMonth[];
}

const MONEY = '#,##0';

/**
 * The cell's fee ledger as an Excel workbook: one line per member with due / paid / outstanding
 * per month and for the year; flagged members (≥3 unpaid months) are marked and shaded.
 */
export async function ledgerWorkbook(input: LedgerSheetInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`Đảng phí ${input.year}`);
  const months = input.totals.map((t) => t.month);
  ws.addRow([`SỔ THEO DÕI THU, NỘP ĐẢNG PHÍ NĂM ${input.year} — ${input.cellName.toUpperCase()}`]);
  ws.getRow(1).font = { bold: true, size: 13 };
  const header = ['STT', 'Họ và tên'];
  for (const m of months)
    header.push(`T${Number(m.slice(5))} phải nộp`, `T${Number(m.slice(5))} đã nộp`);
  header.push('Tổng phải nộp', 'Tổng đã nộp', 'Còn nợ', 'Số tháng chưa nộp', 'Ghi chú');
  ws.addRow(header).font = { bold: true };
  input.rows.forEach((r, i) => {
    const values: (string | number)[] = [i + 1, r.fullName];
    for (const c of r.months) values.push(c.due, c.paid);
    values.push(
      r.due,
      r.paid,
      r.outstanding,
      r.unpaidMonths,
      r.flagged ? 'Từ 3 tháng trở lên chưa nộp' : '',
    );
    const row = ws.addRow(values);
    if (r.flagged) row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE2E1' } };
  });
  const total: (string | number)[] = ['', 'Tổng cộng'];
  for (const t of input.totals) total.push(t.due, t.paid);
  total.push(
    input.rows.reduce((s, r) => s + r.due, 0),
    input.rows.reduce((s, r) => s + r.paid, 0),
    input.rows.reduce((s, r) => s + r.outstanding, 0),
  );
  ws.addRow(total).font = { bold: true };
  ws.getColumn(2).width = 28;
  for (let c = 3; c <= header.length - 2; c++) ws.getColumn(c).numFmt = MONEY;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
