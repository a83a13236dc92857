import { sql } from 'kysely';
import type { BankAccount } from '../../src/domain/org/org';
import type { Db, Trx } from './db';
import { bankAccountFromRow } from './orgs';
import { nextRev } from './revisions';
import { pathInSubtrees } from './scope-sql';

/** The orgs of a subtree (root first, tree order) with their live accounts, for cross-checking. */
export async function subtreeBankAccounts(db: Db, rootPath: string) {
  const orgs = await db
    .selectFrom('orgs as c')
    .select(['c.id', 'c.code', 'c.name', 'c.parent_id', 'c.depth', 'c.path'])
    .where(pathInSubtrees(sql.ref('c.path'), [rootPath]))
    .where('c.deleted', '=', 0)
    .orderBy('c.path')
    .execute();
  const accounts = await db
    .selectFrom('org_bank_accounts as b')
    .innerJoin('orgs as c', 'c.id', 'b.org_id')
    .selectAll('b')
    .where(pathInSubtrees(sql.ref('c.path'), [rootPath]))
    .where('b.deleted', '=', 0)
    .orderBy('b.is_active', 'desc')
    .orderBy('b.id')
    .execute();
  const byOrg = new Map<string, BankAccount[]>();
  for (const row of accounts) {
    const list = byOrg.get(row.org_id) ?? [];
    list.push(bankAccountFromRow(row));
    byOrg.set(row.org_id, list);
  }
  return orgs.map((o) => ({ ...o, accounts: byOrg.get(o.id) ?? [] }));
}

/**
 * Creates or updates an account with a new rev (pull carries it). Making it active first makes
 * the org's other active account inactive (also with a rev), so the one-active index holds.
 * Refuses an id that belongs to another org's account.
 */
export async function saveBankAccount(
  db: Db,
  account: BankAccount,
  now: Date,
): Promise<{ ok: true; rev: number } | { ok: false; code: 'other_org' }> {
  return db.transaction().execute(async (trx: Trx) => {
    const existing = await trx
      .selectFrom('org_bank_accounts')
      .select(['org_id'])
      .where('id', '=', account.id)
      .executeTakeFirst();
    if (existing && existing.org_id !== account.orgId)
      return { ok: false as const, code: 'other_org' as const };
    const at = now.toISOString();
    if (account.isActive) {
      const others = await trx
        .selectFrom('org_bank_accounts')
        .select('id')
        .where('org_id', '=', account.orgId)
        .where('is_active', '=', 1)
        .where('deleted', '=', 0)
        .where('id', '!=', account.id)
        .execute();
      for (const other of others)
        await trx
          .updateTable('org_bank_accounts')
          .set({ is_active: 0, rev: await nextRev(trx), updated_at: at })
          .where('id', '=', other.id)
          .execute();
    }
    const rev = await nextRev(trx);
    const values = {
      account_no: account.accountNo,
      holder: account.holder,
      bank_name: account.bankName,
      citad_code: account.citadCode,
      is_active: account.isActive ? 1 : 0,
      rev,
      deleted: 0,
      updated_at: at,
    };
    await trx
      .insertInto('org_bank_accounts')
      .values({ id: account.id, org_id: account.orgId, ...values })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute();
    return { ok: true as const, rev };
  });
}
