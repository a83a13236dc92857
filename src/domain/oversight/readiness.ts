import { z } from 'zod';
import { Id } from '../common/schemas';
import { bankAccountFlagLabelVi, bankAccountFlags } from '../fees/bank-account-check';
import {
  CellSubtype,
  isCell,
  OrgType,
  orgTypeLabelVi,
  validateOrgPlacement,
} from '../org/org-types';

/**
 * The readiness review (issue 14; the directives' pre-go-live checklist in the admin guide 002 and
 * the plans 003/004): what still blocks going live in an org subtree. The server gathers the facts
 * in a few SQL queries (server/repositories/oversight-readiness.ts); the rules are here, as a list
 * of checks each turning the facts into findings, so a new kind is one more entry.
 */

/** The kinds of finding, in the order the report shows them. */
export const ReadinessKind = z.enum([
  'org_without_admin',
  'org_type_unclassified',
  'org_type_inconsistent',
  'committee_without_bank_account',
  'bank_account_flagged',
  'org_seal_without_image',
  'approver_without_certificate',
  'cell_without_secretary',
  'holiday_calendar_missing',
]);
export type ReadinessKind = z.infer<typeof ReadinessKind>;

/** The report's group titles, as the directives word the checklist. */
export const readinessKindLabelVi = {
  org_without_admin: 'Tổ chức đảng chưa có tài khoản quản trị',
  org_type_unclassified: 'Tổ chức đảng chưa được phân loại',
  org_type_inconsistent: 'Loại hình tổ chức đảng không phù hợp với cấp trên',
  committee_without_bank_account: 'Đảng bộ chưa có tài khoản ngân hàng nhận đảng phí',
  bank_account_flagged: 'Tài khoản ngân hàng cần kiểm tra lại',
  org_seal_without_image: 'Tổ chức đảng có con dấu nhưng chưa có hình ảnh con dấu',
  approver_without_certificate: 'Cán bộ phê duyệt chưa đăng ký chứng thư số',
  cell_without_secretary: 'Chi bộ chưa có tài khoản bí thư',
  holiday_calendar_missing: 'Năm chưa có lịch ngày nghỉ, ngày làm bù',
} as const satisfies Record<ReadinessKind, string>;

/**
 * The screen that fixes a finding, named in the domain's words; the app maps each to its screen
 * (the certificate registry's own admin screen is part of other work: the app opens what exists).
 */
export const ReadinessFix = z.enum(['users', 'orgs', 'bank_accounts', 'certificates', 'holidays']);
export type ReadinessFix = z.infer<typeof ReadinessFix>;

/** What a finding says it is about: the org, placed in the tree by its ancestors' names. */
export const FindingOrg = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  /** Names from the report's root down to the org's parent (empty for the root itself). */
  path: z.array(z.string()),
});
export type FindingOrg = z.infer<typeof FindingOrg>;

export const ReadinessFinding = z.object({
  kind: ReadinessKind,
  org: FindingOrg,
  /** The user the finding is about (approvers without a certificate), else null. */
  user: z.object({ id: Id, fullName: z.string(), username: z.string() }).nullable(),
  messageVi: z.string(),
  fix: ReadinessFix,
});
export type ReadinessFinding = z.infer<typeof ReadinessFinding>;

/** One org of the subtree as the checks need it; `type` is raw text: stored data may be wrong. */
export interface OrgFacts {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  /** The parent's type as stored (null at the top of the tree), even outside the subtree. */
  parentType: string | null;
  type: string;
  cellSubtype: string | null;
  /** Active accounts holding the role at this very org. */
  admins: number;
  secretaries: number;
  /** The org's active, live beneficiary account, if any. */
  activeBankAccount: { holder: string; bankName: string; citadCode: string } | null;
  /** The org uses a seal (its `hasSeal` flag), and whether its seal image is registered. */
  hasSeal: boolean;
  hasSealImage: boolean;
}

export interface ApproverFacts {
  userId: string;
  fullName: string;
  username: string;
  orgId: string;
}

/** Everything the checks read, for one subtree (root first; parents before children). */
export interface ReadinessFacts {
  orgs: readonly OrgFacts[];
  /** Active accounts with an approver grant and no registered, unrevoked certificate. */
  approversWithoutCertificate: readonly ApproverFacts[];
  /** The years the holiday calendar has (one calendar for the whole system). */
  calendarYears: readonly number[];
  /** Today in Vietnam, 'YYYY-MM-DD'. */
  today: string;
}

/** What a check returns before the org is placed in the tree. */
interface Draft {
  kind: ReadinessKind;
  orgId: string;
  user?: ApproverFacts;
  messageVi: string;
  fix: ReadinessFix;
}

export type ReadinessCheck = (facts: ReadinessFacts) => Draft[];

/**
 * Orgs that keep their own admin account: the committees the directives give an "Admin đơn vị"
 * (province, ward/commune and grassroots committees). Sub-committees and cells are run from the
 * committee above them.
 */
const ORG_TYPES_WITH_ADMIN: readonly OrgType[] = [
  'province_committee',
  'superior_committee',
  'grassroots_committee',
];

