import type { Kysely } from 'kysely';

// Residence comments (Quy định 213) in the cache, written only by pull: the workplace's lists and
// the forms of every side, with the columns their screens filter on. Append-only.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('residence_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workplace_org_id', 'text', (c) => c.notNull())
    .addColumn('campaign_year', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    /** The whole ResidenceRequestWire as JSON. */
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('rev', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('residence_requests_workplace')
    .on('residence_requests')
    .columns(['workplace_org_id', 'campaign_year'])
    .execute();

  await db.schema
    .createTable('residence_forms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('workplace_org_id', 'text', (c) => c.notNull())
    .addColumn('residence_org_id', 'text', (c) => c.notNull())
    .addColumn('committee_org_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    /** The whole ResidenceFormWire as JSON. */
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('rev', 'integer', (c) => c.notNull())
    .execute();
  for (const column of ['residence_org_id', 'committee_org_id', 'workplace_org_id'])
    await db.schema
      .createIndex(`residence_forms_${column.replace('_org_id', '')}`)
      .on('residence_forms')
      .columns([column, 'status'])
      .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
