import { describe, expect, it } from 'vitest';
import { BankAccount, Org, validateBankAccounts } from '../../src/domain/org/org';
import { isCell, OrgType, validateOrgPlacement } from '../../src/domain/org/org-types';
import { Member } from '../../src/domain/people/member';
import { User, type Role } from '../../src/domain/people/user';
import { foldForSearch } from '../../src/domain/text/fold';
import { validateCitadCode } from '../../src/domain/validation/citad-code';
import { validateCitizenId } from '../../src/domain/validation/citizen-id';
import { validateVietnameseMobile } from '../../src/domain/validation/mobile-phone';
import { DEMO_ACCOUNTS, DEMO_CELL_NAME, DEMO_WARD_NAME } from './demo-accounts';
import { buildModel, planTier } from './model';
import { FAMILY_NAME_SHARES } from './names';
import type { GeneratedRows, OrgRow } from './rows';

const HASH = 'scrypt$1024$8$1$c2FsdA==$aGFzaA==';
const ward = buildModel('ward', 7, HASH);
const orgById = new Map(ward.orgs.map((o) => [o.id, o]));

const orgOf = (row: OrgRow) => ({
  id: row.id,
  code: row.code,
  name: row.name,
  parentId: row.parent_id,
  type: row.type,
  cellSubtype: row.cell_subtype,
  taxCode: row.tax_code,
  email: row.email,
  phone: row.phone,
  website: row.website,
  province: row.province,
  ward: row.ward,
  addressDetail: row.address_detail,
  description: row.description,
  allocationDirection: row.allocation_direction,
  hasSeal: row.has_seal === 1,
  status: row.status,
});

describe('the pure model', () => {
  it('is deterministic: the same seed gives identical rows, another seed different ones', () => {
    expect(buildModel('ward', 7, HASH)).toEqual(ward);
    const other = buildModel('ward', 8, HASH);
    expect(other.orgs[0]?.id).not.toBe(ward.orgs[0]?.id);
    expect(other.members.map((m) => m.full_name)).not.toEqual(ward.members.map((m) => m.full_name));
  });

  it('gives every row the shape the domain schemas accept', () => {
    for (const org of ward.orgs) expect(Org.safeParse(orgOf(org)).error).toBeUndefined();
    for (const a of ward.org_bank_accounts) {
      const account = { ...a, orgId: a.org_id, accountNo: a.account_no, bankName: a.bank_name };
      const parsed = BankAccount.safeParse({
        ...account,
        citadCode: a.citad_code,
        isActive: a.is_active === 1,
      });
      expect(parsed.error).toBeUndefined();
    }
    for (const m of ward.members) {
      const parsed = Member.safeParse({
        id: m.id,
        fullName: m.full_name,
        birthDate: m.birth_date,
        sex: m.sex,
        citizenId: m.citizen_id,
        cardNo: m.card_no,
        profileNo: m.profile_no,
        homeOrgId: m.home_org_id,
        residenceOrgId: m.residence_org_id,
        phone: m.phone,
        email: m.email,
        joinedOn: m.joined_on,
        officialOn: m.official_on,
        positions: JSON.parse(m.positions),
        status: m.status,
      });
      expect(parsed.error).toBeUndefined();
    }
    for (const u of ward.users) {
      const roles = ward.user_roles
        .filter((r) => r.user_id === u.id)
        .map((r) => ({ role: r.role, orgId: r.org_id }));
      const parsed = User.safeParse({
        id: u.id,
        username: u.username,
        fullName: u.full_name,
        citizenId: u.citizen_id,
        phone: u.phone,
        email: u.email,
        position: u.position,
        orgId: u.org_id,
        status: u.status,
        roles,
      });
      expect(parsed.error).toBeUndefined();
    }
  });
});

