import type { Kysely } from 'kysely';

// The committees' residence campaigns in the cache, written only by pull (entity
// `residenceCampaign`): a form's due date is read here, so a moved date reaches forms already
// cached without their changing. Append-only.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('residence_campaigns')
    /** `committee/year`, the pulled row's id. */
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('committee_org_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('opens_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('rev', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('residence_campaigns_committee_year')
    .on('residence_campaigns')
    .columns(['committee_org_id', 'year'])
    .unique()
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
