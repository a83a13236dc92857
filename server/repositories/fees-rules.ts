import { DEFAULT_FEE_RULES, FeeRuleVersion, type FeeRuleTable } from '../../src/domain/fees/rules';
import type { Db } from './db';

/**
 * The fee rule table as stored. The built-in versions (the code's text of 342-QĐ/TW and
 * 01-QĐ/TW) are written on first read when missing, so an admin's corrections and the built-in
 * versions live in one table ordered by seq; stored versions are never updated.
 */
export async function loadFeeRules(db: Db): Promise<FeeRuleTable> {
  let rows = await readRows(db);
  if (DEFAULT_FEE_RULES.some((v) => !rows.some((r) => r.id === v.id))) {
    await db
      .insertInto('fee_rule_versions')
      .values(
        DEFAULT_FEE_RULES.map((v) => ({
          id: v.id,
          seq: v.seq,
          body: JSON.stringify(v),
          created_by: null,
          created_at: new Date(0).toISOString(),
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
    rows = await readRows(db);
  }
  return rows.map((r) => FeeRuleVersion.parse(JSON.parse(r.body)));
}

const readRows = (db: Db) =>
  db.selectFrom('fee_rule_versions').select(['id', 'body']).orderBy('seq').execute();

/**
 * Appends a version checked by `appendRuleVersion`. The unique seq makes two admins appending at
 * once collide: the loser gets false and is told to reload.
 */
export async function insertFeeRule(
  db: Db,
  version: FeeRuleVersion,
  userId: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .insertInto('fee_rule_versions')
    .values({
      id: version.id,
      seq: version.seq,
      body: JSON.stringify(version),
      created_by: userId,
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Who appended each version, and when (null for built-in versions). */
export async function feeRuleAuthors(db: Db) {
  return db
    .selectFrom('fee_rule_versions as v')
    .leftJoin('users as u', 'u.id', 'v.created_by')
    .select(['v.id', 'v.created_at', 'u.full_name'])
    .execute();
}
