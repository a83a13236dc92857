import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addPartyPage, newPartyDocument, placeAndDate, wrapText } from './party-document';

describe('party document frame', () => {
  it('writes the header with Vietnamese text that survives extraction', async () => {
    const { pdf, fonts } = await newPartyDocument();
    const { page, y } = addPartyPage(pdf, fonts, {
      superiorOrgName: 'Đảng bộ Phường Việt Hưng',
      issuingOrgName: 'Chi bộ Tổ dân phố số 1',
      number: '12-GGT/CB',
      place: 'Hà Nội',
      date: new Date(2026, 1, 5),
      title: 'Giấy giới thiệu sinh hoạt đảng',
    });
    page.drawText('Đồng chí Nguyễn Thị Hằng', { x: 85, y, size: 13, font: fonts.regular });
    const file = join(mkdtempSync(join(tmpdir(), 'doc-')), 'frame.pdf');
    writeFileSync(file, await pdf.save());
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).normalize(
      'NFC',
    );
    expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(text).toContain('CHI BỘ TỔ DÂN PHỐ SỐ 1');
    expect(text).toContain('Hà Nội, ngày 05 tháng 02 năm 2026');
    expect(text).toContain('GIẤY GIỚI THIỆU SINH HOẠT ĐẢNG');
    expect(text).toContain('Nguyễn Thị Hằng');
  });

  it('formats dates and wraps long lines within the width', async () => {
    expect(placeAndDate('Hưng Yên', new Date(2026, 10, 23))).toBe(
      'Hưng Yên, ngày 23 tháng 11 năm 2026',
    );
    const { fonts } = await newPartyDocument();
    const lines = wrapText('Đảng bộ Phường Việt Hưng '.repeat(12), fonts.regular, 12, 200);
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines)
      expect(fonts.regular.widthOfTextAtSize(line, 12)).toBeLessThanOrEqual(200);
  });
});
