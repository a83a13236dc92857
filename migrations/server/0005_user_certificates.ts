import type { Kysely } from 'kysely';

// Migrations are append-only and never import app code: a released database must keep opening.

export async function up(db: Kysely<unknown>): Promise<void> {
  // The token certificates each user registered: a signed document is accepted only when its new
  // signature was made with a certificate registered to the acting user and not revoked. A
  // certificate belongs to one user at most (unique fingerprint); a revoked row stays as history.
  await db.schema
    .createTable('user_certificates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('fingerprint_sha256', 'text', (c) => c.notNull().unique())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('serial', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('not_before', 'text', (c) => c.notNull())
    .addColumn('not_after', 'text', (c) => c.notNull())
    .addColumn('certificate_pem', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addColumn('registered_by', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text')
    .addColumn('revoked_reason', 'text')
    .execute();
  await db.schema
    .createIndex('user_certificates_user')
    .on('user_certificates')
    .column('user_id')
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
