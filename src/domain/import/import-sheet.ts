import { z } from 'zod';
import { foldForSearch } from '../text/fold';

/**
 * What the file reader hands the checker (docs/decisions/0040): cells as plain values, without
 * the spreadsheet library's types, so the checks stay pure. A date cell arrives as its ISO date;
 * a formula or an error cell as such, so it is refused rather than trusted.
 */
export type RawCell =
  | string
  | number
  | boolean
  | null
  | { kind: 'date'; iso: string }
  | { kind: 'formula'; formula: string }
  | { kind: 'error'; text: string };

/** One row as numbered in the file (1-based, as the spreadsheet shows it). */
export interface RawRow {
  row: number;
  cells: RawCell[];
}

/** A worksheet, or a CSV file (named after the file). */
export interface RawSheet {
  name: string;
  rows: RawRow[];
}

export const ImportSheetKind = z.enum(['orgs', 'members']);
export type ImportSheetKind = z.infer<typeof ImportSheetKind>;

export const sheetKindLabelVi = {
  orgs: 'Tổ chức đảng',
  members: 'Đảng viên',
} as const satisfies Record<ImportSheetKind, string>;

export interface ColumnSpec<F extends string> {
  field: F;
  labelVi: string;
  required: boolean;
  /** Header spellings, folded (see headerKey): the member database's and the admin guide's. */
  headers: readonly string[];
}

export const ORG_COLUMNS = [
  {
    field: 'code',
    labelVi: 'Mã',
    required: true,
    headers: ['ma', 'ma don vi', 'ma to chuc', 'ma to chuc dang', 'ma co quan don vi'],
  },
  {
    field: 'name',
    labelVi: 'Tên',
    required: true,
    headers: ['ten', 'ten don vi', 'ten to chuc', 'ten to chuc dang', 'ten co quan don vi'],
  },
  {
    field: 'parentCode',
    labelVi: 'Mã đơn vị cha',
    required: true,
    headers: [
      'ma don vi cha',
      'ma cap tren',
      'ma don vi cap tren',
      'ma to chuc cap tren',
      'ma co quan don vi cha',
    ],
  },
  {
    field: 'type',
    labelVi: 'Loại',
    required: true,
    headers: ['loai', 'loai don vi', 'loai to chuc', 'loai to chuc dang', 'loai co quan don vi'],
  },
  {
    field: 'cellSubtype',
    labelVi: 'Loại Chi bộ trực thuộc',
    required: false,
    headers: ['loai chi bo truc thuoc'],
  },
] as const satisfies readonly ColumnSpec<string>[];

export const MEMBER_COLUMNS = [
  { field: 'fullName', labelVi: 'Họ tên', required: true, headers: ['ho ten', 'ho va ten'] },
  { field: 'birthDate', labelVi: 'Ngày sinh', required: true, headers: ['ngay sinh'] },
  { field: 'sex', labelVi: 'Giới tính', required: true, headers: ['gioi tinh'] },
  {
    field: 'citizenId',
    labelVi: 'CCCD',
    required: true,
    headers: [
      'cccd',
      'so cccd',
      'so can cuoc',
      'so can cuoc cong dan',
      'so dinh danh',
      'so dinh danh ca nhan',
    ],
  },
  {
    field: 'cardNo',
    labelVi: 'Số thẻ đảng',
    required: true,
    headers: ['so the dang', 'so the dang vien', 'so the'],
  },
  { field: 'profileNo', labelVi: 'Số lý lịch', required: true, headers: ['so ly lich', 'so ll'] },
  { field: 'joinedOn', labelVi: 'Ngày vào Đảng', required: true, headers: ['ngay vao dang'] },
  { field: 'officialOn', labelVi: 'Ngày chính thức', required: true, headers: ['ngay chinh thuc'] },
  {
    field: 'cellCode',
    labelVi: 'Mã chi bộ',
    required: true,
    headers: ['ma chi bo', 'ma chi bo sinh hoat', 'ma don vi sinh hoat'],
  },
] as const satisfies readonly ColumnSpec<string>[];

export type OrgField = (typeof ORG_COLUMNS)[number]['field'];
export type MemberField = (typeof MEMBER_COLUMNS)[number]['field'];

/** A header as compared: folded, punctuation and "(*)" marks dropped, spaces collapsed. */
export const headerKey = (header: string): string =>
  foldForSearch(header)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Where each field's column is (0-based), for the fields the header row names. */
export type ColumnIndex<F extends string> = Partial<Record<F, number>>;

/** The header row's columns matched to the fields; the rows before it are titles. */
export interface HeaderMatch<F extends string> {
  headerRow: number;
  columns: ColumnIndex<F>;
  missing: ColumnSpec<F>[];
}

const cellText = (cell: RawCell | undefined): string =>
  typeof cell === 'string' ? cell : typeof cell === 'number' ? String(cell) : '';

function matchRow<F extends string>(
  specs: readonly ColumnSpec<F>[],
  cells: RawCell[],
): ColumnIndex<F> {
  const columns: ColumnIndex<F> = {};
  cells.forEach((cell, index) => {
    const key = headerKey(cellText(cell));
    const spec = specs.find((s) => s.headers.includes(key));
    if (spec && columns[spec.field] === undefined) columns[spec.field] = index;
  });
  return columns;
}

/** How many of the first rows may be a title block above the header row. */
const HEADER_SEARCH_ROWS = 10;

/**
 * Finds the header row among the first rows: the one naming the most of the kind's required
 * columns (the exports carry a title and a date above it). Null when none names any.
 */
export function matchHeaders<F extends string>(
  specs: readonly ColumnSpec<F>[],
  sheet: RawSheet,
): HeaderMatch<F> | null {
  let best: { row: number; columns: ColumnIndex<F>; found: number } | null = null;
  for (const row of sheet.rows.slice(0, HEADER_SEARCH_ROWS)) {
    const columns = matchRow(specs, row.cells);
    const found = specs.filter((s) => s.required && columns[s.field] !== undefined).length;
    if (found > 0 && (best === null || found > best.found)) best = { row: row.row, columns, found };
  }
  if (best === null) return null;
  const { columns } = best;
  return {
    headerRow: best.row,
    columns,
    missing: specs.filter((s) => s.required && columns[s.field] === undefined),
  };
}