const ORG_TYPES: ReadonlySet<string> = new Set(OrgType.options);
const CELL_SUBTYPES: ReadonlySet<string> = new Set(CellSubtype.options);

/** The stored type when it is one of the five (a set lookup: a province has 20 000 orgs). */
const parsedType = (raw: string): OrgType | null => (ORG_TYPES.has(raw) ? (raw as OrgType) : null);
const parsedSubtype = (raw: string | null): CellSubtype | null =>
  raw !== null && CELL_SUBTYPES.has(raw) ? (raw as CellSubtype) : null;

const orgsWithoutAdmin: ReadinessCheck = ({ orgs }) =>
  orgs
    .filter((o) => {
      const type = parsedType(o.type);
      return type !== null && ORG_TYPES_WITH_ADMIN.includes(type) && o.admins === 0;
    })
    .map((o) => ({
      kind: 'org_without_admin',
      orgId: o.id,
      messageVi: `${o.name} chưa có tài khoản quản trị đang hoạt động.`,
      fix: 'users',
    }));

/** A type outside the five, or an affiliated cell whose kind is not said (or not a known one). */
const unclassifiedOrgs: ReadinessCheck = ({ orgs }) =>
  orgs.flatMap((o): Draft[] => {
    const type = parsedType(o.type);
    const subtypeUnknown = type === 'affiliated_cell' && parsedSubtype(o.cellSubtype) === null;
    if (type !== null && !subtypeUnknown) return [];
    return [
      {
        kind: 'org_type_unclassified',
        orgId: o.id,
        messageVi:
          type === null
            ? `${o.name} chưa được phân loại theo một trong các loại hình tổ chức đảng.`
            : `${o.name} là ${orgTypeLabelVi[type]} nhưng chưa chọn loại chi bộ trực thuộc.`,
        fix: 'orgs',
      },
    ];
  });

/** The placement rules of src/domain/org against the parent (classified orgs only). */
const inconsistentOrgs: ReadinessCheck = ({ orgs }) =>
  orgs.flatMap((o): Draft[] => {
    const type = parsedType(o.type);
    if (type === null) return [];
    const parentType = o.parentType === null ? null : parsedType(o.parentType);
    // An unclassified parent is reported as such; its children are judged once it is fixed.
    if (o.parentId !== null && parentType === null) return [];
    const placed = validateOrgPlacement(parentType === null ? null : { type: parentType }, {
      type,
      cellSubtype: parsedSubtype(o.cellSubtype),
    });
    // A missing cell subtype is the unclassified finding, not this one.
    if (placed.ok || placed.code === 'cell_subtype_required') return [];
    return [
      {
        kind: 'org_type_inconsistent',
        orgId: o.id,
        messageVi: `${o.name}: ${placed.messageVi}.`,
        fix: 'orgs',
      },
    ];
  });

/**
 * Committees collect the fees of the orgs below them that have no account (fees: "the nearest org
 * above that has one"), so every committee needs its own active account; cells may have one.
 */
const committeesWithoutBankAccount: ReadinessCheck = ({ orgs }) =>
  orgs
    .filter((o) => {
      const type = parsedType(o.type);
      return type !== null && !isCell(type) && o.activeBankAccount === null;
    })
    .map((o) => ({
      kind: 'committee_without_bank_account',
      orgId: o.id,
      messageVi: `${o.name} chưa khai báo tài khoản ngân hàng đang nhận đảng phí.`,
      fix: 'bank_accounts',
    }));

/** An active account the superior's cross-check flags (the admin guide's rules on accounts). */
const flaggedBankAccounts: ReadinessCheck = ({ orgs }) =>
  orgs.flatMap((o): Draft[] => {
    if (!o.activeBankAccount) return [];
    const flags = bankAccountFlags(o.activeBankAccount);
    if (flags.length === 0) return [];
    return [
      {
        kind: 'bank_account_flagged',
        orgId: o.id,
        messageVi: `Tài khoản của ${o.name}: ${flags.map((f) => bankAccountFlagLabelVi[f]).join('; ')}.`,
        fix: 'bank_accounts',
      },
    ];
  });

/** Every signature of an org with a seal carries the seal image: without one it is signed bare. */
const sealsWithoutImage: ReadinessCheck = ({ orgs }) =>
  orgs
    .filter((o) => o.hasSeal && !o.hasSealImage)
    .map((o) => ({
      kind: 'org_seal_without_image',
      orgId: o.id,
      messageVi: `${o.name} có con dấu nhưng chưa đăng ký hình ảnh con dấu: văn bản ký số của tổ chức chưa có dấu.`,
      fix: 'orgs',
    }));

const approversWithoutCertificate: ReadinessCheck = ({ approversWithoutCertificate: list }) =>
  list.map((a) => ({
    kind: 'approver_without_certificate',
    orgId: a.orgId,
    user: a,
    messageVi: `${a.fullName} (${a.username}) có quyền phê duyệt nhưng chưa đăng ký chứng thư số.`,
    fix: 'certificates',
  }));

