import ExcelJS from 'exceljs';
import {
  NOT_YET_CHECKED_VI,
  readinessKindLabelVi,
  ReadinessKind,
  type ReadinessFinding,
} from '../../domain/oversight/readiness';
import { A4, addPartyPage, BLACK, MARGIN, newPartyDocument, wrapText } from '../party-document';

/** What the readiness report documents show: the review of one subtree at one moment. */
export interface ReadinessReportDoc {
  orgName: string;
  superiorOrgName?: string;
  place: string;
  /** When the review was computed (the server's answer, or the cached one's time). */
  date: Date;
  orgCount: number;
  findings: readonly ReadinessFinding[];
}

const TITLE = 'Báo cáo rà soát điều kiện triển khai thủ tục hành chính trực tuyến';

/** The findings of each kind, every kind in the report's order (those without findings too). */
const groups = (findings: readonly ReadinessFinding[]) =>
  ReadinessKind.options.map((kind) => ({
    kind,
    titleVi: readinessKindLabelVi[kind],
    items: findings.filter((f) => f.kind === kind),
  }));

/** "Đảng bộ Phường A › Chi bộ 1": where the org sits, for telling same-named orgs apart. */
const placeOf = (f: ReadinessFinding) => [...f.org.path, f.org.name].join(' › ');

/** The report as an Excel workbook: a summary sheet and one line per finding. */
export async function readinessWorkbook(r: ReadinessReportDoc): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const summary = wb.addWorksheet('Tổng hợp');
  summary.addRow([`${TITLE.toUpperCase()} — ${r.orgName.toUpperCase()}`]).font = {
    bold: true,
    size: 13,
  };
  summary.addRow([`Số tổ chức đảng được rà soát: ${r.orgCount}`]);
  summary.addRow([]);
  summary.addRow(['STT', 'Nội dung rà soát', 'Số tồn tại']).font = { bold: true };
  groups(r.findings).forEach((g, i) => summary.addRow([i + 1, g.titleVi, g.items.length]));
  summary.addRow(['', 'Tổng cộng', r.findings.length]).font = { bold: true };
  summary.addRow([]);
  if (NOT_YET_CHECKED_VI.length > 0)
    summary.addRow([`Chưa rà soát được (chưa có dữ liệu): ${NOT_YET_CHECKED_VI.join('; ')}.`]);
  summary.getColumn(2).width = 60;

  const ws = wb.addWorksheet('Chi tiết');
  ws.addRow([
    'STT',
    'Nội dung rà soát',
    'Mã tổ chức',
    'Tổ chức đảng',
    'Trực thuộc',
    'Tài khoản',
    'Tồn tại',
  ]).font = { bold: true };
  r.findings.forEach((f, i) =>
    ws.addRow([
      i + 1,
      readinessKindLabelVi[f.kind],
      f.org.code,
      f.org.name,
      f.org.path.join(' › '),
      f.user ? `${f.user.fullName} (${f.user.username})` : '',
      f.messageVi,
    ]),
  );
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 7 } };
  for (const [c, width] of [
    [2, 40],
    [4, 36],
    [5, 40],
    [6, 30],
    [7, 70],
  ] as const)
    ws.getColumn(c).width = width;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The report as a PDF in the party-document frame: summary by kind, then every finding. */
export async function readinessPdf(r: ReadinessReportDoc): Promise<Uint8Array> {
  const { pdf, fonts } = await newPartyDocument();
  pdf.setTitle(`${TITLE} — ${r.orgName}`);
  let { page, y } = addPartyPage(pdf, fonts, {
    superiorOrgName: r.superiorOrgName,
    issuingOrgName: r.orgName,
    place: r.place,
    date: r.date,
    title: 'Báo cáo rà soát',
    subtitle: 'điều kiện triển khai thủ tục hành chính trực tuyến',
  });
  const size = 11;
  const width = A4.width - MARGIN.left - MARGIN.right;
  const line = (text: string, font = fonts.regular, indent = 0, gap = 15) => {
    for (const part of wrapText(text, font, size, width - indent)) {
      if (y < MARGIN.bottom + 20) {
        page = pdf.addPage([A4.width, A4.height]);
        y = A4.height - MARGIN.top;
      }
      page.drawText(part, { x: MARGIN.left + indent, y, size, font, color: BLACK });
      y -= gap;
    }
  };
  line(
    `Rà soát ${r.orgCount} tổ chức đảng theo danh mục chuẩn bị triển khai của hướng dẫn quản trị; ` +
      `tổng số tồn tại: ${r.findings.length}.`,
  );
  y -= 4;
  const all = groups(r.findings);
  all.forEach((g, i) => line(`${i + 1}. ${g.titleVi}: ${g.items.length}`, fonts.regular, 12));
  if (NOT_YET_CHECKED_VI.length > 0)
    line(`Chưa rà soát được (chưa có dữ liệu): ${NOT_YET_CHECKED_VI.join('; ')}.`, fonts.italic);
  for (const [i, g] of all.entries()) {
    if (g.items.length === 0) continue;
    y -= 8;
    line(`${i + 1}. ${g.titleVi} (${g.items.length})`, fonts.bold);
    g.items.forEach((f, n) => {
      line(`${i + 1}.${n + 1}. ${f.messageVi}`, fonts.regular, 12);
      if (f.org.path.length > 0) line(placeOf(f), fonts.italic, 30);
    });
  }
  return pdf.save();
}