describe('orgs', () => {
  it('form a valid tree: placement, paths, depths, unique 7-digit codes, folded names', () => {
    const codes = new Set<string>();
    for (const org of ward.orgs) {
      const parent = org.parent_id === null ? null : orgById.get(org.parent_id);
      expect(parent).not.toBeUndefined();
      const placement = validateOrgPlacement(parent ? { type: OrgType.parse(parent.type) } : null, {
        type: OrgType.parse(org.type),
        cellSubtype: org.cell_subtype as never,
      });
      expect(placement).toEqual({ ok: true, value: undefined });
      expect(org.path).toBe(`${parent?.path ?? '/'}${org.id}/`);
      expect(org.depth).toBe(parent ? Number(parent.depth) + 1 : 0);
      expect(org.code).toMatch(/^\d{7}$/);
      codes.add(org.code);
      expect(org.name_folded).toBe(foldForSearch(org.name));
      if (!isCell(OrgType.parse(org.type))) expect(org.tax_code).toMatch(/^\d{10}$/);
    }
    expect(codes.size).toBe(ward.orgs.length);
  });

  it('each have exactly one active bank account with a valid CITAD code', () => {
    for (const org of ward.orgs) {
      const accounts = ward.org_bank_accounts
        .filter((a) => a.org_id === org.id)
        .map((a) => ({
          id: a.id,
          orgId: a.org_id,
          accountNo: a.account_no,
          holder: a.holder,
          bankName: a.bank_name,
          citadCode: a.citad_code,
          isActive: a.is_active === 1,
        }));
      expect(accounts.length).toBeGreaterThanOrEqual(1);
      expect(accounts.length).toBeLessThanOrEqual(2);
      expect(validateBankAccounts(accounts).ok).toBe(true);
      for (const a of accounts) {
        const citad = validateCitadCode(a.citadCode);
        expect(citad.ok && citad.value.provinceCode).toBe('01');
        expect(a.accountNo).toMatch(/^\d{9,14}$/);
        expect(a.holder).toBe(foldForSearch(org.name).toUpperCase());
        expect(a.holder).toMatch(/^[A-Z0-9 ,.-]+$/);
      }
    }
  });

  it('make up the demo ward: one ward committee with 62 residential cells, 60–100 orgs in all', () => {
    expect(ward.orgs.length).toBeGreaterThanOrEqual(60);
    expect(ward.orgs.length).toBeLessThanOrEqual(100);
    const wardOrg = ward.orgs.find((o) => o.name === DEMO_WARD_NAME);
    expect(wardOrg?.type).toBe('superior_committee');
    const residential = ward.orgs.filter((o) => /^Chi bộ Tổ dân phố số \d+$/.test(o.name));
    expect(residential).toHaveLength(62);
    for (const cell of residential) {
      expect(cell.type).toBe('grassroots_cell');
      expect(cell.parent_id).toBe(wardOrg?.id);
    }
    expect(ward.orgs.filter((o) => o.type === 'province_committee')).toHaveLength(1);
    // A dissolved cell stays on file, inactive and empty.
    const inactive = ward.orgs.filter((o) => o.status === 'inactive');
    expect(inactive.length).toBeGreaterThan(0);
    for (const org of inactive)
      expect(ward.members.some((m) => m.home_org_id === org.id)).toBe(false);
  });
});

