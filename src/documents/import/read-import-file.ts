import ExcelJS from 'exceljs';
import { fail, ok, type Result } from '../../domain/common/result';
import type { RawCell, RawRow, RawSheet } from '../../domain/import/import-sheet';
import { checkZip, type ZipGuardCode } from './zip-guard';

/**
 * Reads the files an import is made of (docs/decisions/0040): one .xlsx with the orgs and the
 * members sheets, or CSV files (UTF-8, with or without BOM), into plain rows for the checker.
 * Every limit is checked before the content is trusted: the file's size, the zip's inflated
 * size, the number of rows.
 */
export interface ImportFile {
  name: string;
  bytes: Uint8Array;
}

export interface ImportLimits {
  maxFiles: number;
  /** Per file, as sent. */
  maxFileBytes: number;
  /** An xlsx's inflated content. */
  maxInflatedBytes: number;
  /** Data rows of all sheets together. */
  maxRows: number;
}

export const IMPORT_LIMITS_DEFAULT: ImportLimits = {
  maxFiles: 2,
  maxFileBytes: 10 * 1024 * 1024,
  maxInflatedBytes: 100 * 1024 * 1024,
  maxRows: 50_000,
};

export type ReadImportCode =
  | ZipGuardCode
  | 'import_no_file'
  | 'import_too_many_files'
  | 'import_file_too_large'
  | 'import_too_many_rows'
  | 'import_old_excel'
  | 'import_not_utf8';

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

const tooManyRows = (limits: ImportLimits) =>
  fail(
    'import_too_many_rows' as const,
    `the files hold more than ${limits.maxRows} rows`,
    `Tệp có quá ${limits.maxRows.toLocaleString('vi-VN')} dòng; hãy chia thành nhiều tệp nhỏ hơn (ví dụ theo từng đảng bộ).`,
  );

class TooManyRows extends Error {}

export async function readImportFiles(
  files: readonly ImportFile[],
  limits: ImportLimits = IMPORT_LIMITS_DEFAULT,
): Promise<Result<RawSheet[], ReadImportCode>> {
  if (files.length === 0) return fail('import_no_file', 'no file sent', 'Chưa chọn tệp để nhập.');
  if (files.length > limits.maxFiles)
    return fail(
      'import_too_many_files',
      `${files.length} files, at most ${limits.maxFiles}`,
      `Chỉ nhập được tối đa ${limits.maxFiles} tệp một lần (danh sách tổ chức đảng và danh sách đảng viên).`,
    );
  const large = files.find((f) => f.bytes.length > limits.maxFileBytes);
  if (large)
    return fail(
      'import_file_too_large',
      `${large.name} has ${large.bytes.length} bytes, at most ${limits.maxFileBytes}`,
      `Tệp "${large.name}" vượt quá dung lượng cho phép (${megabytes(limits.maxFileBytes)}).`,
    );
  const sheets: RawSheet[] = [];
  let rows = 0;
  const count = (n: number) => {
    rows += n;
    if (rows > limits.maxRows) throw new TooManyRows();
  };
  try {
    for (const file of files) {
      const read = await readOne(file, limits, count);
      if (!read.ok) return read;
      sheets.push(...read.value);
    }
  } catch (err) {
    if (err instanceof TooManyRows) return tooManyRows(limits);
    throw err;
  }
  return ok(sheets);
}

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const UTF8_BOM = [0xef, 0xbb, 0xbf];

async function readOne(
  file: ImportFile,
  limits: ImportLimits,
  count: (rows: number) => void,
): Promise<Result<RawSheet[], ReadImportCode>> {
  if (startsWith(file.bytes, ZIP)) return readXlsx(file, limits, count);
  if (startsWith(file.bytes, OLE))
    return fail(
      'import_old_excel',
      `${file.name} is an old binary .xls workbook`,
      `Tệp "${file.name}" là định dạng Excel cũ (.xls); hãy mở bằng Excel và lưu lại dạng .xlsx.`,
    );
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(
      startsWith(file.bytes, UTF8_BOM) ? file.bytes.subarray(3) : file.bytes,
    );
  } catch {
    return fail(
      'import_not_utf8',
      `${file.name} is neither an xlsx nor UTF-8 text`,
      `Tệp "${file.name}" không phải tệp Excel (.xlsx) hay CSV mã hóa UTF-8. Khi lưu CSV, hãy chọn "CSV UTF-8".`,
    );
  }
  return ok([{ name: file.name, rows: parseCsv(text, count) }]);
}

async function readXlsx(
  file: ImportFile,
  limits: ImportLimits,
  count: (rows: number) => void,
): Promise<Result<RawSheet[], ReadImportCode>> {
  const zip = Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength);
  const guard = checkZip(zip, { maxInflatedBytes: limits.maxInflatedBytes, maxEntries: 1000 });
  if (!guard.ok) return guard;
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(zip as unknown as ArrayBuffer);
  } catch (err) {
    return fail(
      'import_not_a_workbook',
      `${file.name} does not load as xlsx: ${(err as Error).message}`,
      `Tệp "${file.name}" không phải tệp Excel (.xlsx) hợp lệ hoặc đã bị hỏng.`,
    );
  }
  const sheets: RawSheet[] = [];
  for (const worksheet of workbook.worksheets) {
    const rows: RawRow[] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      count(1);
      const values = row.values as unknown[];
      // exceljs numbers columns from 1: index 0 is always empty.
      rows.push({ row: rowNumber, cells: Array.from(values.slice(1), rawCellOf) });
    });
    sheets.push({ name: worksheet.name, rows });
  }
  return ok(sheets);
}

/** An exceljs cell value as a plain cell; formulas are kept as formulas, never their result. */
export function rawCellOf(value: unknown): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  if (value instanceof Date)
    return Number.isNaN(value.getTime())
      ? { kind: 'error', text: '#DATE' }
      : { kind: 'date', iso: value.toISOString().slice(0, 10) };
  const v = value as Record<string, unknown>;
  if ('formula' in v || 'sharedFormula' in v)
    return { kind: 'formula', formula: String(v.formula ?? v.sharedFormula) };
  if ('error' in v) return { kind: 'error', text: String(v.error) };
  if (Array.isArray(v.richText))
    return (v.richText as { text: string }[]).map((part) => part.text).join('');
  if ('text' in v) return rawCellOf(v.text);
  return { kind: 'error', text: 'unsupported cell' };
}

/**
 * RFC 4180 with the separator Excel writes for the machine's locale (comma or semicolon, read
 * from the first line). A cell that starts with "=" is a formula, refused like an xlsx formula.
 */
export function parseCsv(text: string, count: (rows: number) => void = () => {}): RawRow[] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const separator =
    (firstLine.match(/;/g) ?? []).length > (firstLine.match(/,/g) ?? []).length ? ';' : ',';
  const rows: RawRow[] = [];
  let cells: RawCell[] = [];
  let cell = '';
  let quoted = false;
  let wasQuoted = false;
  // Excel shows one row per record, a line break inside quotes included.
  let record = 0;
  const endCell = () => {
    cells.push(!wasQuoted && cell.startsWith('=') ? { kind: 'formula', formula: cell } : cell);
    cell = '';
    wasQuoted = false;
  };
  const endRow = () => {
    endCell();
    record++;
    if (cells.some((c) => c !== '')) {
      count(1);
      rows.push({ row: record, cells });
    }
    cells = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') {
      quoted = true;
      wasQuoted = true;
    } else if (ch === separator) endCell();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else cell += ch;
  }
  if (cell !== '' || cells.length > 0) endRow();
  return rows;
}
