import type { Kysely } from 'kysely';

// Migrations are append-only and never import app code: a released database must keep opening.

/**
 * The audit of imports of orgs and members (docs/decisions/0040): who imported, when, under which
 * org, the hash of the files and the counts written. The rows themselves carry revs and sync.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('import_audit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Null for the operator's command line run on the whole database: no org, no account.
    .addColumn('org_id', 'text', (c) => c.references('orgs.id'))
    .addColumn('imported_by', 'text', (c) => c.references('users.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('file_names', 'text', (c) => c.notNull())
    .addColumn('orgs_added', 'integer', (c) => c.notNull())
    .addColumn('orgs_updated', 'integer', (c) => c.notNull())
    .addColumn('members_added', 'integer', (c) => c.notNull())
    .addColumn('members_updated', 'integer', (c) => c.notNull())
    .addColumn('unchanged', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('import_audit_org')
    .on('import_audit')
    .columns(['org_id', 'imported_at'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
