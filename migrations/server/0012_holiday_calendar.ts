import { sql, type Kysely } from 'kysely';

// Migrations are append-only and never import app code: a released database must keep opening.

/** 2026 as announced, which the code counted with until this migration (weekday holidays only). */
const YEAR_2026 = {
  holidays: [
    { date: '2026-01-01', name: 'Tết Dương lịch' },
    { date: '2026-02-16', name: 'Tết Nguyên đán' },
    { date: '2026-02-17', name: 'Tết Nguyên đán' },
    { date: '2026-02-18', name: 'Tết Nguyên đán' },
    { date: '2026-02-19', name: 'Tết Nguyên đán' },
    { date: '2026-02-20', name: 'Tết Nguyên đán' },
    { date: '2026-04-27', name: 'Giỗ Tổ Hùng Vương (nghỉ bù)' },
    { date: '2026-04-30', name: 'Ngày Giải phóng miền Nam' },
    { date: '2026-05-01', name: 'Quốc tế Lao động' },
    { date: '2026-09-01', name: 'Quốc khánh' },
    { date: '2026-09-02', name: 'Quốc khánh' },
  ],
  makeUpDays: [],
};

/**
 * The holiday calendar (docs/decisions/0032): one synced row per year (id = the year, so pull
 * treats it like any row), `data` the year's days off and make-up days as JSON; and its history,
 * who changed a year when, before and after. 2026 is seeded with a rev of its own so every cache,
 * however far it has pulled, receives it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('holiday_years')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull().unique())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('rev', 'bigint', (c) => c.notNull())
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('holiday_years_rev').on('holiday_years').column('rev').execute();

  await db.schema
    .createTable('holiday_year_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('changed_at', 'text', (c) => c.notNull())
    /** The year's JSON before the change; null when the year was not set. */
    .addColumn('before', 'text')
    .addColumn('after', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('holiday_year_history_year')
    .on('holiday_year_history')
    .columns(['year', 'changed_at'])
    .execute();

  const { rows } = await sql<{ value: number | string }>`
    update sync_counter set value = value + 1 where id = 1 returning value`.execute(db);
  const rev = Number(rows[0]!.value);
  await sql`insert into holiday_years (id, year, data, updated_by, rev, deleted, updated_at)
    values ('2026', 2026, ${JSON.stringify(YEAR_2026)}, null, ${rev}, 0, ${'2026-01-01T00:00:00.000Z'})`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
