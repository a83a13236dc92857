import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { amountInWordsVi } from '../../domain/fees/amount-words';
import { receiptNumber, receiptPdf } from './receipt-pdf';

describe('fee receipt', () => {
  it('reads amounts in Vietnamese words', () => {
    expect(amountInWordsVi(85_000)).toBe('Tám mươi lăm nghìn đồng');
    expect(amountInWordsVi(105_000)).toBe('Một trăm linh năm nghìn đồng');
    expect(amountInWordsVi(21_000)).toBe('Hai mươi mốt nghìn đồng');
    expect(amountInWordsVi(15_000)).toBe('Mười lăm nghìn đồng');
    expect(amountInWordsVi(1_005_000)).toBe('Một triệu không trăm linh năm nghìn đồng');
    expect(amountInWordsVi(1_200_000)).toBe('Một triệu hai trăm nghìn đồng');
    expect(amountInWordsVi(0)).toBe('Không đồng');
    expect(() => amountInWordsVi(-1)).toThrow(RangeError);
  });

  it('numbers receipts per org and year', () => {
    expect(receiptNumber(12, 2026)).toBe('0012/2026');
    expect(() => receiptNumber(0, 2026)).toThrow(RangeError);
  });

  it('renders a cell payment with Vietnamese text that survives extraction', async () => {
    const bytes = await receiptPdf({
      number: receiptNumber(7, 2026),
      superiorOrgName: 'Đảng bộ Thành phố Hà Nội',
      orgName: 'Đảng bộ Phường Việt Hưng',
      place: 'Hà Nội',
      issuedAt: new Date(2026, 0, 5),
      payerName: 'Ngô Văn Minh',
      kind: 'cell',
      cellName: 'Chi bộ Tổ dân phố số 1',
      items: [
        { fullName: 'Nguyễn Văn Đức', month: '2026-01', amount: 85_000 },
        { fullName: 'Trần Thị Hoa', month: '2026-01', amount: 20_000 },
      ],
      total: 105_000,
      paymentReference: 'DP2601A1B2C3D4E5F6',
      bankReference: 'FT26005123',
      reprint: true,
    });
    const file = join(mkdtempSync(join(tmpdir(), 'receipt-')), 'receipt.pdf');
    writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).normalize(
      'NFC',
    );
    for (const expected of [
      'BIÊN LAI THU ĐẢNG PHÍ',
      '(Bản in lại)',
      'Số 0007/2026/BL-ĐP',
      'Nộp đảng phí cho chi bộ: Chi bộ Tổ dân phố số 1',
      'Trần Thị Hoa',
      '01/2026',
      'Tổng số tiền: 105.000 đ',
      'Bằng chữ: Một trăm linh năm nghìn đồng',
    ])
      expect(text).toContain(expected);
    // The headings stand apart and above their columns (they once ran together on one line).
    const lines = text.split('\n');
    const heading = lines.find((l) => l.includes('STT')) ?? '';
    expect(heading).toMatch(/STT\s{2,}Họ và tên đảng viên\s{2,}Tháng\s{2,}Số tiền/);
    const row = lines.find((l) => l.includes('Trần Thị Hoa')) ?? '';
    expect(Math.abs(row.indexOf('01/2026') - heading.indexOf('Tháng'))).toBeLessThanOrEqual(2);
    const endOf = (line: string, word: string) => line.indexOf(word) + word.length;
    expect(Math.abs(endOf(row, '20.000 đ') - endOf(heading, 'Số tiền'))).toBeLessThanOrEqual(2);
    expect(Math.abs(row.indexOf('Trần') - heading.indexOf('Họ và tên'))).toBeLessThanOrEqual(2);
  });
});
