import { describe, expect, it } from 'vitest';
import {
  countByKind,
  yearsNeedingCalendar,
  pageOfFindings,
  reviewReadiness,
  type OrgFacts,
  ReadinessKind,
  type ReadinessFacts,
} from './readiness';

const goodAccount = {
  holder: 'Đảng ủy Phường Việt Hưng',
  bankName: 'Vietcombank',
  citadCode: '01203001',
};

const org = (over: Partial<OrgFacts> & Pick<OrgFacts, 'id' | 'type'>): OrgFacts => ({
  code: over.id,
  name: `Tổ chức ${over.id}`,
  parentId: null,
  parentType: null,
  cellSubtype: null,
  admins: 0,
  secretaries: 0,
  activeBankAccount: null,
  hasSeal: false,
  hasSealImage: false,
  ...over,
});

/** A ward that lacks nothing: its admin, its account, one cell with its secretary. */
const readyWard = (): ReadinessFacts => ({
  orgs: [
    org({
      id: 'ward',
      name: 'Đảng bộ Phường Việt Hưng',
      type: 'superior_committee',
      parentId: 'province',
      parentType: 'province_committee',
      admins: 1,
      activeBankAccount: goodAccount,
    }),
    org({
      id: 'cell1',
      name: 'Chi bộ Tổ dân phố số 1',
      type: 'grassroots_cell',
      parentId: 'ward',
      parentType: 'superior_committee',
      secretaries: 1,
    }),
  ],
  approversWithoutCertificate: [],
  calendarYears: [2026, 2027],
  today: '2026-12-07',
});

const withOrgs = (facts: ReadinessFacts, ...extra: OrgFacts[]): ReadinessFacts => ({
  ...facts,
  orgs: [...facts.orgs, ...extra],
});

describe('readiness review', () => {
  it('finds nothing in a ward that lacks nothing', () => {
    expect(reviewReadiness(readyWard())).toEqual([]);
  });

  it('names a committee without an admin account, and only committees that keep one', () => {
    const facts = readyWard();
    const noAdmin = { ...facts, orgs: [{ ...facts.orgs[0]!, admins: 0 }, facts.orgs[1]!] };
    const findings = reviewReadiness(noAdmin);
    expect(findings.map((f) => [f.kind, f.org.id, f.fix])).toEqual([
      ['org_without_admin', 'ward', 'users'],
    ]);
    expect(findings[0]!.messageVi).toContain('Đảng bộ Phường Việt Hưng');
    expect(findings[0]!.org.path).toEqual([]);
  });

  it('places each finding under the names of the orgs above it', () => {
    const findings = reviewReadiness(
      withOrgs(
        readyWard(),
        org({
          id: 'cell2',
          name: 'Chi bộ Tổ dân phố số 2',
          type: 'grassroots_cell',
          parentId: 'ward',
          parentType: 'superior_committee',
        }),
      ),
    );
    expect(findings).toEqual([
      {
        kind: 'cell_without_secretary',
        org: {
          id: 'cell2',
          code: 'cell2',
          name: 'Chi bộ Tổ dân phố số 2',
          path: ['Đảng bộ Phường Việt Hưng'],
        },
        user: null,
        messageVi:
          'Chi bộ Tổ dân phố số 2 chưa có tài khoản bí thư (quyền phê duyệt) đang hoạt động.',
        fix: 'users',
      },
    ]);
  });

  it('tells an unknown type and an affiliated cell without its kind from a wrong placement', () => {
    const findings = reviewReadiness(
      withOrgs(
        readyWard(),
        org({ id: 'odd', type: 'chi_bo_khac', parentId: 'ward', parentType: 'superior_committee' }),
        // A cell under a superior committee must be a grassroots cell.
        org({
          id: 'aff',
          type: 'affiliated_cell',
          parentId: 'ward',
          parentType: 'superior_committee',
          secretaries: 1,
        }),
        org({
          id: 'aff2',
          type: 'affiliated_cell',
          cellSubtype: 'school_cell',
          parentId: 'ward',
          parentType: 'superior_committee',
          secretaries: 1,
        }),
        // Under an unclassified parent: judged once the parent is fixed.
        org({
          id: 'under-odd',
          type: 'grassroots_cell',
          parentId: 'odd',
          parentType: 'chi_bo_khac',
          secretaries: 1,
        }),
      ),
    );
    expect(findings.map((f) => [f.kind, f.org.id])).toEqual([
      ['org_type_unclassified', 'odd'],
      ['org_type_unclassified', 'aff'],
      ['org_type_inconsistent', 'aff2'],
    ]);
    expect(findings[2]!.messageVi).toContain('không thể trực thuộc');
    expect(findings[2]!.fix).toBe('orgs');
  });

  it('checks the root of the subtree against its parent outside it', () => {
    const facts = readyWard();
    facts.orgs = [{ ...facts.orgs[0]!, parentType: 'grassroots_committee' }, facts.orgs[1]!];
    expect(reviewReadiness(facts).map((f) => [f.kind, f.org.id])).toEqual([
      ['org_type_inconsistent', 'ward'],
    ]);
  });

  it('asks committees for an account and flags one that looks personal; cells need none', () => {
    const facts = readyWard();
    const [ward, cell] = facts.orgs;
    expect(
      reviewReadiness({ ...facts, orgs: [{ ...ward!, activeBankAccount: null }, cell!] }).map(
        (f) => [f.kind, f.fix],
      ),
    ).toEqual([['committee_without_bank_account', 'bank_accounts']]);
    const personal = { ...goodAccount, holder: 'Nguyễn Văn A' };
    const flagged = reviewReadiness({
      ...facts,
      orgs: [{ ...ward!, activeBankAccount: personal }, cell!],
    });
    expect(flagged.map((f) => f.kind)).toEqual(['bank_account_flagged']);
    expect(flagged[0]!.messageVi).toContain('nghi là tài khoản cá nhân');
  });

  it('names the approver without a certificate under his org', () => {
    const findings = reviewReadiness({
      ...readyWard(),
      approversWithoutCertificate: [
        { userId: 'u1', fullName: 'Ngô Văn Minh', username: 'bithu.tdp1', orgId: 'cell1' },
        // Outside the subtree's orgs: not this report's business.
        { userId: 'u2', fullName: 'Lý Thị Oanh', username: 'x', orgId: 'elsewhere' },
      ],
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      kind: 'approver_without_certificate',
      org: { id: 'cell1', path: ['Đảng bộ Phường Việt Hưng'] },
      user: { id: 'u1', fullName: 'Ngô Văn Minh', username: 'bithu.tdp1' },
      fix: 'certificates',
    });
  });

  it('names an org with a seal but no seal image, and leads to the org’s screen', () => {
    const facts = readyWard();
    const ward = facts.orgs[0]!;
    const sealed = (hasSealImage: boolean): ReadinessFacts => ({
      ...facts,
      orgs: [{ ...ward, hasSeal: true, hasSealImage }, facts.orgs[1]!],
    });
    const findings = reviewReadiness(sealed(false));
    expect(findings.map((f) => [f.kind, f.org.id, f.fix])).toEqual([
      ['org_seal_without_image', 'ward', 'orgs'],
    ]);
    expect(findings[0]!.messageVi).toContain('Đảng bộ Phường Việt Hưng có con dấu');
    expect(reviewReadiness(sealed(true))).toEqual([]);
    // An org without a seal (a cell) needs no image.
    expect(reviewReadiness(facts)).toEqual([]);
  });

  it('counts every kind, zero included', () => {
    const counts = countByKind(
      reviewReadiness(
        withOrgs(
          readyWard(),
          org({
            id: 'c',
            type: 'grassroots_cell',
            parentId: 'ward',
            parentType: 'superior_committee',
          }),
        ),
      ),
    );
    expect(counts.cell_without_secretary).toBe(1);
    expect(counts.org_without_admin).toBe(0);
    expect(Object.keys(counts)).toHaveLength(ReadinessKind.options.length);
  });
});

