import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseCsv, readImportFiles } from './read-import-file';
import { importWorkbook } from './test-support/import-workbook';
import { checkZip } from './zip-guard';

describe('reading import files', () => {
  it('reads an xlsx: dates as ISO dates, formulas as formulas, text as text', async () => {
    const bytes = await importWorkbook({
      members: [
        [
          'Nguyễn Văn Đức',
          new Date(Date.UTC(1985, 2, 2)),
          'Nam',
          '001085000001',
          { formula: '1+1' },
        ],
      ],
    });
    const read = await readImportFiles([{ name: 'a.xlsx', bytes }]);
    expect(read.ok && read.value[0]!.rows[1]).toEqual({
      row: 2,
      cells: [
        'Nguyễn Văn Đức',
        { kind: 'date', iso: '1985-03-02' },
        'Nam',
        '001085000001',
        { kind: 'formula', formula: '1+1' },
      ],
    });
  });

  it('parses CSV: quotes, doubled quotes, line breaks in quotes, semicolons, formulas', () => {
    expect(parseCsv('a,"b, c","say ""hi"""\r\n\r\n"x\ny",=1+1,"=2"\n')).toEqual([
      { row: 1, cells: ['a', 'b, c', 'say "hi"'] },
      { row: 3, cells: ['x\ny', { kind: 'formula', formula: '=1+1' }, '=2'] },
    ]);
    expect(parseCsv('Mã;Tên\n1;a')).toEqual([
      { row: 1, cells: ['Mã', 'Tên'] },
      { row: 2, cells: ['1', 'a'] },
    ]);
  });

  it('strips the BOM of a CSV UTF-8 file', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Mã,Tên\n')]);
    const read = await readImportFiles([{ name: 'a.csv', bytes }]);
    expect(read.ok && read.value[0]!.rows[0]!.cells).toEqual(['Mã', 'Tên']);
  });

  it('stops counting rows at the limit', async () => {
    const bytes = Buffer.from('a\n'.repeat(11));
    const limits = { maxFiles: 2, maxFileBytes: 1000, maxInflatedBytes: 1000, maxRows: 10 };
    const read = await readImportFiles([{ name: 'a.csv', bytes }], limits);
    expect(!read.ok && read.code).toBe('import_too_many_rows');
  });
});

describe('the zip guard', () => {
  it('passes a real workbook and refuses one that inflates past the limit', async () => {
    const bytes = await importWorkbook({ orgs: [['1', 'a', '2', 'b']] });
    expect(checkZip(bytes, { maxInflatedBytes: 10_000_000, maxEntries: 100 }).ok).toBe(true);
    const tight = checkZip(bytes, { maxInflatedBytes: 1000, maxEntries: 100 });
    expect(!tight.ok && tight.code).toBe('import_zip_bomb');
    const few = checkZip(bytes, { maxInflatedBytes: 10_000_000, maxEntries: 2 });
    expect(!few.ok && few.code).toBe('import_zip_bomb');
  });

  it('refuses what is not a zip', () => {
    const r = checkZip(Buffer.from(deflateRawSync(Buffer.alloc(100))), {
      maxInflatedBytes: 1000,
      maxEntries: 10,
    });
    expect(!r.ok && r.code).toBe('import_not_a_workbook');
  });
});
