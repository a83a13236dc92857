import { PostgresAdapter, type Kysely } from 'kysely';

// Migrations are append-only and never import app code: a released database must keep opening.

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema
    .createTable('transfer_dossiers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('variant', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('from_org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('current_org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('present_by', 'text')
    .addColumn('rev', 'bigint', (c) => c.notNull())
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('transfer_dossiers_member')
    .on('transfer_dossiers')
    .column('member_id')
    .execute();
  await db.schema
    .createIndex('transfer_dossiers_rev')
    .on('transfer_dossiers')
    .column('rev')
    .execute();

  await db.schema
    .createTable('transfer_route_orgs')
    .addColumn('dossier_id', 'text', (c) => c.notNull().references('transfer_dossiers.id'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addPrimaryKeyConstraint('transfer_route_orgs_pk', ['dossier_id', 'org_id'])
    .execute();
  await db.schema
    .createIndex('transfer_route_orgs_org')
    .on('transfer_route_orgs')
    .columns(['org_id', 'dossier_id'])
    .execute();

  await db.schema
    .createTable('transfer_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('dossier_id', 'text', (c) => c.notNull().references('transfer_dossiers.id'))
    .addColumn('rev', 'bigint', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text')
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('next_org_id', 'text')
    .addColumn('signed_pdf_sha256', 'text')
    .addColumn('mutation_id', 'text')
    .execute();
  await db.schema
    .createIndex('transfer_events_dossier')
    .unique()
    .on('transfer_events')
    .columns(['dossier_id', 'seq'])
    .execute();

  await db.schema
    .createTable('temporary_memberships')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('dossier_id', 'text', (c) => c.notNull().references('transfer_dossiers.id'))
    .addColumn('start_on', 'text', (c) => c.notNull())
    .addColumn('end_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('temporary_memberships_member')
    .on('temporary_memberships')
    .column('member_id')
    .execute();

  await db.schema
    .createTable('blobs')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('data', postgres ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('blob_refs')
    .addColumn('sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
    .addColumn('dossier_id', 'text', (c) => c.notNull().references('transfer_dossiers.id'))
    .addPrimaryKeyConstraint('blob_refs_pk', ['sha256', 'dossier_id'])
    .execute();

  await db.schema
    .createTable('push_mutations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
