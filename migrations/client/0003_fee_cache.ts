import type { Kysely } from 'kysely';

// The last answers of the fee screens (approval sheets, transactions, ledgers), so they open
// offline. Keyed by the user and the screen's query; the payload is the answer as JSON.
// Append-only.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('fee_cache')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('fetched_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
