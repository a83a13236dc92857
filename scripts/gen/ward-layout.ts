import type { OrgTreeBuilder, PlannedOrg } from './org-builder';
import { committeeContacts, slugOf } from './contacts';
import { PLACE_SYLLABLES, type Province } from './places';
import type { Rng } from './prng';

/** How big the wards of a tier are. */
export interface WardSizes {
  residentialCells: readonly [number, number];
  residentialMembers: readonly [number, number];
  /** Companies with their own party cell or committee in the ward. */
  enterprises: readonly [number, number];
}

export interface WardSpec {
  /** "Việt Hưng" */
  name: string;
  urban: boolean;
  /** The demo ward: fixed composition and the demo accounts' usernames. */
  demo: boolean;
}

/** Members per cell by what the cell is. */
const MEMBERS = {
  office: [12, 20],
  agency: [10, 25],
  health: [5, 12],
  police: [8, 25],
  military: [5, 12],
  school: [8, 20],
  enterprise: [6, 25],
} as const;

const DEMO_RESIDENTIAL_MEMBERS = [30, 65] as const;

const SCHOOL_GROUPS = [
  'Chi bộ Tổ Khoa học Tự nhiên',
  'Chi bộ Tổ Khoa học Xã hội',
  'Chi bộ Tổ Văn phòng',
  'Chi bộ Tổ Ngoại ngữ - Nghệ thuật',
];
const KINDERGARTEN_NAMES = ['Hoa Sữa', 'Hoa Sen', 'Họa Mi', 'Sơn Ca', 'Hoa Hồng', 'Tuổi Thơ'];
const TRADES = [
  'Xây dựng',
  'Thương mại',
  'Dịch vụ',
  'May',
  'Cơ khí',
  'Vận tải',
  'Môi trường',
  'Đầu tư và Phát triển',
  'Điện nước',
  'Thực phẩm',
];
const ENTERPRISE_CELLS = [
  'Chi bộ Phòng Kỹ thuật',
  'Chi bộ Phòng Kinh doanh',
  'Chi bộ Phòng Tài chính - Kế toán',
  'Chi bộ Phân xưởng 1',
  'Chi bộ Phân xưởng 2',
  'Chi bộ Đội Thi công số 1',
];

const SOUTHERN = (p: Province) => Number(p.code) >= 70;

