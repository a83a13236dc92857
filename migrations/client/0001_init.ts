import { sql, type Kysely } from 'kysely';

// The desktop cache (SQLite only). Append-only: never edit a released migration.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('orgs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_folded', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text')
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('cell_subtype', 'text')
    .addColumn('tax_code', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('website', 'text')
    .addColumn('province', 'text')
    .addColumn('ward', 'text')
    .addColumn('address_detail', 'text')
    .addColumn('description', 'text')
    .addColumn('allocation_direction', 'text', (c) => c.notNull())
    .addColumn('has_seal', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('rev', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('orgs_parent').on('orgs').columns(['parent_id', 'name']).execute();
  await db.schema.createIndex('orgs_path').on('orgs').column('path').execute();
  await db.schema.createIndex('orgs_code').on('orgs').column('code').execute();

  await db.schema
    .createTable('org_bank_accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('account_no', 'text', (c) => c.notNull())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('bank_name', 'text', (c) => c.notNull())
    .addColumn('citad_code', 'text', (c) => c.notNull())
    .addColumn('is_active', 'integer', (c) => c.notNull())
    .addColumn('rev', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('bank_accounts_org')
    .on('org_bank_accounts')
    .column('org_id')
    .execute();

  await db.schema
    .createTable('members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('name_folded', 'text', (c) => c.notNull())
    .addColumn('sort_key', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('citizen_id', 'text', (c) => c.notNull())
    .addColumn('card_no', 'text')
    .addColumn('profile_no', 'text')
    .addColumn('home_org_id', 'text', (c) => c.notNull())
    .addColumn('residence_org_id', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('joined_on', 'text')
    .addColumn('official_on', 'text')
    .addColumn('positions', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('rev', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('members_home')
    .on('members')
    .columns(['home_org_id', 'sort_key', 'id'])
    .execute();
  await db.schema
    .createIndex('members_residence')
    .on('members')
    .column('residence_org_id')
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('citizen_id', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('position', 'text')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text')
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('rev', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('users_org').on('users').column('org_id').execute();

  await db.schema
    .createTable('user_roles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('rev', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('user_roles_user').on('user_roles').column('user_id').execute();

  // Folded text (diacritics removed, đ→d) indexed for prefix search; rowid = the row's rowid.
  await sql`create virtual table members_fts using fts5(text, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`.execute(
    db,
  );
  await sql`create virtual table orgs_fts using fts5(text, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`.execute(
    db,
  );

  await db.schema
    .createTable('sync_state')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('base_rev', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('result_code', 'text')
    .addColumn('message', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