describe('members', () => {
  it('number about 3,000 in the ward tier, all in cells', () => {
    expect(ward.members.length).toBeGreaterThan(2500);
    expect(ward.members.length).toBeLessThan(3500);
    for (const m of ward.members) {
      expect(isCell(OrgType.parse(orgById.get(m.home_org_id)?.type))).toBe(true);
    }
  });

  it('have valid, unique citizen ids that match their birth year and sex', () => {
    const ids = new Set<string>();
    for (const m of ward.members) {
      const birthYear = Number(m.birth_date.slice(0, 4));
      const result = validateCitizenId(m.citizen_id, { birthYear, sex: m.sex as 'male' });
      expect(result.ok, `${m.citizen_id} ${m.birth_date} ${m.sex}`).toBe(true);
      ids.add(m.citizen_id);
    }
    expect(ids.size).toBe(ward.members.length);
  });

  it('have family names at their national frequencies and plenty of "Nguyễn Văn"', () => {
    const counts = new Map<string, number>();
    for (const m of ward.members) {
      const family = m.full_name.split(' ')[0] ?? '';
      counts.set(family, (counts.get(family) ?? 0) + 1);
    }
    const n = ward.members.length;
    // The survey's shares, in percent; regional spellings of one name count together.
    const expected: Array<[string[], number]> = [
      [['Nguyễn'], 38],
      [['Trần'], 11],
      [['Lê'], 9.5],
      [['Phạm'], 7],
      [['Hoàng', 'Huỳnh'], 5],
      [['Phan'], 4.5],
      [['Vũ', 'Võ'], 3.9],
      [['Đặng'], 2.1],
      [['Bùi'], 2],
      [['Đỗ'], 1.4],
      [['Hồ'], 1.3],
      [['Ngô'], 1.3],
      [['Dương'], 1],
      [['Lý'], 0.5],
    ];
    for (const [spellings, percent] of expected) {
      const p = percent / 100;
      const seen = spellings.reduce((sum, f) => sum + (counts.get(f) ?? 0), 0) / n;
      // Four standard deviations of a binomial share: fails on a wrong table, not on chance.
      const tolerance = 4 * Math.sqrt((p * (1 - p)) / n);
      expect(Math.abs(seen - p), spellings.join('/')).toBeLessThan(tolerance);
    }
    const listed = new Set(FAMILY_NAME_SHARES.map(([f]) => f));
    const others = [...counts].filter(([f]) => !listed.has(f)).reduce((sum, [, c]) => sum + c, 0);
    expect(others / n).toBeGreaterThan(0.07);
    const nguyenVan = ward.members.filter((m) => m.name_folded.startsWith('nguyen van ')).length;
    expect(nguyenVan).toBeGreaterThan(150);
    for (const m of ward.members) {
      const middle = m.full_name.split(' ')[1];
      if (middle === 'Thị') expect(m.sex).toBe('female');
      if (middle === 'Văn') expect(m.sex).toBe('male');
    }
  });

  it('have realistic dates, numbers and residence cells', () => {
    for (const m of ward.members) {
      const birthYear = Number(m.birth_date.slice(0, 4));
      expect(birthYear).toBeGreaterThanOrEqual(1945);
      expect(birthYear).toBeLessThanOrEqual(2004);
      const adult = `${birthYear + 18}${m.birth_date.slice(4)}`;
      expect(m.joined_on! >= adult, `${m.birth_date} joined ${m.joined_on}`).toBe(true);
      if (m.official_on !== null) expect(m.official_on > m.joined_on!).toBe(true);
      expect(m.card_no !== null || m.profile_no !== null).toBe(true);
      if (m.card_no !== null) expect(m.card_no).toMatch(/^\d{8}$/);
      if (m.phone !== null)
        expect(validateVietnameseMobile(m.phone)).toEqual({ ok: true, value: m.phone });
      if (m.residence_org_id !== null) {
        const residence = orgById.get(m.residence_org_id);
        expect(residence?.name).toMatch(/^Chi bộ Tổ dân phố số \d+$/);
      }
    }
    const share = (pred: (m: GeneratedRows['members'][number]) => boolean) =>
      ward.members.filter(pred).length / ward.members.length;
    expect(share((m) => m.card_no !== null)).toBeGreaterThan(0.85);
    expect(share((m) => m.phone !== null)).toBeGreaterThan(0.75);
    expect(share((m) => m.email !== null)).toBeGreaterThan(0.25);
    expect(share((m) => m.residence_org_id !== null)).toBeGreaterThan(0.8);
    expect(share((m) => m.residence_org_id === null)).toBeGreaterThan(0);
    expect(share((m) => m.status === 'active')).toBeGreaterThan(0.95);
  });

  it('give every cell one secretary, most a deputy', () => {
    const positions = ward.members.flatMap((m) =>
      (JSON.parse(m.positions) as Array<{ orgId: string; position: string }>).map((p) => ({
        ...p,
        member: m,
      })),
    );
    const cells = ward.orgs.filter((o) => isCell(OrgType.parse(o.type)) && o.status === 'active');
    let withDeputy = 0;
    for (const cell of cells) {
      const held = positions.filter((p) => p.orgId === cell.id);
      expect(
        held.filter((p) => p.position === 'secretary'),
        cell.name,
      ).toHaveLength(1);
      for (const p of held) expect(p.member.home_org_id).toBe(cell.id);
      if (held.some((p) => p.position === 'deputy_secretary')) withDeputy++;
    }
    expect(withDeputy / cells.length).toBeGreaterThan(0.7);
  });
});

