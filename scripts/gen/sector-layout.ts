import type { CellSubtype } from '../../src/domain/org/org-types';
import type { CellKind, OrgTreeBuilder, PlannedOrg } from './org-builder';
import { committeeContacts, slugOf } from './contacts';
import { provinceFullName, type Province } from './places';
import type { Rng } from './prng';
import { placeName } from './ward-layout';
import {
  BORDER,
  COMPANY_CELLS,
  COMPANY_TRADES,
  DEPARTMENTS,
  OFFICE_DEPARTMENTS,
  PARTY_AGENCIES,
  SCHOOL_GROUPS,
  SPECIALTIES,
  WARDS_OF_HOSPITAL,
} from './sector-names';

/** A grassroots committee (an agency, hospital, company, regiment…) and the cells below it. */
export interface UnitSpec {
  name: string;
  kind: CellKind;
  subtype: CellSubtype;
  /** The cell whose members staff the committee ("Chi bộ Văn phòng"). */
  officeCell: string;
  /** Further cells: names are drawn from the list, or numbered when it runs out. */
  cellNames: readonly string[];
  numberedCell: (n: number) => string;
  cells: readonly [number, number];
  members: readonly [number, number];
  /** Chance of each sub-committee, and how it is named and filled. */
  subCommittees?: {
    count: readonly [number, number];
    name: (n: number) => string;
    cellName: (n: number) => string;
    subtype: CellSubtype;
    cells: readonly [number, number];
  };
}

function pickDistinct<T>(rng: Rng, items: readonly T[], n: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length > 0) {
    out.push(pool.splice(Math.floor(rng.next() * pool.length), 1)[0] as T);
  }
  return out;
}

export function buildUnit(
  b: OrgTreeBuilder,
  province: Province,
  parent: PlannedOrg,
  spec: UnitSpec,
): PlannedOrg {
  const rng = b.random;
  const unit = b.add(parent, province, {
    name: spec.name,
    type: 'grassroots_committee',
    kind: spec.kind,
    wardName: null,
    ...committeeContacts(
      rng,
      province,
      `danguy.${slugOf(spec.name.replace(/^Đảng bộ /, ''))}`,
      null,
    ),
  });
  const cell = (under: PlannedOrg, name: string, subtype: CellSubtype, staffCell: boolean) =>
    b.add(under, province, {
      name,
      type: 'affiliated_cell',
      cellSubtype: subtype,
      kind: spec.kind,
      members: spec.members,
      mayBeInactive: !staffCell,
    });
  b.staff(unit, cell(unit, spec.officeCell, spec.subtype, true));
  const count = rng.int(...spec.cells);
  const named = pickDistinct(rng, spec.cellNames, count);
  for (let i = 0; i < count; i++) {
    cell(unit, named[i] ?? spec.numberedCell(i + 1 - named.length), spec.subtype, false);
  }
  const sub = spec.subCommittees;
  if (sub) {
    const subs = rng.int(...sub.count);
    for (let s = 1; s <= subs; s++) {
      const subCommittee = b.add(unit, province, {
        name: sub.name(s),
        type: 'sub_committee',
        kind: spec.kind,
      });
      const cells = rng.int(...sub.cells);
      for (let c = 1; c <= cells; c++) {
        const made = cell(subCommittee, sub.cellName(c), sub.subtype, c === 1);
        if (c === 1) b.staff(subCommittee, made);
      }
    }
  }
  return unit;
}

/** A superior committee of a sector with its own office cell, which staffs it. */
export function buildSectorCommittee(
  b: OrgTreeBuilder,
  province: Province,
  parent: PlannedOrg,
  name: string,
  mailbox: string,
): PlannedOrg {
  const committee = b.add(parent, province, {
    name,
    type: 'superior_committee',
    kind: 'agency',
    wardName: null,
    ...committeeContacts(b.random, province, mailbox, null),
  });
  const office = b.add(committee, province, {
    name: 'Chi bộ Cơ quan Đảng ủy',
    type: 'grassroots_cell',
    kind: 'office',
    members: [12, 20],
  });
  b.staff(committee, office);
  return committee;
}

