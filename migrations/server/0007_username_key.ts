import { sql, type Kysely } from 'kysely';

// Migrations are append-only and never import app code: a released database must keep opening.

/** usernameKey of src/domain/people/user.ts, as it was when this migration was written. */
const usernameKey = (username: string) => username.trim().normalize('NFC').toLowerCase();

interface UserRow {
  id: string;
  username: string;
  created_at: string;
}

/**
 * Usernames become case-insensitive: `username_key` (the lowercased username) is unique and is
 * what login looks up. Accounts that already differ only in case are all kept, none renamed or
 * dropped: the oldest keeps the plain key, the others get a key of their own (key + "#" + id) and
 * still log in by their exact spelling; they are reported so an admin can rename them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('username_key', 'text').execute();
  const rows = (
    await sql<UserRow>`select id, username, created_at from users order by created_at, id`.execute(
      db,
    )
  ).rows;
  const owners = new Map<string, UserRow>();
  const clashes: string[] = [];
  for (const row of rows) {
    const key = usernameKey(row.username);
    const owner = owners.get(key);
    let stored = key;
    if (owner) {
      stored = `${key}#${row.id}`;
      clashes.push(`"${row.username}" (${row.id}) trùng với "${owner.username}" (${owner.id})`);
    } else {
      owners.set(key, row);
    }
    await sql`update users set username_key = ${stored} where id = ${row.id}`.execute(db);
  }
  if (clashes.length > 0)
    console.warn(
      `Tên đăng nhập chỉ khác nhau chữ hoa/chữ thường (${clashes.length}), cần đổi tên:\n` +
        clashes.join('\n'),
    );
  await db.schema
    .createIndex('users_username_key')
    .unique()
    .on('users')
    .column('username_key')
    .execute();
}
