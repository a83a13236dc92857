import { sql, type Kysely } from 'kysely';

// Migrations are append-only and never import app code: a released database must keep opening.

export async function up(db: Kysely<unknown>): Promise<void> {
  // Fee rule versions an admin appended (the built-in ones are inserted by the server on first
  // use, so they stay one table with the code's text). Never updated: corrections are new rows.
  await db.schema
    .createTable('fee_rule_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull().unique())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // A payment item holds its member's month while its payment is unknown or successful: the
  // partial unique index lets exactly one such item exist per member and month, whatever races.
  await db.schema
    .alterTable('fee_payment_items')
    .addColumn('holds', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`update fee_payment_items set holds = 0 where payment_id in
    (select id from fee_payments where status = 'failed')`.execute(db);
  await db.schema
    .createIndex('fee_payment_items_hold')
    .unique()
    .on('fee_payment_items')
    .columns(['member_id', 'month'])
    .where(sql.ref('holds'), '=', 1)
    .execute();

  // How the money came: through the gateway, or a bank transfer matched on a statement.
  await db.schema
    .alterTable('fee_payments')
    .addColumn('channel', 'text', (c) => c.notNull().defaultTo('gateway'))
    .execute();

  // VietQR codes handed out: what a transfer with this reference in its description pays for.
  await db.schema
    .createTable('fee_vietqr_requests')
    .addColumn('reference', 'text', (c) => c.primaryKey())
    .addColumn('cell_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('bank_account_id', 'text', (c) => c.notNull().references('org_bank_accounts.id'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('member_ids', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('payment_id', 'text')
    .execute();
  await db.schema
    .createIndex('fee_vietqr_requests_account')
    .on('fee_vietqr_requests')
    .columns(['bank_account_id', 'created_at'])
    .execute();

  // Imported bank-statement lines: one row per bank reference and account, so a line imported
  // twice (overlapping statements) is recorded, and its payment made, once.
  await db.schema
    .createTable('fee_statement_lines')
    .addColumn('bank_account_id', 'text', (c) => c.notNull().references('org_bank_accounts.id'))
    .addColumn('bank_reference', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('payment_id', 'text')
    .addColumn('imported_by', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('fee_statement_lines_pk', ['bank_account_id', 'bank_reference'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
