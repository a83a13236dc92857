import type { ResidenceComment } from '../../domain/procedures/residence-form';
import { residenceCommentLabelVi } from '../../domain/procedures/residence-form';
import {
  A4,
  addPartyPage,
  BLACK,
  drawCentered,
  MARGIN,
  newPartyDocument,
  wrapText,
} from '../party-document';
import { vietnamDay, type SignatureBox } from '../transfer-letter/transfer-letter';

/** What the comment form says; built from the form, its member and its orgs. */
export interface ResidenceFormPdfInput {
  place: string;
  /** The day the committee confirms it (the document's date). */
  date: Date;
  campaignYear: number;
  member: { id: string; fullName: string; birthDate: string | null };
  /** The residence cell, which writes the comment, and the committee above it, which confirms. */
  residence: { name: string };
  committee: { id: string; name: string };
  /** The member's workplace cell, to which the form goes back. */
  workplace: { name: string };
  comment: ResidenceComment;
}

/** 'YYYY-MM-DD' → 'dd/MM/yyyy'. */
const vnDate = (iso: string | null) => (iso ? iso.split('-').reverse().join('/') : '……/……/………');

/** The committee's confirmation holds its signature and seal at true size (36 mm ≈ 102 pt). */
const CONFIRM = { width: 220, height: 150 } as const;

/**
 * "Phiếu nhận xét" of the residence cell on a member (Quy định 213-QĐ/TW), in the Party's document
 * format: the residence cell's comment under the four headings of the form, then on the right the
 * ward or commune committee's confirmation, where its signature and seal go (`box`). The same input
 * gives the same bytes, so the server can rebuild it to check the committee's signature.
 */
export async function buildResidenceFormPdf(
  input: ResidenceFormPdfInput,
): Promise<{ pdf: Buffer; box: SignatureBox }> {
  const { pdf, fonts } = await newPartyDocument();
  const day = vietnamDay(input.date);
  pdf.setCreationDate(day.noon);
  pdf.setModificationDate(day.noon);
  pdf.setTitle(`Phiếu nhận xét đảng viên ${input.member.fullName} năm ${input.campaignYear}`);
  let { page, y } = addPartyPage(pdf, fonts, {
    superiorOrgName: input.committee.name,
    issuingOrgName: input.residence.name,
    place: input.place,
    date: day.local,
    title: 'PHIẾU NHẬN XÉT ĐẢNG VIÊN',
    subtitle: `của chi ủy, chi bộ nơi cư trú, năm ${input.campaignYear}`,
  });
  const width = A4.width - MARGIN.left - MARGIN.right;
  const size = 12.5;
  const newPageIfFull = (needed: number) => {
    if (y - needed >= MARGIN.bottom) return;
    page = pdf.addPage([A4.width, A4.height]);
    y = A4.height - MARGIN.top;
  };
  const para = (text: string, font = fonts.regular, indent = 0) => {
    for (const line of wrapText(text, font, size, width - indent)) {
      newPageIfFull(size * 1.5);
      page.drawText(line, { x: MARGIN.left + indent, y, size, font, color: BLACK });
      y -= size * 1.5;
    }
  };
  para(`Kính gửi: ${input.workplace.name}`, fonts.bold);
  y -= 4;
  para(`Đồng chí: ${input.member.fullName}, sinh ngày ${vnDate(input.member.birthDate)}.`);
  para(`Cư trú tại địa bàn ${input.residence.name}.`);
  y -= 4;
  const fields = ['strengths', 'shortcomings', 'citizenDuties', 'proposals'] as const;
  for (const [i, field] of fields.entries()) {
    para(`${i + 1}. ${residenceCommentLabelVi[field]}:`, fonts.bold);
    para(input.comment[field].trim() || 'Không có.', fonts.regular, 14);
    y -= 2;
  }
  y -= 12;

  // Left: the residence cell; right: the committee's confirmation with its signature box.
  newPageIfFull(CONFIRM.height + 20);
  const leftCenter = MARGIN.left + 100;
  const boxX = A4.width - MARGIN.right - CONFIRM.width;
  drawCentered(page, 'T/M CHI ỦY (CHI BỘ)', fonts.bold, 12, leftCenter, y);
  drawCentered(page, 'XÁC NHẬN CỦA ĐẢNG ỦY', fonts.bold, 12, boxX + CONFIRM.width / 2, y);
  y -= 15;
  drawCentered(page, 'BÍ THƯ', fonts.bold, 12, leftCenter, y);
  const committeeLines = wrapText(input.committee.name, fonts.bold, 11, CONFIRM.width).slice(0, 2);
  for (const line of committeeLines) {
    drawCentered(page, line, fonts.bold, 11, boxX + CONFIRM.width / 2, y);
    y -= 13;
  }
  const box: SignatureBox = {
    orgId: input.committee.id,
    page: pdf.getPageCount(),
    rect: [boxX, y - CONFIRM.height + 10, CONFIRM.width, CONFIRM.height - 10],
  };
  return { pdf: Buffer.from(await pdf.save({ useObjectStreams: false })), box };
}
