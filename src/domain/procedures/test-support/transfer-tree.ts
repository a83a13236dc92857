import type { OrgType } from '../../org/org-types';
import type { RouteOrg } from '../transfer-route';

/** A small org tree for the procedure tests: ids are readable UUIDs. */
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const tree = {
  province: uuid(1),
  ward: uuid(2),
  cell1: uuid(3),
  cell2: uuid(4),
  committee: uuid(5),
  sub: uuid(6),
  affiliated1: uuid(7),
  affiliated2: uuid(8),
  otherWard: uuid(9),
  otherCell: uuid(10),
  affiliated3: uuid(11),
};

const parents: Record<string, [string | null, OrgType]> = {
  [tree.province]: [null, 'province_committee'],
  [tree.ward]: [tree.province, 'superior_committee'],
  [tree.cell1]: [tree.ward, 'grassroots_cell'],
  [tree.cell2]: [tree.ward, 'grassroots_cell'],
  [tree.committee]: [tree.ward, 'grassroots_committee'],
  [tree.sub]: [tree.committee, 'sub_committee'],
  [tree.affiliated1]: [tree.sub, 'affiliated_cell'],
  [tree.affiliated2]: [tree.committee, 'affiliated_cell'],
  [tree.affiliated3]: [tree.sub, 'affiliated_cell'],
  [tree.otherWard]: [tree.province, 'superior_committee'],
  [tree.otherCell]: [tree.otherWard, 'grassroots_cell'],
};

export function pathOf(id: string): RouteOrg[] | null {
  const out: RouteOrg[] = [];
  let at: string | null = id;
  while (at) {
    const entry: [string | null, OrgType] | undefined = parents[at];
    if (!entry) return null;
    out.unshift({ id: at, type: entry[1] });
    at = entry[0];
  }
  return out;
}

export const cells = [
  tree.cell1,
  tree.cell2,
  tree.affiliated1,
  tree.affiliated2,
  tree.affiliated3,
  tree.otherCell,
];
