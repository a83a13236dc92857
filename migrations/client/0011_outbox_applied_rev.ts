import type { Kysely } from 'kysely';

// An outbox entry the server applied stays, as status 'applied' with the rev the server gave it,
// until a pull has brought that rev: until then the screens still show the action on top of the
// older cached state instead of the state before it. Append-only.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('applied_rev', 'integer').execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
