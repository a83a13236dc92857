import { z } from 'zod';
import { fail, ok, type Result } from '../common/result';
import { IsoDate } from '../common/schemas';
import { validateOrgCode } from '../org/org-code';
import type { CellSubtype, OrgType } from '../org/org-types';
import { cellSubtypeLabelVi, orgTypeLabelVi } from '../org/org-types';
import { Member, memberFieldLabelVi } from '../people/member';
import type { Sex } from '../people/sex';
import { foldForSearch } from '../text/fold';
import { validateCitizenId } from '../validation/citizen-id';
import {
  ImportSheetKind,
  MEMBER_COLUMNS,
  ORG_COLUMNS,
  matchHeaders,
  sheetKindLabelVi,
  type ColumnIndex,
  type ColumnSpec,
  type MemberField,
  type OrgField,
  type RawCell,
  type RawRow,
  type RawSheet,
} from './import-sheet';

/** One problem of the file, where the user finds it: sheet, row, column. */
export const ImportProblem = z.object({
  sheet: z.string(),
  kind: ImportSheetKind.nullable(),
  /** The row as numbered in the file; null for the file or a whole sheet. */
  row: z.number().int().nullable(),
  /** The column's label; null for a whole row. */
  column: z.string().nullable(),
  code: z.string(),
  message: z.string(),
  messageVi: z.string(),
});
export type ImportProblem = z.infer<typeof ImportProblem>;

export interface RowPlace {
  sheet: string;
  row: number;
}

export interface OrgRow extends RowPlace {
  code: string;
  name: string;
  /** Null for a root (a province committee). */
  parentCode: string | null;
  type: OrgType;
  cellSubtype: CellSubtype | null;
}

export interface MemberRow extends RowPlace {
  fullName: string;
  birthDate: string;
  sex: Sex;
  citizenId: string;
  cardNo: string | null;
  profileNo: string | null;
  joinedOn: string | null;
  officialOn: string | null;
  cellCode: string;
}

export interface ParsedFile {
  orgs: OrgRow[];
  members: MemberRow[];
  problems: ImportProblem[];
  /** Data rows read (headers and blank rows not counted). */
  rowCount: number;
}

type CellResult<T> = Result<T>;

const problemAt = (
  place: { sheet: string; kind: ImportSheetKind | null; row: number | null },
  column: string | null,
  failure: { code: string; message: string; messageVi: string },
): ImportProblem => ({ ...place, column, ...failureFields(failure) });

const failureFields = ({
  code,
  message,
  messageVi,
}: Pick<ImportProblem, 'code' | 'message' | 'messageVi'>) => ({
  code,
  message,
  messageVi,
});

const isBlank = (cell: RawCell | undefined) =>
  cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');

/** Formulas and errors are refused in every column: the file must carry values. */
function plainCell(cell: RawCell | undefined): CellResult<RawCell | undefined> {
  if (cell !== null && typeof cell === 'object' && cell.kind === 'formula')
    return fail(
      'import_formula',
      `the cell holds the formula ${JSON.stringify(cell.formula.slice(0, 80))}, not a value`,
      'Ô chứa công thức; hãy dán giá trị (Paste Values) thay cho công thức rồi nhập lại',
    );
  if (cell !== null && typeof cell === 'object' && cell.kind === 'error')
    return fail(
      'import_cell_error',
      `the cell holds the spreadsheet error ${cell.text}`,
      `Ô có lỗi của bảng tính (${cell.text})`,
    );
  return ok(cell);
}

/** Text of a text or whole-number cell, trimmed; null when blank. */
function textOf(cell: RawCell | undefined): CellResult<string | null> {
  if (isBlank(cell)) return ok(null);
  if (typeof cell === 'string') return ok(cell.trim());
  if (typeof cell === 'number' && Number.isSafeInteger(cell)) return ok(String(cell));
  return fail(
    'import_not_text',
    `expected text, found ${typeof cell === 'object' ? 'a date' : String(cell)}`,
    'Ô phải chứa văn bản',
  );
}

