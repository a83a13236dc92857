import { describe, expect, it } from 'vitest';
import type { OrgType } from '../org/org-types';
import { planImport, type ExistingOrg, type ImportWorld } from './import-plan';
import type { OrgRow, ParsedFile } from './import-rows';

const org = (
  id: string,
  code: string,
  type: OrgType,
  path: string,
  parentId: string | null,
  childTypes: OrgType[] = [],
): ExistingOrg => ({
  id,
  code,
  name: `Org ${code}`,
  type,
  cellSubtype: null,
  parentId,
  path,
  childTypes,
});
const PROVINCE = org('p', '100', 'province_committee', '/p/', null, ['superior_committee']);
const WARD = org('w', '200', 'superior_committee', '/p/w/', 'p', ['grassroots_cell']);
const CELL = org('c', '201', 'grassroots_cell', '/p/w/c/', 'w');
const OTHER = org('o', '300', 'superior_committee', '/p/o/', 'p');

const world = (root: ExistingOrg | null): ImportWorld => ({
  root,
  orgsByCode: new Map([PROVINCE, WARD, CELL, OTHER].map((o) => [o.code, o])),
  codeById: new Map([PROVINCE, WARD, CELL, OTHER].map((o) => [o.id, o.code])),
  membersByCitizenId: new Map(),
  citizenIdByCardNo: new Map(),
});

let line = 1;
const row = (
  code: string,
  parentCode: string | null,
  type: OrgType,
  name = `Org ${code}`,
): OrgRow => ({
  sheet: 'TC',
  row: ++line,
  code,
  name,
  parentCode,
  type,
  cellSubtype: null,
});
const file = (...orgs: OrgRow[]): ParsedFile => ({
  orgs,
  members: [],
  problems: [],
  rowCount: orgs.length,
});
const codes = (plan: ReturnType<typeof planImport>) => plan.summary.problems.map((p) => p.code);

describe('import plan', () => {
  it('writes new orgs parents first, whatever the file order', () => {
    const plan = planImport(
      file(row('203', '202', 'affiliated_cell'), row('202', '200', 'grassroots_committee')),
      world(WARD),
    );
    // The affiliated cell has no subtype: the placement rule says so.
    expect(codes(plan)).toEqual(['cell_subtype_required']);
    const fixed = planImport(
      file(
        { ...row('203', '202', 'affiliated_cell'), cellSubtype: 'other' },
        row('202', '200', 'grassroots_committee'),
      ),
      world(WARD),
    );
    expect(codes(fixed)).toEqual([]);
    expect(fixed.orgWrites.map((w) => w.row.code)).toEqual(['202', '203']);
  });

  it('finds parents that loop, in the file or through the database', () => {
    expect(
      codes(
        planImport(
          file(row('210', '211', 'grassroots_cell'), row('211', '210', 'grassroots_committee')),
          world(WARD),
        ),
      ),
    ).toEqual(['import_parent_cycle', 'import_parent_cycle']);
    // The ward under its own cell: the cell stays where it is, under the ward.
    expect(
      codes(planImport(file(row('200', '201', 'superior_committee')), world(PROVINCE))),
    ).toContain('import_parent_cycle');
  });

  it('lets the admin’s own org through unchanged only', () => {
    expect(codes(planImport(file(row('200', '100', 'superior_committee')), world(WARD)))).toEqual(
      [],
    );
    expect(
      codes(planImport(file(row('200', '100', 'superior_committee', 'Tên mới')), world(WARD))),
    ).toEqual(['import_root_changed']);
  });

  it('moves an org within the scope, and refuses a type its children do not fit', () => {
    const moved = planImport(file(row('201', '300', 'grassroots_cell')), world(PROVINCE));
    expect(moved.summary.rows[0]).toMatchObject({ action: 'update', changes: ['Mã đơn vị cha'] });
    expect(moved.orgWrites[0]).toMatchObject({ moves: true, parentCode: '300' });
    expect(codes(planImport(file(row('200', '100', 'grassroots_cell')), world(PROVINCE)))).toEqual([
      'import_type_change_breaks_children',
    ]);
  });

  it('writes roots only for the whole database (the operator)', () => {
    const root = row('900', null, 'province_committee');
    expect(codes(planImport(file(root), world(null)))).toEqual([]);
    expect(codes(planImport(file(root), world(WARD)))).toEqual(['import_parent_required']);
    expect(codes(planImport(file(row('901', null, 'superior_committee')), world(null)))).toEqual([
      'root_must_be_province_committee',
    ]);
  });
});
