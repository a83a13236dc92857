import { fail, ok, type Result } from '../common/result';
import { DEFAULT_AMOUNT_CEILING, parseAmount } from './money';

/**
 * Importing a bank statement (CSV export of the org's account) and matching its credit lines to
 * the payments we expect. A statement with any bad line is refused as a whole, with one message
 * per bad line: never half imported.
 */

export interface StatementLine {
  /** 1-based line number in the file (the header is line 1). */
  lineNo: number;
  date: string;
  amount: number;
  description: string;
  bankReference: string;
}

export interface LineProblem {
  lineNo: number;
  message: string;
  messageVi: string;
}

/** Header names we accept for each column (lower-cased, trimmed). */
const COLUMN_NAMES: Record<keyof Omit<StatementLine, 'lineNo'>, readonly string[]> = {
  date: ['date', 'ngày', 'ngày giao dịch'],
  amount: ['amount', 'số tiền', 'số tiền ghi có'],
  description: ['description', 'nội dung', 'diễn giải'],
  bankReference: ['bank_reference', 'reference', 'số tham chiếu', 'mã giao dịch'],
};
type Column = keyof typeof COLUMN_NAMES;
/** Each column as the import screen's help names it (messages use these words). */
export const STATEMENT_COLUMN_LABELS_VI = {
  date: 'Ngày',
  amount: 'Số tiền',
  description: 'Nội dung',
  bankReference: 'Số tham chiếu',
} as const satisfies Record<Column, string>;
const EXPECTED_COLUMNS_VI = Object.values(STATEMENT_COLUMN_LABELS_VI).join(', ');

/**
 * Splits one CSV record (RFC 4180 quotes; no newlines inside fields). Null if quotes are broken.
 */
export function splitCsvLine(line: string): string[] | null {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < line.length) {
    const ch = line[i] as string;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
    i++;
  }
  if (quoted) return null;
  out.push(field);
  return out;
}

