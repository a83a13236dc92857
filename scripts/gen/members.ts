import { isCell } from '../../src/domain/org/org-types';
import type { MemberPosition, MemberStatus, Position } from '../../src/domain/people/member';
import { foldForSearch } from '../../src/domain/text/fold';
import { vietnameseNameSortKey } from '../../src/domain/text/vietnamese-names';
import { DEMO_ACCOUNTS, type DemoAccount } from './demo-accounts';
import { usernameFor, type Duty } from './duties';
import { IdentityGenerator } from './identity';
import { randomVietnameseName, type Sex } from './names';
import {
  CELL_POSITION_HOLDERS,
  COMMITTEE_STAFF_SIZE,
  type CellKind,
  type PlannedOrg,
} from './org-builder';
import { BIRTH_PROVINCE_CODES } from './places';
import type { Rng } from './prng';
import { REFERENCE_DATE, REFERENCE_TIME, type MemberRow } from './rows';

/** A member who holds a staff account, with the org the account works for. */
export interface Officer {
  member: MemberRow;
  org: PlannedOrg;
  duty: Duty;
}

/** What one member of a cell is for: positions held and the account's duty, if any. */
interface Slot {
  positions: MemberPosition[];
  duties: Array<{ org: PlannedOrg; duty: Duty }>;
  /** Committee staff are of working age whatever cell they sit in. */
  staff: boolean;
}

const MALE_SHARE: Record<CellKind, number> = {
  residential: 0.55,
  office: 0.5,
  agency: 0.5,
  school: 0.3,
  health: 0.35,
  police: 0.85,
  military: 0.95,
  enterprise: 0.6,
};

/** Birth years by cell kind: residential cells are mostly retirees, the rest of working age. */
const BIRTH_YEARS: Record<CellKind, readonly [number, number]> = {
  residential: [1945, 2000],
  office: [1968, 2000],
  agency: [1966, 2002],
  school: [1966, 2002],
  health: [1966, 2002],
  police: [1975, 2004],
  military: [1975, 2004],
  enterprise: [1966, 2002],
};

const DAY_MS = 86_400_000;
const REFERENCE_MS = Date.parse(REFERENCE_TIME);
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const addYears = (ms: number, years: number) => {
  const d = new Date(ms);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.getTime();
};

const DEMO_BY_USERNAME = new Map(DEMO_ACCOUNTS.map((a) => [a.username, a]));

