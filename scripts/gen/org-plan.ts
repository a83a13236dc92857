import { buildCentralCommittees } from './central-layout';
import { committeeContacts } from './contacts';
import { OrgTreeBuilder, type PlannedOrg } from './org-builder';
import { HANOI, PROVINCES, provinceCommitteeWord, provinceFullName, type Province } from './places';
import type { Rng } from './prng';
import { buildProvinceSectors } from './sector-layout';
import { buildWard, placeName, type WardSizes } from './ward-layout';

export const TIERS = ['ward', 'province', 'nation'] as const;
export type Tier = (typeof TIERS)[number];

/** Code of the Hà Nội committee in the national system (seed 002); the rest follow it. */
const FIRST_ORG_CODE = 2256101;
const DEMO_WARD = 'Việt Hưng';

interface TierSpec {
  provinces: readonly Province[];
  /** Ward and commune committees of a province, the demo ward included. */
  wards: (province: Province, rng: Rng) => number;
  wardSizes: WardSizes;
  /** Size of the sectors besides the wards, or null for none. */
  sectorScale: number | null;
  centralScale: number | null;
  /** Members (and so accounts) everywhere, or only in the demo ward and the Hà Nội office. */
  membersEverywhere: boolean;
}

const TIER_SPECS: Record<Tier, TierSpec> = {
  ward: {
    provinces: [HANOI],
    wards: () => 1,
    wardSizes: { residentialCells: [62, 62], residentialMembers: [30, 65], enterprises: [0, 0] },
    sectorScale: null,
    centralScale: null,
    membersEverywhere: true,
  },
  province: {
    provinces: [HANOI],
    wards: () => 126,
    wardSizes: { residentialCells: [45, 110], residentialMembers: [20, 47], enterprises: [0, 8] },
    sectorScale: 2.5,
    centralScale: null,
    membersEverywhere: true,
  },
  nation: {
    provinces: PROVINCES,
    wards: (p, rng) => Math.round(p.weight * rng.int(102, 118)),
    wardSizes: { residentialCells: [25, 75], residentialMembers: [20, 50], enterprises: [0, 4] },
    sectorScale: 0.7,
    centralScale: 1,
    membersEverywhere: false,
  },
};

function buildProvince(
  b: OrgTreeBuilder,
  province: Province,
  spec: TierSpec,
  onRoot: (root: PlannedOrg) => void,
): void {
  const rng = b.random;
  const root = b.add(null, province, {
    name: `Đảng bộ ${provinceFullName(province)}`,
    type: 'province_committee',
    kind: 'agency',
    wardName: null,
    ...committeeContacts(
      rng,
      province,
      `vanphong.${province.city ? 'thanhuy' : 'tinhuy'}`,
      `https://${province.city ? 'thanhuy' : 'tinhuy'}${province.slug}.vn`,
    ),
  });
  onRoot(root);
  const office = b.add(root, province, {
    name: `Chi bộ Văn phòng ${provinceCommitteeWord(province)}`,
    type: 'grassroots_cell',
    kind: 'office',
    members: [15, 25],
  });
  b.staff(root, office);

  const withDemo = province === HANOI;
  const taken = new Set<string>(withDemo ? [DEMO_WARD] : []);
  const wards = spec.wards(province, rng);
  for (let w = 0; w < wards; w++) {
    const demo = withDemo && w === 0;
    buildWard(
      b,
      province,
      root,
      {
        name: demo ? DEMO_WARD : placeName(rng, taken),
        urban: demo || rng.chance(province.city ? 0.7 : 0.2),
        demo,
      },
      spec.wardSizes,
    );
  }
  if (spec.sectorScale !== null) buildProvinceSectors(b, province, root, spec.sectorScale);
}

/**
 * The org tree of a tier, parents before children, with the member count of every cell decided:
 * cheap enough to count a province without generating its 400,000 members.
 */
export function planOrgs(tier: Tier, rng: Rng): PlannedOrg[] {
  const spec = TIER_SPECS[tier];
  let hanoiRoot: PlannedOrg | null = null;
  const populate = (org: PlannedOrg): boolean =>
    spec.membersEverywhere ||
    org.ward?.demoKey === 'phuong' ||
    (org.parent !== null && org.parent === hanoiRoot && org.kind === 'office');
  const b = new OrgTreeBuilder(rng, FIRST_ORG_CODE, populate);
  for (const province of spec.provinces) {
    buildProvince(b, province, spec, (root) => {
      if (province === HANOI) hanoiRoot = root;
    });
  }
  if (spec.centralScale !== null) buildCentralCommittees(b, spec.centralScale);
  return b.orgs;
}
