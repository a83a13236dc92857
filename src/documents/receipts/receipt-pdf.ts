import { amountInWordsVi } from '../../domain/fees/amount-words';
import { A4, addPartyPage, BLACK, MARGIN, newPartyDocument, wrapText } from '../party-document';

export interface ReceiptData {
  /** Unique per org and year, from `receiptNumber`. */
  number: string;
  superiorOrgName?: string;
  /** The org that collects (owner of the receiving account). */
  orgName: string;
  place: string;
  issuedAt: Date;
  payerName: string;
  /** 'self': a member for himself; 'cell': the cell's representative for members. */
  kind: 'self' | 'cell';
  cellName: string;
  items: readonly { fullName: string; month: string; amount: number }[];
  total: number;
  paymentReference: string;
  bankReference: string | null;
  /** Re-prints say so, so two papers for one payment are told apart. */
  reprint?: boolean;
}

/** "0012/2026": the sequence within the org and year, then the year. */
export function receiptNumber(seq: number, year: number): string {
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`receipt seq ${seq} must be ≥ 1`);
  return `${String(seq).padStart(4, '0')}/${year}`;
}

const money = (n: number) => `${new Intl.NumberFormat('vi-VN').format(n)} đ`;
const monthVi = (m: string) => `${m.slice(5)}/${m.slice(0, 4)}`;

/** Where the receipt's columns start (the amount column ends at `amountRight`). */
export function receiptColumns(left: number, right: number) {
  return { no: left, name: left + 36, month: right - 190, amountRight: right };
}

/** The receipt (biên lai thu đảng phí) as a PDF with the embedded Vietnamese font. */
export async function receiptPdf(r: ReceiptData): Promise<Uint8Array> {
  const { pdf, fonts } = await newPartyDocument();
  pdf.setTitle(`Biên lai thu đảng phí ${r.number}`);
  let { page, y } = addPartyPage(pdf, fonts, {
    superiorOrgName: r.superiorOrgName,
    issuingOrgName: r.orgName,
    number: `${r.number}/BL-ĐP`,
    place: r.place,
    date: r.issuedAt,
    title: 'Biên lai thu đảng phí',
    subtitle: r.reprint ? '(Bản in lại)' : undefined,
  });
  const width = A4.width - MARGIN.left - MARGIN.right;
  const line = (text: string, font = fonts.regular, x: number = MARGIN.left) => {
    for (const part of wrapText(text, font, 12, width - (x - MARGIN.left))) {
      if (y < MARGIN.bottom + 40) {
        page = pdf.addPage([A4.width, A4.height]);
        y = A4.height - MARGIN.top;
      }
      page.drawText(part, { x, y, size: 12, font, color: BLACK });
      y -= 17;
    }
  };
  line(`Người nộp: ${r.payerName}`);
  line(r.kind === 'cell' ? `Nộp đảng phí cho chi bộ: ${r.cellName}` : `Chi bộ: ${r.cellName}`);
  const bankReference = r.bankReference ? ` — Số tham chiếu ngân hàng: ${r.bankReference}` : '';
  line(`Mã giao dịch: ${r.paymentReference}${bankReference}`);
  y -= 6;
  // One set of column positions for the headings and the rows, so they stand under each other
  // (the headings were once one spaced string, which wrapping collapsed into one run).
  const right = A4.width - MARGIN.right;
  const columns = receiptColumns(MARGIN.left, right);
  const drawRow = (cells: readonly [string, string, string, string], font = fonts.regular) => {
    const [no, name, month, amount] = cells;
    const nameLines = wrapText(name, font, 12, columns.month - columns.name - 8);
    if (y - 17 * (nameLines.length - 1) < MARGIN.bottom + 60) {
      page = pdf.addPage([A4.width, A4.height]);
      y = A4.height - MARGIN.top;
    }
    page.drawText(no, { x: columns.no, y, size: 12, font, color: BLACK });
    page.drawText(month, { x: columns.month, y, size: 12, font, color: BLACK });
    const w = font.widthOfTextAtSize(amount, 12);
    page.drawText(amount, { x: columns.amountRight - w, y, size: 12, font, color: BLACK });
    for (const part of nameLines) {
      page.drawText(part, { x: columns.name, y, size: 12, font, color: BLACK });
      y -= 17;
    }
  };
  drawRow(['STT', 'Họ và tên đảng viên', 'Tháng', 'Số tiền'], fonts.bold);
  page.drawLine({
    start: { x: MARGIN.left, y: y + 12 },
    end: { x: right, y: y + 12 },
    thickness: 0.5,
    color: BLACK,
  });
  r.items.forEach((it, i) => {
    drawRow([String(i + 1), it.fullName, monthVi(it.month), money(it.amount)]);
  });
  y -= 6;
  line(`Tổng số tiền: ${money(r.total)}`, fonts.bold);
  line(`Bằng chữ: ${amountInWordsVi(r.total)}`, fonts.italic);
  y -= 20;
  line('NGƯỜI THU', fonts.bold, A4.width - MARGIN.right - 150);
  return pdf.save();
}
