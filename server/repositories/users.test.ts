import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { freshServerDatabase, serverEngines } from '../../scripts/test-support/databases';
import { openServerDb, type ServerDb } from '../../src/db/server-db';
import { verifyPassword } from '../auth/passwords';
import { ids, seedFixture, TEST_SCRYPT } from '../test-support/fixture';
import { hashPassword } from '../auth/passwords';
import { User } from '../../src/domain/people/user';
import {
  findLoginAccount,
  insertUser,
  listUsers,
  SECRET_CHANGED,
  updateUser,
  userHistory,
  UsernameTakenError,
} from './users';

describe.each(serverEngines)('updateUser on %s', (engine) => {
  let server: ServerDb;
  let drop: () => Promise<void>;
  beforeEach(async () => {
    const fresh = await freshServerDatabase(engine, inject('postgresUrl'));
    drop = fresh.drop;
    server = await openServerDb(fresh.config);
    await seedFixture(server.db);
  });
  afterEach(async () => {
    await server.close();
    await drop();
  });

  const userRow = (id: string) =>
    server.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('writes the changed fields, a new rev and a history entry without secrets', async () => {
    const before = await userRow(ids.secretary);
    const newHash = await hashPassword('mật khẩu mới', TEST_SCRYPT);
    const at = new Date('2026-02-01T10:00:00Z');
    const diff = await server.db
      .transaction()
      .execute((trx) =>
        updateUser(
          trx,
          ids.secretary,
          { phone: '0987654321', position: before.position, passwordHash: newHash },
          ids.wardAdmin,
          at,
        ),
      );
    expect(diff).toEqual({
      phone: ['0912345678', '0987654321'],
      password: [SECRET_CHANGED, SECRET_CHANGED],
    });
    const after = await userRow(ids.secretary);
    expect(after.rev).toBeGreaterThan(before.rev);
    const counter = await server.db
      .selectFrom('sync_counter')
      .select('value')
      .executeTakeFirstOrThrow();
    expect(after.rev).toBe(Number(counter.value));
    expect(after).toMatchObject({
      phone: '0987654321',
      updated_by: ids.wardAdmin,
      updated_at: at.toISOString(),
    });
    expect(await verifyPassword('mật khẩu mới', after.password_hash ?? '')).toBe(true);

    const history = await userHistory(server.db, ids.secretary);
    expect(history).toEqual([
      {
        id: expect.any(String),
        userId: ids.secretary,
        changedBy: ids.wardAdmin,
        changedAt: at.toISOString(),
        changes: diff,
      },
    ]);
    expect(JSON.stringify(history)).not.toContain('scrypt');
  });

  it('writes nothing when nothing changes', async () => {
    const before = await userRow(ids.secretary);
    const diff = await server.db
      .transaction()
      .execute((trx) => updateUser(trx, ids.secretary, { phone: before.phone }, ids.wardAdmin));
    expect(diff).toEqual({});
    expect((await userRow(ids.secretary)).rev).toBe(before.rev);
    expect(await userHistory(server.db, ids.secretary)).toEqual([]);
  });

  it('records exits for the user and their grants when the org changes', async () => {
    const before = await userRow(ids.secretary);
    await server.db
      .transaction()
      .execute((trx) =>
        updateUser(trx, ids.secretary, { orgId: ids.otherCell }, ids.provinceAdmin),
      );
    const exits = await server.db.selectFrom('sync_exits').selectAll().orderBy('rev').execute();
    expect(exits.map((e) => [e.entity, e.old_path])).toEqual([
      ['user', `/${ids.province}/${ids.ward}/${ids.cell1}/`],
      ['userRole', `/${ids.province}/${ids.ward}/${ids.cell1}/`],
    ]);
    const role = await server.db
      .selectFrom('user_roles')
      .select('rev')
      .where('user_id', '=', ids.secretary)
      .executeTakeFirstOrThrow();
    const after = await userRow(ids.secretary);
    // Exits first, then the new versions.
    expect(Math.max(...exits.map((e) => e.rev))).toBeLessThan(role.rev);
    expect(role.rev).toBeLessThan(after.rev);
    expect(after.rev).toBeGreaterThan(before.rev);
  });
});

