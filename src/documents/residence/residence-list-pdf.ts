import type { PDFPage } from '@cantoo/pdf-lib';
import {
  residenceRequestKindLabelVi,
  type ResidenceRequestKind,
} from '../../domain/procedures/residence-request';
import { exemptionOn } from '../../domain/procedures/residence-rules';
import type { ResidenceExemptionCode } from '../../domain/procedures/residence-rules';
import {
  A4,
  addPartyPage,
  BLACK,
  drawCentered,
  MARGIN,
  newPartyDocument,
  wrapText,
  type DocumentFonts,
} from '../party-document';
import { vietnamDay, type SignatureBox } from '../transfer-letter/transfer-letter';

export interface ResidenceListPdfInput {
  place: string;
  date: Date;
  campaignYear: number;
  kind: ResidenceRequestKind;
  workplace: { id: string; name: string; superiorName?: string };
  items: {
    fullName: string;
    birthDate: string | null;
    residenceName: string;
    reportRequired: boolean;
    exemption: ResidenceExemptionCode | null;
  }[];
}

const vnDate = (iso: string | null) => (iso ? iso.split('-').reverse().join('/') : '');

/** Columns of the table: widths add up to the text width of an A4 page (454 pt). */
const COLUMNS = [
  { title: 'TT', width: 26 },
  { title: 'Họ và tên', width: 120 },
  { title: 'Ngày sinh', width: 62 },
  { title: 'Chi bộ nơi cư trú', width: 136 },
  { title: 'Nội dung đề nghị', width: 110 },
] as const;
const SIZE = 10.5;
const PAD = 3;
const SIGN = { width: 200, height: 130 } as const;

/** What the list asks of the residence cell for one member. */
function requestOf(
  kind: ResidenceRequestKind,
  item: ResidenceListPdfInput['items'][number],
  on: string,
) {
  if (item.exemption) {
    const rule = exemptionOn(item.exemption, on);
    return `Giới thiệu (miễn nhận xét: ${rule?.labelVi.toLowerCase() ?? item.exemption})`;
  }
  const asked = residenceRequestKindLabelVi[kind];
  return kind !== 'introduce' && item.reportRequired ? `${asked}; có báo cáo` : asked;
}

/**
 * "Danh sách đảng viên cần giới thiệu và xin nhận xét tại nơi cư trú" of a workplace cell or
 * committee, in the Party's document format: one row per member with his residence cell and what
 * is asked, then the secretary's signature box. Deterministic like the letter, so the server can
 * rebuild it to check a signature.
 */
export async function buildResidenceListPdf(
  input: ResidenceListPdfInput,
): Promise<{ pdf: Buffer; box: SignatureBox }> {
  const { pdf, fonts } = await newPartyDocument();
  const day = vietnamDay(input.date);
  pdf.setCreationDate(day.noon);
  pdf.setModificationDate(day.noon);
  pdf.setTitle(`Danh sách giới thiệu và xin nhận xét nơi cư trú năm ${input.campaignYear}`);
  let { page, y } = addPartyPage(pdf, fonts, {
    ...(input.workplace.superiorName ? { superiorOrgName: input.workplace.superiorName } : {}),
    issuingOrgName: input.workplace.name,
    place: input.place,
    date: day.local,
    title: 'DANH SÁCH ĐẢNG VIÊN CẦN GIỚI THIỆU',
    subtitle: `và xin nhận xét tại nơi cư trú năm ${input.campaignYear}`,
  });

  const row = (cells: readonly string[], font = fonts.regular) => {
    const lines = cells.map((text, i) => wrapText(text, font, SIZE, COLUMNS[i]!.width - 2 * PAD));
    const height = Math.max(...lines.map((l) => l.length)) * SIZE * 1.3 + 2 * PAD;
    if (y - height < MARGIN.bottom) {
      page = pdf.addPage([A4.width, A4.height]);
      y = A4.height - MARGIN.top;
    }
    drawRow(page, font, lines, y, height);
    y -= height;
  };
  row(
    COLUMNS.map((c) => c.title),
    fonts.bold,
  );
  for (const [i, item] of input.items.entries())
    row([
      String(i + 1),
      item.fullName,
      vnDate(item.birthDate),
      item.residenceName,
      requestOf(input.kind, item, day.iso),
    ]);
  y -= 18;

  if (y - SIGN.height - 30 < MARGIN.bottom) {
    page = pdf.addPage([A4.width, A4.height]);
    y = A4.height - MARGIN.top;
  }
  const boxX = A4.width - MARGIN.right - SIGN.width;
  drawCentered(page, 'T/M CHI ỦY (ĐẢNG ỦY)', fonts.bold, 12, boxX + SIGN.width / 2, y);
  y -= 15;
  drawCentered(page, 'BÍ THƯ', fonts.bold, 12, boxX + SIGN.width / 2, y);
  y -= 8;
  const box: SignatureBox = {
    orgId: input.workplace.id,
    page: pdf.getPageCount(),
    rect: [boxX, y - SIGN.height, SIGN.width, SIGN.height],
  };
  return { pdf: Buffer.from(await pdf.save({ useObjectStreams: false })), box };
}

function drawRow(
  page: PDFPage,
  font: DocumentFonts['regular'],
  lines: string[][],
  top: number,
  height: number,
) {
  let x = MARGIN.left;
  for (const [i, column] of COLUMNS.entries()) {
    page.drawRectangle({
      x,
      y: top - height,
      width: column.width,
      height,
      borderColor: BLACK,
      borderWidth: 0.5,
    });
    for (const [j, line] of (lines[i] ?? []).entries())
      page.drawText(line, {
        x: x + PAD,
        y: top - PAD - SIZE - j * SIZE * 1.3,
        size: SIZE,
        font,
        color: BLACK,
      });
    x += column.width;
  }
}
