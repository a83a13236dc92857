import { describe, expect, it } from 'vitest';
import { parseImportSheets } from './import-rows';
import { headerKey, type RawCell, type RawSheet } from './import-sheet';

const sheet = (name: string, rows: RawCell[][]): RawSheet => ({
  name,
  rows: rows.map((cells, i) => ({ row: i + 1, cells })),
});

const MEMBER_HEADER = [
  'HỌ VÀ TÊN (*)',
  'ngày  sinh',
  'Giới tính',
  'Số CCCD',
  'Số thẻ Đảng viên',
  'Số lý lịch',
  'Ngày vào đảng',
  'Ngày chính thức',
  'Mã chi bộ',
];

describe('import rows', () => {
  it('matches headers whatever their case, diacritics, spacing and marks', () => {
    expect(headerKey('  Mã   cơ quan, đơn vị (*) ')).toBe('ma co quan don vi');
    const parsed = parseImportSheets([
      sheet('DV', [
        ['DANH SÁCH ĐẢNG VIÊN'],
        [],
        MEMBER_HEADER,
        [
          'Nguyễn Văn Đức',
          { kind: 'date', iso: '1985-03-02' },
          'nam',
          '001 085 000001',
          '93.0000001',
          null,
          '19/5/2010',
          '2011-05-19',
          2256102,
        ],
      ]),
    ]);
    expect(parsed.problems).toEqual([]);
    expect(parsed.members).toEqual([
      {
        sheet: 'DV',
        row: 4,
        fullName: 'Nguyễn Văn Đức',
        birthDate: '1985-03-02',
        sex: 'male',
        citizenId: '001085000001',
        cardNo: '93.0000001',
        profileNo: null,
        joinedOn: '2010-05-19',
        officialOn: '2011-05-19',
        cellCode: '2256102',
      },
    ]);
  });

  it('is strict on values: each problem with its sheet, row and column', () => {
    const parsed = parseImportSheets([
      sheet('DV', [
        MEMBER_HEADER,
        ['Trần Thị Hoa', '31/02/1990', 'F', 1190000002, null, null, null, null, '2256102'],
        [
          'Lê Văn An',
          '20/01/1975',
          'Nam',
          '001175000003',
          'X1',
          null,
          '2000-01-01',
          '1999-01-01',
          '2256102',
        ],
      ]),
    ]);
    expect(parsed.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [2, 'Ngày sinh', 'import_bad_date'],
      [2, 'Giới tính', 'import_bad_sex'],
      [2, 'CCCD', 'citizen_id_wrong_length'],
      [3, 'CCCD', 'citizen_id_sex_mismatch'],
      [3, 'Ngày chính thức', 'member_official_before_joined'],
    ]);
    // A CCCD typed as a number lost its leading zeros: said so.
    expect(parsed.problems[2]!.messageVi).toContain('mất các chữ số 0 ở đầu');
    expect(parsed.members).toEqual([]);
  });

  it('reads the org types by their labels and asks an affiliated cell for its subtype', () => {
    const parsed = parseImportSheets([
      sheet('TC', [
        ['Mã', 'Tên', 'Mã đơn vị cha', 'Loại', 'Loại chi bộ trực thuộc'],
        ['2256110', 'Đảng bộ cơ sở X', '2256101', 'đảng bộ cơ sở', null],
        ['2256111', 'Chi bộ Y', '2256110', 'Chi bộ trực thuộc', null],
        ['2256112', 'Chi bộ Z', '2256110', 'Chi đoàn', null],
      ]),
    ]);
    expect(parsed.orgs.map((o) => [o.code, o.type])).toEqual([
      ['2256110', 'grassroots_committee'],
      ['2256111', 'affiliated_cell'],
    ]);
    expect(parsed.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [4, 'Loại', 'import_unknown_org_type'],
    ]);
  });

  it('names a missing column and an unrecognised sheet', () => {
    const parsed = parseImportSheets([
      sheet('TC', [
        ['Mã', 'Tên', 'Loại'],
        ['1', 'a', 'b'],
      ]),
      sheet('Ghi chú', [['Lập ngày 01/12/2026']]),
    ]);
    expect(parsed.problems.map((p) => [p.sheet, p.column, p.code])).toEqual([
      ['TC', 'Mã đơn vị cha', 'import_missing_column'],
      ['Ghi chú', null, 'import_unknown_sheet'],
    ]);
  });
});