const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const two = (s: string) => s.padStart(2, '0');

/** A date cell, "dd/mm/yyyy" or "yyyy-mm-dd"; null when blank. The date must exist. */
export function dateOf(cell: RawCell | undefined): CellResult<string | null> {
  if (isBlank(cell)) return ok(null);
  let iso: string | null = null;
  if (cell !== null && typeof cell === 'object' && cell.kind === 'date') iso = cell.iso;
  else if (typeof cell === 'string') {
    const text = cell.trim();
    const dmy = DMY.exec(text);
    iso = dmy ? `${dmy[3]}-${two(dmy[2]!)}-${two(dmy[1]!)}` : text;
  }
  if (iso !== null && IsoDate.safeParse(iso).success) return ok(iso);
  return fail(
    'import_bad_date',
    `expected a date dd/mm/yyyy, found ${JSON.stringify(typeof cell === 'object' ? cell : cell)}`,
    'Ngày không hợp lệ; ghi theo dạng ngày/tháng/năm (ví dụ 02/09/1985)',
  );
}

const SEX_BY_KEY: Record<string, Sex> = { nam: 'male', nu: 'female' };

function sexOf(cell: RawCell | undefined): CellResult<Sex> {
  const text = textOf(cell);
  const sex = text.ok && text.value !== null ? SEX_BY_KEY[foldForSearch(text.value)] : undefined;
  return sex
    ? ok(sex)
    : fail(
        'import_bad_sex',
        `expected Nam or Nữ, found ${String(cell)}`,
        'Giới tính phải là Nam hoặc Nữ',
      );
}

/** A CCCD stored as a number lost its leading zeros; a 12-digit number did not. */
function citizenIdOf(cell: RawCell | undefined): CellResult<string> {
  const text = textOf(cell);
  if (!text.ok) return text;
  const id = validateCitizenId(text.value ?? '');
  if (!id.ok && typeof cell === 'number')
    return fail(
      id.code,
      `${id.message}; the cell is a number, which drops leading zeros`,
      `${id.messageVi}. Ô đang ở dạng số nên mất các chữ số 0 ở đầu; hãy định dạng cột CCCD là văn bản`,
    );
  return id.ok ? ok(id.value.id) : id;
}

function codeOf(cell: RawCell | undefined): CellResult<string> {
  const text = textOf(cell);
  return text.ok ? validateOrgCode(text.value ?? '') : text;
}

const byLabel = <T extends string>(labels: Record<T, string>) =>
  new Map(
    (Object.entries(labels) as [T, string][]).flatMap(([value, label]) => [
      [foldForSearch(label), value],
      [value, value],
    ]),
  );
const ORG_TYPE_BY_KEY = byLabel(orgTypeLabelVi);
const CELL_SUBTYPE_BY_KEY = byLabel(cellSubtypeLabelVi);

function orgTypeOf(cell: RawCell | undefined): CellResult<OrgType> {
  const text = textOf(cell);
  const type = text.ok && text.value ? ORG_TYPE_BY_KEY.get(foldForSearch(text.value)) : undefined;
  return type
    ? ok(type)
    : fail(
        'import_unknown_org_type',
        `unknown org type ${JSON.stringify(cell)}`,
        `Loại tổ chức đảng không hợp lệ; dùng một trong: ${Object.values(orgTypeLabelVi).join('; ')}`,
      );
}

function cellSubtypeOf(cell: RawCell | undefined): CellResult<CellSubtype | null> {
  const text = textOf(cell);
  if (!text.ok) return text;
  if (text.value === null) return ok(null);
  const subtype = CELL_SUBTYPE_BY_KEY.get(foldForSearch(text.value));
  return subtype
    ? ok(subtype)
    : fail(
        'import_unknown_cell_subtype',
        `unknown cell subtype ${JSON.stringify(text.value)}`,
        'Loại Chi bộ trực thuộc không hợp lệ',
      );
}

