import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPayments } from '../../server/repositories/fees-payments';
import { subtreeBankAccounts } from '../../server/repositories/fees-bank-accounts';
import { openServerDb, type ServerDb } from '../../src/db/server-db';
import { bankAccountFlags } from '../../src/domain/fees/bank-account-check';
import { FeeProfile } from '../../src/domain/fees/profile';
import { computeMonthlyFee } from '../../src/domain/fees/compute';
import { DEFAULT_FEE_RULES } from '../../src/domain/fees/rules';
import { seedDemoFees } from './demo-fees';
import { feeProfilesFor } from './fees-profiles';
import { generate } from './generate';
import { buildModel } from './model';

describe('generated fee profiles and demo fees (ward tier)', () => {
  let dir: string;
  let server: ServerDb;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gen-fees-'));
    server = await openServerDb({ sqliteFile: join(dir, 'server.sqlite') });
    await generate(server.db, { tier: 'ward', seed: 1, passwordHash: 'x' });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives members valid, computable profiles, the same for the same seed', () => {
    const members = buildModel('ward', 1, 'x').members;
    const rows = feeProfilesFor(1, members);
    expect(rows).toEqual(feeProfilesFor(1, members));
    expect(rows.length).toBeGreaterThan(members.length * 0.8);
    const categories = new Set(rows.map((r) => r.category));
    for (const c of ['salaried', 'pensioner', 'other']) expect(categories).toContain(c);
    for (const r of rows) {
      const profile = FeeProfile.parse({
        category: r.category,
        base: r.base,
        fixedAmount: r.fixed_amount,
        voluntaryExtra: r.voluntary_extra,
        exemption: r.exemption,
      });
      const fee = computeMonthlyFee(profile, '2026-03', DEFAULT_FEE_RULES);
      expect(fee.ok && fee.value.amount).toBeGreaterThanOrEqual(0);
    }
  });

  it('generates organizational accounts the cross-check does not flag', async () => {
    const root = await subtreeBankAccounts(server.db, '/');
    const accounts = root.flatMap((o) => o.accounts);
    expect(accounts.length).toBeGreaterThan(0);
    expect(accounts.filter((a) => bankAccountFlags(a).length > 0)).toEqual([]);
  });

  it('seeds demo fees: approvals, payments of every status, receipts', async () => {
    const seeded = await seedDemoFees(server.db);
    expect(seeded.approvals).toBeGreaterThan(0);
    expect(seeded.receipts).toBeGreaterThan(0);
    const all = await listPayments(server.db, { subtreePaths: ['/'], own: null, limit: 5000 });
    expect(all.length).toBe(seeded.payments);
    expect(new Set(all.map((p) => p.status))).toEqual(new Set(['success', 'failed', 'unknown']));
  });
});
