import { sql, type Kysely } from 'kysely';

// Migrations are append-only and never import app code: a released database must keep opening.

/**
 * Member accounts (docs/decisions/0031): registrations, info changes, positions and cell changes,
 * each a synced request (rev/deleted) decided by one org, with its trail. `data` holds the
 * domain's request; the columns are what queries and the duplicate rule need.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('account_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requester_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('filed_by_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('deciding_org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('member_id', 'text', (c) => c.references('members.id'))
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    // A registration's identifying numbers, for the duplicate rule.
    .addColumn('citizen_id', 'text')
    .addColumn('card_no', 'text')
    .addColumn('profile_no', 'text')
    .addColumn('rev', 'bigint', (c) => c.notNull())
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  for (const column of ['deciding_org_id', 'requester_user_id', 'member_id', 'rev'])
    await db.schema
      .createIndex(`account_requests_${column.replace(/_id$/, '')}`)
      .on('account_requests')
      .column(column)
      .execute();
  // Two pending registrations never hold one number, even when both arrive at the same moment.
  for (const column of ['citizen_id', 'card_no', 'profile_no'])
    await db.schema
      .createIndex(`account_requests_pending_${column}`)
      .unique()
      .on('account_requests')
      .column(column)
      .where(sql.ref('kind'), '=', 'registration')
      .where(sql.ref('status'), '=', 'pending')
      .execute();

  await db.schema
    .createTable('account_request_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('account_requests.id'))
    /** The request's rev after this event: a conflict names the first event after a baseRev. */
    .addColumn('rev', 'bigint', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .execute();
  await db.schema
    .createIndex('account_request_events_request')
    .on('account_request_events')
    .columns(['request_id', 'rev'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
