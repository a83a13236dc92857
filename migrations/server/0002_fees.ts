import type { Kysely } from 'kysely';

// Migrations are append-only and never import app code: a released database must keep opening.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('fee_profiles')
    .addColumn('member_id', 'text', (c) => c.primaryKey().references('members.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('base', 'bigint')
    .addColumn('fixed_amount', 'bigint')
    .addColumn('voluntary_extra', 'bigint', (c) => c.notNull())
    .addColumn('exemption', 'text')
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('fee_approvals')
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('cell_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('computed_amount', 'bigint', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('adjust_reason', 'text')
    .addColumn('rule_version', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text', (c) => c.notNull())
    .addColumn('approved_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('fee_approvals_pk', ['member_id', 'month'])
    .execute();
  await db.schema
    .createIndex('fee_approvals_cell')
    .on('fee_approvals')
    .columns(['cell_id', 'month'])
    .execute();

  await db.schema
    .createTable('fee_payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('cell_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('payer_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('bank_account_id', 'text', (c) => c.notNull().references('org_bank_accounts.id'))
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('gateway_txn_id', 'text')
    .addColumn('bank_reference', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('settled_at', 'text')
    .addColumn('settled_via', 'text')
    .addColumn('settled_by', 'text')
    .execute();
  await db.schema
    .createIndex('fee_payments_reference')
    .unique()
    .on('fee_payments')
    .column('reference')
    .execute();
  await db.schema
    .createIndex('fee_payments_cell')
    .on('fee_payments')
    .columns(['cell_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('fee_payments_status')
    .on('fee_payments')
    .columns(['status', 'created_at'])
    .execute();

  await db.schema
    .createTable('fee_payment_items')
    .addColumn('payment_id', 'text', (c) => c.notNull().references('fee_payments.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('fee_payment_items_pk', ['payment_id', 'member_id', 'month'])
    .execute();
  await db.schema
    .createIndex('fee_payment_items_member')
    .on('fee_payment_items')
    .columns(['member_id', 'month'])
    .execute();

  await db.schema
    .createTable('fee_receipts')
    .addColumn('payment_id', 'text', (c) => c.primaryKey().references('fee_payments.id'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('print_count', 'integer', (c) => c.notNull())
    .execute();
  // Receipt numbers are unique per org and year.
  await db.schema
    .createIndex('fee_receipts_number')
    .unique()
    .on('fee_receipts')
    .columns(['org_id', 'year', 'seq'])
    .execute();

  await db.schema
    .createTable('fee_payment_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('payment_id', 'text')
    .addColumn('reference', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('fee_payment_events_payment')
    .on('fee_payment_events')
    .columns(['payment_id', 'at'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
