import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { serverEngines } from '../scripts/test-support/databases';
import {
  AccountRequestWire,
  type AccountRequestWireAction,
  type RegistrationRequest,
} from '../src/api/accounts';
import type { PushMutation } from '../src/api/push';
import { PullResponse } from '../src/api/sync';
import type { DeclaredMember } from '../src/domain/accounts/account-request';
import type { Member } from '../src/domain/people/member';
import { findAccountRequest } from './repositories/accounts';
import { userHistory } from './repositories/users';
import { ids, members, PASSWORD } from './test-support/fixture';
import { openTransferServer, staff, type TransferTestServer } from './test-support/transfers';

const [DUC, HOA, AN] = ids.members;
const record = (id: string) => members.find((m) => m.id === id)!;

/** A declaration copied from the member database's record, as the prefilled form sends it. */
const declaredOf = (m: Member, over: Partial<DeclaredMember> = {}): DeclaredMember => ({
  fullName: m.fullName,
  birthDate: m.birthDate,
  sex: m.sex,
  citizenId: m.citizenId,
  cardNo: m.cardNo,
  profileNo: m.profileNo,
  homeOrgId: m.homeOrgId,
  residenceOrgId: m.residenceOrgId,
  phone: '0987654321',
  email: null,
  position: null,
  ...over,
});

/** A person the member database does not know: born 1996, female, Hà Nội. */
const newcomer = (over: Partial<DeclaredMember> = {}): DeclaredMember => ({
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
  ...over,
});

const PASS = 'mat khau moi 2026';
const byPassword = (username: string, declared: DeclaredMember): RegistrationRequest => ({
  identity: { kind: 'password', username, password: PASS },
  declared,
});

const mutation = (
  entityId: string,
  baseRev: number,
  action: AccountRequestWireAction,
): PushMutation => ({ id: randomUUID(), entity: 'accountRequest', entityId, baseRev, action });

