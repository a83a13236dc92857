import type { Kysely } from 'kysely';

// The holiday calendar in the cache (docs/decisions/0032), written only by pull: every deadline
// the desktop counts, online or not, uses the years held here. Append-only.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('holiday_years')
    /** The year as text, the pulled row's id. */
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull())
    /** The whole HolidayYearWire as JSON. */
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('rev', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
