import type { Kysely } from 'kysely';

// Migrations are append-only and never import app code: a released database must keep opening.

/**
 * Seal and signature images (docs/decisions/0039): the org's seal image and the user's signature
 * image, each a blob referred to by its SHA-256 from the synced row (a change bumps the row's rev,
 * so pull carries it); and the seal's history, who set or removed which image when (a signature's
 * change goes to user_history like any change of the account).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('orgs').addColumn('seal_image_sha256', 'text').execute();
  await db.schema.alterTable('users').addColumn('signature_image_sha256', 'text').execute();
  // The blob clean-up and read rule look a hash up in both: index-only, even for the nation.
  await db.schema.createIndex('orgs_seal_image').on('orgs').column('seal_image_sha256').execute();
  await db.schema
    .createIndex('users_signature_image')
    .on('users')
    .column('signature_image_sha256')
    .execute();
  await db.schema
    .createTable('org_seal_image_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('changed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('changed_at', 'text', (c) => c.notNull())
    /** The image before and after; null: none. */
    .addColumn('before_sha256', 'text')
    .addColumn('after_sha256', 'text')
    .execute();
  await db.schema
    .createIndex('org_seal_image_history_org')
    .on('org_seal_image_history')
    .columns(['org_id', 'changed_at'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
