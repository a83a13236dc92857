import { sql, type RawBuilder } from 'kysely';
import { subtreeUpperBound } from '../scope/scope';
import type { Trx } from './db';
import { findOrg } from './orgs';
import { lockRevCounter, reserveRevs } from './revisions';

/**
 * Moving an org re-paths its whole subtree, and with it the visibility of everything hanging off
 * it: bank accounts, members (home or residence), users and their role grants. Clients that saw
 * the old place get a delete for each (sync_exits, with the old path), and every such row takes a
 * new rev so clients that see the new place pull it. Exits take lower revs than the new versions,
 * so a client that sees both places deletes and then re-adds.
 */
export async function moveOrg(trx: Trx, id: string, newParentId: string, now: Date): Promise<void> {
  // Hold the counter first: every writer of these tables waits on it, so the counts below stay
  // exact until the revs are reserved.
  await lockRevCounter(trx);
  const org = await findOrg(trx, id);
  const parent = await findOrg(trx, newParentId);
  if (!org || !parent) throw new Error(`moveOrg: org ${id} or new parent ${newParentId} not found`);
  if (parent.path.startsWith(org.path)) throw new Error('moveOrg: cannot move an org under itself');
  if (org.parentId === newParentId) return;

  const oldPath = org.path;
  const newPath = `${parent.path}${id}/`;
  await insertExits(trx, dependents(oldPath));

  await sql`update orgs
    set path = ${newPath} || substr(path, ${oldPath.length + 1}),
        depth = depth + ${parent.depth + 1 - org.depth}
    where path >= ${oldPath} and path < ${subtreeUpperBound(oldPath)}`.execute(trx);
  await trx.updateTable('orgs').set({ parent_id: newParentId }).where('id', '=', id).execute();

  const updatedAt = now.toISOString();
  for (const [table, ids] of Object.entries(dependents(newPath))) {
    await bumpRevs(trx, table, ids.select, updatedAt);
  }
}

interface DependentSet {
  /** entity, entity_id, old_path of each live row that depends on the subtree. */
  exits: RawBuilder<unknown>;
  /** ids of the rows of the table. */
  select: RawBuilder<unknown>;
}

/** The live rows whose visibility follows the subtree at `root`, per table. */
function dependents(root: string): Record<string, DependentSet> {
  const inTree = (alias: string) =>
    sql`${sql.ref(`${alias}.path`)} >= ${root} and ${sql.ref(`${alias}.path`)} < ${subtreeUpperBound(root)}`;
  return {
    orgs: {
      exits: sql`select 'org' as entity, o.id as entity_id, o.path as old_path
        from orgs o where ${inTree('o')} and o.deleted = 0`,
      select: sql`select o.id from orgs o where ${inTree('o')} and o.deleted = 0`,
    },
    org_bank_accounts: {
      exits: sql`select 'bankAccount', b.id, o.path from org_bank_accounts b
        join orgs o on o.id = b.org_id where ${inTree('o')} and b.deleted = 0`,
      select: sql`select b.id from org_bank_accounts b
        join orgs o on o.id = b.org_id where ${inTree('o')} and b.deleted = 0`,
    },
    members: {
      exits: sql`select 'member', m.id, o.path from members m
          join orgs o on o.id = m.home_org_id where ${inTree('o')} and m.deleted = 0
        union all
        select 'member', m.id, o.path from members m
          join orgs o on o.id = m.residence_org_id where ${inTree('o')} and m.deleted = 0`,
      select: sql`select m.id from members m where m.deleted = 0 and (
          exists (select 1 from orgs o where o.id = m.home_org_id and ${inTree('o')})
          or exists (select 1 from orgs o where o.id = m.residence_org_id and ${inTree('o')}))`,
    },
    users: {
      exits: sql`select 'user', u.id, o.path from users u
        join orgs o on o.id = u.org_id where ${inTree('o')} and u.deleted = 0`,
      select: sql`select u.id from users u
        join orgs o on o.id = u.org_id where ${inTree('o')} and u.deleted = 0`,
    },
    user_roles: {
      exits: sql`select 'userRole', r.id, o.path from user_roles r
        join users u on u.id = r.user_id join orgs o on o.id = u.org_id
        where ${inTree('o')} and r.deleted = 0`,
      select: sql`select r.id from user_roles r
        join users u on u.id = r.user_id join orgs o on o.id = u.org_id
        where ${inTree('o')} and r.deleted = 0`,
    },
  };
}

async function countOf(trx: Trx, query: RawBuilder<unknown>): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from (${query}) q`.execute(trx);
  return Number(rows[0]?.n ?? 0);
}

async function insertExits(trx: Trx, sets: Record<string, DependentSet>): Promise<void> {
  const all = sql.join(
    Object.values(sets).map((s) => s.exits),
    sql` union all `,
  );
  const n = await countOf(trx, all);
  if (n === 0) return;
  const first = await reserveRevs(trx, n);
  await sql`insert into sync_exits (rev, entity, entity_id, old_path)
    select cast(${first} as bigint) + row_number() over (order by entity, entity_id, old_path) - 1,
      entity, entity_id, old_path
    from (${all}) e`.execute(trx);
}

/** Gives each row of `ids` its own new rev (one reservation, numbered by id). */
async function bumpRevs(
  trx: Trx,
  table: string,
  ids: RawBuilder<unknown>,
  updatedAt: string,
): Promise<void> {
  const n = await countOf(trx, ids);
  if (n === 0) return;
  const first = await reserveRevs(trx, n);
  await sql`update ${sql.table(table)}
    set rev = s.rev, updated_at = ${updatedAt}
    from (select id, cast(${first} as bigint) + row_number() over (order by id) - 1 as rev
          from (${ids}) ids) s
    where ${sql.ref(`${table}.id`)} = s.id`.execute(trx);
}
