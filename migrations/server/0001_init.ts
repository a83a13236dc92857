import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Migrations are append-only and never import app code: a released database must keep opening.

/**
 * PostgreSQL must compare paths and sort keys bytewise: the '/a/b/' ≤ path < '/a/b0' subtree range
 * and the Vietnamese name sort key (built to order under byte comparison) depend on it.
 */
function bytewiseText(db: Kysely<unknown>) {
  return db.getExecutor().adapter instanceof PostgresAdapter ? sql`text collate "C"` : sql`text`;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sync_counter')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute();
  await db
    .insertInto('sync_counter' as never)
    .values({ id: 1, value: 0 } as never)
    .execute();

  await db.schema
    .createTable('orgs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_folded', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text', (c) => c.references('orgs.id'))
    .addColumn('path', bytewiseText(db), (c) => c.notNull())
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
    .addColumn('rev', 'bigint', (c) => c.notNull())
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('orgs_code').unique().on('orgs').column('code').execute();
  await db.schema.createIndex('orgs_parent').on('orgs').columns(['parent_id', 'name']).execute();
  await db.schema.createIndex('orgs_path').on('orgs').column('path').execute();
  await db.schema.createIndex('orgs_rev').on('orgs').column('rev').execute();

  await db.schema
    .createTable('org_bank_accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('account_no', 'text', (c) => c.notNull())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('bank_name', 'text', (c) => c.notNull())
    .addColumn('citad_code', 'text', (c) => c.notNull())
    .addColumn('is_active', 'integer', (c) => c.notNull())
    .addColumn('rev', 'bigint', (c) => c.notNull())
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('bank_accounts_org')
    .on('org_bank_accounts')
    .column('org_id')
    .execute();
  await db.schema.createIndex('bank_accounts_rev').on('org_bank_accounts').column('rev').execute();
  // One active account per org (002: "Tích chọn là active nhận tiền").
  await db.schema
    .createIndex('bank_accounts_one_active')
    .unique()
    .on('org_bank_accounts')
    .column('org_id')
    .where(sql.ref('is_active'), '=', 1)
    .where(sql.ref('deleted'), '=', 0)
    .execute();

  await db.schema
    .createTable('members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('name_folded', 'text', (c) => c.notNull())
    .addColumn('sort_key', bytewiseText(db), (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('citizen_id', 'text', (c) => c.notNull())
    .addColumn('card_no', 'text')
    .addColumn('profile_no', 'text')
    .addColumn('home_org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('residence_org_id', 'text', (c) => c.references('orgs.id'))
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('joined_on', 'text')
    .addColumn('official_on', 'text')
    .addColumn('positions', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('rev', 'bigint', (c) => c.notNull())
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('members_citizen_id')
    .unique()
    .on('members')
    .column('citizen_id')
    .execute();
  await db.schema
    .createIndex('members_home')
    .on('members')
    .columns(['home_org_id', 'sort_key'])
    .execute();
  await db.schema
    .createIndex('members_residence')
    .on('members')
    .column('residence_org_id')
    .execute();
  await db.schema.createIndex('members_rev').on('members').column('rev').execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('citizen_id', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('position', 'text')
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.references('members.id'))
    .addColumn('password_hash', 'text')
    .addColumn('updated_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('rev', 'bigint', (c) => c.notNull())
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('users_username').unique().on('users').column('username').execute();
  await db.schema.createIndex('users_org').on('users').column('org_id').execute();
  await db.schema.createIndex('users_rev').on('users').column('rev').execute();

  await db.schema
    .createTable('user_roles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .addColumn('rev', 'bigint', (c) => c.notNull())
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('user_roles_user').on('user_roles').column('user_id').execute();
  await db.schema.createIndex('user_roles_org').on('user_roles').column('org_id').execute();
  await db.schema.createIndex('user_roles_rev').on('user_roles').column('rev').execute();

  await db.schema
    .createTable('user_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('changes', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('user_history_user')
    .on('user_history')
    .columns(['user_id', 'changed_at'])
    .execute();

  await db.schema
    .createTable('refresh_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('refresh_tokens_user')
    .on('refresh_tokens')
    .column('user_id')
    .execute();

  await db.schema
    .createTable('login_throttle')
    .addColumn('username_key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .execute();

  await db.schema
    .createTable('sync_exits')
    .addColumn('rev', 'bigint', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('old_path', bytewiseText(db), (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sync_exits_rev').on('sync_exits').column('rev').execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only');
}