describe('the holiday calendar', () => {
  it('asks for this year, and for next year from October on', () => {
    expect(yearsNeedingCalendar('2026-09-30')).toEqual([2026]);
    expect(yearsNeedingCalendar('2026-10-01')).toEqual([2026, 2027]);
  });

  it('names a missing year once, on the report’s root, and leads to "Cấu hình ngày nghỉ"', () => {
    const findings = reviewReadiness({ ...readyWard(), calendarYears: [2026] });
    expect(findings).toEqual([
      expect.objectContaining({
        kind: 'holiday_calendar_missing',
        org: expect.objectContaining({ id: 'ward' }),
        fix: 'holidays',
        messageVi: expect.stringContaining('năm 2027'),
      }),
    ]);
    // In June only this year is asked for.
    expect(reviewReadiness({ ...readyWard(), calendarYears: [2026], today: '2026-06-01' })).toEqual(
      [],
    );
  });
});

describe('a page of findings', () => {
  const many = reviewReadiness({
    orgs: [
      org({
        id: 'ward',
        type: 'superior_committee',
        parentId: 'province',
        parentType: 'province_committee',
      }),
      ...['a', 'b', 'c'].map((id) =>
        org({ id, type: 'grassroots_cell', parentId: 'ward', parentType: 'superior_committee' }),
      ),
    ],
    approversWithoutCertificate: [],
    calendarYears: [2026],
    today: '2026-03-01',
  });

  it('answers the lines of each kind from the offset, at most the limit', () => {
    const ids = (page: ReturnType<typeof pageOfFindings>) =>
      page.map((f) => `${f.kind} ${f.org.id}`);
    expect(ids(pageOfFindings(many, { offset: 0, limit: 2 }))).toEqual([
      'org_without_admin ward',
      'committee_without_bank_account ward',
      'cell_without_secretary a',
      'cell_without_secretary b',
    ]);
    expect(
      ids(pageOfFindings(many, { kind: 'cell_without_secretary', offset: 2, limit: 2 })),
    ).toEqual(['cell_without_secretary c']);
  });
});
