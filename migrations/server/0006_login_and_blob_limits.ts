import { sql, type Kysely } from 'kysely';

// Migrations are append-only and never import app code: a released database must keep opening.

export async function up(db: Kysely<unknown>): Promise<void> {
  // The absolute end of a login session, carried unchanged from one refresh token to the next:
  // refreshing slides `expires_at` but never this. Tokens issued before it end when they would
  // have ended anyway.
  await db.schema.alterTable('refresh_tokens').addColumn('session_expires_at', 'text').execute();
  await sql`update refresh_tokens set session_expires_at = expires_at`.execute(db);

  // Who uploaded a blob: each uploader may read it (a second upload of the same bytes is not the
  // first uploader's), and unreferenced uploads count against the uploader's quota until the
  // clean-up removes them.
  await db.schema
    .createTable('blob_uploads')
    .addColumn('sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('blob_uploads_pk', ['sha256', 'user_id'])
    .execute();
  await db.schema
    .createIndex('blob_uploads_user')
    .on('blob_uploads')
    .columns(['user_id', 'uploaded_at'])
    .execute();
  await sql`insert into blob_uploads (sha256, user_id, uploaded_at)
    select sha256, created_by, created_at from blobs`.execute(db);
}
