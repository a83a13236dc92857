import type { Kysely } from 'kysely';

// Member account requests (registration, info change, position, wrong-cell change) in the cache,
// written only by pull: the deciding org's staff approve offline from it. Append-only.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('account_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('deciding_org_id', 'text', (c) => c.notNull())
    .addColumn('requester_user_id', 'text', (c) => c.notNull())
    /** The member record it is about; null for a registration not found in the member database. */
    .addColumn('member_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    /** The whole AccountRequestWire as JSON. */
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('rev', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('account_requests_deciding')
    .on('account_requests')
    .columns(['deciding_org_id', 'status', 'kind'])
    .execute();
  await db.schema
    .createIndex('account_requests_requester')
    .on('account_requests')
    .columns(['requester_user_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
