import type { Kysely } from 'kysely';
import type { ServerDatabase } from '../../src/db/server-schema';
import type { FeeProfileRow } from './fees-profiles';

/** Writes generated fee profiles in batches, in one transaction. */
export async function writeFeeProfiles(
  db: Kysely<ServerDatabase>,
  rows: readonly FeeProfileRow[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // 8 columns × 1000 rows stays under SQLite's bound-parameter limit.
    for (let i = 0; i < rows.length; i += 1000)
      await trx
        .insertInto('fee_profiles')
        .values(rows.slice(i, i + 1000))
        .execute();
  });
}
