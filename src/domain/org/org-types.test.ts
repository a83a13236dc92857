import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canContain,
  CellSubtype,
  cellSubtypeLabelVi,
  isCell,
  isCommittee,
  OrgType,
  orgTypeLabelVi,
  validateOrgPlacement,
} from './org-types';

const type = fc.constantFrom(...OrgType.options);
const subtypeFor = (t: OrgType) => (t === 'affiliated_cell' ? ('company_cell' as const) : null);

describe('org type labels', () => {
  it('label every type and cell subtype in Vietnamese as in the admin guide', () => {
    expect(Object.keys(orgTypeLabelVi).sort()).toEqual([...OrgType.options].sort());
    expect(Object.keys(cellSubtypeLabelVi).sort()).toEqual([...CellSubtype.options].sort());
    expect(orgTypeLabelVi.superior_committee).toBe(
      'Đảng bộ cấp trên trực tiếp của tổ chức cơ sở đảng',
    );
    expect(cellSubtypeLabelVi.ward_committee_cell).toBe(
      'Chi bộ thuộc đảng bộ xã, phường, thị trấn',
    );
  });
});

describe('isCell / isCommittee', () => {
  it('split the types into cells and committees', () => {
    expect(OrgType.options.filter(isCell)).toEqual(['grassroots_cell', 'affiliated_cell']);
    fc.assert(
      fc.property(type, (t) => {
        expect(isCell(t)).toBe(!isCommittee(t));
      }),
    );
  });
});

describe('canContain', () => {
  it('follows the org tree of the 2025 reform', () => {
    expect(canContain('province_committee', 'superior_committee')).toBe(true);
    expect(canContain('province_committee', 'grassroots_committee')).toBe(true);
    expect(canContain('province_committee', 'grassroots_cell')).toBe(true);
    // A ward committee and its residential cells.
    expect(canContain('superior_committee', 'grassroots_cell')).toBe(true);
    expect(canContain('superior_committee', 'grassroots_committee')).toBe(true);
    expect(canContain('grassroots_committee', 'sub_committee')).toBe(true);
    expect(canContain('grassroots_committee', 'affiliated_cell')).toBe(true);
    expect(canContain('sub_committee', 'affiliated_cell')).toBe(true);

    expect(canContain('superior_committee', 'superior_committee')).toBe(false);
    expect(canContain('superior_committee', 'affiliated_cell')).toBe(false);
    expect(canContain('sub_committee', 'sub_committee')).toBe(false);
    expect(canContain('province_committee', 'affiliated_cell')).toBe(false);
  });

  it('never puts anything under a cell, nor a province committee under anything', () => {
    fc.assert(
      fc.property(type, type, (parent, child) => {
        if (isCell(parent) || child === 'province_committee') {
          expect(canContain(parent, child)).toBe(false);
        }
      }),
    );
  });
});

describe('validateOrgPlacement', () => {
  it('agrees with canContain for every pair of types', () => {
    fc.assert(
      fc.property(type, type, (parent, child) => {
        const result = validateOrgPlacement(
          { type: parent },
          { type: child, cellSubtype: subtypeFor(child) },
        );
        expect(result.ok).toBe(canContain(parent, child));
      }),
    );
  });

  it('accepts a province committee as a root, and nothing else', () => {
    expect(validateOrgPlacement(null, { type: 'province_committee' }).ok).toBe(true);
    const result = validateOrgPlacement(null, { type: 'grassroots_cell' });
    expect(result).toMatchObject({ ok: false, code: 'root_must_be_province_committee' });
    if (!result.ok) {
      expect(result.message).toBe(
        'a grassroots_cell needs a parent of type province_committee or superior_committee; only a province_committee is a root',
      );
      expect(result.messageVi).toContain('Chi bộ cơ sở phải trực thuộc Tỉnh ủy/Thành ủy hoặc');
    }
  });

  it('refuses a province committee under another org', () => {
    expect(
      validateOrgPlacement({ type: 'province_committee' }, { type: 'province_committee' }),
    ).toMatchObject({ ok: false, code: 'province_committee_must_be_root' });
  });

  it('refuses children under a cell, naming the cell', () => {
    const result = validateOrgPlacement(
      { type: 'grassroots_cell' },
      { type: 'affiliated_cell', cellSubtype: 'other' },
    );
    expect(result).toMatchObject({
      ok: false,
      code: 'parent_is_a_cell',
      message:
        'a grassroots_cell has no organizations under it, so an affiliated_cell cannot be placed there',
      messageVi:
        'Chi bộ cơ sở không có tổ chức đảng trực thuộc, không thể đặt Chi bộ trực thuộc vào đây',
    });
  });

  it('names the allowed parents when the type does not fit', () => {
    expect(
      validateOrgPlacement({ type: 'superior_committee' }, { type: 'sub_committee' }),
    ).toMatchObject({
      ok: false,
      code: 'type_not_allowed_under_parent',
      message:
        'a sub_committee must be under an org of type grassroots_committee, not under a superior_committee',
      messageVi:
        'Đảng bộ bộ phận phải trực thuộc Đảng bộ cơ sở, không thể trực thuộc Đảng bộ cấp trên trực tiếp của tổ chức cơ sở đảng',
    });
  });

  it('requires a subtype on an affiliated cell and refuses it elsewhere', () => {
    expect(
      validateOrgPlacement({ type: 'grassroots_committee' }, { type: 'affiliated_cell' }),
    ).toMatchObject({ ok: false, code: 'cell_subtype_required' });
    expect(
      validateOrgPlacement(
        { type: 'grassroots_committee' },
        { type: 'affiliated_cell', cellSubtype: 'ship_cell' },
      ).ok,
    ).toBe(true);
    expect(
      validateOrgPlacement(
        { type: 'superior_committee' },
        { type: 'grassroots_cell', cellSubtype: 'ward_committee_cell' },
      ),
    ).toMatchObject({ ok: false, code: 'cell_subtype_not_allowed' });
  });
});