describe.each(serverEngines)('member accounts on %s', (engine) => {
  let t: TransferTestServer;
  const tokens = new Map<string, string>();
  beforeEach(async () => {
    t = await openTransferServer({ engine, postgresUrl: inject('postgresUrl') });
    tokens.clear();
  });
  afterEach(() => t?.close());

  const token = async (username: string) => {
    if (!tokens.has(username)) tokens.set(username, await t.tokenFor(username));
    return tokens.get(username)!;
  };
  const push = async (username: string, m: PushMutation) =>
    (await t.push(await token(username), [m]))[0]!;
  const post = (url: string, body: unknown) =>
    t.app.inject({ method: 'POST', url, payload: body as object });
  const register = (body: RegistrationRequest) => post('/v1/accounts/registrations', body);
  const signIn = (username: string, password: string) =>
    post('/v1/auth/login', { username, password });
  const pullAs = async (username: string) => {
    const res = await t.get('/v1/sync/pull?limit=5000', await token(username));
    expect(res.statusCode).toBe(200);
    return PullResponse.parse(res.json())
      .changes.filter((c) => c.entity === 'accountRequest')
      .map((c) => AccountRequestWire.parse((c as { data: unknown }).data));
  };
  const stored = async (id: string) => (await findAccountRequest(t.server.db, id))!;
  const userRow = (id: string) =>
    t.server.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const memberRow = (id: string) =>
    t.server.db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const grantsOf = async (userId: string) =>
    (
      await t.server.db
        .selectFrom('user_roles')
        .select(['role', 'org_id'])
        .where('user_id', '=', userId)
        .where('deleted', '=', 0)
        .orderBy('role')
        .execute()
    ).map((g) => `${g.role}@${g.org_id}`);
  const countRows = async (table: 'users' | 'account_requests' | 'members') =>
    Number(
      (
        await t.server.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** Hoa (cell 1, on file) registers with a password: the request and the account. */
  async function hoaRegisters(over: Partial<DeclaredMember> = {}) {
    const res = await register(byPassword('dv.hoa', declaredOf(record(HOA), over)));
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { requestId: string; userId: string };
  }

  describe('registration', () => {
    it('looks a member up only by the citizen id and a number of the same record', async () => {
      const hoa = record(HOA);
      const found = await post('/v1/accounts/lookup', {
        citizenId: hoa.citizenId,
        cardNo: hoa.cardNo,
      });
      expect(found.json()).toMatchObject({
        record: {
          memberId: HOA,
          fullName: 'Trần Thị Hoa',
          homeOrgId: ids.cell1,
          homeOrgName: 'Chi bộ Tổ dân phố số 1',
        },
      });
      // The right citizen id with another member's card number tells nothing.
      const mixed = await post('/v1/accounts/lookup', {
        citizenId: hoa.citizenId,
        cardNo: record(AN).cardNo,
      });
      expect(mixed.statusCode).toBe(200);
      expect(mixed.json()).toEqual({ record: null });
    });

    it('finds cells by folded words of their name, with the orgs above', async () => {
      const res = await t.get('/v1/accounts/cells?q=to%20dan%20pho%202');
      expect(res.json()).toEqual({
        items: [
          {
            id: ids.cell2,
            name: 'Chi bộ Tổ dân phố số 2',
            parents: ['Đảng bộ Thành phố Hà Nội', 'Đảng bộ Phường Việt Hưng'],
          },
        ],
      });
    });

    it('makes a pending account the cell secretary approves: active, linked, member of the cell', async () => {
      const { requestId, userId } = await hoaRegisters({ phone: '0911222333' });
      expect((await userRow(userId)).status).toBe('pending');
      expect(await signIn('dv.hoa', PASS)).toMatchObject({ statusCode: 403 });
      expect((await signIn('dv.hoa', PASS)).json()).toMatchObject({
        error: 'account_pending',
        messageVi: 'Tài khoản đang chờ Bí thư chi bộ phê duyệt.',
      });
      // A wrong password on a pending account says nothing of the account.
      expect((await signIn('dv.hoa', 'sai mat khau')).json()).toMatchObject({
        error: 'invalid_credentials',
      });

      // The waiting account syncs to the cell's staff like any user, its status with it.
      const pulled = PullResponse.parse(
        (await t.get('/v1/sync/pull?limit=5000', await token('bithu.tdp1'))).json(),
      );
      expect(pulled.changes).toContainEqual(
        expect.objectContaining({
          entity: 'user',
          id: userId,
          data: expect.objectContaining({ status: 'pending' }),
        }),
      );
      const [seen] = await pullAs('bithu.tdp1');
      expect(seen).toMatchObject({
        id: requestId,
        kind: 'registration',
        status: 'pending',
        decidingOrgId: ids.cell1,
        memberName: 'Trần Thị Hoa',
        memberId: HOA,
        recordOnFile: { id: HOA, phone: null },
        orgNames: { [ids.cell1]: 'Chi bộ Tổ dân phố số 1' },
        history: [{ type: 'filed', actorName: 'Trần Thị Hoa' }],
      });
      const rev = (await stored(requestId)).rev;
      const approved = await push('bithu.tdp1', mutation(requestId, rev, { type: 'approve' }));
      expect(approved).toMatchObject({ status: 'applied', messageVi: 'Đã duyệt yêu cầu.' });

      expect(await userRow(userId)).toMatchObject({
        status: 'active',
        member_id: HOA,
        org_id: ids.cell1,
      });
      expect(await grantsOf(userId)).toEqual([`member@${ids.cell1}`]);
      // The phone she corrected beside the database's record, reviewed by the secretary, is kept.
      expect(await memberRow(HOA)).toMatchObject({ phone: '0911222333' });
      const session = await signIn('dv.hoa', PASS);
      expect(session.statusCode).toBe(200);
      const me = await t.get('/v1/accounts/me', session.json().accessToken);
      expect(me.json()).toMatchObject({
        user: { id: userId, status: 'active' },
        member: { id: HOA },
        requests: [
          {
            id: requestId,
            status: 'approved',
            history: [{ type: 'filed' }, { type: 'approve', actorName: 'Ngô Văn Minh' }],
          },
        ],
      });
      // The grant is audited on the account: who, when, what.
      const history = await userHistory(t.server.db, userId);
      expect(history.some((h) => h.changedBy === ids.secretary && 'roles' in h.changes)).toBe(true);
    });

    it('creates the member record from the declaration when the database has none', async () => {
      const res = await register(byPassword('dv.mai', newcomer()));
      const { requestId, userId } = res.json();
      expect((await stored(requestId)).value).toMatchObject({ memberId: null });
      const before = await countRows('members');
      const rev = (await stored(requestId)).rev;
      expect(await push('bithu.tdp2', mutation(requestId, rev, { type: 'approve' }))).toMatchObject(
        { status: 'applied' },
      );
      expect(await countRows('members')).toBe(before + 1);
      const user = await userRow(userId);
      // The request names the record made for it.
      expect((await stored(requestId)).value).toMatchObject({ memberId: user.member_id });
      expect(await memberRow(user.member_id!)).toMatchObject({
        full_name: 'Phan Thị Mai',
        citizen_id: '001196012345',
        home_org_id: ids.cell2,
        status: 'active',
      });
    });

    it('a refused member reads the reason at his next sign-in', async () => {
      const { requestId, userId } = await hoaRegisters();
      const rev = (await stored(requestId)).rev;
      const refused = await push(
        'bithu.tdp1',
        mutation(requestId, rev, { type: 'refuse', reason: 'Sai số điện thoại' }),
      );
      expect(refused).toMatchObject({ status: 'applied', messageVi: 'Đã từ chối yêu cầu.' });
      expect((await userRow(userId)).status).toBe('refused');
      expect((await signIn('dv.hoa', PASS)).json()).toMatchObject({
        error: 'account_refused',
        messageVi: 'Đăng ký tài khoản đã bị từ chối. Lý do: Sai số điện thoại',
      });
      // Refused, the numbers are free again: she registers anew.
      const again = await register(byPassword('dv.hoa2', declaredOf(record(HOA))));
      expect(again.statusCode).toBe(201);
    });

    it('files the declared position once the account is approved, for the ward to decide', async () => {
      const { requestId, userId } = await hoaRegisters({ position: 'deputy_secretary' });
      const rev = (await stored(requestId)).rev;
      await push('bithu.tdp1', mutation(requestId, rev, { type: 'approve' }));
      const requests = await pullAs('qt.viethung');
      expect(requests.find((r) => r.kind === 'position')).toMatchObject({
        status: 'pending',
        requesterUserId: userId,
        decidingOrgId: ids.ward,
        orgId: ids.cell1,
        position: 'deputy_secretary',
      });
    });

    it('registers a member on his behalf with an initial password shown once', async () => {
      const res = await t.request(
        'POST',
        '/v1/accounts/registrations/on-behalf',
        await token('bithu.tdp1'),
        { username: 'dv.hoa', declared: declaredOf(record(HOA)) },
      );
      expect(res.statusCode, res.body).toBe(201);
      const { requestId, userId, initialPassword } = res.json();
      expect(initialPassword).toMatch(/^[\w-]{12}$/);
      expect((await userRow(userId)).password_hash).not.toContain(initialPassword);
      expect((await stored(requestId)).value).toMatchObject({
        filedByUserId: ids.secretary,
        requesterUserId: userId,
      });
      expect((await signIn('dv.hoa', initialPassword)).json()).toMatchObject({
        error: 'account_pending',
      });
      // The secretary who filed it may approve it: it is the member's request, not his.
      const rev = (await stored(requestId)).rev;
      await push('bithu.tdp1', mutation(requestId, rev, { type: 'approve' }));
      expect((await signIn('dv.hoa', initialPassword)).statusCode).toBe(200);
    });

    it('refuses on-behalf registration outside the staff’s subtree, or of an unknown cell', async () => {
      const outside = await t.request(
        'POST',
        '/v1/accounts/registrations/on-behalf',
        await token('bithu.tdp1'),
        { username: 'dv.an', declared: declaredOf(record(AN)) },
      );
      expect(outside.statusCode).toBe(404);
      // A member registers nobody: his roles are refused before the cell is looked at.
      const member = await t.request(
        'POST',
        '/v1/accounts/registrations/on-behalf',
        await token('dv.duc'),
        { username: 'dv.hoa', declared: declaredOf(record(HOA)) },
      );
      expect(member.statusCode).toBe(403);
      const unknown = await t.request(
        'POST',
        '/v1/accounts/registrations/on-behalf',
        await token('qt.viethung'),
        { username: 'dv.an', declared: declaredOf(record(AN), { homeOrgId: randomUUID() }) },
      );
      expect(unknown.statusCode).toBe(404);
      expect(await countRows('account_requests')).toBe(0);
    });
  });

  describe('duplicates', () => {
    it('names the holder of a citizen id, a card number or a profile number', async () => {
      await hoaRegisters();
      const again = await register(byPassword('hoa.khac', declaredOf(record(HOA))));
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({
        error: 'duplicate_account',
        holder: { field: 'citizenId', fullName: 'Trần Thị Hoa', orgName: 'Chi bộ Tổ dân phố số 1' },
      });
      expect(again.json().messageVi).toMatch(/^Số CCCD đã được dùng cho tài khoản của đồng chí/);
      // Đức's account holds his record's card number (dv.duc is linked to it).
      const card = await register(
        byPassword('nguoi.khac', newcomer({ cardNo: record(DUC).cardNo })),
      );
      expect(card.json()).toMatchObject({
        error: 'duplicate_account',
        holder: { field: 'cardNo', fullName: 'Nguyễn Văn Đức' },
      });
    });

    it('two registrations of one citizen id at the same moment make one account', async () => {
      const [a, b] = await Promise.all([
        register(byPassword('mai.mot', newcomer())),
        register(byPassword('mai.hai', newcomer({ cardNo: null, profileNo: 'LL-1' }))),
      ]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
      const loser = a.statusCode === 409 ? a : b;
      expect(loser.json()).toMatchObject({
        error: 'duplicate_account',
        holder: { field: 'citizenId', fullName: 'Phan Thị Mai' },
      });
      const accounts = await t.server.db
        .selectFrom('users')
        .select('id')
        .where('citizen_id', '=', '001196012345')
        .execute();
      expect(accounts).toHaveLength(1);
      expect(await countRows('account_requests')).toBe(1);
    });

    it('the partial unique indexes refuse a second pending registration of one number', async () => {
      const { requestId } = await hoaRegisters();
      const row = await t.server.db
        .selectFrom('account_requests')
        .selectAll()
        .where('id', '=', requestId)
        .executeTakeFirstOrThrow();
      const copy = (over: object) =>
        t.server.db
          .insertInto('account_requests')
          .values({ ...row, id: randomUUID(), card_no: null, profile_no: null, ...over })
          .execute();
      await expect(copy({})).rejects.toMatchObject({
        code: expect.stringMatching(/^(23505|SQLITE_CONSTRAINT_UNIQUE)$/),
      });
      // Decided ones, and other kinds, hold nothing.
      await copy({ status: 'refused' });
      await copy({ kind: 'info_change' });
    });

    it('refuses a taken username without writing anything', async () => {
      const users = await countRows('users');
      const res = await register(byPassword('BITHU.tdp1', newcomer()));
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ error: 'username_taken' });
      expect(await countRows('users')).toBe(users);
    });
  });

  describe('hostile input', () => {
    it.each([
      ['an oversized name', { fullName: 'A'.repeat(201) }, 'declared.fullName'],
      ['a citizen id of another birth year', { birthDate: '1997-04-12' }, 'declared.citizenId'],
      ['a citizen id of the wrong length', { citizenId: '00119601234' }, 'declared.citizenId'],
      ['neither card nor profile number', { cardNo: null }, 'declared.cardNo'],
    ] as const)('refuses %s with the field named and nothing written', async (_, over, field) => {
      const users = await countRows('users');
      const res = await register(byPassword('dv.mai', newcomer(over)));
      expect(res.statusCode).toBe(400);
      expect(res.json().field).toBe(field);
      expect(await countRows('users')).toBe(users);
    });

    it('refuses an unknown or non-cell org and a missing phone with precise codes', async () => {
      const users = await countRows('users');
      for (const [over, error, field] of [
        [{ homeOrgId: randomUUID() }, 'unknown_cell', 'declared.homeOrgId'],
        [{ homeOrgId: ids.ward }, 'unknown_cell', 'declared.homeOrgId'],
        [{ residenceOrgId: ids.province }, 'unknown_cell', 'declared.residenceOrgId'],
        [{ phone: null }, 'phone_required', 'declared.phone'],
      ] as const) {
        const res = await register(byPassword('dv.mai', newcomer(over)));
        expect(res.statusCode).toBe(400);
        expect(res.json()).toMatchObject({ error, field });
      }
      expect(await countRows('users')).toBe(users);
    });

    it('refuses a short password', async () => {
      const res = await register({
        identity: { kind: 'password', username: 'dv.mai', password: 'ngan' },
        declared: newcomer(),
      });
      expect(res.json()).toMatchObject({ error: 'weak_password' });
    });
  });

  describe('what a member files', () => {
    it('an info change reaches the record once the cell secretary approves it', async () => {
      const id = randomUUID();
      const filed = await push(
        'dv.duc',
        mutation(id, 0, {
          type: 'file_info_change',
          changes: { phone: '0911000222', residenceOrgId: ids.cell3, fullName: 'Nguyễn Văn Đức' },
        }),
      );
      expect(filed).toMatchObject({ status: 'applied' });
      expect((await stored(id)).value).toMatchObject({
        kind: 'info_change',
        memberId: DUC,
        decidingOrgId: ids.cell1,
        changes: [
          { field: 'residenceOrgId', before: null, after: ids.cell3 },
          { field: 'phone', before: null, after: '0911000222' },
        ],
      });
      const approved = await push('bithu.tdp1', mutation(id, filed.rev!, { type: 'approve' }));
      expect(approved.status).toBe('applied');
      expect(await memberRow(DUC)).toMatchObject({
        phone: '0911000222',
        residence_org_id: ids.cell3,
        full_name: 'Nguyễn Văn Đức',
      });
      expect(Number((await memberRow(DUC)).rev)).toBeGreaterThan(filed.rev!);
    });

    it('an info change that changes nothing, or names an unknown cell, is refused', async () => {
      expect(
        await push(
          'dv.duc',
          mutation(randomUUID(), 0, {
            type: 'file_info_change',
            changes: { cardNo: record(DUC).cardNo },
          }),
        ),
      ).toMatchObject({ status: 'invalid', code: 'nothing_changed' });
      expect(
        await push(
          'dv.duc',
          mutation(randomUUID(), 0, {
            type: 'file_info_change',
            changes: { residenceOrgId: ids.ward },
          }),
        ),
      ).toMatchObject({ status: 'invalid', code: 'unknown_cell' });
      expect(await countRows('account_requests')).toBe(0);
    });

    it('an info change to a number another record or account holds names the holder', async () => {
      // Another member record carries it (Hoa has no account).
      expect(
        await push(
          'dv.duc',
          mutation(randomUUID(), 0, {
            type: 'file_info_change',
            changes: { cardNo: record(HOA).cardNo },
          }),
        ),
      ).toMatchObject({
        status: 'invalid',
        code: 'number_on_other_record',
        messageVi: expect.stringMatching(/^Số thẻ đảng viên .* hồ sơ đảng viên .* Trần Thị Hoa/),
      });
      // A pending registration without a record holds it.
      expect((await register(byPassword('dv.mai', newcomer()))).statusCode).toBe(201);
      expect(
        await push(
          'dv.duc',
          mutation(randomUUID(), 0, {
            type: 'file_info_change',
            changes: { cardNo: newcomer().cardNo },
          }),
        ),
      ).toMatchObject({
        status: 'invalid',
        code: 'duplicate_account',
        messageVi: expect.stringMatching(/^Số thẻ đảng viên .* tài khoản .* Phan Thị Mai/),
      });
      // A number nobody holds is filed.
      expect(
        await push(
          'dv.duc',
          mutation(randomUUID(), 0, { type: 'file_info_change', changes: { profileNo: 'LL-77' } }),
        ),
      ).toMatchObject({ status: 'applied' });
    });

    it('the approval looks again: a number another record took meanwhile stops it, nothing written', async () => {
      const id = randomUUID();
      const filed = await push(
        'dv.duc',
        mutation(id, 0, { type: 'file_info_change', changes: { cardNo: '93.0777777' } }),
      );
      expect(filed).toMatchObject({ status: 'applied' });
      // Another office gives the number to An's record before the secretary decides.
      await t.server.db
        .updateTable('members')
        .set({ card_no: '93.0777777' })
        .where('id', '=', AN)
        .execute();
      const before = await memberRow(DUC);
      expect(await push('bithu.tdp1', mutation(id, filed.rev!, { type: 'approve' }))).toMatchObject(
        { status: 'invalid', code: 'number_on_other_record' },
      );
      expect(await memberRow(DUC)).toEqual(before);
      expect((await stored(id)).value).toMatchObject({ status: 'pending' });
    });

    it('a position is decided by the superior org; the cell secretary may not', async () => {
      const id = randomUUID();
      const filed = await push(
        'dv.duc',
        mutation(id, 0, { type: 'file_position', position: 'deputy_secretary' }),
      );
      expect((await stored(id)).value.decidingOrgId).toBe(ids.ward);
      expect(await push('bithu.tdp1', mutation(id, filed.rev!, { type: 'approve' }))).toMatchObject(
        { status: 'forbidden', code: 'not_decider' },
      );
      const approved = await push('qt.viethung', mutation(id, filed.rev!, { type: 'approve' }));
      expect(approved.status).toBe('applied');
      expect(JSON.parse((await memberRow(DUC)).positions)).toEqual([
        { orgId: ids.cell1, position: 'deputy_secretary' },
      ]);
      expect(await grantsOf(staff.member.id)).toEqual([
        `approver@${ids.cell1}`,
        `member@${ids.cell1}`,
      ]);
      const history = await userHistory(t.server.db, staff.member.id);
      expect(history[0]).toMatchObject({
        changedBy: ids.wardAdmin,
        changes: { roles: [null, { role: 'approver', orgId: ids.cell1 }] },
      });
    });

    it('a wrong cell is left for the right one on its secretary’s approval (TH3)', async () => {
      const id = randomUUID();
      const filed = await push(
        'dv.duc',
        mutation(id, 0, { type: 'file_cell_change', toOrgId: ids.cell2 }),
      );
      expect((await stored(id)).value).toMatchObject({
        fromOrgId: ids.cell1,
        toOrgId: ids.cell2,
        decidingOrgId: ids.cell2,
      });
      expect(await push('bithu.tdp1', mutation(id, filed.rev!, { type: 'approve' }))).toMatchObject(
        { status: 'forbidden', code: 'not_decider' },
      );
      expect(await push('bithu.tdp2', mutation(id, filed.rev!, { type: 'approve' }))).toMatchObject(
        { status: 'applied' },
      );
      expect((await memberRow(DUC)).home_org_id).toBe(ids.cell2);
      expect(await userRow(staff.member.id)).toMatchObject({ org_id: ids.cell2 });
      expect(await grantsOf(staff.member.id)).toEqual([`member@${ids.cell2}`]);
    });

    it('a cell change to the same cell, or by an account without a member record, is refused', async () => {
      expect(
        await push(
          'dv.duc',
          mutation(randomUUID(), 0, { type: 'file_cell_change', toOrgId: ids.cell1 }),
        ),
      ).toMatchObject({ status: 'invalid', code: 'same_cell' });
      expect(
        await push(
          'bithu.tdp1',
          mutation(randomUUID(), 0, { type: 'file_cell_change', toOrgId: ids.cell2 }),
        ),
      ).toMatchObject({ status: 'forbidden', code: 'not_a_member' });
    });
  });

  describe('decisions', () => {
    it('a second decision on a decided request is a conflict naming who decided first', async () => {
      const { requestId } = await hoaRegisters();
      const rev = (await stored(requestId)).rev;
      await push('bithu.tdp1', mutation(requestId, rev, { type: 'approve' }));
      const late = await push(
        'phobithu.tdp1',
        mutation(requestId, rev, { type: 'refuse', reason: 'Trùng' }),
      );
      expect(late).toMatchObject({
        status: 'conflict',
        code: 'stale',
        messageVi: 'Yêu cầu đã được đồng chí Ngô Văn Minh duyệt trước bạn.',
      });
      expect((await stored(requestId)).value.status).toBe('approved');
    });

    it('a replayed mutation applies once and answers the same', async () => {
      const { requestId } = await hoaRegisters();
      const m = mutation(requestId, (await stored(requestId)).rev, { type: 'approve' });
      const first = await push('bithu.tdp1', m);
      const again = await push('bithu.tdp1', m);
      expect(again).toEqual(first);
      const events = await t.server.db
        .selectFrom('account_request_events')
        .select('type')
        .where('request_id', '=', requestId)
        .execute();
      expect(events.map((e) => e.type)).toEqual(['filed', 'approve']);
    });

    it('a member cannot decide, nor file over, another member’s request', async () => {
      const { requestId } = await hoaRegisters();
      const rev = (await stored(requestId)).rev;
      expect(await push('dv.duc', mutation(requestId, rev, { type: 'approve' }))).toMatchObject({
        status: 'forbidden',
        code: 'out_of_scope',
      });
      expect(
        await push(
          'dv.duc',
          mutation(requestId, 0, { type: 'file_position', position: 'secretary' }),
        ),
      ).toMatchObject({ status: 'conflict', code: 'exists' });
      expect((await stored(requestId)).value).toMatchObject({
        kind: 'registration',
        status: 'pending',
      });
    });

    it('a decider outside the deciding org is refused as out of scope', async () => {
      const { requestId } = await hoaRegisters();
      const rev = (await stored(requestId)).rev;
      expect(await push('bithu.tdp9', mutation(requestId, rev, { type: 'approve' }))).toMatchObject(
        { status: 'forbidden', code: 'out_of_scope' },
      );
      expect((await stored(requestId)).value.status).toBe('pending');
    });
  });

  describe('read scope', () => {
    it('a member reads only his own requests, record and account', async () => {
      const { requestId } = await hoaRegisters();
      const own = randomUUID();
      await push(
        'dv.duc',
        mutation(own, 0, { type: 'file_info_change', changes: { phone: '0911000222' } }),
      );
      const duc = await token('dv.duc');
      expect((await t.get(`/v1/accounts/requests/${requestId}`, duc)).statusCode).toBe(404);
      expect((await t.get(`/v1/accounts/requests/${own}`, duc)).json()).toMatchObject({
        id: own,
        memberName: 'Nguyễn Văn Đức',
        recordOnFile: { id: DUC },
      });
      expect((await pullAs('dv.duc')).map((r) => r.id)).toEqual([own]);
      const me = (await t.get('/v1/accounts/me', duc)).json();
      expect(me.member.id).toBe(DUC);
      expect(me.requests.map((r: { id: string }) => r.id)).toEqual([own]);
      // Another ward's staff do not see the cell's requests either.
      const other = await token('bithu.tdp9');
      expect((await t.get(`/v1/accounts/requests/${requestId}`, other)).statusCode).toBe(404);
      expect(await pullAs('bithu.tdp9')).toEqual([]);
      // The cell's staff see both.
      expect((await pullAs('bithu.tdp1')).map((r) => r.id).sort()).toEqual([requestId, own].sort());
    });
  });

  it('the fixture’s password still signs staff in', async () => {
    expect((await signIn('bithu.tdp1', PASSWORD)).statusCode).toBe(200);
  });
});
