import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { serverEngines } from '../scripts/test-support/databases';
import { DashboardResponse, ReadinessReport } from '../src/api/oversight';
import { insertPayment } from './repositories/fees-payments';
import { putCampaign } from './repositories/residence-campaigns';
import { insertRegistration } from './repositories/user-certificates';
import { grantRole } from './repositories/users';
import { bankAccount, ids, PASSWORD } from './test-support/fixture';
import { openTestServer, type TestServer } from './test-support/harness';

const [DUC, HOA] = ids.members;
const NOW = new Date('2026-01-05T09:00:00Z');

function selfSigned(cn: string): X509Certificate {
  const pem = execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'].concat([
      '-keyout',
      '/dev/null',
      '-subj',
      `/CN=${cn}`,
      '-days',
      '30',
    ]),
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
  return new X509Certificate(pem);
}

describe.each(serverEngines)('oversight of a subtree on %s', (engine) => {
  let t: TestServer;
  let wardAdmin: string;
  beforeEach(async () => {
    t = await openTestServer({ engine, postgresUrl: inject('postgresUrl') });
    wardAdmin = await t.tokenFor('qt.viethung');
  });
  afterEach(() => t?.close());

  const readiness = async (orgId = ids.ward, token = wardAdmin) => {
    const res = await t.get(`/v1/oversight/readiness?orgId=${orgId}`, token);
    expect(res.statusCode, res.body).toBe(200);
    return ReadinessReport.parse(res.json());
  };
  const found = async (orgId = ids.ward) =>
    (await readiness(orgId)).findings.map(
      (f) => `${f.kind} ${f.org.id}${f.user ? ` ${f.user.id}` : ''}`,
    );
  const dashboard = async (orgId = ids.ward, token = wardAdmin) => {
    const res = await t.get(`/v1/oversight/dashboard?orgId=${orgId}`, token);
    expect(res.statusCode, res.body).toBe(200);
    return DashboardResponse.parse(res.json());
  };
  const db = () => t.server.db;

  it('lists what the ward lacks, and each finding goes once its data is fixed', async () => {
    const first = await readiness();
    expect(first.org).toMatchObject({ id: ids.ward, name: 'Đảng bộ Phường Việt Hưng' });
    expect(first.orgCount).toBe(4);
    expect(await found()).toEqual([
      `org_seal_without_image ${ids.ward}`,
      `approver_without_certificate ${ids.cell1} ${ids.secretary}`,
      `cell_without_secretary ${ids.cell2}`,
      `cell_without_secretary ${ids.cell3}`,
    ]);
    const cell2 = first.findings.find((f) => f.org.id === ids.cell2)!;
    expect(cell2).toMatchObject({ fix: 'users', org: { path: ['Đảng bộ Phường Việt Hưng'] } });
    expect(first.counts.cell_without_secretary).toBe(2);
    // More of one kind: its lines from the offset, the counts still the whole subtree's.
    const res = await t.get(
      `/v1/oversight/readiness?orgId=${ids.ward}&kind=cell_without_secretary&offset=1&limit=5`,
      wardAdmin,
    );
    const page = ReadinessReport.parse(res.json());
    expect(page.findings.map((f) => f.org.id)).toEqual([ids.cell3]);
    expect(page).toMatchObject({ offset: 1, limit: 5, counts: first.counts });

    // The secretary registers his token: his finding goes.
    await insertRegistration(
      db(),
      { userId: ids.secretary, certificate: selfSigned('bithu'), registeredBy: ids.secretary },
      NOW,
    );
    // Cell 2 gets a secretary: its finding goes, and the new approver has no certificate yet.
    await db()
      .transaction()
      .execute((trx) => grantRole(trx, ids.wardAdmin, { role: 'approver', orgId: ids.cell2 }, NOW));
    expect(await found()).toEqual([
      `org_seal_without_image ${ids.ward}`,
      `approver_without_certificate ${ids.cell2} ${ids.wardAdmin}`,
      `cell_without_secretary ${ids.cell3}`,
    ]);

    // A revoked certificate is no certificate.
    await db()
      .updateTable('user_certificates')
      .set({ revoked_at: NOW.toISOString(), revoked_by: ids.wardAdmin, revoked_reason: 'mất' })
      .where('user_id', '=', ids.secretary)
      .execute();
    expect(await found()).toContain(`approver_without_certificate ${ids.cell1} ${ids.secretary}`);
  });

  it('from October asks for next year’s holiday calendar until the top admin sets it', async () => {
    const year = t.clock.now.getUTCFullYear();
    t.clock.now = new Date(`${year}-10-05T03:00:00Z`);
    wardAdmin = await t.tokenFor('qt.viethung');
    await db().deleteFrom('holiday_years').where('year', '!=', year).execute();
    const first = await readiness();
    const holiday = first.findings.find((f) => f.kind === 'holiday_calendar_missing');
    expect(holiday).toMatchObject({
      org: { id: ids.ward },
      fix: 'holidays',
      messageVi: expect.stringContaining(`năm ${year + 1}`),
    });
    const set = await t.app.inject({
      method: 'PUT',
      url: `/v1/holidays/${year + 1}`,
      headers: { authorization: `Bearer ${await t.tokenFor('qt.thanhpho')}` },
      payload: {
        holidays: [{ date: `${year + 1}-01-01`, name: 'Tết Dương lịch' }],
        makeUpDays: [],
      },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(await found()).not.toContain(`holiday_calendar_missing ${ids.ward}`);
  });

  it('finds the committee without an account and the account that looks personal', async () => {
    await db()
      .updateTable('org_bank_accounts')
      .set({ holder: 'Nguyễn Văn Tư' })
      .where('id', '=', bankAccount.id)
      .execute();
    expect(await found()).toContain(`bank_account_flagged ${ids.ward}`);
    await db()
      .updateTable('org_bank_accounts')
      .set({ is_active: 0 })
      .where('id', '=', bankAccount.id)
      .execute();
    const now = await readiness();
    expect(now.findings.map((f) => f.kind)).toContain('committee_without_bank_account');
    expect(now.findings.map((f) => f.kind)).not.toContain('bank_account_flagged');
    expect(now.findings.find((f) => f.kind === 'committee_without_bank_account')!.fix).toBe(
      'bank_accounts',
    );
  });

  it('tells an unclassified cell from a misplaced one, and forgets both once right', async () => {
    const setType = (type: string, cellSubtype: string | null) =>
      db()
        .updateTable('orgs')
        .set({ type, cell_subtype: cellSubtype })
        .where('id', '=', ids.cell3)
        .execute();
    await setType('affiliated_cell', null);
    expect(await found()).toContain(`org_type_unclassified ${ids.cell3}`);
    await setType('affiliated_cell', 'school_cell');
    const misplaced = (await readiness()).findings.find((f) => f.kind === 'org_type_inconsistent');
    expect(misplaced?.org.id).toBe(ids.cell3);
    expect(misplaced?.messageVi).toContain('không thể trực thuộc');
    await setType('grassroots_cell', null);
    const kinds = (await readiness()).findings.map((f) => f.kind);
    expect(kinds).not.toContain('org_type_inconsistent');
    expect(kinds).not.toContain('org_type_unclassified');
  });

  it('names a ward without an admin to the province admin, and refuses another ward', async () => {
    const top = await t.tokenFor('qt.thanhpho');
    expect((await readiness(ids.province, top)).orgCount).toBe(7);
    await db()
      .updateTable('users')
      .set({ status: 'inactive' })
      .where('id', '=', ids.otherAdmin)
      .execute();
    const report = await readiness(ids.province, top);
    expect(
      report.findings.filter((f) => f.kind === 'org_without_admin').map((f) => f.org.id),
    ).toEqual([ids.otherWard]);
    // The ward's admin reads his ward only: the other ward is refused, an unknown org is absent.
    const other = await t.get(`/v1/oversight/readiness?orgId=${ids.otherWard}`, wardAdmin);
    expect(other.statusCode).toBe(403);
    const above = await t.get(`/v1/oversight/dashboard?orgId=${ids.province}`, wardAdmin);
    expect(above.statusCode).toBe(403);
    const unknown = await t.get(
      '/v1/oversight/dashboard?orgId=00000000-0000-4000-8000-000000009999',
      wardAdmin,
    );
    expect(unknown.statusCode).toBe(404);
    expect((await t.get('/v1/oversight/readiness', wardAdmin)).statusCode).toBe(400);
  });

  it('counts dossiers by procedure and state where they touch the subtree, and the overdue', async () => {
    const at = NOW.toISOString();
    // Rows as the procedures leave them; only the columns the counts read matter here.
    const transfer = (id: string, status: string, presentBy: string | null, route: string[]) =>
      db()
        .transaction()
        .execute(async (trx) => {
          await trx
            .insertInto('transfer_dossiers')
            .values({
              id,
              variant: 'official',
              member_id: DUC!,
              from_org_id: route[0]!,
              current_org_id: route.at(-1)!,
              status,
              data: '{}',
              submitted_at: at,
              present_by: presentBy,
              rev: 1,
              updated_at: at,
            })
            .execute();
          for (const org_id of route)
            await trx
              .insertInto('transfer_route_orgs')
              .values({ dossier_id: id, org_id })
              .execute();
        });
    const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    await transfer(uuid(951), 'checked', '2026-01-02', [ids.cell1, ids.ward]);
    await transfer(uuid(952), 'checked', '2026-02-01', [ids.cell1, ids.ward]);
    // Finished: never overdue.
    await transfer(uuid(953), 'completed', '2026-01-02', [ids.cell2, ids.ward]);
    await transfer(uuid(954), 'checked', '2026-01-02', [ids.otherCell, ids.otherWard]);
    await db()
      .insertInto('residence_requests')
      .values({
        id: uuid(961),
        workplace_org_id: ids.cell1,
        campaign_year: 2026,
        status: 'sent',
        data: '{}',
        created_by: ids.secretary,
        rev: 1,
        updated_at: at,
      })
      .execute();
    const form = (n: number, status: string) =>
      db()
        .insertInto('residence_forms')
        .values({
          id: uuid(n),
          request_id: uuid(961),
          member_id: n === 971 ? DUC! : HOA!,
          workplace_org_id: ids.cell1,
          residence_org_id: ids.cell2,
          committee_org_id: ids.ward,
          status,
          data: '{}',
          rev: 1,
          updated_at: at,
        })
        .execute();
    await form(971, 'draft');
    await form(972, 'sent');

    const before = await dashboard();
    expect(before.dossiers).toEqual(
      expect.arrayContaining([
        { procedure: 'transfer', status: 'checked', count: 2 },
        { procedure: 'transfer', status: 'completed', count: 1 },
        { procedure: 'residence_list', status: 'sent', count: 1 },
        { procedure: 'residence_form', status: 'draft', count: 1 },
        { procedure: 'residence_form', status: 'sent', count: 1 },
      ]),
    );
    expect(before.dossiers).toHaveLength(5);
    // Today is 2026-01-05: one open transfer past its date; no campaign set, no form overdue.
    expect(before.overdue).toEqual({ transfers: 1, residenceForms: 0 });

    await putCampaign(
      db(),
      ids.ward,
      { year: 2026, opensOn: '2025-12-01', dueOn: '2026-01-02' },
      new Date(at),
    );
    expect((await dashboard()).overdue).toEqual({ transfers: 1, residenceForms: 1 });
  });

  it('counts the subtree’s accounts, registrations and this month’s fee collection', async () => {
    const before = await dashboard();
    expect(before.today).toBe('2026-01-05');
    expect(before.users).toEqual({ active: 2, inactive: 1, pending: 0, refused: 0 });
    expect(before.memberAccounts).toEqual({ pending: 0, approved: 0, refused: 0 });
    expect(before.fees).toMatchObject({ month: '2026-01', approvedMembers: 0, rate: null });
    expect(before.overdue).toEqual({ transfers: 0, residenceForms: 0 });

    const registered = await t.app.inject({
      method: 'POST',
      url: '/v1/accounts/registrations',
      payload: {
        identity: { kind: 'password', username: 'dv.moi', password: PASSWORD },
        declared: {
          fullName: 'Phan Thị Mai',
          birthDate: '1996-04-12',
          sex: 'female',
          citizenId: '001196012345',
          cardNo: '93.0555555',
          profileNo: null,
          homeOrgId: ids.cell2,
          residenceOrgId: null,
          phone: '0987000111',
          email: null,
          position: null,
        },
      },
    });
    expect(registered.statusCode, registered.body).toBe(201);

    const approve = (memberId: string) =>
      db()
        .insertInto('fee_approvals')
        .values({
          member_id: memberId,
          month: '2026-01',
          cell_id: ids.cell1,
          computed_amount: 85_000,
          amount: 85_000,
          adjust_reason: null,
          rule_version: 'test',
          approved_by: ids.secretary,
          approved_at: NOW.toISOString(),
        })
        .execute();
    await approve(DUC!);
    await approve(HOA!);
    const paid = await insertPayment(
      db(),
      {
        id: '00000000-0000-4000-8000-000000000901',
        reference: 'DP2601TEST0001',
        cellId: ids.cell1,
        payerUserId: ids.secretary,
        kind: 'self',
        bankAccountId: ids.account,
        amount: 85_000,
        createdAt: NOW.toISOString(),
        items: [{ memberId: DUC!, month: '2026-01', amount: 85_000 }],
      },
      { status: 'success', via: 'statement', by: ids.secretary, bankReference: 'FT0001' },
    );
    expect(paid.ok).toBe(true);

    const after = await dashboard();
    expect(after.users.pending).toBe(1);
    expect(after.memberAccounts).toEqual({ pending: 1, approved: 0, refused: 0 });
    expect(after.fees).toEqual({
      month: '2026-01',
      approvedMembers: 2,
      paidMembers: 1,
      approvedAmount: 170_000,
      paidAmount: 85_000,
      rate: 0.5,
    });
    // The other ward sees none of it.
    const other = await dashboard(ids.otherWard, await t.tokenFor('qt.phucloi'));
    expect(other.memberAccounts.pending).toBe(0);
    expect(other.fees.approvedMembers).toBe(0);
  });
});
