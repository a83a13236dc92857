import type { PDFPage } from '@cantoo/pdf-lib';
import type { HolidayCalendar } from '../../domain/calendar/working-days';
import {
  PRESENT_WITHIN_WORKING_DAYS,
  presentByFrom,
} from '../../domain/procedures/transfer-deadlines';
import type { TransferVariant } from '../../domain/procedures/transfer-route';
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

/** What the introduction letter says; built from the dossier, its member and its route. */
export interface TransferLetterInput {
  variant: TransferVariant;
  /** e.g. "15-GGT/CB"; left blank for the office to fill when absent. */
  number?: string;
  place: string;
  date: Date;
  member: {
    fullName: string;
    birthDate: string;
    cardNo: string | null;
    profileNo: string | null;
    joinedOn: string | null;
    officialOn: string | null;
  };
  /** The sending cell and the org above it (header of the letter). */
  from: { name: string; superiorName?: string };
  to: { name: string };
  reason: string;
  temporary: { startOn: string; endOn: string } | null;
  /**
   * The date by which the member presents the letter ('YYYY-MM-DD'); when not known yet, the
   * letter computes it from its own date with the domain's rule (30 working days).
   */
  presentBy: string | null;
  /** The holiday calendar the deadline is counted with when `presentBy` is not known yet. */
  calendar: HolidayCalendar;
  /** Every org of the route in order: each signs its own box, level by level. */
  route: { orgId: string; name: string }[];
}

/** Where one org signs: a 1-based page and a PDF rectangle [x, y, width, height]. */
export interface SignatureBox {
  orgId: string;
  page: number;
  rect: [number, number, number, number];
}

const TITLE = {
  official: 'GIẤY GIỚI THIỆU SINH HOẠT ĐẢNG',
  internal: 'GIẤY GIỚI THIỆU SINH HOẠT ĐẢNG',
  temporary: 'GIẤY GIỚI THIỆU SINH HOẠT ĐẢNG TẠM THỜI',
} as const satisfies Record<TransferVariant, string>;

/**
 * The day of an instant in Vietnam (UTC+7, no daylight saving): as a local-time Date whose
 * getDate()/getMonth() read that day whatever the machine's time zone, and as that day's noon.
 */
export function vietnamDay(at: Date): { iso: string; local: Date; noon: Date } {
  const iso = new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return { iso, local: new Date(y, m - 1, d, 12), noon: new Date(`${iso}T12:00:00+07:00`) };
}

/** 'YYYY-MM-DD' → 'dd/MM/yyyy' as Vietnamese documents write dates. */
const vnDate = (iso: string | null) => (iso ? iso.split('-').reverse().join('/') : '……/……/………');

/**
 * A box holds its caption and, under it, a signature with the org's seal at true size (a usual
 * Vietnamese seal is 36 mm ≈ 102 pt across): tall enough that the seal covers neither the caption
 * nor the next row.
 */
const BOX = { width: 205, height: 140, gap: 14 } as const;

/**
 * The presentation deadline printed on the letter: the dossier's when set, else counted with the
 * procedure's rule (30 working days) from the day the letter is dated, in Vietnam.
 */
function presentByOf(input: TransferLetterInput): string {
  return input.presentBy ?? presentByFrom(vietnamDay(input.date).iso, input.calendar);
}

/**
 * The introduction letter as a PDF, with one empty box per org of the route, like the paper
 * letter's boxes filled level by level. Each org's signature goes into its box as a new
 * incremental signature (see `boxes`), so earlier signatures stay valid.
 */
export async function buildTransferLetter(
  input: TransferLetterInput,
): Promise<{ pdf: Buffer; boxes: SignatureBox[] }> {
  const { pdf, fonts } = await newPartyDocument();
  // The same input gives the same bytes on any machine (the server rebuilds the letter to check
  // the first signature): dated on the Vietnamese calendar day, metadata dates fixed to its noon.
  const day = vietnamDay(input.date);
  pdf.setCreationDate(day.noon);
  pdf.setModificationDate(day.noon);
  const header = {
    superiorOrgName: input.from.superiorName,
    issuingOrgName: input.from.name,
    number: input.number ?? '……-GGT/CB',
    place: input.place,
    date: day.local,
    title: TITLE[input.variant],
  };
  let { page, y } = addPartyPage(pdf, fonts, header);
  const width = A4.width - MARGIN.left - MARGIN.right;
  const size = 13;
  const para = (text: string, font = fonts.regular) => {
    for (const line of wrapText(text, font, size, width)) {
      page.drawText(line, { x: MARGIN.left, y, size, font, color: BLACK });
      y -= size * 1.5;
    }
  };
  const m = input.member;
  para(`Kính gửi: ${input.to.name}`, fonts.bold);
  y -= 4;
  para(`Giới thiệu đồng chí: ${m.fullName}, sinh ngày ${vnDate(m.birthDate)}.`);
  para(
    `Số thẻ đảng viên: ${m.cardNo ?? '……………'}; số lý lịch: ${m.profileNo ?? '……………'}; ` +
      `vào Đảng ngày ${vnDate(m.joinedOn)}, chính thức ngày ${vnDate(m.officialOn)}.`,
  );
  const stay = input.temporary;
  para(
    stay
      ? `Được chuyển sinh hoạt đảng tạm thời đến ${input.to.name} ` +
          `từ ngày ${vnDate(stay.startOn)} đến ngày ${vnDate(stay.endOn)}.`
      : `Được chuyển sinh hoạt đảng chính thức đến ${input.to.name}.`,
  );
  para(`Lý do: ${input.reason}`);
  para(
    `Đồng chí có trách nhiệm xuất trình giấy giới thiệu này với chi bộ nơi đến ` +
      `trước ngày ${vnDate(presentByOf(input))} (trong vòng ${PRESENT_WITHIN_WORKING_DAYS} ngày làm việc).`,
    fonts.italic,
  );
  y -= 10;

  const boxes: SignatureBox[] = [];
  let column = 0;
  for (const [index, org] of input.route.entries()) {
    if (column === 0 && y - BOX.height < MARGIN.bottom) {
      page = pdf.addPage([A4.width, A4.height]);
      y = A4.height - MARGIN.top;
    }
    const x = MARGIN.left + column * (BOX.width + BOX.gap + 25);
    drawBox(page, fonts, x, y, `${index + 1}. ${org.name}`);
    // The signature goes in the box below its caption.
    boxes.push({
      orgId: org.orgId,
      page: pdf.getPageCount(),
      rect: [x + 4, y - BOX.height + 4, BOX.width - 8, BOX.height - 30],
    });
    column = (column + 1) % 2;
    if (column === 0) y -= BOX.height + BOX.gap;
  }
  return { pdf: Buffer.from(await pdf.save({ useObjectStreams: false })), boxes };
}

function drawBox(page: PDFPage, fonts: DocumentFonts, x: number, top: number, caption: string) {
  page.drawRectangle({
    x,
    y: top - BOX.height,
    width: BOX.width,
    height: BOX.height,
    borderColor: BLACK,
    borderWidth: 0.5,
  });
  const lines = wrapText(caption, fonts.bold, 10, BOX.width - 10).slice(0, 2);
  lines.forEach((line, i) =>
    drawCentered(page, line, fonts.bold, 10, x + BOX.width / 2, top - 12 - i * 11),
  );
}