/** Who holds what in a cell of `n` members: its own officers first, committee staff last. */
function slotsOf(rng: Rng, cell: PlannedOrg, n: number): Slot[] {
  const slots: Slot[] = Array.from({ length: n }, () => ({
    positions: [],
    duties: [],
    staff: false,
  }));
  const hold = (i: number, org: PlannedOrg, position: Position | null, duty: Duty | null) => {
    const slot = slots[i] as Slot;
    if (position) slot.positions.push({ orgId: org.row.id, position });
    if (duty) slot.duties.push({ org, duty });
  };
  hold(0, cell, 'secretary', 'secretary');
  // Cells of at least 5 usually have a deputy; from 9 they elect a small committee (chi ủy).
  if (n >= 5 && (cell.demoKey !== null || rng.chance(0.85)))
    hold(1, cell, 'deputy_secretary', 'deputy');
  if (n >= 9) {
    hold(2, cell, 'committee_member', null);
    hold(3, cell, 'committee_member', null);
  }
  cell.staffs.forEach((committee, k) => {
    const base = n - COMMITTEE_STAFF_SIZE * (k + 1);
    if (base < CELL_POSITION_HOLDERS)
      throw new Error(`cell ${cell.row.name} too small for its staff`);
    hold(base, committee, 'secretary', 'secretary');
    hold(base + 1, committee, 'deputy_secretary', null);
    hold(base + 2, committee, 'committee_member', null);
    hold(base + 3, committee, 'committee_member', null);
    hold(base + 4, committee, null, 'admin');
    hold(base + 5, committee, null, 'processor');
    hold(base + 6, committee, null, 'fee_officer');
    hold(base + 7, committee, null, 'clerk');
    for (let i = base; i < base + COMMITTEE_STAFF_SIZE; i++) (slots[i] as Slot).staff = true;
  });
  return slots;
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Residential cells a member of `cell` may live in: the ward's, or the province's outside wards.
 */
class ResidenceIndex {
  private readonly byWard = new Map<string, string[]>();
  private readonly byProvince = new Map<string, string[]>();

  constructor(orgs: readonly PlannedOrg[]) {
    for (const org of orgs) {
      if (org.kind !== 'residential' || !isCell(org.type) || org.row.status !== 'active') continue;
      if (org.ward) push(this.byWard, org.ward.row.id, org.row.id);
      push(this.byProvince, org.province.code, org.row.id);
    }
  }

  residenceOf(rng: Rng, cell: PlannedOrg): string | null {
    const wardCells = cell.ward ? this.byWard.get(cell.ward.row.id) : undefined;
    if (cell.kind === 'residential') {
      const r = rng.next();
      if (r < 0.9) return cell.row.id;
      if (r < 0.96 && wardCells) return rng.pick(wardCells);
      return null;
    }
    if (wardCells) return rng.chance(0.75) ? rng.pick(wardCells) : null;
    const provinceCells = this.byProvince.get(cell.province.code);
    return provinceCells && rng.chance(0.65) ? rng.pick(provinceCells) : null;
  }
}

/** Folding and sort keys repeat for the same name: computing each once saves seconds at scale. */
class NameKeys {
  private readonly cache = new Map<string, { folded: string; sortKey: string }>();
  of(fullName: string) {
    let keys = this.cache.get(fullName);
    if (!keys) {
      keys = { folded: foldForSearch(fullName), sortKey: vietnameseNameSortKey(fullName) };
      this.cache.set(fullName, keys);
    }
    return keys;
  }
}

function drawStatus(rng: Rng, birthYear: number, officer: boolean): MemberStatus {
  if (officer || rng.chance(0.97)) return 'active';
  if (birthYear < 1960 && rng.chance(0.5)) return 'deceased';
  return rng.chance(0.7) ? 'transferred_out' : 'removed';
}

/**
 * The members of every populated cell, in org order, with the positions of cells and committees
 * and the officers who get staff accounts.
 */
export function buildMembers(
  rng: Rng,
  orgs: readonly PlannedOrg[],
): { members: MemberRow[]; officers: Officer[] } {
  const ids = new IdentityGenerator(rng.fork('identity'));
  const residences = new ResidenceIndex(orgs);
  const names = new NameKeys();
  const members: MemberRow[] = [];
  const officers: Officer[] = [];

  for (const cell of orgs) {
    if (cell.memberCount === 0) continue;
    const slots = slotsOf(rng, cell, cell.memberCount);
    for (const slot of slots) {
      const officer = slot.positions.length > 0 || slot.duties.length > 0;
      const demo = slot.duties
        .map(({ org, duty }) => DEMO_BY_USERNAME.get(usernameFor(org, duty)))
        .find((a): a is DemoAccount => a !== undefined);
      const member = drawMember(rng, ids, names, cell, slot, officer, demo);
      member.residence_org_id = residences.residenceOf(rng, cell);
      members.push(member);
      for (const { org, duty } of slot.duties) officers.push({ member, org, duty });
    }
  }
  return { members, officers };
}

function drawMember(
  rng: Rng,
  ids: IdentityGenerator,
  names: NameKeys,
  cell: PlannedOrg,
  slot: Slot,
  officer: boolean,
  demo: DemoAccount | undefined,
): MemberRow {
  const sex: Sex = demo?.sex ?? (rng.chance(MALE_SHARE[cell.kind]) ? 'male' : 'female');
  const fullName = demo?.fullName ?? randomVietnameseName(rng, sex);
  const [minYear, maxYear] = slot.staff ? BIRTH_YEARS.office : BIRTH_YEARS[cell.kind];
  // Residential cells skew old: the smaller of two draws favours early years.
  const u =
    cell.kind === 'residential' && !slot.staff ? Math.min(rng.next(), rng.next()) : rng.next();
  const birthYear = minYear + Math.floor(u * (maxYear - minYear + 1));
  const birthMs = Date.UTC(birthYear, 0, 1) + rng.int(0, 364) * DAY_MS;
  const birthDate = isoDate(birthMs);

  // Most join in their twenties; never before 18 nor in the last two months.
  const adultMs = addYears(birthMs, 18);
  const latestMs = REFERENCE_MS - 60 * DAY_MS;
  let joinedMs =
    addYears(birthMs, 18 + Math.floor(20 * Math.min(rng.next(), rng.next()))) +
    rng.int(0, 364) * DAY_MS;
  if (joinedMs > latestMs) joinedMs = adultMs + Math.floor(rng.next() * (latestMs - adultMs));
  // Probation lasts a year; those who joined less than a year ago are not official yet.
  const officialMs = joinedMs + (365 + rng.int(0, 45)) * DAY_MS;

  const birthProvince = rng.chance(0.55) ? cell.province.code : rng.pick(BIRTH_PROVINCE_CODES);
  const hasCard = rng.chance(0.9);
  const { folded, sortKey } = names.of(fullName);
  return {
    id: rng.uuid(),
    full_name: fullName,
    name_folded: folded,
    sort_key: sortKey,
    birth_date: birthDate,
    sex,
    citizen_id: ids.citizenId(birthProvince, birthYear, sex),
    card_no: hasCard ? ids.cardNo() : null,
    profile_no: !hasCard || rng.chance(0.4) ? ids.profileNo(cell.province.code) : null,
    home_org_id: cell.row.id,
    residence_org_id: null,
    phone: officer || rng.chance(0.8) ? ids.mobile() : null,
    email: rng.chance(officer ? 0.5 : 0.3) ? ids.email(fullName, birthYear) : null,
    joined_on: isoDate(joinedMs),
    official_on: isoDate(officialMs) <= REFERENCE_DATE ? isoDate(officialMs) : null,
    positions: JSON.stringify(slot.positions),
    status: drawStatus(rng, birthYear, officer),
    updated_at: REFERENCE_TIME,
  };
}
