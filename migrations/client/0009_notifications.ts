import type { Kysely } from 'kysely';

// The user's notifications (docs/decisions/0041): computed on this machine after each sync and
// kept here, never pulled. A key is stored once per user, so what was raised (and seen) is never
// raised again, across restarts. Append-only.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notifications')
    .addColumn('user_id', 'text', (c) => c.notNull())
    /** kind:subject:id:state, as src/domain/notifications makes it. */
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    /** Where the app opens it (UserCase.place). */
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text')
    .addColumn('raised_at', 'text', (c) => c.notNull())
    /** When the user saw it; null while unseen. */
    .addColumn('seen_at', 'text')
    .addPrimaryKeyConstraint('notifications_pk', ['user_id', 'key'])
    .execute();
  await db.schema
    .createIndex('notifications_by_user')
    .on('notifications')
    .columns(['user_id', 'raised_at'])
    .execute();
  await db.schema
    .createTable('notification_settings')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    /** NotificationSettings as JSON. */
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
