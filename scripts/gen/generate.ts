import type { Kysely } from 'kysely';
import type { ServerDatabase } from '../../src/db/server-schema';
import { hashPassword } from '../../server/auth/passwords';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount } from './demo-accounts';
import { feeProfilesFor } from './fees-profiles';
import { writeFeeProfiles } from './fees-profiles.repo';
import { buildModel, type Tier } from './model';
import { GENERATED_TABLES, type GeneratedTable } from './rows';
import { assertEmptyDatabase, writeGenerated } from './write.repo';

export interface GenSummary {
  tier: Tier;
  seed: number;
  /** Rows written per table. */
  counts: Record<GeneratedTable, number>;
  /** The demo accounts present in the data (all of them, in every tier); password DEMO_PASSWORD. */
  demoAccounts: DemoAccount[];
  /** The revs the rows received, or null if nothing was written. */
  firstRev: number | null;
  lastRev: number | null;
}

export interface GenerateOptions {
  tier: 'ward' | 'province' | 'nation';
  seed: number;
  /** Hash stored for every account; hashed from DEMO_PASSWORD once per run when omitted. */
  passwordHash?: string;
  /** Called after every batch, inside the transaction. */
  onProgress?: (done: number, total: number) => void;
}

/** Fills an empty server database with the tier's generated data, in one transaction. */
export async function generate(
  db: Kysely<ServerDatabase>,
  opts: GenerateOptions,
): Promise<GenSummary> {
  await assertEmptyDatabase(db);
  const passwordHash = opts.passwordHash ?? (await hashPassword(DEMO_PASSWORD));
  const rows = buildModel(opts.tier, opts.seed, passwordHash);
  const { firstRev, lastRev } = await writeGenerated(db, rows, opts.onProgress);
  // Fee profiles are server-only data (not synced): written after the synced rows.
  await writeFeeProfiles(db, feeProfilesFor(opts.seed, rows.members));
  const usernames = new Set(rows.users.map((u) => u.username));
  return {
    tier: opts.tier,
    seed: opts.seed,
    counts: Object.fromEntries(GENERATED_TABLES.map((t) => [t, rows[t].length])) as Record<
      GeneratedTable,
      number
    >,
    demoAccounts: DEMO_ACCOUNTS.filter((a) => usernames.has(a.username)),
    firstRev,
    lastRev,
  };
}
