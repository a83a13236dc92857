import { z } from 'zod';
import { validateOrgPlacement, isCell, type CellSubtype, type OrgType } from '../org/org-types';
import type { Sex } from '../people/sex';
import { ImportSheetKind } from './import-sheet';
import { ImportProblem, type MemberRow, type OrgRow, type ParsedFile } from './import-rows';

/** An org as the database has it, with what the plan compares and the scope check needs. */
export interface ExistingOrg {
  id: string;
  code: string;
  name: string;
  type: OrgType;
  cellSubtype: CellSubtype | null;
  parentId: string | null;
  path: string;
  /** The types of its live children, for a type change. */
  childTypes: OrgType[];
}

/** A member as the database has it: the fields an import writes, and his home org's path. */
export interface ExistingMember {
  id: string;
  fullName: string;
  birthDate: string;
  sex: Sex;
  citizenId: string;
  cardNo: string | null;
  profileNo: string | null;
  joinedOn: string | null;
  officialOn: string | null;
  homeOrgId: string;
  homeOrgPath: string;
}

/** What the database holds of the codes, CCCDs and card numbers the file names. */
export interface ImportWorld {
  /**
   * The org the import is under (the admin's): everything written lies in its subtree. Null for
   * the whole database (the server operator's command line), where roots may be written too.
   */
  root: ExistingOrg | null;
  orgsByCode: ReadonlyMap<string, ExistingOrg>;
  /** Code of every parent of the orgs loaded, by parent id. */
  codeById: ReadonlyMap<string, string>;
  membersByCitizenId: ReadonlyMap<string, ExistingMember>;
  /** The CCCD of the member holding each card number the file names. */
  citizenIdByCardNo: ReadonlyMap<string, string>;
}

export const ImportAction = z.enum(['add', 'update', 'unchanged']);
export type ImportAction = z.infer<typeof ImportAction>;

export const ImportRowPlan = z.object({
  sheet: z.string(),
  kind: ImportSheetKind,
  row: z.number().int(),
  /** The org code or the CCCD. */
  key: z.string(),
  name: z.string(),
  action: ImportAction,
  /** The Vietnamese labels of the fields an update changes. */
  changes: z.array(z.string()),
});
export type ImportRowPlan = z.infer<typeof ImportRowPlan>;

const Counts = z.object({
  add: z.number().int().nonnegative(),
  update: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
});

/** What an import would do: counts, every row's action, every problem. Nothing is written. */
export const ImportPlanSummary = z.object({
  orgs: Counts,
  members: Counts,
  rows: z.array(ImportRowPlan),
  problems: z.array(ImportProblem),
});
export type ImportPlanSummary = z.infer<typeof ImportPlanSummary>;

export interface OrgWrite {
  row: OrgRow;
  existing: ExistingOrg | null;
  /** The parent's code; the writer resolves it to an id (new parents are written first). */
  parentCode: string | null;
  moves: boolean;
}

export interface MemberWrite {
  row: MemberRow;
  existing: ExistingMember | null;
  cellCode: string;
}

/** The summary and, when there is no problem, the writes in order (parents before children). */
export interface ImportPlan {
  summary: ImportPlanSummary;
  orgWrites: OrgWrite[];
  memberWrites: MemberWrite[];
}

type Place = { sheet: string; row: number };

const problem = (
  at: Place & { kind: ImportSheetKind },
  column: string | null,
  code: string,
  message: string,
  messageVi: string,
): ImportProblem => ({
  sheet: at.sheet,
  kind: at.kind,
  row: at.row,
  column,
  code,
  message,
  messageVi,
});

const where = (p: Place) => `dòng ${p.row} trang "${p.sheet}"`;

const inSubtree = (path: string, rootPath: string) => path.startsWith(rootPath);

/**
 * Plans an import against the database's state (docs/decisions/0040): orgs match by code and
 * members by CCCD, so a second import of the same file updates nothing. Everything must land
 * under `world.root`; a problem anywhere leaves the writes empty.
 */
