import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readStatementFile, STATEMENT_LIMITS } from './statement-file';
import { checkZipBounds } from './zip-bounds';
import { deflatedZeros, zipOf } from './test-support/zip';

const MB = 1024 * 1024;
const HEADER = ['Ngày giao dịch', 'Số tiền', 'Nội dung', 'Số tham chiếu'];

async function workbookOf(rows: (string | number)[][], farCell?: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sao kê');
  for (const row of rows) ws.addRow(row);
  if (farCell) ws.getCell(farCell).value = 'x';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const ceiling = 50_000_000;

describe('statement files within limits', () => {
  it('reads an ordinary Excel export and an ordinary CSV', async () => {
    const xlsx = await workbookOf([HEADER, ['2026-02-03', 120000, 'DPS123 dang phi', 'FT001']]);
    const fromXlsx = await readStatementFile(xlsx, { ceiling });
    expect(fromXlsx).toMatchObject({ ok: true, value: [{ amount: 120000, lineNo: 2 }] });
    const csv = Buffer.from(`${HEADER.join(',')}\n2026-02-03,120000,DPS123 dang phi,FT001\n`);
    expect(await readStatementFile(csv, { ceiling })).toMatchObject({
      ok: true,
      value: [{ bankReference: 'FT001' }],
    });
  });

  it('refuses a zip bomb by its declared sizes before inflating anything', async () => {
    const bomb = zipOf([
      { name: 'xl/worksheets/sheet1.xml', data: await deflatedZeros(200), declaredSize: 200 * MB },
    ]);
    expect(bomb.length).toBeLessThan(MB);
    const started = Date.now();
    const verdict = await readStatementFile(bomb, { ceiling });
    expect(verdict).toMatchObject({
      ok: false,
      code: 'statement_too_large',
      messageVi: 'Tệp Excel giải nén ra quá lớn (tối đa 60 MB) nên không được nhập.',
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses a zip bomb whose directory lies, inflating no more than it declared', async () => {
    const liar = zipOf([
      { name: '[Content_Types].xml', data: deflateRawSync('<Types/>'), declaredSize: 8 },
      { name: 'xl/worksheets/sheet1.xml', data: await deflatedZeros(200), declaredSize: 1000 },
    ]);
    const zip = await checkZipBounds(liar, STATEMENT_LIMITS.zip);
    expect(zip).toMatchObject({ ok: false, code: 'zip_too_large' });
    expect(zip.ok || zip.message).toMatch(/inflates past its declared 1000 bytes/);
    expect(await readStatementFile(liar, { ceiling })).toMatchObject({
      ok: false,
      code: 'statement_too_large',
    });
    // Too many entries, or a stored entry whose size is not the declared one, are refused too.
    const many = zipOf(
      Array.from({ length: 201 }, (_, i) => ({
        name: `e${i}`,
        data: Buffer.from('a'),
        declaredSize: 1,
        stored: true,
      })),
    );
    expect(await checkZipBounds(many, STATEMENT_LIMITS.zip)).toMatchObject({
      code: 'zip_too_large',
    });
    const short = zipOf([{ name: 'a', data: Buffer.from('abc'), declaredSize: 2, stored: true }]);
    expect(await checkZipBounds(short, STATEMENT_LIMITS.zip)).toMatchObject({
      code: 'zip_malformed',
    });
  });

  it('refuses a sheet reaching a million rows down, though the file is small', async () => {
    const tall = await workbookOf([HEADER], 'A1000000');
    expect(tall.length).toBeLessThan(100 * 1024);
    expect(await readStatementFile(tall, { ceiling })).toMatchObject({
      ok: false,
      code: 'statement_too_large',
      messageVi: 'Bảng tính có quá nhiều dòng hoặc cột (tối đa 20000 dòng, 50 cột).',
    });
  });

  it('refuses a huge CSV by size, and a long one by its lines, in Vietnamese', async () => {
    const line = '2026-02-03,120000,DPS123 dang phi,FT001\n';
    const huge = Buffer.from(`${HEADER.join(',')}\n${line.repeat((6 * MB) / line.length)}`);
    expect(await readStatementFile(huge, { ceiling })).toMatchObject({
      ok: false,
      code: 'statement_too_large',
      messageVi: 'Tệp sao kê quá lớn (tối đa 5 MB). Hãy xuất sao kê từng tháng.',
    });
    const long = Buffer.from(`${HEADER.join(',')}\n${'\n'.repeat(25_000)}`);
    expect(await readStatementFile(long, { ceiling })).toMatchObject({
      ok: false,
      messageVi: 'Tệp sao kê có quá nhiều dòng (tối đa 20000). Hãy xuất sao kê từng tháng.',
    });
  });

  it('calls a broken zip broken, not too large', async () => {
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), Buffer.alloc(100, 1)]);
    expect(await readStatementFile(broken, { ceiling })).toMatchObject({
      ok: false,
      code: 'statement_invalid',
      messageVi: 'Tệp Excel bị hỏng hoặc không đọc được.',
    });
  });
});
