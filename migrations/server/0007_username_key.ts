import { sql, type Kysely } from 'kysely';

// Migrations are append-only and never import app code: a released database must keep opening.

/** usernameKey of src/domain/people/user.ts, as it was when this migration was written. */
const usernameKey = (username: string) => username.trim().normalize('NFC').toLowerCase();

/** userSearchText of server/repositories/users.ts (searchTokens of src/domain/text/fold), then. */
const searchText = (fullName: string, username: string) =>
  `${fullName} ${username}`
    .toLowerCase()
    .normalize('NFKD')
    .toLowerCase()
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐðÐ]/g, 'd')
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '')
    .join(' ');

interface UserRow {
  id: string;
  username: string;
  full_name: string;
  created_at: string;
}

/**
 * Usernames become case-insensitive: `username_key` (the lowercased username) is unique and is
 * what login looks up. Accounts that already differ only in case are all kept, none renamed or
 * dropped: the oldest keeps the plain key, the others get a key of their own (key + "#" + id) and
 * still log in by their exact spelling; they are reported so an admin can rename them.
 * `search_folded` (name and username, folded) lets the user search filter in SQL instead of
 * folding every account of the scope at each keystroke.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('username_key', 'text').execute();
  await db.schema.alterTable('users').addColumn('search_folded', 'text').execute();
  const rows = (
    await sql<UserRow>`select id, username, full_name, created_at from users order by created_at, id`.execute(
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
    await sql`update users set username_key = ${stored},
      search_folded = ${searchText(row.full_name, row.username)} where id = ${row.id}`.execute(db);
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
