import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCellLedger } from '../../domain/fees/ledger';
import { ledgerPdf } from './ledger-pdf';

const year = 2026;
const month = (m: number) => `${year}-${String(m).padStart(2, '0')}`;
const monthsOf = (count: number, amount: number) =>
  new Map(Array.from({ length: count }, (_, i) => [month(i + 1), amount] as [string, number]));

/** Hoa pays the pensioner's 30,000 a month, the others 85,000. */
const feeOf = (memberId: string) => (memberId === 'b' ? 30_000 : 85_000);
const PAID_MONTHS: Record<string, number> = { a: 1, b: 12 };
const paidMonthsOf = (memberId: string) => PAID_MONTHS[memberId] ?? 11;
const paidOf = (memberId: string) => monthsOf(paidMonthsOf(memberId), feeOf(memberId));

/** Đức has paid January only; Hoa everything; the others one month less than due. */
function ledgerOf(extraMembers: number) {
  const members = [
    { memberId: 'a', fullName: 'Nguyễn Văn Đức' },
    { memberId: 'b', fullName: 'Trần Thị Hoa' },
    ...Array.from({ length: extraMembers }, (_, i) => ({
      memberId: `x${i}`,
      fullName: `Lê Thị Phương Thảo Số ${i + 1}`,
    })),
  ];
  return buildCellLedger({
    year,
    upToMonth: 12,
    members,
    due: new Map(members.map((m) => [m.memberId, monthsOf(12, feeOf(m.memberId))])),
    paid: new Map(members.map((m) => [m.memberId, paidOf(m.memberId)])),
  });
}

async function render(extraMembers: number) {
  const bytes = await ledgerPdf({
    cellName: 'Chi bộ Tổ dân phố số 1',
    superiorOrgName: 'Đảng bộ Phường Việt Hưng',
    place: 'Hà Nội',
    date: new Date(2026, 11, 31),
    year,
    ...ledgerOf(extraMembers),
  });
  const dir = mkdtempSync(join(tmpdir(), 'ledger-pdf-'));
  const file = join(dir, 'ledger.pdf');
  writeFileSync(file, bytes);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).normalize(
    'NFC',
  );
  return { dir, file, text, info: execFileSync('pdfinfo', [file], { encoding: 'utf8' }) };
}

describe('cell fee ledger as PDF', () => {
  it('shows each member per month, the totals and the flag, with Vietnamese text', async () => {
    const { dir, file, text, info } = await render(0);
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.28/);
    expect(info).toMatch(/Pages:\s+1\n/);
    for (const expected of [
      'ĐẢNG BỘ PHƯỜNG VIỆT HƯNG',
      'CHI BỘ TỔ DÂN PHỐ SỐ 1',
      'SỔ THEO DÕI THU, NỘP ĐẢNG PHÍ',
      'Năm 2026',
      'Hà Nội, ngày 31 tháng 12 năm 2026',
      'Nguyễn Văn Đức',
      'Trần Thị Hoa',
      '(*) Chưa nộp 11 tháng',
      'Tổng cộng',
      'T/M CHI BỘ',
    ])
      expect(text).toContain(expected);
    // Đức: 12 × 85.000 due, 85.000 paid, 935.000 outstanding; Hoa 360.000 all paid.
    expect(text).toMatch(/Phải nộp\s+(85\.000\s+){12}1\.020\.000/);
    expect(text).toMatch(/Còn nợ\s+0\s+(85\.000\s+){11}935\.000/);
    expect(text).toMatch(/Tổng cộng\s+Phải nộp\s+(115\.000\s+){12}1\.380\.000/);
    expect(text).toMatch(
      /Còn nợ\s+0\s+(85\.000\s+){11}935\.000\s*\n(?:.*\n)*?.*1 \(Nguyễn Văn Đức\)/,
    );
    expect(text).not.toContain('Chưa nộp 0 tháng');
    // Rasterized for a look (and to prove the file renders): ledger-1.png in `dir`.
    execFileSync('pdftoppm', ['-png', '-r', '60', file, join(dir, 'ledger')]);
    const png = join(dir, 'ledger-1.png');
    expect(existsSync(png) && statSync(png).size).toBeGreaterThan(10_000);
  });

  it('continues on further pages with the column header repeated and pages numbered', async () => {
    const { text, info } = await render(30);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThan(1);
    expect(text.match(/STT\s+Họ và tên\s+Khoản\s+T1\s+T2/g)).toHaveLength(pages);
    expect(text).toContain(`Trang ${pages}/${pages}`);
    expect(text).toContain('Lê Thị Phương Thảo Số 30');
    expect(text.match(/\(\*\) Chưa nộp 1 tháng/g)).toBeNull();
    // 30 members with one month unpaid: only Đức is flagged.
    expect(text).toContain('trong năm: 1 (Nguyễn Văn Đức)');
  });
});