function requiredText(cell: RawCell | undefined, max: number): CellResult<string> {
  const text = textOf(cell);
  if (!text.ok) return text;
  if (text.value === null) return fail('import_required', 'the cell is empty', 'Chưa nhập');
  if (text.value.length > max)
    return fail(
      'import_too_long',
      `at most ${max} characters, found ${text.value.length}`,
      `Dài tối đa ${max} ký tự`,
    );
  return ok(text.value);
}

function optionalText(cell: RawCell | undefined, max: number): CellResult<string | null> {
  const text = textOf(cell);
  if (!text.ok || text.value === null) return text;
  return requiredText(cell, max);
}

type Readers<F extends string> = { [K in F]: (cell: RawCell | undefined) => CellResult<unknown> };

const ORG_READERS = {
  code: codeOf,
  name: (cell) => requiredText(cell, 300),
  parentCode: (cell) => (isBlank(cell) ? ok(null) : codeOf(cell)),
  type: orgTypeOf,
  cellSubtype: cellSubtypeOf,
} satisfies Readers<OrgField>;

const MEMBER_READERS = {
  fullName: (cell) => requiredText(cell, 200),
  birthDate: (cell) => {
    const date = dateOf(cell);
    return date.ok && date.value === null ? fail('import_required', 'empty', 'Chưa nhập') : date;
  },
  sex: sexOf,
  citizenId: citizenIdOf,
  cardNo: (cell) => optionalText(cell, 30),
  profileNo: (cell) => optionalText(cell, 30),
  joinedOn: dateOf,
  officialOn: dateOf,
  cellCode: codeOf,
} satisfies Readers<MemberField>;

/** Reads one row's cells with the kind's readers; problems per column. */
function readRow<F extends string>(
  specs: readonly ColumnSpec<F>[],
  readers: Readers<F>,
  columns: ColumnIndex<F>,
  row: RawRow,
  place: { sheet: string; kind: ImportSheetKind; row: number },
  problems: ImportProblem[],
): Record<F, unknown> | null {
  const values = {} as Record<F, unknown>;
  let valid = true;
  for (const spec of specs) {
    const index = columns[spec.field];
    const raw = index === undefined ? undefined : row.cells[index];
    const plain = plainCell(raw);
    const read = plain.ok ? readers[spec.field](plain.value) : plain;
    if (read.ok) values[spec.field] = read.value;
    else {
      valid = false;
      problems.push(problemAt(place, spec.labelVi, read));
    }
  }
  return valid ? values : null;
}

/** The column each Member field's problem is shown in. */
const MEMBER_FIELD_COLUMN: Partial<Record<string, string>> = Object.fromEntries(
  MEMBER_COLUMNS.map((c) => [c.field, c.labelVi]),
);

/** The rules across a member's fields (CCCD against birth year and sex, dates, card or profile). */
function memberRuleProblems(row: MemberRow, kind: 'members'): ImportProblem[] {
  const parsed = Member.safeParse({
    id: '00000000-0000-4000-8000-000000000000',
    fullName: row.fullName,
    birthDate: row.birthDate,
    sex: row.sex,
    citizenId: row.citizenId,
    cardNo: row.cardNo,
    profileNo: row.profileNo,
    homeOrgId: '00000000-0000-4000-8000-000000000000',
    residenceOrgId: null,
    phone: null,
    email: null,
    joinedOn: row.joinedOn,
    officialOn: row.officialOn,
    positions: [],
    status: 'active',
  });
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => {
    const field = String(issue.path[0] ?? '');
    const params = (issue as { params?: { code?: string; messageVi?: string } }).params;
    const label = memberFieldLabelVi[field as keyof typeof memberFieldLabelVi];
    return problemAt({ sheet: row.sheet, kind, row: row.row }, MEMBER_FIELD_COLUMN[field] ?? null, {
      code: params?.code ?? 'import_invalid_member',
      message: `${field}: ${issue.message}`,
      messageVi: params?.messageVi ?? `${label ?? 'Dữ liệu'} không hợp lệ`,
    });
  });
}

