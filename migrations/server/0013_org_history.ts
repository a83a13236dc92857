import type { Kysely } from 'kysely';

// Migrations are append-only and never import app code: a released database must keep opening.

/**
 * The org tree's history (docs/decisions/0038): one row per creation, edit or move of an org, with
 * who, when, and each changed field as [before, after] in JSON. Not synced: read from the server.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('org_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('changes', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('org_history_org')
    .on('org_history')
    .columns(['org_id', 'changed_at'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
