import {
  decodeStatement,
  parseStatementCsv,
  parseStatementRows,
  type StatementLine,
} from '../../domain/fees/statement-match';
import type { Result } from '../../domain/common/result';
import type { LineProblem } from '../../domain/fees/statement-match';
import { isXlsx, statementRowsFromXlsx } from './statement-xlsx';
import { checkZipBounds, type ZipLimits } from './zip-bounds';

/**
 * Limits of an imported bank statement. A month of a ward's collecting account is a few hundred
 * lines; the limits leave two orders of magnitude of room and refuse what would cost the server
 * memory or minutes: a large file, a zip bomb dressed as .xlsx, a sheet of a million empty rows.
 */
export interface StatementLimits {
  /** Bytes of the uploaded file, CSV or XLSX. */
  maxFileBytes: number;
  /** Lines (CSV) or rows (XLSX), header included. */
  maxLines: number;
  /** Columns of an XLSX sheet. */
  maxColumns: number;
  zip: ZipLimits;
}

const MB = 1024 * 1024;

export const STATEMENT_LIMITS: StatementLimits = {
  maxFileBytes: 5 * MB,
  maxLines: 20_000,
  maxColumns: 50,
  zip: { maxEntries: 200, maxEntryBytes: 40 * MB, maxTotalBytes: 60 * MB },
};

export type ParsedStatement = Result<
  StatementLine[],
  'statement_invalid' | 'statement_too_large'
> & {
  problems?: LineProblem[];
};

const refused = (
  code: 'statement_invalid' | 'statement_too_large',
  message: string,
  messageVi: string,
): ParsedStatement => ({ ok: false, code, message, messageVi });

const megabytes = (bytes: number) => `${Math.round(bytes / MB)} MB`;

function countLines(bytes: Buffer, max: number): number {
  let lines = 1;
  for (let at = bytes.indexOf(10); at !== -1 && lines <= max; at = bytes.indexOf(10, at + 1))
    lines++;
  return lines;
}

/**
 * A statement file (CSV or XLSX) as lines, within `limits`. An XLSX is checked as a ZIP before
 * the spreadsheet library sees it: declared sizes first, then every entry inflated with its
 * declared size as a hard cap.
 */
export async function readStatementFile(
  bytes: Buffer,
  options: { ceiling: number; limits?: StatementLimits },
): Promise<ParsedStatement> {
  const limits = options.limits ?? STATEMENT_LIMITS;
  if (bytes.length > limits.maxFileBytes)
    return refused(
      'statement_too_large',
      `the file has ${bytes.length} bytes, more than ${limits.maxFileBytes}`,
      `Tệp sao kê quá lớn (tối đa ${megabytes(limits.maxFileBytes)}). Hãy xuất sao kê từng tháng.`,
    );
  if (!isXlsx(bytes)) {
    if (countLines(bytes, limits.maxLines) > limits.maxLines)
      return refused(
        'statement_too_large',
        `the CSV has more than ${limits.maxLines} lines`,
        `Tệp sao kê có quá nhiều dòng (tối đa ${limits.maxLines}). Hãy xuất sao kê từng tháng.`,
      );
    return parseStatementCsv(decodeStatement(bytes), { ceiling: options.ceiling });
  }
  const zip = await checkZipBounds(bytes, limits.zip);
  if (!zip.ok)
    return zip.code === 'zip_too_large'
      ? refused(
          'statement_too_large',
          `the workbook is refused before inflating: ${zip.message}`,
          `Tệp Excel giải nén ra quá lớn (tối đa ${megabytes(limits.zip.maxTotalBytes)}) nên không được nhập.`,
        )
      : refused(
          'statement_invalid',
          `not a readable Excel workbook: ${zip.message}`,
          'Tệp Excel bị hỏng hoặc không đọc được.',
        );
  const rows = await statementRowsFromXlsx(bytes, {
    maxRows: limits.maxLines,
    maxColumns: limits.maxColumns,
  });
  if (rows === 'too_large')
    return refused(
      'statement_too_large',
      `the sheet has more than ${limits.maxLines} rows or ${limits.maxColumns} columns`,
      `Bảng tính có quá nhiều dòng hoặc cột (tối đa ${limits.maxLines} dòng, ${limits.maxColumns} cột).`,
    );
  if (!rows)
    return refused(
      'statement_invalid',
      'not a readable Excel workbook',
      'Tệp Excel bị hỏng hoặc không đọc được.',
    );
  return parseStatementRows(rows, { ceiling: options.ceiling });
}