describe('accounts', () => {
  const rolesOf = (userId: string) =>
    ward.user_roles
      .filter((r) => r.user_id === userId)
      .map((r) => ({ role: r.role, org: orgById.get(r.org_id)?.name }));

  it('include the demo accounts with their roles, the cell secretary holding his position', () => {
    for (const demo of ['quantri.phuong', 'canbo.xuly', 'bithu.phuong', 'bithu.chibo1']) {
      expect(DEMO_ACCOUNTS.map((a) => a.username)).toContain(demo);
    }
    for (const demo of DEMO_ACCOUNTS) {
      const user = ward.users.find((u) => u.username === demo.username);
      expect(user, demo.username).toBeDefined();
      expect(user?.status).toBe('active');
      expect(user?.full_name).toBe(demo.fullName);
      expect(user?.password_hash).toBe(HASH);
      expect(rolesOf(user!.id)).toEqual([{ role: demo.role, org: demo.orgName }]);
    }
    const secretary = ward.users.find((u) => u.username === 'bithu.chibo1');
    const member = ward.members.find((m) => m.id === secretary?.member_id);
    const cell = ward.orgs.find((o) => o.name === DEMO_CELL_NAME);
    expect(JSON.parse(member!.positions)).toEqual([{ orgId: cell?.id, position: 'secretary' }]);
    expect(member?.home_org_id).toBe(cell?.id);
  });

  it('staff every committee and let every cell secretary approve', () => {
    for (const org of ward.orgs.filter((o) => o.status === 'active')) {
      const granted = ward.user_roles.filter((r) => r.org_id === org.id).map((r) => r.role);
      const expected: Role[] = isCell(OrgType.parse(org.type))
        ? ['approver']
        : ['admin', 'processor', 'approver', 'fee_officer', 'clerk'];
      for (const role of expected) expect(granted, `${org.name} ${role}`).toContain(role);
    }
  });

  it('are unique, of the members they name, with valid phones, a few switched off', () => {
    const inactive = ward.users.filter((u) => u.status === 'inactive');
    expect(inactive.length).toBeGreaterThan(0);
    expect(inactive.length / ward.users.length).toBeLessThan(0.05);
    expect(new Set(ward.users.map((u) => u.username)).size).toBe(ward.users.length);
    const members = new Map(ward.members.map((m) => [m.id, m]));
    for (const u of ward.users) {
      const member = members.get(u.member_id!);
      expect(u.citizen_id).toBe(member?.citizen_id);
      expect(u.full_name).toBe(member?.full_name);
      expect(validateVietnameseMobile(u.phone).ok).toBe(true);
    }
  });
});

describe('larger tiers, counted without generating members', () => {
  it('a province has about 15,000 orgs and 400,000 members', () => {
    const orgs = planTier('province', 1);
    expect(orgs.length).toBeGreaterThan(13_000);
    expect(orgs.length).toBeLessThan(17_000);
    const members = orgs.reduce((sum, o) => sum + o.memberCount, 0);
    expect(members).toBeGreaterThan(350_000);
    expect(members).toBeLessThan(450_000);
    const wards = orgs.filter((o) => o.type === 'superior_committee' && o.ward === o);
    expect(wards.length).toBeGreaterThanOrEqual(110);
    for (const type of OrgType.options)
      expect(
        orgs.some((o) => o.type === type),
        type,
      ).toBe(true);
  });

  it('the nation has about 270,000 orgs under 34 provinces and the central committees', () => {
    const orgs = planTier('nation', 1);
    expect(orgs.length).toBeGreaterThan(250_000);
    expect(orgs.length).toBeLessThan(290_000);
    const roots = orgs.filter((o) => o.row.parent_id === null).map((o) => o.row.name);
    expect(roots.filter((n) => /^Đảng bộ (Thành phố|Tỉnh) /.test(n))).toHaveLength(34);
    expect(roots).toContain('Đảng bộ Chính phủ');
    // Members only where the demo needs them.
    const populated = orgs.filter((o) => o.memberCount > 0);
    expect(populated.length).toBeLessThan(100);
  });
});
