import type { Kysely } from 'kysely';

// Migrations are append-only and never import app code: a released database must keep opening.

/** Why the gateway refused a payment (its two-digit answer code), shown to the payer. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('fee_payments').addColumn('failure_code', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
