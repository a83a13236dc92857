import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ReadinessFinding } from '../../domain/oversight/readiness';
import { readinessPdf, readinessWorkbook, type ReadinessReportDoc } from './readiness-report-doc';

const ward = 'Đảng bộ Phường Việt Hưng';
const finding = (
  kind: ReadinessFinding['kind'],
  n: number,
  messageVi: string,
  user: ReadinessFinding['user'] = null,
): ReadinessFinding => ({
  kind,
  org: { id: `o${n}`, code: `22561${n}`, name: `Chi bộ Tổ dân phố số ${n}`, path: [ward] },
  user,
  messageVi,
  fix: 'users',
});

const report = (extra = 0): ReadinessReportDoc => ({
  orgName: ward,
  superiorOrgName: 'Đảng bộ Thành phố Hà Nội',
  place: 'Hà Nội',
  date: new Date('2026-12-07T08:00:00+07:00'),
  orgCount: 4 + extra,
  findings: [
    finding(
      'approver_without_certificate',
      1,
      'Ngô Văn Minh (bithu.tdp1) có quyền phê duyệt nhưng chưa đăng ký chứng thư số.',
      { id: 'u1', fullName: 'Ngô Văn Minh', username: 'bithu.tdp1' },
    ),
    ...Array.from({ length: 2 + extra }, (_, i) =>
      finding(
        'cell_without_secretary',
        i + 2,
        `Chi bộ Tổ dân phố số ${i + 2} chưa có tài khoản bí thư (quyền phê duyệt) đang hoạt động.`,
      ),
    ),
  ],
});

describe('readiness report documents', () => {
  it('lists every kind with its count and every finding in the workbook', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readinessWorkbook(report())) as unknown as ArrayBuffer);
    const summary = wb.getWorksheet('Tổng hợp')!;
    const counts = new Map<string, unknown>();
    summary.eachRow((row) => counts.set(String(row.getCell(2).value), row.getCell(3).value));
    expect(counts.get('Chi bộ chưa có tài khoản bí thư')).toBe(2);
    expect(counts.get('Tổ chức đảng chưa có tài khoản quản trị')).toBe(0);
    expect(counts.get('Tổng cộng')).toBe(3);
    const detail = wb.getWorksheet('Chi tiết')!;
    expect(detail.rowCount).toBe(4);
    expect(detail.getRow(2).getCell(6).value).toBe('Ngô Văn Minh (bithu.tdp1)');
    expect(detail.getRow(3).getCell(5).value).toBe(ward);
  });

  it('lays the PDF out in the party-document frame, findings grouped by kind, over pages', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'readiness-pdf-'));
    const file = join(dir, 'report.pdf');
    writeFileSync(file, await readinessPdf(report(60)));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).normalize(
      'NFC',
    );
    expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(text).toContain('ĐẢNG BỘ PHƯỜNG VIỆT HƯNG');
    expect(text).toContain('Hà Nội, ngày 07 tháng 12 năm 2026');
    expect(text).toContain('BÁO CÁO RÀ SOÁT');
    expect(text).toContain('8. Chi bộ chưa có tài khoản bí thư (62)');
    expect(text).toContain('8.62. Chi bộ Tổ dân phố số 63');
    const pages = execFileSync('pdfinfo', [file], { encoding: 'utf8' }).match(/Pages:\s+(\d+)/);
    expect(Number(pages?.[1])).toBeGreaterThan(1);
  });
});