const count = (rng: Rng, base: number, scale: number) =>
  Math.max(1, Math.round(base * scale * (0.8 + 0.4 * rng.next())));

export const agencyUnit = (name: string): Omit<UnitSpec, 'cells'> => ({
  name,
  kind: 'agency',
  subtype: 'agency_cell',
  officeCell: 'Chi bộ Văn phòng',
  cellNames: OFFICE_DEPARTMENTS,
  numberedCell: (n) => `Chi bộ Phòng Nghiệp vụ ${n}`,
  members: [6, 18],
});

/**
 * The sectors of a province besides its wards: party agencies, the people's committee with its
 * departments, hospitals, high schools and state companies, the police and the military.
 */
export function buildProvinceSectors(
  b: OrgTreeBuilder,
  province: Province,
  root: PlannedOrg,
  scale: number,
): void {
  const rng = b.random;
  const full = provinceFullName(province);
  const level = province.city ? 'Thành phố' : 'Tỉnh';
  const committeeWord = province.city ? 'Thành ủy' : 'Tỉnh ủy';
  const units = (parent: PlannedOrg, names: readonly string[], spec: (n: string) => UnitSpec) => {
    for (const n of names) buildUnit(b, province, parent, spec(n));
  };

  const partyAgencies = buildSectorCommittee(
    b,
    province,
    root,
    `Đảng bộ Các cơ quan Đảng ${level}`,
    'danguy.caccoquandang',
  );
  units(
    partyAgencies,
    [...PARTY_AGENCIES.map((a) => `${a} ${committeeWord}`), `Báo ${province.name}`],
    (n) => ({
      ...agencyUnit(`Đảng bộ ${n}`),
      cells: [2, Math.max(2, Math.round(6 * scale))],
    }),
  );

  const government = buildSectorCommittee(
    b,
    province,
    root,
    `Đảng bộ Ủy ban nhân dân ${level}`,
    'danguy.ubnd',
  );
  units(government, DEPARTMENTS, (n) => ({
    ...agencyUnit(`Đảng bộ ${n}`),
    cells: [3, Math.max(3, Math.round(9 * scale))],
    subCommittees: {
      count: [0, Math.round(3 * scale)],
      name: (s) => `Đảng bộ bộ phận Chi cục ${s}`,
      cellName: (c) => (c === 1 ? 'Chi bộ Văn phòng Chi cục' : `Chi bộ Đội ${c - 1}`),
      subtype: 'agency_cell',
      cells: [2, 5],
    },
  }));
  const places = new Set<string>();
  const hospitals = count(rng, 10, scale);
  for (let h = 0; h < hospitals; h++) {
    const name =
      h < SPECIALTIES.length && rng.chance(0.5)
        ? `Bệnh viện ${SPECIALTIES[h]} ${province.name}`
        : `Bệnh viện Đa khoa ${placeName(rng, places)}`;
    buildUnit(b, province, government, {
      name: `Đảng bộ ${name}`,
      kind: 'health',
      subtype: 'agency_cell',
      officeCell: 'Chi bộ Phòng Tổ chức - Hành chính',
      cellNames: WARDS_OF_HOSPITAL,
      numberedCell: (n) => `Chi bộ Khoa Nội ${n}`,
      cells: [4, 11],
      members: [6, 20],
    });
  }
  const highSchools = count(rng, 40, scale);
  for (let s = 0; s < highSchools; s++) {
    const school = `Trường THPT ${placeName(rng, places)}`;
    if (rng.chance(0.5)) {
      b.add(government, province, {
        name: `Chi bộ ${school}`,
        type: 'grassroots_cell',
        kind: 'school',
        members: [8, 25],
        wardName: null,
        mayBeInactive: true,
      });
    } else {
      buildUnit(b, province, government, {
        name: `Đảng bộ ${school}`,
        kind: 'school',
        subtype: 'school_cell',
        officeCell: 'Chi bộ Tổ Văn phòng',
        cellNames: SCHOOL_GROUPS,
        numberedCell: (n) => `Chi bộ Khối ${n}`,
        cells: [2, 5],
        members: [6, 15],
      });
    }
  }
  const companies = count(rng, 40, scale);
  for (let c = 0; c < companies; c++) {
    const company = `${rng.pick(['Công ty Cổ phần', 'Công ty TNHH MTV'])} ${rng.pick(COMPANY_TRADES)} ${placeName(rng, places)}`;
    buildUnit(b, province, government, {
      name: `Đảng bộ ${company}`,
      kind: 'enterprise',
      subtype: 'enterprise_cell',
      officeCell: 'Chi bộ Văn phòng Công ty',
      cellNames: COMPANY_CELLS,
      numberedCell: (n) => `Chi bộ Phân xưởng ${n}`,
      cells: [2, 7],
      members: [6, 25],
      subCommittees: {
        count: [0, 2],
        name: (s) => `Đảng bộ bộ phận Xí nghiệp ${s}`,
        cellName: (n) => `Chi bộ Tổ sản xuất ${n}`,
        subtype: 'enterprise_cell',
        cells: [2, 5],
      },
    });
  }

  const police = buildSectorCommittee(
    b,
    province,
    root,
    `Đảng bộ Công an ${full}`,
    'danguy.congan',
  );
  const policeUnits = count(rng, 25, scale);
  for (let u = 1; u <= policeUnits; u++) {
    const code = `${rng.pick(['PA', 'PC', 'PV', 'PX', 'PH', 'PK'])}${String(u).padStart(2, '0')}`;
    buildUnit(b, province, police, {
      name: `Đảng bộ Phòng ${code}`,
      kind: 'police',
      subtype: 'agency_cell',
      officeCell: 'Chi bộ Đội Tổng hợp',
      cellNames: [],
      numberedCell: (n) => `Chi bộ Đội ${n}`,
      cells: [3, 8],
      members: [6, 20],
    });
  }

  const military = buildSectorCommittee(
    b,
    province,
    root,
    province.code === '01' ? 'Đảng bộ Bộ Tư lệnh Thủ đô' : `Đảng bộ Quân sự ${level}`,
    'danguy.quansu',
  );
  const regiments = count(rng, 6, scale);
  for (let r = 1; r <= regiments; r++) {
    const radar = r === regiments && rng.chance(0.5);
    buildUnit(b, province, military, {
      name: radar ? `Đảng bộ Trung đoàn Ra đa ${290 + r}` : `Đảng bộ Trung đoàn ${r * 10 + 2}`,
      kind: 'military',
      subtype: radar ? 'radar_cell' : 'company_cell',
      officeCell: 'Chi bộ Cơ quan Trung đoàn',
      cellNames: [],
      numberedCell: (n) => (radar ? `Chi bộ Trạm Ra đa ${n}` : `Chi bộ Đại đội ${20 + n}`),
      cells: [1, 3],
      members: [5, 15],
      subCommittees: {
        count: [2, 3],
        name: (s) => `Đảng bộ Tiểu đoàn ${s}`,
        cellName: (n) => `Chi bộ Đại đội ${n}`,
        subtype: 'company_cell',
        cells: [3, 4],
      },
    });
  }
  if (BORDER.has(province.code)) {
    buildUnit(b, province, military, {
      name: `Đảng bộ Bộ đội Biên phòng ${level.toLowerCase()}`,
      kind: 'military',
      subtype: 'border_post_cell',
      officeCell: 'Chi bộ Cơ quan Bộ Chỉ huy',
      cellNames: [],
      numberedCell: (n) => `Chi bộ Đồn Biên phòng ${n}`,
      cells: [4, 10],
      members: [6, 15],
      subCommittees: {
        count: [1, 1],
        name: () => 'Đảng bộ Hải đội Biên phòng',
        cellName: (n) => `Chi bộ Tàu BP-${String(10 + n).padStart(2, '0')}-${province.code}`,
        subtype: 'ship_cell',
        cells: [2, 4],
      },
    });
  }
}
