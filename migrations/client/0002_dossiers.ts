import type { Kysely } from 'kysely';

// Transfer dossiers in the cache (written only by pull), the orgs of their routes (what the
// "nơi chuyển đi / nơi chuyển đến" lists join on), and the local copy of blobs (attachments and
// signed letters) so a dossier can be reviewed and signed offline. Append-only.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('dossiers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('variant', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('from_org_id', 'text', (c) => c.notNull())
    .addColumn('destination_org_id', 'text', (c) => c.notNull())
    .addColumn('current_org_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('present_by', 'text')
    /** The whole DossierWire as JSON: the machine's state, form, attachments, history. */
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('rev', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('dossiers_current')
    .on('dossiers')
    .columns(['current_org_id', 'status'])
    .execute();

  await db.schema
    .createTable('dossier_route_orgs')
    .addColumn('dossier_id', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull())
    /** Index in route.orgIds. */
    .addColumn('position', 'integer', (c) => c.notNull())
    /** 'from' (before the handover index) or 'to'. */
    .addColumn('side', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('dossier_route_orgs_pk', ['dossier_id', 'position'])
    .execute();
  await db.schema
    .createIndex('dossier_route_orgs_org')
    .on('dossier_route_orgs')
    .columns(['org_id', 'side'])
    .execute();

  await db.schema
    .createTable('blob_cache')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('data', 'blob', (c) => c.notNull())
    /** 1 while the server has not confirmed it holds the bytes (made here, e.g. a signed letter). */
    .addColumn('needs_upload', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('fetched_at', 'text', (c) => c.notNull())
    .execute();

  // The outbox of 0001 holds `kind` (the mutation's entity) and `payload` (the mutation without
  // its id, as JSON); the entity id is a column so a dossier's pending actions are one lookup.
  await db.schema.alterTable('outbox').addColumn('entity_id', 'text').execute();
  await db.schema.createIndex('outbox_entity').on('outbox').column('entity_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