function parseDate(text: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const vn = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : vn ? [vn[3], vn[2], vn[1]] : [];
  if (!y || !m || !d) return null;
  const date = new Date(`${y}-${m}-${d}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === `${y}-${m}-${d}`
    ? `${y}-${m}-${d}`
    : null;
}

/** "85000", "85.000" or "85,000" (thousands groups of exactly three digits). */
function parseStatementAmount(text: string, ceiling: number) {
  const plain = /^\d{1,3}([.,]\d{3})+$/.test(text) ? text.replace(/[.,]/g, '') : text;
  return parseAmount(plain, ceiling);
}

const problem = (lineNo: number, message: string, messageVi: string): LineProblem => ({
  lineNo,
  message,
  messageVi,
});

/** Parses a whole CSV statement: every line, or the list of problems. */
export function parseStatementCsv(
  text: string,
  options: { ceiling?: number } = {},
): Result<StatementLine[], 'statement_invalid'> & { problems?: LineProblem[] } {
  const rows = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (rows.length > 0 && rows[rows.length - 1]?.trim() === '') rows.pop();
  return parseStatementRecords(
    splitCsvLine(rows[0] ?? '') ?? [],
    rows.slice(1).map((raw, i) => ({ lineNo: i + 2, raw, cells: splitCsvLine(raw) })),
    options,
  );
}

/**
 * Parses a statement given as rows of cells (an Excel sheet's first row is the header): the same
 * checks as for CSV, a row's text for the duplicate check being its cells joined by tabs.
 */
export function parseStatementRows(
  rows: readonly (readonly string[])[],
  options: { ceiling?: number } = {},
): Result<StatementLine[], 'statement_invalid'> & { problems?: LineProblem[] } {
  const body = [...rows.slice(1)];
  while (body.length > 0 && body[body.length - 1]?.every((c) => c.trim() === '')) body.pop();
  return parseStatementRecords(
    [...(rows[0] ?? [])],
    body.map((cells, i) => ({
      lineNo: i + 2,
      raw: cells.every((c) => c.trim() === '') ? '' : cells.join('\t'),
      cells: [...cells],
    })),
    options,
  );
}

function parseStatementRecords(
  header: readonly string[],
  records: readonly { lineNo: number; raw: string; cells: string[] | null }[],
  options: { ceiling?: number },
): Result<StatementLine[], 'statement_invalid'> & { problems?: LineProblem[] } {
  const ceiling = options.ceiling ?? DEFAULT_AMOUNT_CEILING;
  const problems: LineProblem[] = [];
  const columns: (Column | null)[] = header.map((name) => {
    const key = name.trim().toLowerCase();
    const col = (Object.keys(COLUMN_NAMES) as Column[]).find((c) => COLUMN_NAMES[c].includes(key));
    if (!col)
      problems.push(
        problem(1, `unknown column "${name}"`, `Cột "${name}" không thuộc mẫu sao kê được hỗ trợ`),
      );
    return col ?? null;
  });
  for (const col of Object.keys(COLUMN_NAMES) as Column[]) {
    if (!columns.includes(col))
      problems.push(
        problem(
          1,
          `missing column ${col}`,
          `Thiếu cột "${STATEMENT_COLUMN_LABELS_VI[col]}": dòng đầu của tệp sao kê phải có các cột ${EXPECTED_COLUMNS_VI}`,
        ),
      );
    else if (columns.indexOf(col) !== columns.lastIndexOf(col))
      problems.push(
        problem(
          1,
          `column ${col} appears twice`,
          `Cột "${STATEMENT_COLUMN_LABELS_VI[col]}" bị lặp: giữ lại một cột rồi tải tệp lên lần nữa`,
        ),
      );
  }
  if (problems.length > 0) return { ...invalid(), problems };

  const lines: StatementLine[] = [];
  const seenRaw = new Map<string, number>();
  const seenRef = new Map<string, number>();
  for (const { lineNo, raw, cells } of records) {
    if (raw.trim() === '') {
      problems.push(problem(lineNo, 'empty line', 'Dòng trống'));
      continue;
    }
    // U+FFFD is what a decoder leaves for bytes that are not valid UTF-8.
    if (raw.includes('\uFFFD')) {
      problems.push(
        problem(
          lineNo,
          'broken character encoding (not UTF-8)',
          'Dòng có ký tự lỗi mã hóa (không phải UTF-8)',
        ),
      );
      continue;
    }
    const firstSeen = seenRaw.get(raw);
    if (firstSeen !== undefined) {
      problems.push(
        problem(lineNo, `duplicate of line ${firstSeen}`, `Dòng trùng với dòng ${firstSeen}`),
      );
      continue;
    }
    seenRaw.set(raw, lineNo);
    if (!cells || cells.length !== columns.length) {
      problems.push(
        problem(lineNo, `expected ${columns.length} fields`, `Dòng phải có ${columns.length} cột`),
      );
      continue;
    }
    const value = (col: Column) => (cells[columns.indexOf(col)] ?? '').trim();
    const date = parseDate(value('date'));
    const amount = parseStatementAmount(value('amount'), ceiling);
    const bankReference = value('bankReference');
    const lineProblems: LineProblem[] = [];
    if (!date)
      lineProblems.push(
        problem(lineNo, `bad date "${value('date')}"`, 'Ngày giao dịch không hợp lệ'),
      );
    if (!amount.ok) lineProblems.push(problem(lineNo, amount.message, amount.messageVi));
    if (bankReference === '')
      lineProblems.push(
        problem(lineNo, 'missing bank reference', 'Thiếu số tham chiếu của ngân hàng'),
      );
    const refSeen = seenRef.get(bankReference);
    if (bankReference !== '' && refSeen !== undefined)
      lineProblems.push(
        problem(
          lineNo,
          `bank reference repeats line ${refSeen}`,
          `Số tham chiếu trùng với dòng ${refSeen}`,
        ),
      );
    seenRef.set(bankReference, lineNo);
    if (lineProblems.length > 0 || !date || !amount.ok) {
      problems.push(...lineProblems);
      continue;
    }
    lines.push({
      lineNo,
      date,
      amount: amount.value,
      description: value('description'),
      bankReference,
    });
  }
  return problems.length > 0 ? { ...invalid(), problems } : ok(lines);
}

const invalid = () =>
  fail(
    'statement_invalid',
    'the statement has problems; nothing was imported',
    'Sao kê có lỗi, chưa nhập dòng nào',
  );

/** Decodes statement bytes as UTF-8, leaving U+FFFD where bytes are broken (reported per line). */
export function decodeStatement(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

export interface ExpectedPayment {
  id: string;
  reference: string;
  amount: number;
}

export interface StatementMatch {
  matched: { line: StatementLine; payment: ExpectedPayment }[];
  /** Lines for a person to match, with why the machine did not. */
  unmatched: {
    line: StatementLine;
    reason: 'no_reference' | 'amount_differs' | 'already_matched';
  }[];
  /** Expected payments no line paid. */
  unpaid: ExpectedPayment[];
}

/** Letters and digits only, upper case: banks strip or change the rest of a description. */
const squash = (text: string) => text.toUpperCase().replace(/[^0-9A-Z]/g, '');

/** Matches lines to expected payments by reference (in the description) and exact amount. */
export function matchStatement(
  lines: readonly StatementLine[],
  expected: readonly ExpectedPayment[],
): StatementMatch {
  // Longest references first, so "DP12" never claims a line meant for "DP123".
  const candidates = [...expected].sort((a, b) => b.reference.length - a.reference.length);
  const taken = new Set<string>();
  const result: StatementMatch = { matched: [], unmatched: [], unpaid: [] };
  for (const line of lines) {
    const text = squash(line.description);
    const found = candidates.find(
      (p) => squash(p.reference) !== '' && text.includes(squash(p.reference)),
    );
    if (!found) result.unmatched.push({ line, reason: 'no_reference' });
    else if (found.amount !== line.amount)
      result.unmatched.push({ line, reason: 'amount_differs' });
    else if (taken.has(found.id)) result.unmatched.push({ line, reason: 'already_matched' });
    else {
      taken.add(found.id);
      result.matched.push({ line, payment: found });
    }
  }
  result.unpaid = expected.filter((p) => !taken.has(p.id));
  return result;
}
