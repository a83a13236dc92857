import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { freshServerDatabase, serverEngines } from '../../scripts/test-support/databases';
import { openServerDb, type ServerDb } from '../../src/db/server-db';
import { verifyPassword } from '../auth/passwords';
import { ids, seedFixture, TEST_SCRYPT } from '../test-support/fixture';
import { hashPassword } from '../auth/passwords';
import { SECRET_CHANGED, updateUser, userHistory } from './users';

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
