import { z } from 'zod';
import { fail, ok, type Result } from '../common/result';

/**
 * The five types of party organization (the directives ask admins to review them before go-live,
 * because a dossier's route follows them). Grassroots has two values: committee and cell.
 */
export const OrgType = z.enum([
  'province_committee',
  'superior_committee',
  'grassroots_committee',
  'grassroots_cell',
  'sub_committee',
  'affiliated_cell',
]);
export type OrgType = z.infer<typeof OrgType>;

export const orgTypeLabelVi = {
  // Also the central-level committees (Đảng bộ trực thuộc Trung ương: Chính phủ, Quốc hội, …).
  province_committee: 'Tỉnh ủy/Thành ủy',
  // Since the 2025 reform, ward and commune committees are of this type.
  superior_committee: 'Đảng bộ cấp trên trực tiếp của tổ chức cơ sở đảng',
  grassroots_committee: 'Đảng bộ cơ sở',
  // Includes a ward's residential cells (Chi bộ Tổ dân phố).
  grassroots_cell: 'Chi bộ cơ sở',
  sub_committee: 'Đảng bộ bộ phận',
  affiliated_cell: 'Chi bộ trực thuộc',
} as const satisfies Record<OrgType, string>;

/** Kinds of affiliated cell ("Loại Chi bộ trực thuộc" in the org form of the admin guide). */
export const CellSubtype = z.enum([
  'ward_committee_cell',
  'company_cell',
  'border_post_cell',
  'ship_cell',
  'radar_cell',
  'remote_garrison_cell',
  'enterprise_cell',
  'agency_cell',
  'school_cell',
  'other',
]);
export type CellSubtype = z.infer<typeof CellSubtype>;

export const cellSubtypeLabelVi = {
  ward_committee_cell: 'Chi bộ thuộc đảng bộ xã, phường, thị trấn',
  company_cell: 'Chi bộ đại đội',
  border_post_cell: 'Chi bộ đồn biên phòng',
  ship_cell: 'Chi bộ tàu (biên phòng, hải quân, cảnh sát biển)',
  radar_cell: 'Chi bộ đài, trạm ra đa',
  remote_garrison_cell: 'Chi bộ đóng quân ở xã biên giới, vùng sâu, vùng xa, hải đảo',
  enterprise_cell: 'Chi bộ doanh nghiệp',
  agency_cell: 'Chi bộ cơ quan',
  school_cell: 'Chi bộ trường học',
  other: 'Chi bộ trực thuộc khác',
} as const satisfies Record<CellSubtype, string>;

const CELLS: ReadonlySet<OrgType> = new Set(['grassroots_cell', 'affiliated_cell']);

/** A cell (chi bộ) holds members directly and has no organizations under it. */
export const isCell = (type: OrgType): boolean => CELLS.has(type);
export const isCommittee = (type: OrgType): boolean => !CELLS.has(type);

/** The types each type may have directly below it. */
const CHILD_TYPES: Record<OrgType, readonly OrgType[]> = {
  province_committee: ['superior_committee', 'grassroots_committee', 'grassroots_cell'],
  superior_committee: ['grassroots_committee', 'grassroots_cell'],
  grassroots_committee: ['sub_committee', 'affiliated_cell'],
  sub_committee: ['affiliated_cell'],
  grassroots_cell: [],
  affiliated_cell: [],
};

/** The types each type may sit under (the inverse of CHILD_TYPES), for the messages. */
const PARENT_TYPES = Object.fromEntries(
  OrgType.options.map((child) => [
    child,
    OrgType.options.filter((parent) => CHILD_TYPES[parent].includes(child)),
  ]),
) as Record<OrgType, OrgType[]>;

export function canContain(parentType: OrgType, childType: OrgType): boolean {
  return CHILD_TYPES[parentType].includes(childType);
}