describe.each(serverEngines)('usernames and the user search on %s', (engine) => {
  let server: ServerDb;
  let drop: () => Promise<void>;
  beforeEach(async () => {
    const fresh = await freshServerDatabase(engine, inject('postgresUrl'));
    drop = fresh.drop;
    server = await openServerDb(fresh.config);
    await seedFixture(server.db);
  });
  afterEach(async () => {
    await server.close();
    await drop();
  });

  const account = (n: number, username: string, fullName: string) =>
    User.parse({
      id: `00000000-0000-4000-8000-${String(900 + n).padStart(12, '0')}`,
      username,
      fullName,
      citizenId: `00108000${String(900 + n).padStart(4, '0')}`,
      phone: '0912345678',
      email: null,
      position: null,
      orgId: ids.ward,
      status: 'active',
      roles: [],
    });
  const insert = (user: User) =>
    server.db
      .transaction()
      .execute((trx) => insertUser(trx, { user, passwordHash: null }, new Date('2026-02-01')));

  it('refuses a username that differs from an existing one only in case', async () => {
    await expect(insert(account(1, 'QT.VIETHUNG', 'Người Khác'))).rejects.toThrow(
      UsernameTakenError,
    );
    await expect(insert(account(2, 'Qt.VietHung', 'Người Khác'))).rejects.toMatchObject({
      messageVi: expect.stringContaining('không phân biệt chữ hoa, chữ thường') as string,
    });
    // Tone marks are letters of their own: "qt.việthưng" is another name.
    await expect(insert(account(3, 'qt.việthưng', 'Người Khác'))).resolves.toMatchObject({
      username: 'qt.việthưng',
    });
  });

  it('finds the account for login in any case', async () => {
    expect(await findLoginAccount(server.db, 'QT.VietHung')).toMatchObject({ id: ids.wardAdmin });
    expect(await findLoginAccount(server.db, 'qt.viet')).toBeNull();
  });

  it('ranks the exact name before a name that only starts the same words', async () => {
    // Name order puts An before Hà: only the ranking puts the whole word "Thị" first.
    await insert(account(4, 'a.thinh', 'Trần Thịnh An'));
    await insert(account(5, 'b.ha', 'Trần Thị Thu Hà'));
    const names = async (q: string) =>
      (await listUsers(server.db, ['/'], { q, page: 1, pageSize: 50 })).items.map(
        (u) => u.fullName,
      );
    expect(await names('Trần Thị Thu Hà')).toEqual(['Trần Thị Thu Hà']);
    expect(await names('tran thi')).toEqual(['Trần Thị Thu Hà', 'Trần Thịnh An']);
    expect(await names('')).toEqual(expect.arrayContaining(['Trần Thịnh An', 'Trần Thị Thu Hà']));
    expect(await names('thinh tran')).toEqual(['Trần Thịnh An']);
    // The username, folded and in any case; name and username mixed.
    expect(await names('B.HA')).toEqual(['Trần Thị Thu Hà']);
    expect(await names('an a.thinh')).toEqual(['Trần Thịnh An']);
  });

  it('keeps the folded search text in step with a renamed account', async () => {
    await server.db
      .transaction()
      .execute((trx) => updateUser(trx, ids.secretary, { fullName: 'Đỗ Thị Hằng' }, ids.wardAdmin));
    const found = await listUsers(server.db, ['/'], { q: 'do thi hang', page: 1, pageSize: 50 });
    expect(found.items.map((u) => u.id)).toEqual([ids.secretary]);
    const old = await listUsers(server.db, ['/'], { q: 'ngo van minh', page: 1, pageSize: 50 });
    expect(old.items).toEqual([]);
  });
});
