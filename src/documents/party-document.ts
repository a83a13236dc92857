import { readFileSync } from 'node:fs';
import fontkit from '@cantoo/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from '@cantoo/pdf-lib';
import { fontFile as fontPath } from '../runtime/asset-paths';

/**
 * The frame every official form shares, in the Party's document format: on the left the superior
 * and the issuing org with "*" and the number, on the right "ĐẢNG CỘNG SẢN VIỆT NAM" and the
 * place and date, then the title. Text uses Liberation Serif (SIL OFL 1.1, licence in fonts/),
 * which covers Vietnamese; pdf-lib embeds only the glyphs used.
 */
/** Read once: every document embeds the same three fonts. */
const fontBytes = new Map<string, Buffer>();
const fontFile = (name: string) => {
  let bytes = fontBytes.get(name);
  if (!bytes) {
    bytes = readFileSync(fontPath(name));
    fontBytes.set(name, bytes);
  }
  return bytes;
};

export const A4 = { width: 595.28, height: 841.89 } as const;
/** For wide tables (a ledger's twelve months). */
export const A4_LANDSCAPE = { width: A4.height, height: A4.width } as const;
export const MARGIN = { top: 56, bottom: 56, left: 85, right: 56 } as const;
export const BLACK = rgb(0, 0, 0);
/** The header's left column (the orgs), centred on MARGIN.left + 115. */
const LEFT_COLUMN_WIDTH = 225;

export interface DocumentFonts {
  regular: PDFFont;
  bold: PDFFont;
  italic: PDFFont;
}

export interface PartyDocumentHeader {
  /** e.g. "ĐẢNG BỘ PHƯỜNG VIỆT HƯNG"; omitted for a top-level org. */
  superiorOrgName?: string;
  /** e.g. "CHI BỘ TỔ DÂN PHỐ SỐ 1". */
  issuingOrgName: string;
  /** e.g. "12-GGT/CB". */
  number?: string;
  place: string;
  date: Date;
  /** e.g. "GIẤY GIỚI THIỆU SINH HOẠT ĐẢNG". */
  title: string;
  subtitle?: string;
}

export async function newPartyDocument(): Promise<{ pdf: PDFDocument; fonts: DocumentFonts }> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const [regular, bold, italic] = await Promise.all([
    pdf.embedFont(fontFile('LiberationSerif-Regular.ttf'), { subset: true }),
    pdf.embedFont(fontFile('LiberationSerif-Bold.ttf'), { subset: true }),
    pdf.embedFont(fontFile('LiberationSerif-Italic.ttf'), { subset: true }),
  ]);
  return { pdf, fonts: { regular, bold, italic } };
}

/** "Hà Nội, ngày 05 tháng 02 năm 2026" as official documents write it. */
export function placeAndDate(place: string, date: Date): string {
  const dd = String(date.getDate()).padStart(2, '0');
  const mm = String(date.getMonth() + 1).padStart(2, '0');
  return `${place}, ngày ${dd} tháng ${mm} năm ${date.getFullYear()}`;
}

export function drawCentered(
  page: PDFPage,
  text: string,
  font: PDFFont,
  size: number,
  centerX: number,
  y: number,
) {
  const width = font.widthOfTextAtSize(text, size);
  page.drawText(text, { x: centerX - width / 2, y, size, font, color: BLACK });
}

/** Draws the header block and title on a new A4 page; returns the page and the y to continue at. */
export function addPartyPage(
  pdf: PDFDocument,
  fonts: DocumentFonts,
  header: PartyDocumentHeader,
  size: { width: number; height: number } = A4,
): { page: PDFPage; y: number } {
  const page = pdf.addPage([size.width, size.height]);
  const leftCenter = MARGIN.left + 115;
  const rightCenter = size.width - MARGIN.right - 130;
  let y = size.height - MARGIN.top;
  if (header.superiorOrgName) {
    drawCentered(page, header.superiorOrgName.toUpperCase(), fonts.regular, 12, leftCenter, y);
  }
  drawCentered(page, 'ĐẢNG CỘNG SẢN VIỆT NAM', fonts.bold, 13, rightCenter, y);
  const partyWidth = fonts.bold.widthOfTextAtSize('ĐẢNG CỘNG SẢN VIỆT NAM', 13);
  page.drawLine({
    start: { x: rightCenter - partyWidth / 2, y: y - 3 },
    end: { x: rightCenter + partyWidth / 2, y: y - 3 },
    thickness: 0.6,
    color: BLACK,
  });
  y -= 16;
  // A long name ("CHI BỘ TRƯỜNG TRUNG HỌC CƠ SỞ …") wraps in the left column, never into the right.
  const issuing = wrapText(header.issuingOrgName.toUpperCase(), fonts.bold, 12, LEFT_COLUMN_WIDTH);
  for (const [i, line] of issuing.entries()) {
    if (i > 0) y -= 14;
    drawCentered(page, line, fonts.bold, 12, leftCenter, y);
  }
  y -= 14;
  drawCentered(page, '*', fonts.regular, 12, leftCenter, y);
  drawCentered(page, placeAndDate(header.place, header.date), fonts.italic, 12, rightCenter, y);
  y -= 14;
  if (header.number) drawCentered(page, `Số ${header.number}`, fonts.regular, 12, leftCenter, y);
  y -= 40;
  drawCentered(page, header.title.toUpperCase(), fonts.bold, 14, size.width / 2, y);
  y -= 18;
  if (header.subtitle) {
    drawCentered(page, header.subtitle, fonts.italic, 12, size.width / 2, y);
    y -= 18;
  }
  return { page, y: y - 10 };
}

/** Splits text into lines that fit `maxWidth`, breaking at spaces. */
export function wrapText(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.normalize('NFC').split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= maxWidth || !line) line = candidate;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines;
}
