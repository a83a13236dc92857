import type { Kysely } from 'kysely';

// Migrations are append-only and never import app code: a released database must keep opening.

/**
 * The signed residence list (signed on approval or on sending) is the workplace's document, not a
 * form's: lists refer to their blobs here, so the workplace reads them and the clean-up keeps them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('residence_request_blob_refs')
    .addColumn('sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
    .addColumn('request_id', 'text', (c) => c.notNull().references('residence_requests.id'))
    .addPrimaryKeyConstraint('residence_request_blob_refs_pk', ['sha256', 'request_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
