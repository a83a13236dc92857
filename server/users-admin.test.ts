import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { serverEngines } from '../scripts/test-support/databases';
import { InitialPasswordReceipt, type CreateUserRequest } from '../src/api/users-admin';
import { UserDetail } from '../src/api/users';
import { userHistory } from './repositories/users';
import { openTestServer, type TestServer } from './test-support/harness';
import { ids, members, PASSWORD } from './test-support/fixture';

const [, , AN, BICH] = ids.members;
const record = (id: string) => members.find((m) => m.id === id)!;
const lookupOf = (id: string) => {
  const m = record(id);
  return { citizenId: m.citizenId, fullName: m.fullName, birthDate: m.birthDate };
};
const CRAFTED_ORG = '00000000-0000-4000-8000-00000000dead';

/** An (ward) processor made from An's record, unless told otherwise. */
const newUser = (over: Partial<CreateUserRequest> = {}): CreateUserRequest => ({
  lookup: lookupOf(AN),
  username: 'xuly.an',
  phone: '0987000222',
  email: null,
  position: 'Chuyên viên',
  orgId: ids.ward,
  roles: [{ role: 'processor', orgId: ids.ward }],
  active: true,
  ...over,
});

describe.each(serverEngines)('user administration on %s', (engine) => {
  let t: TestServer;
  const tokens = new Map<string, string>();
  beforeEach(async () => {
    t = await openTestServer({ engine, postgresUrl: inject('postgresUrl') });
    tokens.clear();
  });
  afterEach(() => t?.close());

  const token = async (username: string) => {
    if (!tokens.has(username)) tokens.set(username, await t.tokenFor(username));
    return tokens.get(username)!;
  };
  /** Each write a second after the last, so the history has an order. */
  const call = async (who: string, method: 'POST' | 'PUT', url: string, body: object = {}) => {
    t.clock.now = new Date(t.clock.now.getTime() + 1000);
    return t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${await token(who)}` },
      payload: body,
    });
  };
  const signIn = (username: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username, password } });
  const countUsers = async () =>
    Number(
      (
        await t.server.db
          .selectFrom('users')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const WARD_ADMIN = 'qt.viethung';
  const TOP_ADMIN = 'qt.thanhpho';

  async function wardAdminAddsAn(over: Partial<CreateUserRequest> = {}) {
    const res = await call(WARD_ADMIN, 'POST', '/v1/users', newUser(over));
    expect(res.statusCode, res.body).toBe(201);
    return InitialPasswordReceipt.parse(res.json());
  }

  describe('adding a user from the member database', () => {
    it('finds the record only when citizen id, name (any case and marks) and birth date agree', async () => {
      const an = lookupOf(AN);
      const found = await call(WARD_ADMIN, 'POST', '/v1/users/member-lookup', {
        ...an,
        fullName: 'le VAN an',
      });
      expect(found.json()).toMatchObject({
        record: { memberId: AN, fullName: 'Lê Văn An', homeOrgId: ids.cell2 },
      });
      const wrongBirth = await call(WARD_ADMIN, 'POST', '/v1/users/member-lookup', {
        ...an,
        birthDate: '1975-01-21',
      });
      expect(wrongBirth.json()).toEqual({ record: null });
      const wrongName = await call(WARD_ADMIN, 'POST', '/v1/users/member-lookup', {
        ...an,
        fullName: 'Lê Văn Anh',
      });
      expect(wrongName.json()).toEqual({ record: null });
      // The other ward's member exists, but not for this admin.
      const outside = await call(
        WARD_ADMIN,
        'POST',
        '/v1/users/member-lookup',
        lookupOf(ids.outsider),
      );
      expect(outside.json()).toEqual({ record: null });
    });

    it('makes the account with its grants and a password shown once, that signs in', async () => {
      const { user, initialPassword } = await wardAdminAddsAn();
      expect(user).toMatchObject({
        username: 'xuly.an',
        fullName: 'Lê Văn An',
        citizenId: record(AN).citizenId,
        orgId: ids.ward,
        status: 'active',
        memberId: AN,
        roles: [{ role: 'processor', orgId: ids.ward }],
      });
      expect(initialPassword.length).toBeGreaterThanOrEqual(12);
      expect((await signIn('xuly.an', initialPassword)).statusCode).toBe(200);
      const [created] = await userHistory(t.server.db, user.id);
      expect(created!.changes).toMatchObject({
        username: [null, 'xuly.an'],
        phone: [null, '0987000222'],
        roles: [[], [{ role: 'processor', orgId: ids.ward }]],
        password: [null, '***'],
      });
      // An empty email says nothing.
      expect(created!.changes).not.toHaveProperty('email');
      expect(JSON.stringify(created)).not.toContain(initialPassword);
      expect(JSON.stringify(created)).not.toContain('scrypt');
    });

    it('refuses a record that does not match (422), a held citizen id or username (409), no role (400), and writes nothing', async () => {
      const before = await countUsers();
      const mismatch = await call(
        WARD_ADMIN,
        'POST',
        '/v1/users',
        newUser({ lookup: { ...lookupOf(AN), birthDate: '1975-01-21' } }),
      );
      expect(mismatch.statusCode).toBe(422);
      expect(mismatch.json()).toMatchObject({ error: 'member_not_found' });
      const noRole = await call(WARD_ADMIN, 'POST', '/v1/users', newUser({ roles: [] }));
      expect(noRole.statusCode).toBe(400);
      const badPhone = await call(WARD_ADMIN, 'POST', '/v1/users', newUser({ phone: '12345' }));
      expect(badPhone.statusCode).toBe(400);
      expect(await countUsers()).toBe(before);

      await wardAdminAddsAn();
      const again = await call(WARD_ADMIN, 'POST', '/v1/users', newUser({ username: 'xuly.an2' }));
      expect(again.statusCode).toBe(409);
      // The person has an account: the admin is sent to its roles, not to another account.
      expect(again.json()).toMatchObject({
        error: 'duplicate_account',
        messageVi: expect.stringContaining('"Phân quyền"') as unknown,
      });
      const sameName = await call(
        WARD_ADMIN,
        'POST',
        '/v1/users',
        newUser({ lookup: lookupOf(BICH), username: 'XuLy.An' }),
      );
      expect(sameName.statusCode).toBe(409);
      expect(sameName.json()).toMatchObject({ error: 'username_taken' });
      expect(await countUsers()).toBe(before + 1);
      // The refused account left no grant behind either.
      const grants = await t.server.db
        .selectFrom('user_roles as r')
        .innerJoin('users as u', 'u.id', 'r.user_id')
        .select('u.username')
        .where('u.citizen_id', '=', record(BICH).citizenId)
        .execute();
      expect(grants).toEqual([]);
    });
  });

  describe('admin tiers', () => {
    it('lets an admin make admins only below his org, other roles at his org or below', async () => {
      const ownAdmin = await call(
        WARD_ADMIN,
        'POST',
        '/v1/users',
        newUser({ roles: [{ role: 'admin', orgId: ids.ward }] }),
      );
      expect(ownAdmin.statusCode).toBe(403);
      expect(ownAdmin.json()).toMatchObject({ error: 'grant_out_of_tier' });
      await wardAdminAddsAn({ orgId: ids.cell2, roles: [{ role: 'admin', orgId: ids.cell2 }] });
      // The province's level-1 admin makes the ward's admins.
      const ward = await call(
        TOP_ADMIN,
        'POST',
        '/v1/users',
        newUser({
          lookup: lookupOf(BICH),
          username: 'qt2.viethung',
          roles: [{ role: 'admin', orgId: ids.ward }],
        }),
      );
      expect(ward.statusCode, ward.body).toBe(201);
      // …whom the ward admin, his peer, may not touch.
      const peerId = InitialPasswordReceipt.parse(ward.json()).user.id;
      const touch = await call(WARD_ADMIN, 'POST', `/v1/users/${peerId}/lock`);
      expect(touch.statusCode).toBe(403);
      expect(touch.json()).toMatchObject({ error: 'out_of_tier' });
    });

    it('refuses a ward admin who grants himself a province role, or changes his own account', async () => {
      const self = await call(WARD_ADMIN, 'POST', `/v1/users/${ids.wardAdmin}/roles`, {
        role: 'admin',
        orgId: ids.province,
      });
      expect(self.statusCode).toBe(403);
      const lockSelf = await call(WARD_ADMIN, 'POST', `/v1/users/${ids.wardAdmin}/lock`);
      expect(lockSelf.statusCode).toBe(403);
      // Nor through an account he manages: the province is above him.
      const viaOther = await call(WARD_ADMIN, 'POST', `/v1/users/${ids.secretary}/roles`, {
        role: 'processor',
        orgId: ids.province,
      });
      expect(viaOther.statusCode).toBe(403);
      const grants = await t.server.db
        .selectFrom('user_roles')
        .select('role')
        .where('org_id', '=', ids.province)
        .where('deleted', '=', 0)
        .execute();
      expect(grants.map((g) => g.role)).toEqual(['admin']);
    });

    it('hides a sibling ward’s users and orgs, and a crafted org id, from a ward admin', async () => {
      const sibling = await call(WARD_ADMIN, 'PUT', `/v1/users/${ids.otherAdmin}`, {
        phone: '0911111111',
        email: null,
        position: null,
      });
      expect(sibling.statusCode).toBe(404);
      const above = await call(WARD_ADMIN, 'POST', `/v1/users/${ids.provinceAdmin}/lock`);
      expect(above.statusCode).toBe(404);
      const inSibling = await call(
        WARD_ADMIN,
        'POST',
        '/v1/users',
        newUser({ orgId: ids.otherWard, roles: [{ role: 'processor', orgId: ids.otherWard }] }),
      );
      expect(inSibling.statusCode).toBe(404);
      const crafted = await call(
        WARD_ADMIN,
        'POST',
        '/v1/users',
        newUser({ roles: [{ role: 'processor', orgId: CRAFTED_ORG }] }),
      );
      expect(crafted.statusCode).toBe(404);
      // The province is visible to him (above his ward), but not his to fill.
      const atProvince = await call(
        WARD_ADMIN,
        'POST',
        '/v1/users',
        newUser({ orgId: ids.province }),
      );
      expect(atProvince.statusCode).toBe(403);
      const grantAtSibling = await call(WARD_ADMIN, 'POST', `/v1/users/${ids.secretary}/roles`, {
        role: 'clerk',
        orgId: ids.otherCell,
      });
      expect(grantAtSibling.statusCode).toBe(404);
    });
  });

  describe('edit, lock, password, roles', () => {
    it('edits, locks and unlocks with history; a locked account cannot sign in', async () => {
      const { user, initialPassword } = await wardAdminAddsAn();
      const edited = await call(WARD_ADMIN, 'PUT', `/v1/users/${user.id}`, {
        phone: '0911222333',
        email: 'an@example.vn',
        position: 'Chuyên viên',
      });
      expect(edited.statusCode, edited.body).toBe(200);
      expect(UserDetail.parse(edited.json())).toMatchObject({
        phone: '0911222333',
        email: 'an@example.vn',
      });
      const locked = await call(WARD_ADMIN, 'POST', `/v1/users/${user.id}/lock`);
      expect(locked.json()).toMatchObject({ status: 'inactive' });
      expect((await signIn('xuly.an', initialPassword)).statusCode).not.toBe(200);
      const unlocked = await call(WARD_ADMIN, 'POST', `/v1/users/${user.id}/unlock`);
      expect(unlocked.json()).toMatchObject({ status: 'active' });
      expect((await signIn('xuly.an', initialPassword)).statusCode).toBe(200);
      const history = await userHistory(t.server.db, user.id);
      expect(history.map((h) => h.changes).slice(0, 3)).toEqual([
        { status: ['inactive', 'active'] },
        { status: ['active', 'inactive'] },
        { phone: ['0987000222', '0911222333'], email: [null, 'an@example.vn'] },
      ]);
      expect(history[0]!.changedBy).toBe(ids.wardAdmin);
    });

    it('resets a password: the old one stops, the new one is shown once and masked in history', async () => {
      const { user, initialPassword } = await wardAdminAddsAn();
      const reset = await call(WARD_ADMIN, 'POST', `/v1/users/${user.id}/password-reset`);
      expect(reset.statusCode).toBe(200);
      const { initialPassword: fresh } = InitialPasswordReceipt.parse(reset.json());
      expect(fresh).not.toBe(initialPassword);
      expect((await signIn('xuly.an', initialPassword)).statusCode).not.toBe(200);
      expect((await signIn('xuly.an', fresh)).statusCode).toBe(200);
      const [entry] = await userHistory(t.server.db, user.id);
      expect(entry!.changes).toEqual({ password: ['***', '***'] });
      // The fixture's password still works for everyone else.
      expect((await signIn('bithu.tdp1', PASSWORD)).statusCode).toBe(200);
    });

    it('grants and revokes roles with history, never the last one', async () => {
      const { user } = await wardAdminAddsAn();
      const granted = await call(WARD_ADMIN, 'POST', `/v1/users/${user.id}/roles`, {
        role: 'approver',
        orgId: ids.cell2,
      });
      expect(UserDetail.parse(granted.json()).roles).toEqual(
        expect.arrayContaining([
          { role: 'processor', orgId: ids.ward },
          { role: 'approver', orgId: ids.cell2 },
        ]),
      );
      const revoked = await call(WARD_ADMIN, 'POST', `/v1/users/${user.id}/roles/revoke`, {
        role: 'processor',
        orgId: ids.ward,
      });
      expect(UserDetail.parse(revoked.json()).roles).toEqual([
        { role: 'approver', orgId: ids.cell2 },
      ]);
      const last = await call(WARD_ADMIN, 'POST', `/v1/users/${user.id}/roles/revoke`, {
        role: 'approver',
        orgId: ids.cell2,
      });
      expect(last.statusCode).toBe(422);
      const member = await call(WARD_ADMIN, 'POST', `/v1/users/${user.id}/roles`, {
        role: 'member',
        orgId: ids.cell2,
      });
      expect(member.statusCode).toBe(400);
      const [revokedEntry, grantedEntry] = await userHistory(t.server.db, user.id);
      expect(grantedEntry!.changes.roles![1]).toContainEqual({
        role: 'approver',
        orgId: ids.cell2,
      });
      expect(revokedEntry!.changes.roles).toEqual([
        expect.arrayContaining([{ role: 'processor', orgId: ids.ward }]),
        [{ role: 'approver', orgId: ids.cell2 }],
      ]);
    });
  });
});
