/**
 * The admin's writes on the org tree (docs/decisions/0038): an org's form fields with a new rev,
 * the orgs holding a code, the children an org's type must still contain, and the history.
 */
import { randomUUID } from 'node:crypto';
import type { OrgFields, OrgHistoryAction, OrgHistoryEntry } from '../../src/api/org-admin';
import type { OrgWire } from '../../src/api/sync';
import type { Db, Trx } from './db';
import { orgColumns } from './orgs';
import { nextRev } from './revisions';

/** Writes the form's fields of an org, with a new rev so every cache that sees it pulls it. */
export async function updateOrgFields(
  trx: Trx,
  org: OrgWire,
  fields: OrgFields,
  now: Date,
): Promise<void> {
  const { has_seal: _seal, status: _status, ...columns } = orgColumns({ ...org, ...fields });
  await trx
    .updateTable('orgs')
    .set({ ...columns, rev: await nextRev(trx), updated_at: now.toISOString() })
    .where('id', '=', org.id)
    .execute();
}

/**
 * The org holding `code`, deleted ones included (the unique index keeps their codes), other than
 * `exceptId`; null when the code is free.
 */
export async function orgHoldingCode(
  db: Db,
  code: string,
  exceptId?: string,
): Promise<{ id: string; name: string } | null> {
  let query = db.selectFrom('orgs').select(['id', 'name']).where('code', '=', code);
  if (exceptId) query = query.where('id', '<>', exceptId);
  return (await query.executeTakeFirst()) ?? null;
}

/** The live children of an org as its type must contain them. */
export async function childrenTypesOf(
  db: Db,
  orgId: string,
): Promise<{ name: string; type: string; cellSubtype: string | null }[]> {
  return db
    .selectFrom('orgs')
    .select(['name', 'type', 'cell_subtype as cellSubtype'])
    .where('parent_id', '=', orgId)
    .where('deleted', '=', 0)
    .orderBy('name_folded')
    .execute();
}

export async function recordOrgHistory(
  trx: Trx,
  entry: Omit<OrgHistoryEntry, 'id' | 'changedAt'>,
  now: Date,
): Promise<void> {
  await trx
    .insertInto('org_history')
    .values({
      id: randomUUID(),
      org_id: entry.orgId,
      action: entry.action,
      changed_by: entry.changedBy,
      changed_at: now.toISOString(),
      changes: JSON.stringify(entry.changes),
    })
    .execute();
}

/** An org's history, newest first. */
export async function orgHistory(db: Db, orgId: string): Promise<OrgHistoryEntry[]> {
  const rows = await db
    .selectFrom('org_history')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('changed_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    orgId: row.org_id,
    action: row.action as OrgHistoryAction,
    changedBy: row.changed_by,
    changedAt: row.changed_at,
    changes: JSON.parse(row.changes) as OrgHistoryEntry['changes'],
  }));
}
