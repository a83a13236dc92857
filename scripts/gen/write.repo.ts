import type { Kysely, Transaction } from 'kysely';
import type { ServerDatabase } from '../../src/db/server-schema';
import { reserveRevs } from '../../server/repositories/revisions';
import { GENERATED_TABLES, type GeneratedRows, type GeneratedTable } from './rows';

/** The generator fills empty databases only: mixing two data sets would break both. */
export class DatabaseNotEmptyError extends Error {
  constructor() {
    super(
      'database is not empty: it already holds orgs, and the generator only fills an empty database',
    );
    this.name = 'DatabaseNotEmptyError';
  }
}

// SQLite allows 32,766 bound parameters per statement, PostgreSQL 65,535: stay under the lower
// one so the same batches run on both. Past a few hundred rows a bigger statement gains nothing.
const MAX_PARAMETERS = 32_766;
const MAX_ROWS_PER_STATEMENT = 500;

export function batchSize(columns: number): number {
  return Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMETERS / columns)));
}

async function holdsOrgs(db: Kysely<ServerDatabase> | Transaction<ServerDatabase>) {
  const row = await db.selectFrom('orgs').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Fails fast, before minutes of generation, when the database already holds data. */
export async function assertEmptyDatabase(db: Kysely<ServerDatabase>): Promise<void> {
  if (await holdsOrgs(db)) throw new DatabaseNotEmptyError();
}

export interface WriteResult {
  /** The revs given to the rows, in table order (orgs first), or null when nothing was written. */
  firstRev: number | null;
  lastRev: number | null;
}

/**
 * Writes every row in one transaction, numbered from one block of revs reserved on the global
 * counter: an interrupted run leaves the database as it was, empty.
 */
export async function writeGenerated(
  db: Kysely<ServerDatabase>,
  rows: GeneratedRows,
  onProgress?: (done: number, total: number) => void,
): Promise<WriteResult> {
  const total = GENERATED_TABLES.reduce((sum, table) => sum + rows[table].length, 0);
  return db.transaction().execute(async (trx) => {
    if (await holdsOrgs(trx)) throw new DatabaseNotEmptyError();
    if (total === 0) return { firstRev: null, lastRev: null };
    const firstRev = await reserveRevs(trx, total);
    let done = 0;
    for (const table of GENERATED_TABLES) {
      done = await insertTable(trx, table, rows[table], firstRev + done, done, total, onProgress);
    }
    return { firstRev, lastRev: firstRev + total - 1 };
  });
}

async function insertTable(
  trx: Transaction<ServerDatabase>,
  table: GeneratedTable,
  rows: GeneratedRows[GeneratedTable],
  firstRev: number,
  doneBefore: number,
  total: number,
  onProgress?: (done: number, total: number) => void,
): Promise<number> {
  const first = rows[0];
  if (first === undefined) return doneBefore;
  const size = batchSize(Object.keys(first).length + 1);
  let done = doneBefore;
  for (let start = 0; start < rows.length; start += size) {
    const batch = rows
      .slice(start, start + size)
      .map((row, i) => ({ ...row, rev: firstRev + start + i }));
    // The row types of the five tables differ; each batch holds rows of `table` only.
    await trx
      .insertInto(table)
      .values(batch as never)
      .execute();
    done += batch.length;
    onProgress?.(done, total);
  }
  return done;
}