const isBlankRow = (row: RawRow) => row.cells.every(isBlank);

/** Which kind a sheet holds: the one whose required headers it names more of. */
function classify(sheet: RawSheet) {
  const orgs = matchHeaders(ORG_COLUMNS, sheet);
  const members = matchHeaders(MEMBER_COLUMNS, sheet);
  const score = (m: { missing: unknown[] } | null, total: number) =>
    m === null ? 0 : total - m.missing.length;
  const orgScore = score(orgs, ORG_COLUMNS.filter((c) => c.required).length);
  const memberScore = score(members, MEMBER_COLUMNS.filter((c) => c.required).length);
  if (orgScore === 0 && memberScore === 0) return null;
  return memberScore >= orgScore
    ? ({ kind: 'members', match: members! } as const)
    : ({ kind: 'orgs', match: orgs! } as const);
}

/**
 * Reads the sheets of the file(s): each sheet is the orgs or the members by its headers (lenient
 * on case, diacritics and spacing); every value is checked strictly, each problem with its
 * sheet, row and column.
 */
export function parseImportSheets(sheets: readonly RawSheet[]): ParsedFile {
  const parsed: ParsedFile = { orgs: [], members: [], problems: [], rowCount: 0 };
  for (const sheet of sheets) {
    const found = classify(sheet);
    if (found === null) {
      if (sheet.rows.some((r) => !isBlankRow(r)))
        parsed.problems.push(
          problemAt({ sheet: sheet.name, kind: null, row: null }, null, {
            code: 'import_unknown_sheet',
            message: 'no header row of orgs or members in the first rows',
            messageVi:
              'Không nhận ra tiêu đề cột của danh sách tổ chức đảng hoặc đảng viên trong các dòng đầu',
          }),
        );
      continue;
    }
    const { kind, match } = found;
    for (const missing of match.missing)
      parsed.problems.push(
        problemAt({ sheet: sheet.name, kind, row: match.headerRow }, missing.labelVi, {
          code: 'import_missing_column',
          message: `the ${kind} sheet has no column ${missing.labelVi}`,
          messageVi: `Danh sách ${sheetKindLabelVi[kind].toLowerCase()} thiếu cột "${missing.labelVi}"`,
        }),
      );
    if (match.missing.length > 0) continue;
    for (const row of sheet.rows) {
      if (row.row <= match.headerRow || isBlankRow(row)) continue;
      parsed.rowCount += 1;
      const place = { sheet: sheet.name, kind, row: row.row };
      if (kind === 'orgs') {
        const values = readRow(
          ORG_COLUMNS,
          ORG_READERS,
          match.columns,
          row,
          place,
          parsed.problems,
        );
        if (values)
          parsed.orgs.push({
            ...(values as Omit<OrgRow, keyof RowPlace>),
            sheet: sheet.name,
            row: row.row,
          });
      } else {
        const values = readRow(
          MEMBER_COLUMNS,
          MEMBER_READERS,
          match.columns,
          row,
          place,
          parsed.problems,
        );
        if (!values) continue;
        const member = {
          ...(values as Omit<MemberRow, keyof RowPlace>),
          sheet: sheet.name,
          row: row.row,
        };
        const rules = memberRuleProblems(member, kind);
        parsed.problems.push(...rules);
        if (rules.length === 0) parsed.members.push(member);
      }
    }
  }
  if (
    sheets.length > 0 &&
    parsed.orgs.length + parsed.members.length + parsed.problems.length === 0
  )
    parsed.problems.push(
      problemAt({ sheet: sheets[0]!.name, kind: null, row: null }, null, {
        code: 'import_empty',
        message: 'the file has no org or member rows',
        messageVi: 'Tệp không có dòng dữ liệu tổ chức đảng hoặc đảng viên nào',
      }),
    );
  return parsed;
}
