import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/auth/passwords';
import { findAccountRequest } from '../../server/repositories/accounts';
import { openServerDb, type ServerDb } from '../../src/db/server-db';
import { generatedServerDb } from '../test-support/sync-server';
import { DEMO_PASSWORD } from './demo-accounts';
import { seedDemoAccountRequests, type DemoAccountRequestsSummary } from './demo-member-accounts';
import { demoTransferOrgs, seedDemoTransfers } from './demo-transfers';

const CHEAP_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };

// SQLite only: the registration and push paths it plays through are tested on both engines in
// server/accounts.test.ts.
describe('demo account requests on the generated ward (sqlite)', () => {
  let server: ServerDb;
  let drop: () => void;
  let summary: DemoAccountRequestsSummary;

  beforeAll(async () => {
    const passwordHash = await hashPassword(DEMO_PASSWORD, CHEAP_SCRYPT);
    const copy = await generatedServerDb('ward', 1);
    drop = () => copy.drop();
    server = await openServerDb(copy.config);
    await seedDemoTransfers(server.db, { passwordHash });
    summary = (await seedDemoAccountRequests(server.db, { passwordHash }))!;
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    drop?.();
  });

  it('leaves three registrations, two info changes, a position and a cell change waiting', async () => {
    expect(summary.requests.map((r) => r.kind)).toEqual([
      'registration',
      'registration',
      'registration',
      'info_change',
      'info_change',
      'position',
      'cell_change',
    ]);
    expect(summary.requests.filter((r) => r.onBehalf).map((r) => r.username)).toEqual([
      'dangkyho1.chibo1',
    ]);
    expect(summary.cellSecretary).toBe('bithu.chibo1');
    const orgs = await demoTransferOrgs(server.db);
    for (const r of summary.requests) {
      const stored = (await findAccountRequest(server.db, r.id))!.value;
      expect(stored.status).toBe('pending');
      if (r.kind === 'registration') expect(stored.decidingOrgId).toBe(orgs.get('chibo1')!.id);
      if (r.kind === 'position') expect(stored.decidingOrgId).toBe(orgs.get('phuong')!.id);
    }
    // Each request is a different member's.
    expect(new Set(summary.requests.map((r) => r.username)).size).toBe(7);
  });

  it('registers the pending accounts with the demo password, waiting for approval', async () => {
    const rows = await server.db
      .selectFrom('users')
      .select(['username', 'status'])
      .where('username', 'like', 'dangky%')
      .orderBy('username')
      .execute();
    expect(rows).toEqual([
      { username: 'dangky1.chibo1', status: 'pending' },
      { username: 'dangky2.chibo1', status: 'pending' },
      { username: 'dangkyho1.chibo1', status: 'pending' },
    ]);
  });

  it('seeds once', async () => {
    expect(await seedDemoAccountRequests(server.db)).toBeNull();
  });
});
