import { rgb, type PDFFont, type PDFPage } from '@cantoo/pdf-lib';
import { UNPAID_MONTHS_FLAG, type LedgerMonth } from '../../domain/fees/ledger';
import {
  A4_LANDSCAPE,
  addPartyPage,
  BLACK,
  drawCentered,
  MARGIN,
  newPartyDocument,
  wrapText,
} from '../party-document';
import type { LedgerSheetInput } from './ledger-xlsx';

/** The ledger as the cell issues it on paper: the sheet's figures plus the document header. */
export interface LedgerPdfInput extends LedgerSheetInput {
  /** The committee above the cell, e.g. "Đảng bộ Phường Việt Hưng". */
  superiorOrgName?: string;
  place: string;
  date: Date;
}

const PAGE = A4_LANDSCAPE;
const LINE = 10.5;
const HEADER_HEIGHT = 16;
const FLAG_FILL = rgb(0.99, 0.89, 0.88);
const GRID = rgb(0.35, 0.35, 0.35);
const KINDS = [
  ['Phải nộp', 'due'],
  ['Đã nộp', 'paid'],
  ['Còn nợ', 'outstanding'],
] as const;

const money = (n: number) => new Intl.NumberFormat('vi-VN').format(n);

interface Columns {
  /** Left edges: STT, name, kind, each month, year; then the right edge of the table. */
  edges: number[];
  monthCount: number;
}

function columnsFor(monthCount: number): Columns {
  const right = PAGE.width - MARGIN.right;
  const fixed = [20, 124, 48];
  const yearWidth = 58;
  const monthWidth = Math.min(
    60,
    (right - MARGIN.left - fixed.reduce((s, w) => s + w, 0) - yearWidth) / monthCount,
  );
  const edges: number[] = [MARGIN.left];
  for (const w of [...fixed, ...Array<number>(monthCount).fill(monthWidth), yearWidth])
    edges.push(edges.at(-1)! + w);
  return { edges, monthCount };
}

/**
 * The cell's fee ledger as a landscape PDF in the Party's document format: per member three lines
 * (due, paid, outstanding) over the months of the year and the year's sum; members with 3 or more
 * unpaid months are shaded and marked; the cell's totals close the table, then the signature.
 */