const cellsWithoutSecretary: ReadinessCheck = ({ orgs }) =>
  orgs
    .filter((o) => {
      const type = parsedType(o.type);
      return type !== null && isCell(type) && o.secretaries === 0;
    })
    .map((o) => ({
      kind: 'cell_without_secretary',
      orgId: o.id,
      messageVi: `${o.name} chưa có tài khoản bí thư (quyền phê duyệt) đang hoạt động.`,
      fix: 'users',
    }));

/**
 * This year needs its calendar, and next year too from October on, when the government has
 * announced next Tết's days off and dossiers filed now run into January.
 */
export function yearsNeedingCalendar(today: string): number[] {
  const year = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) >= 10 ? [year, year + 1] : [year];
}

/** A missing year counts every deadline on weekends only: said once, on the report's root. */
const missingHolidayYears: ReadinessCheck = ({ orgs, calendarYears, today }) => {
  const root = orgs[0];
  if (!root) return [];
  return yearsNeedingCalendar(today)
    .filter((year) => !calendarYears.includes(year))
    .map((year) => ({
      kind: 'holiday_calendar_missing',
      orgId: root.id,
      messageVi:
        `Chưa có lịch ngày nghỉ, ngày làm bù năm ${year}: các thời hạn tính theo ngày làm việc ` +
        'của năm đó chỉ trừ thứ Bảy, Chủ nhật.',
      fix: 'holidays',
    }));
};

/** The checks, one per kind of finding. */
export const READINESS_CHECKS: Record<ReadinessKind, ReadinessCheck> = {
  org_without_admin: orgsWithoutAdmin,
  org_type_unclassified: unclassifiedOrgs,
  org_type_inconsistent: inconsistentOrgs,
  committee_without_bank_account: committeesWithoutBankAccount,
  bank_account_flagged: flaggedBankAccounts,
  org_seal_without_image: sealsWithoutImage,
  approver_without_certificate: approversWithoutCertificate,
  cell_without_secretary: cellsWithoutSecretary,
  holiday_calendar_missing: missingHolidayYears,
};

/**
 * The checklist's items this review cannot check yet, said on the report so nobody reads their
 * absence as "ready"; each leaves this list when its check joins READINESS_CHECKS.
 */
export const NOT_YET_CHECKED_VI: readonly string[] = [];

/** Names from the root down to each org's parent, from the subtree's parent links. */
function namePaths(orgs: readonly OrgFacts[]): Map<string, string[]> {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const paths = new Map<string, string[]>();
  for (const o of orgs) {
    const parent = o.parentId === null ? undefined : byId.get(o.parentId);
    // Parents come first, so the parent's path is known by now.
    paths.set(o.id, parent ? [...(paths.get(parent.id) ?? []), parent.name] : []);
  }
  return paths;
}

/** Drafts in tree order (most checks make them so already; sorting 30 000 would cost). */
function inTreeOrder(drafts: Draft[], order: ReadonlyMap<string, number>): Draft[] {
  const at = drafts.map((d) => order.get(d.orgId) ?? -1);
  if (at.every((v, i) => i === 0 || at[i - 1]! <= v)) return drafts;
  return drafts
    .map((d, i) => ({ d, at: at[i]! }))
    .sort((a, b) => a.at - b.at)
    .map(({ d }) => d);
}

/** Every finding of the subtree, grouped by kind in the report's order, tree order within. */
export function reviewReadiness(facts: ReadinessFacts): ReadinessFinding[] {
  const paths = namePaths(facts.orgs);
  const order = new Map(facts.orgs.map((o, i) => [o.id, i]));
  // One object per org, shared by its findings.
  const placed = new Map<string, FindingOrg>(
    facts.orgs.map((o) => [o.id, { id: o.id, code: o.code, name: o.name, path: paths.get(o.id)! }]),
  );
  return ReadinessKind.options.flatMap((kind) =>
    inTreeOrder(
      READINESS_CHECKS[kind](facts).filter((d) => placed.has(d.orgId)),
      order,
    ).map((d) => ({
      kind: d.kind,
      org: placed.get(d.orgId)!,
      user: d.user
        ? { id: d.user.userId, fullName: d.user.fullName, username: d.user.username }
        : null,
      messageVi: d.messageVi,
      fix: d.fix,
    })),
  );
}

/** How many findings of each kind (every kind present, zero included), for the report's summary. */
export function countByKind(findings: readonly ReadinessFinding[]): Record<ReadinessKind, number> {
  const counts = Object.fromEntries(ReadinessKind.options.map((k) => [k, 0])) as Record<
    ReadinessKind,
    number
  >;
  for (const f of findings) counts[f.kind] += 1;
  return counts;
}

/** Of each kind asked (all when none), the findings from `offset`, at most `limit`. */
export function pageOfFindings(
  findings: readonly ReadinessFinding[],
  page: { kind?: ReadinessKind | undefined; offset: number; limit: number },
): ReadinessFinding[] {
  const seen = new Map<ReadinessKind, number>();
  return findings.filter((f) => {
    if (page.kind !== undefined && f.kind !== page.kind) return false;
    const index = seen.get(f.kind) ?? 0;
    seen.set(f.kind, index + 1);
    return index >= page.offset && index < page.offset + page.limit;
  });
}
