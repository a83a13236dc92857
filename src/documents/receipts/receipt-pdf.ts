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
  line(
    'STT   Họ và tên đảng viên                                   Tháng            Số tiền',
    fonts.bold,
  );
  r.items.forEach((it, i) => {
    page.drawText(String(i + 1), { x: MARGIN.left, y, size: 12, font: fonts.regular });
    page.drawText(it.fullName, { x: MARGIN.left + 36, y, size: 12, font: fonts.regular });
    page.drawText(monthVi(it.month), { x: MARGIN.left + 290, y, size: 12, font: fonts.regular });
    const amount = money(it.amount);
    const w = fonts.regular.widthOfTextAtSize(amount, 12);
    page.drawText(amount, { x: A4.width - MARGIN.right - w, y, size: 12, font: fonts.regular });
    y -= 17;
    if (y < MARGIN.bottom + 60) {
      page = pdf.addPage([A4.width, A4.height]);
      y = A4.height - MARGIN.top;
    }
  });
  y -= 6;
  line(`Tổng số tiền: ${money(r.total)}`, fonts.bold);
  line(`Bằng chữ: ${amountInWordsVi(r.total)}`, fonts.italic);
  y -= 20;
  line('NGƯỜI THU', fonts.bold, A4.width - MARGIN.right - 150);
  return pdf.save();
}
