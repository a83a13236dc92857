import ExcelJS from 'exceljs';

/**
 * One shared shape for every list screen's Excel export (docs/decisions/0037): the list's title,
 * the filters in force as "Bộ lọc: …" lines, who exported it and when, then a header row and the
 * rows. Cells keep their kind: numbers stay numbers, dates are real dates shown dd/MM/yyyy.
 */

/** How a column's values are written: text as is, a number, or an ISO date (yyyy-MM-dd…). */
export type ListColumnKind = 'text' | 'number' | 'date';

export interface ListColumn<Row> {
  header: string;
  kind?: ListColumnKind;
  /** Width in characters. */
  width?: number;
  value: (row: Row) => string | number | null | undefined;
}

export interface ListFilter {
  labelVi: string;
  valueVi: string;
}

export interface ListExport<Row> {
  titleVi: string;
  filters: readonly ListFilter[];
  exportedAt: Date;
  exportedBy: string;
  columns: readonly ListColumn<Row>[];
  rows: readonly Row[];
}

const two = (n: number) => String(n).padStart(2, '0');

/** dd/MM/yyyy HH:mm in the machine's time zone: what the user's clock showed when exporting. */
export const formatExportTime = (d: Date) =>
  `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()} ${two(d.getHours())}:${two(d.getMinutes())}`;

/** An ISO date as an Excel date at UTC midnight (Excel dates carry no zone); otherwise as text. */
function dateCell(v: string): Date | string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : v;
}

function cellOf(kind: ListColumnKind, v: string | number | null | undefined) {
  if (v === null || v === undefined || v === '') return null;
  if (kind === 'number')
    return typeof v === 'number' ? v : Number.isFinite(Number(v)) ? Number(v) : v;
  if (kind === 'date') return dateCell(String(v));
  return String(v);
}

/** The filter lines of the header; "Bộ lọc: không có" says that nothing was filtered. */
export const filterLinesVi = (filters: readonly ListFilter[]) =>
  filters.length === 0
    ? ['Bộ lọc: không có']
    : filters.map((f) => `Bộ lọc: ${f.labelVi}: ${f.valueVi}`);

/** The list as an Excel workbook of one sheet. */
export async function listWorkbook<Row>(list: ListExport<Row>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách');
  ws.addRow([list.titleVi.toUpperCase()]).font = { bold: true, size: 13 };
  for (const line of filterLinesVi(list.filters)) ws.addRow([line]);
  ws.addRow([`Xuất lúc ${formatExportTime(list.exportedAt)} bởi ${list.exportedBy}`]);
  ws.addRow([`Số dòng: ${list.rows.length}`]);
  ws.addRow([]);
  const headerRow = ws.addRow(['STT', ...list.columns.map((c) => c.header)]);
  headerRow.font = { bold: true };
  for (const [i, row] of list.rows.entries())
    ws.addRow([i + 1, ...list.columns.map((c) => cellOf(c.kind ?? 'text', c.value(row)))]);

  ws.getColumn(1).width = 6;
  list.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 2);
    col.width = c.width ?? (c.kind === 'date' ? 12 : c.kind === 'number' ? 14 : 24);
    if (c.kind === 'date') col.numFmt = 'dd/mm/yyyy';
  });
  ws.views = [{ state: 'frozen', ySplit: headerRow.number }];
  ws.autoFilter = {
    from: { row: headerRow.number, column: 1 },
    to: { row: headerRow.number, column: list.columns.length + 1 },
  };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
