import type { Kysely } from 'kysely';

// Migrations are append-only and never import app code: a released database must keep opening.

/**
 * Residence comments (Quy định 213-QĐ/TW): the workplace's lists, the comment form of each member
 * at his residence, their trail, and the yearly campaign each ward or commune committee sets.
 * Lists and forms are synced rows (rev/deleted) like dossiers; `data` holds the domain's state.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('residence_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workplace_org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('campaign_year', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('rev', 'bigint', (c) => c.notNull())
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('residence_requests_workplace')
    .on('residence_requests')
    .columns(['workplace_org_id', 'campaign_year'])
    .execute();
  await db.schema
    .createIndex('residence_requests_rev')
    .on('residence_requests')
    .column('rev')
    .execute();

  await db.schema
    .createTable('residence_forms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('residence_requests.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('workplace_org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('residence_org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('committee_org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('rev', 'bigint', (c) => c.notNull())
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // One form per member per list: sending twice cannot make two.
  await db.schema
    .createIndex('residence_forms_request_member')
    .unique()
    .on('residence_forms')
    .columns(['request_id', 'member_id'])
    .execute();
  for (const column of ['residence_org_id', 'committee_org_id', 'member_id', 'rev'])
    await db.schema
      .createIndex(`residence_forms_${column.replace('_org_id', '').replace('_id', '')}`)
      .on('residence_forms')
      .column(column)
      .execute();

  await db.schema
    .createTable('residence_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('rev', 'bigint', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('signed_pdf_sha256', 'text')
    .addColumn('mutation_id', 'text')
    .execute();
  await db.schema
    .createIndex('residence_events_entity')
    .on('residence_events')
    .columns(['entity_id', 'rev'])
    .execute();

  // Files a form refers to (the member's report, a paper form's scan, later the signed PDF): they
  // are readable where the form is, and the clean-up of unreferenced uploads keeps them.
  await db.schema
    .createTable('residence_blob_refs')
    .addColumn('sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
    .addColumn('form_id', 'text', (c) => c.notNull().references('residence_forms.id'))
    .addPrimaryKeyConstraint('residence_blob_refs_pk', ['sha256', 'form_id'])
    .execute();

  await db.schema
    .createTable('residence_campaigns')
    .addColumn('committee_org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('opens_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('residence_campaigns_pk', ['committee_org_id', 'year'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
