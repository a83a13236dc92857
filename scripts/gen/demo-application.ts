import {
  A4,
  BLACK,
  drawCentered,
  MARGIN,
  newPartyDocument,
  placeAndDate,
  wrapText,
} from '../../src/documents/party-document';
import type { TransferVariant } from '../../src/domain/procedures/transfer-route';

/** What a member writes in the application attached to a transfer form. */
export interface ApplicationInput {
  variant: TransferVariant;
  fullName: string;
  birthDate: string;
  fromCellName: string;
  toCellName: string;
  reason: string;
  date: Date;
  temporary?: { startOn: string; endOn: string } | null;
}

const TITLE: Record<TransferVariant, string> = {
  official: 'ĐƠN ĐỀ NGHỊ CHUYỂN SINH HOẠT ĐẢNG CHÍNH THỨC',
  internal: 'ĐƠN ĐỀ NGHỊ CHUYỂN SINH HOẠT ĐẢNG',
  temporary: 'ĐƠN ĐỀ NGHỊ CHUYỂN SINH HOẠT ĐẢNG TẠM THỜI',
};

const vnDate = (iso: string) => iso.split('-').reverse().join('/');

/**
 * The member's application ("Đơn đề nghị chuyển sinh hoạt đảng") as a one-page PDF: the kind of
 * attachment a member uploads with the transfer form, for the demo dossiers and the journeys.
 */
export async function memberApplicationPdf(input: ApplicationInput): Promise<Buffer> {
  const { pdf, fonts } = await newPartyDocument();
  const page = pdf.addPage([A4.width, A4.height]);
  const width = A4.width - MARGIN.left - MARGIN.right;
  let y = A4.height - MARGIN.top;
  drawCentered(page, 'ĐẢNG CỘNG SẢN VIỆT NAM', fonts.bold, 13, A4.width / 2, y);
  y -= 18;
  drawCentered(page, placeAndDate('Hà Nội', input.date), fonts.italic, 12, A4.width / 2, y);
  y -= 44;
  drawCentered(page, TITLE[input.variant], fonts.bold, 14, A4.width / 2, y);
  y -= 34;
  const line = (text: string, font = fonts.regular) => {
    for (const part of wrapText(text, font, 13, width)) {
      page.drawText(part, { x: MARGIN.left, y, size: 13, font, color: BLACK });
      y -= 19;
    }
  };
  line(`Kính gửi: ${input.fromCellName}`, fonts.bold);
  y -= 6;
  line(`Tôi tên là: ${input.fullName}, sinh ngày ${vnDate(input.birthDate)}.`);
  line(`Hiện sinh hoạt tại: ${input.fromCellName}.`);
  line(`Lý do: ${input.reason}.`);
  const stay = input.temporary
    ? ` từ ngày ${vnDate(input.temporary.startOn)} đến ngày ${vnDate(input.temporary.endOn)}`
    : '';
  line(
    `Tôi đề nghị chi bộ xem xét, giới thiệu tôi chuyển sinh hoạt đảng đến ${input.toCellName}${stay}.`,
  );
  line('Tôi xin hứa chấp hành nghiêm Điều lệ Đảng và quy định của nơi đến sinh hoạt.');
  y -= 30;
  drawCentered(page, 'NGƯỜI LÀM ĐƠN', fonts.bold, 13, A4.width - MARGIN.right - 110, y);
  y -= 70;
  drawCentered(page, input.fullName, fonts.bold, 13, A4.width - MARGIN.right - 110, y);
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}
