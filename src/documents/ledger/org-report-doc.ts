import ExcelJS from 'exceljs';
import { A4, addPartyPage, BLACK, MARGIN, newPartyDocument } from '../party-document';

/** What the org report documents show (names resolved, amounts in đồng). */
export interface OrgReportDoc {
  orgName: string;
  superiorOrgName?: string;
  place: string;
  date: Date;
  /** "tháng 01/2026" or "năm 2026". */
  periodVi: string;
  cells: {
    code: string;
    name: string;
    members: number;
    due: number;
    paid: number;
    outstanding: number;
    flaggedMembers: number;
  }[];
  totals: { due: number; paid: number; outstanding: number };
  split: {
    ruleVersionId: string;
    directionVi: string;
    collected: number;
    parts: { name: string; amount: number }[];
  }[];
}

const MONEY = '#,##0';
const CELLS_HEADER = [
  'STT',
  'Mã',
  'Chi bộ',
  'Số đảng viên',
  'Phải nộp',
  'Đã nộp',
  'Còn nợ',
  'ĐV nợ ≥ 3 tháng',
];
const bold = (row: ExcelJS.Row) => {
  row.font = { bold: true };
};
const money = (n: number) => new Intl.NumberFormat('vi-VN').format(n);

/** The report as an Excel workbook: the cells' sheet and the split sheet. */
export async function orgReportWorkbook(r: OrgReportDoc): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Thu nộp đảng phí');
  ws.addRow([`BÁO CÁO THU, NỘP ĐẢNG PHÍ ${r.periodVi.toUpperCase()} — ${r.orgName.toUpperCase()}`]);
  ws.getRow(1).font = { bold: true, size: 13 };
  bold(ws.addRow(CELLS_HEADER));
  r.cells.forEach((c, i) =>
    ws.addRow([i + 1, c.code, c.name, c.members, c.due, c.paid, c.outstanding, c.flaggedMembers]),
  );
  bold(ws.addRow(['', '', 'Tổng cộng', '', r.totals.due, r.totals.paid, r.totals.outstanding]));
  ws.getColumn(3).width = 36;
  for (const c of [5, 6, 7]) ws.getColumn(c).numFmt = MONEY;
  const split = wb.addWorksheet('Phân bổ');
  bold(split.addRow(['Phiên bản quy định', 'Phân bổ', 'Cấp', 'Số tiền']));
  for (const s of r.split) {
    for (const p of s.parts) split.addRow([s.ruleVersionId, s.directionVi, p.name, p.amount]);
    bold(split.addRow([s.ruleVersionId, s.directionVi, 'Tổng số đã thu', s.collected]));
  }
  split.getColumn(3).width = 40;
  split.getColumn(4).numFmt = MONEY;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The report as a PDF in the party-document frame (header, number line, title). */
export async function orgReportPdf(r: OrgReportDoc): Promise<Uint8Array> {
  const { pdf, fonts } = await newPartyDocument();
  pdf.setTitle(`Báo cáo thu nộp đảng phí ${r.periodVi}`);
  let { page, y } = addPartyPage(pdf, fonts, {
    superiorOrgName: r.superiorOrgName,
    issuingOrgName: r.orgName,
    place: r.place,
    date: r.date,
    title: 'Báo cáo thu, nộp đảng phí',
    subtitle: r.periodVi,
  });
  const size = 10;
  const cols = [0, 28, 250, 330, 410].map((x) => MARGIN.left + x);
  const right = (text: string, x: number, font = fonts.regular) =>
    page.drawText(text, { x: x - font.widthOfTextAtSize(text, size), y, size, font, color: BLACK });
  const row = (cells: [string, string, string, string, string], font = fonts.regular) => {
    if (y < MARGIN.bottom + 30) {
      page = pdf.addPage([A4.width, A4.height]);
      y = A4.height - MARGIN.top;
    }
    page.drawText(cells[0], { x: cols[0]!, y, size, font, color: BLACK });
    const name = cells[1].length > 40 ? `${cells[1].slice(0, 39)}…` : cells[1];
    page.drawText(name, { x: cols[1]!, y, size, font, color: BLACK });
    right(cells[2], cols[3]! - 8, font);
    right(cells[3], cols[4]! - 8, font);
    right(cells[4], A4.width - MARGIN.right, font);
    y -= 15;
  };
  row(['STT', 'Chi bộ', 'Phải nộp', 'Đã nộp', 'Còn nợ'], fonts.bold);
  r.cells.forEach((c, i) =>
    row([String(i + 1), c.name, money(c.due), money(c.paid), money(c.outstanding)]),
  );
  row(
    ['', 'Tổng cộng', money(r.totals.due), money(r.totals.paid), money(r.totals.outstanding)],
    fonts.bold,
  );
  y -= 12;
  for (const s of r.split) {
    row(
      ['', `Phân bổ (${s.ruleVersionId}, ${s.directionVi})`, '', '', money(s.collected)],
      fonts.bold,
    );
    for (const p of s.parts) row(['', p.name, '', '', money(p.amount)]);
  }
  return pdf.save();
}
