import type { CellSubtype, OrgType } from '../../src/domain/org/org-types';
import { isCell } from '../../src/domain/org/org-types';
import { foldForSearch } from '../../src/domain/text/fold';
import type { Province } from './places';
import { provinceFullName } from './places';
import type { Rng } from './prng';
import { REFERENCE_TIME, type OrgRow } from './rows';

/** What a cell's members are like: shapes their age, sex and where they live. */
export type CellKind =
  'residential' | 'office' | 'agency' | 'school' | 'health' | 'police' | 'military' | 'enterprise';

/** An org with what the rest of the generator needs to know about it beyond its row. */
export interface PlannedOrg {
  row: OrgRow;
  type: OrgType;
  parent: PlannedOrg | null;
  province: Province;
  /** The ward or commune committee above (or equal to) this org, if any. */
  ward: PlannedOrg | null;
  kind: CellKind;
  /** Cells: how many members are registered here (0 for committees and dissolved cells). */
  memberCount: number;
  /** Cells: the committees whose positions and staff accounts this cell's members hold. */
  staffs: PlannedOrg[];
  /** Whether members (and so accounts) are generated for this org in the tier. */
  populated: boolean;
  /** Fixed usernames for the demo ward: 'phuong' for the ward, 'chibo1' for residential cell 1. */
  demoKey: string | null;
}

export interface OrgSpec {
  name: string;
  type: OrgType;
  cellSubtype?: CellSubtype;
  kind?: CellKind;
  /** Cells: range of the member count. */
  members?: readonly [number, number];
  /** Ward name for the address ("Phường Việt Hưng"); inherited from the parent when omitted. */
  wardName?: string | null;
  addressDetail?: string | null;
  email?: string | null;
  phone?: string | null;
  website?: string | null;
  description?: string | null;
  /** Dissolved cells stay in the tree as inactive, without members: a few by chance… */
  mayBeInactive?: boolean;
  /** …or this one for sure. */
  dissolved?: boolean;
  /**
   * A ward or commune committee: residence cells of members below it are picked among its cells.
   */
  isWard?: boolean;
  demoKey?: string;
}

/**
 * Members of a committee's staff: positions (secretary, deputy, 2 committee members) and accounts.
 */
export const COMMITTEE_STAFF_SIZE = 8;
/** Position holders of a cell itself: secretary, deputy, up to 2 committee members. */
export const CELL_POSITION_HOLDERS = 4;

// Seals belong to grassroots orgs and everything above them.
const HAS_SEAL: ReadonlySet<OrgType> = new Set([
  'province_committee',
  'superior_committee',
  'grassroots_committee',
  'grassroots_cell',
]);
const HAS_TAX_CODE: ReadonlySet<OrgType> = new Set([
  'province_committee',
  'superior_committee',
  'grassroots_committee',
]);

/**
 * Creates orgs in pre-order (parents before children, which is also the order they are written
 * in), with unique 7-digit codes and tax codes drawn from one stream.
 */
export class OrgTreeBuilder {
  readonly orgs: PlannedOrg[] = [];
  private nextCode: number;
  private readonly taxCodes = new Set<string>();

  constructor(
    private readonly rng: Rng,
    firstCode: number,
    private readonly populate: (org: PlannedOrg) => boolean,
  ) {
    this.nextCode = firstCode;
  }

  get random(): Rng {
    return this.rng;
  }

  add(parent: PlannedOrg | null, province: Province, spec: OrgSpec): PlannedOrg {
    const rng = this.rng;
    const id = rng.uuid();
    const code = String(this.nextCode);
    this.nextCode += rng.int(1, 3);
    const inactive = spec.dissolved === true || (spec.mayBeInactive === true && rng.chance(0.004));
    const wardName = spec.wardName !== undefined ? spec.wardName : (parent?.row.ward ?? null);
    const row: OrgRow = {
      id,
      code,
      name: spec.name,
      name_folded: foldForSearch(spec.name),
      parent_id: parent?.row.id ?? null,
      path: `${parent?.row.path ?? '/'}${id}/`,
      depth: parent === null ? 0 : parent.row.depth + 1,
      type: spec.type,
      cell_subtype: spec.cellSubtype ?? null,
      tax_code: HAS_TAX_CODE.has(spec.type) ? this.taxCode(province) : null,
      email: spec.email ?? null,
      phone: spec.phone ?? null,
      website: spec.website ?? null,
      province: provinceFullName(province),
      ward: wardName,
      address_detail: spec.addressDetail ?? null,
      description: spec.description ?? null,
      allocation_direction: rng.chance(0.94) ? 'top_down' : 'bottom_up',
      has_seal: HAS_SEAL.has(spec.type) ? 1 : 0,
      status: inactive ? 'inactive' : 'active',
      updated_at: REFERENCE_TIME,
      seal_image_sha256: null,
    };
    const [min, max] = spec.members ?? [0, 0];
    const org: PlannedOrg = {
      row,
      type: spec.type,
      parent,
      province,
      ward: parent?.ward ?? null,
      kind: spec.kind ?? parent?.kind ?? 'agency',
      memberCount: isCell(spec.type) && !inactive ? rng.int(min, max) : 0,
      staffs: [],
      populated: false,
      demoKey: spec.demoKey ?? null,
    };
    if (spec.isWard === true) org.ward = org;
    org.populated = this.populate(org);
    if (!org.populated) org.memberCount = 0;
    this.orgs.push(org);
    return org;
  }

  /** Makes `cell` the source of `committee`'s officers, growing it so they fit. */
  staff(committee: PlannedOrg, cell: PlannedOrg): void {
    cell.staffs.push(committee);
    if (cell.populated) {
      const needed = CELL_POSITION_HOLDERS + COMMITTEE_STAFF_SIZE * cell.staffs.length + 2;
      cell.memberCount = Math.max(cell.memberCount, needed);
    }
  }

  private taxCode(province: Province): string {
    for (;;) {
      const code = province.code + this.rng.digits(8);
      if (!this.taxCodes.has(code)) {
        this.taxCodes.add(code);
        return code;
      }
    }
  }
}