export function planImport(parsed: ParsedFile, world: ImportWorld): ImportPlan {
  const problems: ImportProblem[] = [...parsed.problems];
  const rows: ImportRowPlan[] = [];
  const orgWrites: OrgWrite[] = [];
  const memberWrites: MemberWrite[] = [];
  const root = world.root;
  const rootPath = root?.path ?? '/';
  const rootCode = root?.code ?? '';
  const scopeVi = root ? root.name : 'toàn bộ dữ liệu';

  // Orgs: one row per code.
  const fileOrgs = new Map<string, OrgRow & { kind: 'orgs' }>();
  for (const org of parsed.orgs) {
    const at = { ...org, kind: 'orgs' as const };
    const first = fileOrgs.get(org.code);
    if (first) {
      problems.push(
        problem(
          at,
          'Mã',
          'import_duplicate_org_code',
          `org code ${org.code} also on row ${first.row}`,
          `Mã ${org.code} trùng với ${where(first)}`,
        ),
      );
      continue;
    }
    fileOrgs.set(org.code, at);
  }

  /** The final type of an org the plan may reference: the file's, else the database's. */
  const typeOf = (code: string): OrgType | undefined =>
    fileOrgs.get(code)?.type ?? world.orgsByCode.get(code)?.type;

  /**
   * Whether an org ends up under the root: follows the parents through the file's rows until an
   * org the file leaves where it is; 'cycle' when the chain loops, 'unknown' when it leaves both
   * the file and the database.
   */
  type Reach = 'in' | 'out' | 'unknown' | 'cycle';
  function reach(code: string, seen: Set<string> = new Set()): Reach {
    if (root && code === root.code) return 'in';
    const existing = world.orgsByCode.get(code);
    // Another subtree's org stays out of reach, whatever the file says of it.
    if (existing && !inSubtree(existing.path, rootPath)) return 'out';
    const row = fileOrgs.get(code);
    if (!row) {
      if (!existing) return 'unknown';
      // An org the file does not move stays in place: a loop if it lies under one the file moves.
      const moved = [...seen].map((c) => world.orgsByCode.get(c)?.id).filter((id) => id);
      return moved.some((id) => existing.path.includes(`/${id}/`)) ? 'cycle' : 'in';
    }
    if (row.parentCode === null) return root ? 'out' : 'in';
    if (seen.has(row.parentCode) || row.parentCode === code) return 'cycle';
    seen.add(code);
    return reach(row.parentCode, seen);
  }

  for (const org of fileOrgs.values()) {
    const existing = world.orgsByCode.get(org.code) ?? null;
    const before = problems.length;
    if (root && org.code === root.code) {
      // The admin's own org is not his to change (decision 0033: admins manage the orgs below).
      const parentCode =
        root.parentId === null ? null : (world.codeById.get(root.parentId) ?? null);
      if (org.name !== root.name || org.type !== root.type || org.parentCode !== parentCode)
        problems.push(
          problem(
            org,
            null,
            'import_root_changed',
            `row changes the import's root org ${rootCode}`,
            `Dòng này thay đổi chính đơn vị ${root.code} (${root.name}); đơn vị gốc của phạm vi nhập không được sửa bằng nhập dữ liệu`,
          ),
        );
      else rows.push(orgRowPlan(org, 'unchanged', []));
      continue;
    }
    if (existing && !inSubtree(existing.path, rootPath)) {
      problems.push(
        problem(
          org,
          'Mã',
          'import_org_out_of_scope',
          `org ${org.code} exists outside the subtree of ${rootCode}`,
          `Mã ${org.code} là của một tổ chức đảng ngoài phạm vi quản lý của bạn (${scopeVi})`,
        ),
      );
      continue;
    }
    const parentCode = org.parentCode;
    if (parentCode === null && !root) {
      const placement = validateOrgPlacement(null, org);
      if (!placement.ok)
        problems.push(problem(org, 'Loại', placement.code, placement.message, placement.messageVi));
    } else if (parentCode === null) {
      problems.push(
        problem(
          org,
          'Mã đơn vị cha',
          'import_parent_required',
          `org ${org.code} has no parent code`,
          `Chưa nhập mã đơn vị cha; tổ chức đảng phải nằm dưới ${scopeVi}`,
        ),
      );
      continue;
    }
    const parentReach = parentCode === null ? null : reach(parentCode, new Set([org.code]));
    if (parentCode === null || parentReach === null) {
      // A root, checked above.
    } else if (parentReach === 'unknown') {
      problems.push(
        problem(
          org,
          'Mã đơn vị cha',
          'import_unknown_parent',
          `parent code ${parentCode} is neither in the file nor in the database`,
          `Không tìm thấy đơn vị cha có mã ${parentCode} trong tệp hoặc trong dữ liệu`,
        ),
      );
    } else if (parentReach === 'out') {
      problems.push(
        problem(
          org,
          'Mã đơn vị cha',
          'import_parent_out_of_scope',
          `parent ${parentCode} is not under ${rootCode}`,
          `Đơn vị cha ${parentCode} nằm ngoài phạm vi quản lý của bạn (${scopeVi})`,
        ),
      );
    } else if (parentReach === 'cycle') {
      problems.push(
        problem(
          org,
          'Mã đơn vị cha',
          'import_parent_cycle',
          `the parents of ${org.code} loop back to it`,
          'Đơn vị cha tạo thành vòng lặp (một tổ chức đảng nằm dưới chính nó)',
        ),
      );
    } else {
      const parentType = typeOf(parentCode)!;
      const placement = validateOrgPlacement({ type: parentType }, org);
      if (!placement.ok)
        problems.push(problem(org, 'Loại', placement.code, placement.message, placement.messageVi));
    }
    if (existing && existing.type !== org.type) {
      const orphan = existing.childTypes.find(
        (child) =>
          !validateOrgPlacement(
            { type: org.type },
            { type: child, cellSubtype: child === 'affiliated_cell' ? 'other' : null },
          ).ok,
      );
      if (orphan)
        problems.push(
          problem(
            org,
            'Loại',
            'import_type_change_breaks_children',
            `${org.code} cannot become ${org.type}: it has a child of type ${orphan}`,
            `Không thể đổi loại: tổ chức đảng này đang có đơn vị trực thuộc không phù hợp với loại mới`,
          ),
        );
    }
    if (problems.length > before) continue;
    const currentParentCode = existing?.parentId
      ? (world.codeById.get(existing.parentId) ?? null)
      : null;
    const changes = existing ? orgChanges(existing, org, currentParentCode) : [];
    const action = !existing ? 'add' : changes.length > 0 ? 'update' : 'unchanged';
    rows.push(orgRowPlan(org, action, changes));
    if (action !== 'unchanged')
      orgWrites.push({
        row: org,
        existing,
        parentCode,
        moves: !!existing && currentParentCode !== parentCode,
      });
  }

  // Members: one row per CCCD and per card number.
  const byCitizenId = new Map<string, MemberRow>();
  const byCardNo = new Map<string, MemberRow>();
  for (const member of parsed.members) {
    const at = { ...member, kind: 'members' as const };
    const before = problems.length;
    const sameId = byCitizenId.get(member.citizenId);
    if (sameId)
      problems.push(
        problem(
          at,
          'CCCD',
          'import_duplicate_citizen_id',
          `CCCD ${member.citizenId} also on row ${sameId.row}`,
          `Số CCCD ${member.citizenId} trùng với ${where(sameId)}`,
        ),
      );
    else byCitizenId.set(member.citizenId, member);
    if (member.cardNo !== null) {
      const sameCard = byCardNo.get(member.cardNo);
      const holder = world.citizenIdByCardNo.get(member.cardNo);
      if (sameCard)
        problems.push(
          problem(
            at,
            'Số thẻ đảng',
            'import_duplicate_card_no',
            `card number ${member.cardNo} also on row ${sameCard.row}`,
            `Số thẻ đảng ${member.cardNo} trùng với ${where(sameCard)}`,
          ),
        );
      else byCardNo.set(member.cardNo, member);
      if (holder !== undefined && holder !== member.citizenId)
        problems.push(
          problem(
            at,
            'Số thẻ đảng',
            'import_card_no_taken',
            `card number ${member.cardNo} belongs to another member in the database`,
            `Số thẻ đảng ${member.cardNo} đã thuộc về một đảng viên khác trong dữ liệu`,
          ),
        );
    }
    const existing = world.membersByCitizenId.get(member.citizenId) ?? null;
    if (existing && !inSubtree(existing.homeOrgPath, rootPath))
      problems.push(
        problem(
          at,
          'CCCD',
          'import_member_out_of_scope',
          `member ${member.citizenId} is registered outside the subtree of ${rootCode}`,
          'Đảng viên này đang sinh hoạt ở tổ chức đảng ngoài phạm vi quản lý của bạn; việc chuyển sinh hoạt làm theo thủ tục chuyển sinh hoạt đảng',
        ),
      );
    const cellReach = reach(member.cellCode);
    const cellType = typeOf(member.cellCode);
    if (cellReach === 'unknown')
      problems.push(
        problem(
          at,
          'Mã chi bộ',
          'import_unknown_cell',
          `cell code ${member.cellCode} is neither in the file nor in the database`,
          `Không tìm thấy chi bộ có mã ${member.cellCode} trong tệp hoặc trong dữ liệu`,
        ),
      );
    else if (cellReach !== 'in')
      problems.push(
        problem(
          at,
          'Mã chi bộ',
          'import_cell_out_of_scope',
          `cell ${member.cellCode} is not under ${rootCode}`,
          `Chi bộ ${member.cellCode} nằm ngoài phạm vi quản lý của bạn (${scopeVi})`,
        ),
      );
    else if (cellType && !isCell(cellType))
      problems.push(
        problem(
          at,
          'Mã chi bộ',
          'import_not_a_cell',
          `org ${member.cellCode} is a ${cellType}, not a cell`,
          `Mã ${member.cellCode} không phải là một chi bộ; đảng viên sinh hoạt tại chi bộ`,
        ),
      );
    if (problems.length > before) continue;
    const changes = existing ? memberChanges(existing, member, world) : [];
    const action = !existing ? 'add' : changes.length > 0 ? 'update' : 'unchanged';
    rows.push({
      sheet: member.sheet,
      kind: 'members',
      row: member.row,
      key: member.citizenId,
      name: member.fullName,
      action,
      changes,
    });
    if (action !== 'unchanged')
      memberWrites.push({ row: member, existing, cellCode: member.cellCode });
  }

  const count = (kind: ImportSheetKind) => ({
    add: rows.filter((r) => r.kind === kind && r.action === 'add').length,
    update: rows.filter((r) => r.kind === kind && r.action === 'update').length,
    unchanged: rows.filter((r) => r.kind === kind && r.action === 'unchanged').length,
  });
  problems.sort((a, b) => a.sheet.localeCompare(b.sheet) || (a.row ?? 0) - (b.row ?? 0));
  rows.sort((a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row);
  const clean = problems.length === 0;
  return {
    summary: { orgs: count('orgs'), members: count('members'), rows, problems },
    orgWrites: clean ? parentsFirst(orgWrites) : [],
    memberWrites: clean ? memberWrites : [],
  };
}

function orgRowPlan(org: OrgRow, action: ImportAction, changes: string[]): ImportRowPlan {
  return {
    sheet: org.sheet,
    kind: 'orgs',
    row: org.row,
    key: org.code,
    name: org.name,
    action,
    changes,
  };
}

function orgChanges(existing: ExistingOrg, row: OrgRow, parentCode: string | null): string[] {
  const changes: string[] = [];
  if (existing.name !== row.name) changes.push('Tên');
  if (parentCode !== row.parentCode) changes.push('Mã đơn vị cha');
  if (existing.type !== row.type) changes.push('Loại');
  if (existing.cellSubtype !== row.cellSubtype) changes.push('Loại Chi bộ trực thuộc');
  return changes;
}

function memberChanges(existing: ExistingMember, row: MemberRow, world: ImportWorld): string[] {
  const fields: [keyof MemberRow & keyof ExistingMember, string][] = [
    ['fullName', 'Họ tên'],
    ['birthDate', 'Ngày sinh'],
    ['sex', 'Giới tính'],
    ['cardNo', 'Số thẻ đảng'],
    ['profileNo', 'Số lý lịch'],
    ['joinedOn', 'Ngày vào Đảng'],
    ['officialOn', 'Ngày chính thức'],
  ];
  const changes = fields.filter(([f]) => existing[f] !== row[f]).map(([, label]) => label);
  const homeCode = world.codeById.get(existing.homeOrgId);
  if (homeCode !== row.cellCode) changes.push('Mã chi bộ');
  return changes;
}

/** New and moved orgs ordered so that each one's parent, if the file writes it, comes before. */
function parentsFirst(writes: OrgWrite[]): OrgWrite[] {
  const byCode = new Map(writes.map((w) => [w.row.code, w]));
  const done = new Set<string>();
  const ordered: OrgWrite[] = [];
  const visit = (w: OrgWrite) => {
    if (done.has(w.row.code)) return;
    done.add(w.row.code);
    const parent = w.parentCode === null ? undefined : byCode.get(w.parentCode);
    if (parent) visit(parent);
    ordered.push(w);
  };
  writes.forEach(visit);
  return ordered;
}
