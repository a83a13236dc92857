import { sql, type Kysely } from 'kysely';

// Migrations are append-only and never import app code: a released database must keep opening.

/**
 * A committee's residence campaign travels to the caches as its own entity (`residenceCampaign`):
 * a moved due date then reaches every cache that holds the committee's forms without touching the
 * forms' revs, which are their concurrency tokens. Existing campaigns get a rev each, above every
 * cursor handed out so far, so every cache receives them on its next pull.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('residence_campaigns')
    .addColumn('rev', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  const { rows } = await sql<{ committee_org_id: string; year: number }>`
    select committee_org_id, year from residence_campaigns order by committee_org_id, year`.execute(
    db,
  );
  for (const row of rows) {
    const counter = await sql<{ value: number | string }>`
      update sync_counter set value = value + 1 where id = 1 returning value`.execute(db);
    await sql`update residence_campaigns set rev = ${Number(counter.rows[0]!.value)}
      where committee_org_id = ${row.committee_org_id} and year = ${row.year}`.execute(db);
  }
  await db.schema
    .createIndex('residence_campaigns_rev')
    .on('residence_campaigns')
    .column('rev')
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
