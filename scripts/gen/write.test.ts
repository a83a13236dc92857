import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openServerDb, type ServerDb } from '../../src/db/server-db';
import { hashPassword, verifyPassword } from '../../server/auth/passwords';
import { freshServerDatabase, serverEngines } from '../test-support/databases';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts';
import { generate } from './generate';
import { buildModel } from './model';
import { GENERATED_TABLES } from './rows';
import { DatabaseNotEmptyError } from './write.repo';

// Cheap scrypt parameters: the hash is made once and stored on every account.
const hashOnce = hashPassword(DEMO_PASSWORD, { N: 1024, r: 8, p: 1 });

async function tableCounts(server: ServerDb) {
  const counts: Record<string, number> = {};
  for (const table of GENERATED_TABLES) {
    const row = await server.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

async function counterValue(server: ServerDb) {
  const row = await server.db.selectFrom('sync_counter').select('value').executeTakeFirstOrThrow();
  return Number(row.value);
}

describe.each(serverEngines)('writing the ward tier on %s', (engine) => {
  let written: { server: ServerDb; drop(): Promise<void> };
  let passwordHash: string;

  beforeAll(async () => {
    passwordHash = await hashOnce;
    const fresh = await freshServerDatabase(engine, inject('postgresUrl'));
    written = { server: await openServerDb(fresh.config), drop: fresh.drop };
  });
  afterAll(async () => {
    await written.server.close();
    await written.drop();
  });

  it('stores every row, numbered in order from the global counter', async () => {
    const progress: number[] = [];
    // Revs the migrations handed out already (the seeded holiday calendar, 0012).
    const before = await counterValue(written.server);
    const summary = await generate(written.server.db, {
      tier: 'ward',
      seed: 3,
      passwordHash,
      onProgress: (done, total) => progress.push(done / total),
    });
    const model = buildModel('ward', 3, passwordHash);
    const expected = Object.fromEntries(GENERATED_TABLES.map((t) => [t, model[t].length]));
    expect(summary.counts).toEqual(expected);
    expect(await tableCounts(written.server)).toEqual(expected);
    expect(summary.demoAccounts.map((a) => a.username)).toEqual(
      DEMO_ACCOUNTS.map((a) => a.username),
    );

    const total = Object.values(expected).reduce((a, b) => a + b, 0);
    expect(summary.firstRev).toBe(before + 1);
    expect(summary.lastRev).toBe(before + total);
    expect(await counterValue(written.server)).toBe(before + total);
    expect(progress.at(-1)).toBe(1);
    expect(progress.length).toBeGreaterThan(GENERATED_TABLES.length);

    // Parents carry lower revs than their children, and no rev is used twice.
    const orgs = await written.server.db
      .selectFrom('orgs')
      .select(['id', 'parent_id', 'rev'])
      .execute();
    const revOf = new Map(orgs.map((o) => [o.id, Number(o.rev)]));
    for (const o of orgs)
      if (o.parent_id) expect(revOf.get(o.parent_id)!).toBeLessThan(Number(o.rev));
    const members = await written.server.db.selectFrom('members').select('rev').execute();
    const revs = new Set([...orgs.map((o) => Number(o.rev)), ...members.map((m) => Number(m.rev))]);
    expect(revs.size).toBe(orgs.length + members.length);

    // What was stored is what the model built, byte for byte.
    const stored = await written.server.db
      .selectFrom('members')
      .selectAll()
      .orderBy('rev')
      .limit(3)
      .execute();
    expect(stored.map(({ rev: _rev, deleted: _deleted, ...row }) => row)).toEqual(
      model.members.slice(0, 3),
    );
  });

  it('lets the demo accounts log in with the demo password', async () => {
    const user = await written.server.db
      .selectFrom('users')
      .select(['password_hash', 'status'])
      .where('username', '=', 'bithu.chibo1')
      .executeTakeFirstOrThrow();
    expect(user.status).toBe('active');
    expect(await verifyPassword(DEMO_PASSWORD, user.password_hash!)).toBe(true);
    expect(await verifyPassword('wrong', user.password_hash!)).toBe(false);
  });

  it('refuses a second run into the same database and leaves it as it was', async () => {
    const before = await tableCounts(written.server);
    const run = generate(written.server.db, { tier: 'ward', seed: 4, passwordHash });
    await expect(run).rejects.toBeInstanceOf(DatabaseNotEmptyError);
    await expect(run).rejects.toThrow('database is not empty');
    expect(await tableCounts(written.server)).toEqual(before);
  });

  it('leaves nothing behind when interrupted midway', async () => {
    const fresh = await freshServerDatabase(engine, inject('postgresUrl'));
    const server = await openServerDb(fresh.config);
    try {
      const before = await counterValue(server);
      let calls = 0;
      const run = generate(server.db, {
        tier: 'ward',
        seed: 3,
        passwordHash,
        onProgress: (done, total) => {
          calls++;
          // Past the orgs and bank accounts, in the middle of the members.
          if (done > total / 2) throw new Error('interrupted by the test');
        },
      });
      await expect(run).rejects.toThrow('interrupted by the test');
      expect(calls).toBeGreaterThan(2);
      const counts = await tableCounts(server);
      expect(counts).toEqual(Object.fromEntries(GENERATED_TABLES.map((t) => [t, 0])));
      expect(await counterValue(server)).toBe(before);
    } finally {
      await server.close();
      await fresh.drop();
    }
  });
});
