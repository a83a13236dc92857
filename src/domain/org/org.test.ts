import { describe, expect, it } from 'vitest';
import { parseWithMessages } from '../common/zod-result';
import {
  allocationDirectionLabelVi,
  BankAccount,
  Org,
  orgFieldLabelVi,
  orgStatusLabelVi,
  validateBankAccounts,
  validateOrg,
} from './org';

const ID = {
  province: '0b6f3c4e-1a2b-4c3d-8e4f-5a6b7c8d9e01',
  ward: '0b6f3c4e-1a2b-4c3d-8e4f-5a6b7c8d9e02',
  cell: '0b6f3c4e-1a2b-4c3d-8e4f-5a6b7c8d9e03',
};

const ward: Org = {
  id: ID.ward,
  code: '2256101',
  name: 'Đảng bộ Phường Việt Hưng',
  parentId: ID.province,
  type: 'superior_committee',
  cellSubtype: null,
  taxCode: null,
  email: 'dangbo@viethung.hanoi.gov.vn',
  phone: '024 322 32045',
  website: null,
  province: 'Thành phố Hà Nội',
  ward: 'Phường Việt Hưng',
  addressDetail: null,
  description: null,
  allocationDirection: 'top_down',
  hasSeal: true,
  status: 'active',
};

describe('Org', () => {
  it('parses an org as the admin guide shows it', () => {
    expect(Org.parse(ward)).toEqual(ward);
  });

  it('stays a plain object schema that other layers extend and pick', () => {
    expect(
      Org.extend({ depth: Org.shape.hasSeal }).safeParse({ ...ward, depth: true }).success,
    ).toBe(true);
    expect(Org.pick({ id: true, name: true }).parse(ward)).toEqual({
      id: ward.id,
      name: ward.name,
    });
  });

  it('reports an invalid field with its Vietnamese label or the validator message', () => {
    expect(parseWithMessages(Org, { ...ward, name: '  ' }, orgFieldLabelVi)).toMatchObject({
      ok: false,
      code: 'invalid_field',
      messageVi: 'Trường "Tên cơ quan, đơn vị" không hợp lệ hoặc bị thiếu',
    });
    expect(parseWithMessages(Org, { ...ward, email: 'dangbo' })).toMatchObject({
      ok: false,
      code: 'email_missing_at',
      message: 'email: email "dangbo" has no @',
    });
  });

  it('labels allocation directions and statuses in Vietnamese', () => {
    expect(allocationDirectionLabelVi.bottom_up).toBe('Phân bổ từ dưới lên trên');
    expect(orgStatusLabelVi.inactive).toBe('Không hoạt động');
  });
});

describe('validateOrg', () => {
  it('accepts a consistent org', () => {
    expect(validateOrg(ward)).toEqual({ ok: true, value: ward });
  });

  it('requires a subtype exactly on affiliated cells', () => {
    const cell: Org = { ...ward, id: ID.cell, parentId: ID.ward, type: 'affiliated_cell' };
    expect(validateOrg(cell)).toMatchObject({ ok: false, code: 'cell_subtype_required' });
    expect(validateOrg({ ...cell, cellSubtype: 'ward_committee_cell' }).ok).toBe(true);
    expect(validateOrg({ ...ward, cellSubtype: 'school_cell' })).toMatchObject({
      code: 'cell_subtype_not_allowed',
    });
  });

  it('requires a parent for all but province committees, and refuses a self-parent', () => {
    expect(validateOrg({ ...ward, parentId: null })).toMatchObject({
      code: 'root_must_be_province_committee',
    });
    expect(
      validateOrg({ ...ward, id: ID.province, type: 'province_committee', parentId: null }).ok,
    ).toBe(true);
    expect(validateOrg({ ...ward, type: 'province_committee' })).toMatchObject({
      code: 'province_committee_must_be_root',
    });
    expect(validateOrg({ ...ward, parentId: ward.id })).toMatchObject({
      code: 'org_is_its_own_parent',
    });
  });
});

describe('validateBankAccounts', () => {
  const account = (n: number, isActive: boolean, orgId = ID.ward): BankAccount => ({
    id: `0b6f3c4e-1a2b-4c3d-8e4f-5a6b7c8d9f0${n}`,
    orgId,
    accountNo: `00119000052${n}`,
    holder: 'Đảng ủy Phường Việt Hưng',
    bankName: 'MB',
    citadCode: '01311001',
    isActive,
  });

  it('returns the one active account', () => {
    const active = account(2, true);
    expect(validateBankAccounts([account(1, false), active, account(3, false)])).toEqual({
      ok: true,
      value: active,
    });
  });

  it('requires at least one account', () => {
    expect(validateBankAccounts([])).toMatchObject({
      ok: false,
      code: 'bank_account_missing',
      messageVi: 'Tổ chức đảng thu đảng phí phải có ít nhất một tài khoản thụ hưởng',
    });
  });

  it('requires exactly one active account, naming the active ones', () => {
    expect(validateBankAccounts([account(1, false), account(2, false)])).toMatchObject({
      code: 'bank_account_none_active',
      message: `none of the 2 bank account(s) of org ${ID.ward} is active; exactly one must be`,
    });
    expect(validateBankAccounts([account(1, true), account(2, true)])).toMatchObject({
      code: 'bank_account_several_active',
      message: `2 bank accounts of org ${ID.ward} are active (001190000521, 001190000522); exactly one must be`,
      messageVi:
        'Chỉ được chọn một tài khoản sử dụng (đang chọn 2 tài khoản: 001190000521, 001190000522)',
    });
  });

  it('refuses to judge accounts of several orgs together', () => {
    expect(validateBankAccounts([account(1, true), account(2, false, ID.cell)])).toMatchObject({
      code: 'bank_accounts_of_several_orgs',
    });
  });

  it('checks account number and CITAD code in the schema', () => {
    expect(BankAccount.safeParse(account(1, true)).success).toBe(true);
    expect(
      parseWithMessages(BankAccount, { ...account(1, true), accountNo: '0011O0000528' }),
    ).toMatchObject({
      code: 'bank_account_no_has_letters',
    });
    expect(
      parseWithMessages(BankAccount, { ...account(1, true), citadCode: '0131100' }),
    ).toMatchObject({
      code: 'citad_wrong_length',
    });
  });
});
