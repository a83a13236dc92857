import ExcelJS from 'exceljs';

/** The headers as the member database exports them (with its title row above). */
export const ORG_HEADERS = ['Mã', 'Tên', 'Mã đơn vị cha', 'Loại'];
export const MEMBER_HEADERS = [
  'Họ và tên',
  'Ngày sinh',
  'Giới tính',
  'Số CCCD',
  'Số thẻ đảng viên',
  'Số lý lịch',
  'Ngày vào Đảng',
  'Ngày chính thức',
  'Mã chi bộ',
];

export type SheetCell = string | number | Date | null | { formula: string };

export interface ImportWorkbookSpec {
  orgs?: SheetCell[][];
  members?: SheetCell[][];
  /** A title row above the headers, as the exports have. */
  title?: boolean;
}

/** An .xlsx with the orgs and members sheets, as an office would send it. */
export async function importWorkbook(spec: ImportWorkbookSpec): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = (name: string, headers: string[], rows: SheetCell[][]) => {
    const ws = wb.addWorksheet(name);
    if (spec.title) ws.addRow([`Danh sách ${name.toLowerCase()}`]);
    ws.addRow(headers);
    for (const row of rows) ws.addRow(row);
  };
  if (spec.orgs) sheet('Tổ chức đảng', ORG_HEADERS, spec.orgs);
  if (spec.members) sheet('Đảng viên', MEMBER_HEADERS, spec.members);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A CSV file (UTF-8 with BOM, as Excel's "CSV UTF-8" saves it). */
export function importCsv(headers: string[], rows: string[][], bom = true): Buffer {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const text = [headers, ...rows].map((r) => r.map(quote).join(',')).join('\r\n');
  return Buffer.concat([Buffer.from(bom ? [0xef, 0xbb, 0xbf] : []), Buffer.from(text, 'utf8')]);
}