export async function ledgerPdf(input: LedgerPdfInput): Promise<Uint8Array> {
  const { pdf, fonts } = await newPartyDocument();
  const months = input.totals.map((t) => t.month);
  pdf.setTitle(`Sổ theo dõi thu, nộp đảng phí năm ${input.year} — ${input.cellName}`);
  const first = addPartyPage(
    pdf,
    fonts,
    {
      superiorOrgName: input.superiorOrgName,
      issuingOrgName: input.cellName,
      place: input.place,
      date: input.date,
      title: 'Sổ theo dõi thu, nộp đảng phí',
      subtitle:
        months.length === 12 || months.length === 0
          ? `Năm ${input.year}`
          : `Năm ${input.year} (từ tháng 01 đến tháng ${months.at(-1)!.slice(5)})`,
    },
    PAGE,
  );
  let page = first.page;
  let y = first.y;
  const cols = columnsFor(Math.max(1, months.length));
  const tableRight = cols.edges.at(-1)!;
  let tableTop = y;

  /** Right-aligned in column `c`, shrunk when a large sum would overflow it. */
  const numberIn = (c: number, text: string, font: PDFFont, at: number) => {
    const room = cols.edges[c + 1]! - cols.edges[c]! - 5;
    const size = Math.min(8, (8 * room) / font.widthOfTextAtSize(text, 8));
    const x = cols.edges[c + 1]! - 2.5 - font.widthOfTextAtSize(text, size);
    page.drawText(text, { x, y: at, size, font, color: BLACK });
  };
  const textIn = (c: number, text: string, font: PDFFont, at: number, size = 9) =>
    page.drawText(text, { x: cols.edges[c]! + 2.5, y: at, size, font, color: BLACK });
  const rule = (at: number, thickness = 0.4) =>
    page.drawLine({
      start: { x: MARGIN.left, y: at },
      end: { x: tableRight, y: at },
      thickness,
      color: GRID,
    });
  const closeTable = () => {
    for (const x of cols.edges)
      page.drawLine({ start: { x, y: tableTop }, end: { x, y }, thickness: 0.4, color: GRID });
  };
  const headerRow = () => {
    tableTop = y;
    rule(y, 0.6);
    const at = y - 11;
    const labels = ['STT', 'Họ và tên', 'Khoản', ...months.map((m) => `T${Number(m.slice(5))}`)];
    labels.push('Cả năm');
    labels.forEach((label, c) => {
      const center = (cols.edges[c]! + cols.edges[c + 1]!) / 2;
      drawCentered(page, label, fonts.bold, 9, center, at);
    });
    y -= HEADER_HEIGHT;
    rule(y, 0.6);
  };
  /** A member's (or the totals') block of three lines; a new page when it would not fit. */
  const block = (
    index: string,
    nameLines: { text: string; font: PDFFont }[],
    cells: readonly Pick<LedgerMonth, 'due' | 'paid' | 'outstanding'>[],
    year: Pick<LedgerMonth, 'due' | 'paid' | 'outstanding'>,
    style: { bold?: boolean; flagged?: boolean },
  ) => {
    const height = KINDS.length * LINE + 4;
    if (y - height < MARGIN.bottom + 20) {
      closeTable();
      page = pdf.addPage([PAGE.width, PAGE.height]);
      y = PAGE.height - MARGIN.top;
      headerRow();
    }
    if (style.flagged)
      page.drawRectangle({
        x: MARGIN.left,
        y: y - height,
        width: tableRight - MARGIN.left,
        height,
        color: FLAG_FILL,
      });
    const font = style.bold ? fonts.bold : fonts.regular;
    const top = y - 2 - 8;
    textIn(0, index, font, top);
    nameLines.slice(0, KINDS.length).forEach((l, i) => textIn(1, l.text, l.font, top - i * LINE));
    KINDS.forEach(([label, key], i) => {
      const at = top - i * LINE;
      textIn(2, label, font, at, 8);
      cells.forEach((cell, m) => {
        if (cell.due !== 0 || cell.paid !== 0) numberIn(3 + m, money(cell[key]), font, at);
      });
      numberIn(3 + cols.monthCount, money(year[key]), fonts.bold, at);
    });
    y -= height;
    rule(y, style.bold ? 0.6 : 0.4);
  };

  headerRow();
  input.rows.forEach((r, i) => {
    const name = wrapText(r.fullName, fonts.regular, 9, cols.edges[2]! - cols.edges[1]! - 5);
    const lines = name.slice(0, r.flagged ? 2 : 3).map((text) => ({ text, font: fonts.regular }));
    if (r.flagged) lines.push({ text: `(*) Chưa nộp ${r.unpaidMonths} tháng`, font: fonts.italic });
    block(String(i + 1), lines, r.months, r, { flagged: r.flagged });
  });
  const sum = (key: 'due' | 'paid' | 'outstanding') => input.rows.reduce((s, r) => s + r[key], 0);
  block(
    '',
    [{ text: 'Tổng cộng', font: fonts.bold }],
    input.totals,
    { due: sum('due'), paid: sum('paid'), outstanding: sum('outstanding') },
    { bold: true },
  );
  closeTable();

  const flagged = input.rows.filter((r) => r.flagged);
  const flaggedNames = flagged.length ? ` (${flagged.map((r) => r.fullName).join(', ')})` : '';
  const notes = [
    `Số đảng viên: ${input.rows.length}. Đã nộp ${money(sum('paid'))} đồng trên tổng số phải nộp ${money(sum('due'))} đồng; còn nợ ${money(sum('outstanding'))} đồng.`,
    `(*) Đảng viên chưa nộp đảng phí từ ${UNPAID_MONTHS_FLAG} tháng trở lên trong năm: ${flagged.length}${flaggedNames}.`,
  ];
  const signatureHeight = 80;
  const width = tableRight - MARGIN.left;
  const lines = notes.flatMap((n) => wrapText(n, fonts.regular, 10, width));
  if (y - 8 - lines.length * 14 - signatureHeight < MARGIN.bottom) {
    page = pdf.addPage([PAGE.width, PAGE.height]);
    y = PAGE.height - MARGIN.top;
  }
  y -= 8;
  for (const text of lines) {
    y -= 14;
    page.drawText(text, { x: MARGIN.left, y, size: 10, font: fonts.regular, color: BLACK });
  }
  y -= 24;
  const signCenter = tableRight - 130;
  drawCentered(page, 'T/M CHI BỘ', fonts.bold, 11, signCenter, y);
  drawCentered(page, 'BÍ THƯ', fonts.bold, 11, signCenter, y - 14);
  drawCentered(page, 'NGƯỜI LẬP SỔ', fonts.bold, 11, MARGIN.left + 110, y);

  const pages = pdf.getPages();
  pages.forEach((p: PDFPage, i) => {
    const text = `Trang ${i + 1}/${pages.length}`;
    const x = tableRight - fonts.italic.widthOfTextAtSize(text, 9);
    p.drawText(text, { x, y: MARGIN.bottom - 24, size: 9, font: fonts.italic, color: BLACK });
  });
  return pdf.save();
}
