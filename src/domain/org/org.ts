import { z } from 'zod';
import { fail, ok, type Result } from '../common/result';
import { Id, NonBlankText } from '../common/schemas';
import { Email } from '../validation/email';
import { OrgCode } from './org-code';
import {
  CellSubtype,
  OrgType,
  validateCellSubtype,
  validateParentPresence,
  type CellSubtypeCode,
  type ParentPresenceCode,
} from './org-types';

export { BankAccount, validateBankAccounts, type BankAccountsCode } from './bank-account';

/** How collected fees are split between levels ("Phân bổ"), set per org. */
export const AllocationDirection = z.enum(['top_down', 'bottom_up']);
export type AllocationDirection = z.infer<typeof AllocationDirection>;
export const allocationDirectionLabelVi = {
  top_down: 'Phân bổ từ trên xuống dưới',
  bottom_up: 'Phân bổ từ dưới lên trên',
} as const satisfies Record<AllocationDirection, string>;

export const OrgStatus = z.enum(['active', 'inactive']);
export type OrgStatus = z.infer<typeof OrgStatus>;
export const orgStatusLabelVi = {
  active: 'Đang hoạt động',
  inactive: 'Không hoạt động',
} as const satisfies Record<OrgStatus, string>;

/**
 * A party organization, as in the admin guide's org form. Only field-level checks, so the schema
 * can be extended, picked and made partial; rules across fields are in validateOrg, and those
 * that need the parent in validateOrgPlacement.
 */
export const Org = z.object({
  id: Id,
  code: OrgCode,
  name: NonBlankText(300),
  parentId: Id.nullable(),
  type: OrgType,
  cellSubtype: CellSubtype.nullable(),
  taxCode: NonBlankText(20).nullable(),
  email: Email.nullable(),
  // Free text: org numbers are landlines with extensions as often as mobiles ("024 322 32045").
  phone: NonBlankText(50).nullable(),
  website: NonBlankText(300).nullable(),
  province: NonBlankText(100).nullable(),
  ward: NonBlankText(100).nullable(),
  addressDetail: NonBlankText(500).nullable(),
  description: NonBlankText(2000).nullable(),
  allocationDirection: AllocationDirection,
  hasSeal: z.boolean(),
  status: OrgStatus,
});
export type Org = z.infer<typeof Org>;

export const orgFieldLabelVi = {
  id: 'Mã định danh',
  code: 'Mã cơ quan, đơn vị',
  name: 'Tên cơ quan, đơn vị',
  parentId: 'Cơ quan, đơn vị cha',
  type: 'Loại cơ quan, đơn vị',
  cellSubtype: 'Loại Chi bộ trực thuộc',
  taxCode: 'Mã số thuế',
  email: 'Email',
  phone: 'Số điện thoại',
  website: 'Website',
  province: 'Tỉnh/Thành phố',
  ward: 'Phường/Xã',
  addressDetail: 'Địa chỉ chi tiết',
  description: 'Mô tả',
  allocationDirection: 'Phân bổ',
  hasSeal: 'Có con dấu',
  status: 'Trạng thái',
} as const satisfies Record<keyof Org, string>;

export type OrgRuleCode = 'org_is_its_own_parent' | CellSubtypeCode | ParentPresenceCode;

/**
 * The rules across an org's own fields: subtype only on affiliated cells, parents on all but roots.
 */
export function validateOrg(org: Org): Result<Org, OrgRuleCode> {
  if (org.parentId !== null && org.parentId === org.id) {
    return fail(
      'org_is_its_own_parent',
      `org ${org.id} has itself as parent`,
      'Tổ chức đảng không thể trực thuộc chính nó',
    );
  }
  const subtype = validateCellSubtype(org);
  if (!subtype.ok) return subtype;
  const presence = validateParentPresence(org.parentId !== null, org.type);
  if (!presence.ok) return presence;
  return ok(org);
}