export type CellSubtypeCode = 'cell_subtype_required' | 'cell_subtype_not_allowed';
export type ParentPresenceCode =
  'root_must_be_province_committee' | 'province_committee_must_be_root';
export type OrgPlacementCode =
  CellSubtypeCode | ParentPresenceCode | 'parent_is_a_cell' | 'type_not_allowed_under_parent';

/** "a superior_committee", "an affiliated_cell" */
const aType = (type: OrgType) => `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
const listEn = (types: readonly OrgType[]) => types.join(' or ');
const listVi = (types: readonly OrgType[]) => types.map((t) => orgTypeLabelVi[t]).join(' hoặc ');

/** Only an affiliated cell carries a cell subtype, and it must. */
export function validateCellSubtype(org: {
  type: OrgType;
  cellSubtype?: CellSubtype | null;
}): Result<void, CellSubtypeCode> {
  const typeVi = orgTypeLabelVi[org.type];
  if (org.type === 'affiliated_cell' && org.cellSubtype == null) {
    return fail(
      'cell_subtype_required',
      'an affiliated_cell must have a cellSubtype',
      `${typeVi} phải có loại chi bộ trực thuộc`,
    );
  }
  if (org.type !== 'affiliated_cell' && org.cellSubtype != null) {
    return fail(
      'cell_subtype_not_allowed',
      `only an affiliated_cell has a cellSubtype, but this ${org.type} has ${org.cellSubtype}`,
      `Chỉ Chi bộ trực thuộc mới có loại chi bộ trực thuộc; ${typeVi} không có`,
    );
  }
  return ok(undefined);
}

/** A province committee is the root of its tree and every other org has a parent. */
export function validateParentPresence(
  hasParent: boolean,
  type: OrgType,
): Result<void, ParentPresenceCode> {
  const typeVi = orgTypeLabelVi[type];
  if (!hasParent && type !== 'province_committee') {
    return fail(
      'root_must_be_province_committee',
      `${aType(type)} needs a parent of type ${listEn(PARENT_TYPES[type])}; only a province_committee is a root`,
      `${typeVi} phải trực thuộc ${listVi(PARENT_TYPES[type])}; chỉ Tỉnh ủy/Thành ủy (Đảng bộ trực thuộc Trung ương) không có cấp trên`,
    );
  }
  if (hasParent && type === 'province_committee') {
    return fail(
      'province_committee_must_be_root',
      'a province_committee is a root and cannot have a parent',
      `${typeVi} là cấp cao nhất, không trực thuộc tổ chức đảng nào`,
    );
  }
  return ok(undefined);
}

/**
 * Checks that an org of the child's type may sit under the parent (null for a root), and that
 * only an affiliated cell carries a cell subtype.
 */
export function validateOrgPlacement(
  parent: { type: OrgType } | null,
  child: { type: OrgType; cellSubtype?: CellSubtype | null },
): Result<void, OrgPlacementCode> {
  const subtype = validateCellSubtype(child);
  if (!subtype.ok) return subtype;
  const presence = validateParentPresence(parent !== null, child.type);
  if (!presence.ok || parent === null) return presence;
  const childVi = orgTypeLabelVi[child.type];
  const parentVi = orgTypeLabelVi[parent.type];
  if (isCell(parent.type)) {
    return fail(
      'parent_is_a_cell',
      `${aType(parent.type)} has no organizations under it, so ${aType(child.type)} cannot be placed there`,
      `${parentVi} không có tổ chức đảng trực thuộc, không thể đặt ${childVi} vào đây`,
    );
  }
  if (!canContain(parent.type, child.type)) {
    return fail(
      'type_not_allowed_under_parent',
      `${aType(child.type)} must be under an org of type ${listEn(PARENT_TYPES[child.type])}, not under ${aType(parent.type)}`,
      `${childVi} phải trực thuộc ${listVi(PARENT_TYPES[child.type])}, không thể trực thuộc ${parentVi}`,
    );
  }
  return ok(undefined);
}