/** A two-syllable place name not used yet in `taken` ("Phú Thượng", "Đông Hòa"). */
export function placeName(rng: Rng, taken: Set<string>): string {
  for (let attempt = 0; ; attempt++) {
    const a = rng.pick(PLACE_SYLLABLES);
    const b = rng.pick(PLACE_SYLLABLES);
    const name = attempt < 50 ? `${a} ${b}` : `${a} ${b} ${attempt}`;
    if (a !== b && !taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

/**
 * A ward or commune committee with what such a committee has below it since the 2025 reform:
 * the office cells, the residential cells (Chi bộ Tổ dân phố / Thôn), the cells of the ward's
 * health station, police and military, the schools, and some companies.
 */
export function buildWard(
  b: OrgTreeBuilder,
  province: Province,
  parent: PlannedOrg,
  spec: WardSpec,
  sizes: WardSizes,
): PlannedOrg {
  const rng = b.random;
  const level = spec.urban ? 'Phường' : 'Xã';
  const levelLower = level.toLowerCase();
  const wardName = `${level} ${spec.name}`;
  const slug = slugOf(spec.name);
  const ward = b.add(parent, province, {
    name: `Đảng bộ ${wardName}`,
    type: 'superior_committee',
    wardName,
    isWard: true,
    ...committeeContacts(
      rng,
      province,
      `danguy.${slug}`,
      `https://${slug}.${province.slug}.gov.vn`,
    ),
    ...(spec.demo ? { demoKey: 'phuong' } : {}),
  });
  const cell = (
    name: string,
    kind: keyof typeof MEMBERS,
    extra: { mayBeInactive?: boolean } = {},
  ): PlannedOrg =>
    b.add(ward, province, {
      name,
      type: 'grassroots_cell',
      kind,
      members: MEMBERS[kind],
      ...extra,
    });

  const office = cell('Chi bộ Cơ quan Đảng - Đoàn thể', 'office');
  b.staff(ward, office);
  cell(`Chi bộ Cơ quan Ủy ban nhân dân ${levelLower}`, 'agency');

  const residentialCount = spec.demo ? 62 : rng.int(...sizes.residentialCells);
  const villages = new Set<string>();
  for (let n = 1; n <= residentialCount; n++) {
    const name = spec.urban
      ? SOUTHERN(province)
        ? `Chi bộ Khu phố ${n}`
        : `Chi bộ Tổ dân phố số ${n}`
      : `Chi bộ ${SOUTHERN(province) ? 'Ấp' : 'Thôn'} ${placeName(rng, villages)}`;
    b.add(ward, province, {
      name,
      type: 'grassroots_cell',
      kind: 'residential',
      // The demo ward looks the same in every tier.
      members: spec.demo ? DEMO_RESIDENTIAL_MEMBERS : sizes.residentialMembers,
      addressDetail: spec.urban ? `Tổ dân phố số ${n}` : null,
      mayBeInactive: !spec.demo,
      ...(spec.demo ? { demoKey: `chibo${n}` } : {}),
    });
  }

  cell(`Chi bộ Trạm Y tế ${levelLower}`, 'health');
  cell(`Chi bộ Công an ${levelLower}`, 'police');
  cell(`Chi bộ Quân sự ${levelLower}`, 'military');

  const secondary = b.add(ward, province, {
    name: `Đảng bộ Trường THCS ${spec.name}`,
    type: 'grassroots_committee',
    kind: 'school',
    ...committeeContacts(rng, province, `thcs.${slug}`, null),
  });
  const groups = spec.demo ? 3 : rng.int(2, 4);
  for (let i = 0; i < groups; i++) {
    const group = b.add(secondary, province, {
      name: SCHOOL_GROUPS[i] ?? `Chi bộ Tổ ${i + 1}`,
      type: 'affiliated_cell',
      cellSubtype: 'school_cell',
      kind: 'school',
      members: MEMBERS.school,
    });
    if (i === 0) b.staff(secondary, group);
  }
  cell(`Chi bộ Trường Tiểu học ${spec.name}`, 'school');
  cell(`Chi bộ Trường Mầm non ${rng.pick(KINDERGARTEN_NAMES)}`, 'school');

  if (spec.demo) {
    // Merged into the residential cells long ago, kept on file: the demo shows an inactive org.
    b.add(ward, province, {
      name: `Chi bộ Hợp tác xã Dịch vụ ${spec.name}`,
      type: 'grassroots_cell',
      kind: 'enterprise',
      dissolved: true,
    });
  } else {
    buildEnterprises(b, province, ward, rng.int(...sizes.enterprises));
  }
  return ward;
}

function buildEnterprises(b: OrgTreeBuilder, province: Province, ward: PlannedOrg, count: number) {
  const rng = b.random;
  const taken = new Set<string>();
  for (let i = 0; i < count; i++) {
    const company = `${rng.pick(TRADES)} ${placeName(rng, taken)}`;
    if (rng.chance(0.6)) {
      b.add(ward, province, {
        name: `Chi bộ Công ty TNHH ${company}`,
        type: 'grassroots_cell',
        kind: 'enterprise',
        members: MEMBERS.enterprise,
        mayBeInactive: true,
      });
      continue;
    }
    const committee = b.add(ward, province, {
      name: `Đảng bộ Công ty Cổ phần ${company}`,
      type: 'grassroots_committee',
      kind: 'enterprise',
      ...committeeContacts(rng, province, `danguy.${slugOf(company)}`, null),
    });
    const office = b.add(committee, province, {
      name: 'Chi bộ Văn phòng Công ty',
      type: 'affiliated_cell',
      cellSubtype: 'enterprise_cell',
      members: MEMBERS.enterprise,
    });
    b.staff(committee, office);
    const cells = rng.int(2, 4);
    for (let c = 1; c <= cells; c++) {
      b.add(committee, province, {
        name: ENTERPRISE_CELLS[c - 1] ?? `Chi bộ Phân xưởng ${c}`,
        type: 'affiliated_cell',
        cellSubtype: 'enterprise_cell',
        members: MEMBERS.enterprise,
        mayBeInactive: true,
      });
    }
  }
}
