import { sql, type Selectable } from 'kysely';
import type { OrgChild, OrgSearchQuery, OrgSummary } from '../../src/api/orgs';
import type { OrgWire } from '../../src/api/sync';
import type { OrgsTable, OrgBankAccountsTable } from '../../src/db/server-schema';
import type { BankAccount, Org } from '../../src/domain/org/org';
import { foldForSearch, searchTokens } from '../../src/domain/text/fold';
import { canSeeOrg, pathIds, type Scope } from '../scope/scope';
import type { Db, Trx } from './db';
import { nextRev } from './revisions';
import { containsWord, matchTierSql, pathInSubtrees, startsWith } from './scope-sql';

type OrgRow = Selectable<OrgsTable>;
type BankAccountRow = Selectable<OrgBankAccountsTable>;

export function orgFromRow(row: OrgRow): OrgWire {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    parentId: row.parent_id,
    type: row.type as OrgWire['type'],
    cellSubtype: row.cell_subtype as OrgWire['cellSubtype'],
    taxCode: row.tax_code,
    email: row.email,
    phone: row.phone,
    website: row.website,
    province: row.province,
    ward: row.ward,
    addressDetail: row.address_detail,
    description: row.description,
    allocationDirection: row.allocation_direction as OrgWire['allocationDirection'],
    hasSeal: row.has_seal === 1,
    status: row.status as OrgWire['status'],
    path: row.path,
    depth: row.depth,
    sealImageSha256: row.seal_image_sha256,
  };
}

/** The list and breadcrumb fields of an org. */
export function orgSummary(org: OrgWire): OrgSummary {
  const { id, code, name, parentId, type, cellSubtype, status, path, depth } = org;
  return { id, code, name, parentId, type, cellSubtype, status, path, depth };
}

const summaryFromRow = (row: OrgRow): OrgSummary => orgSummary(orgFromRow(row));

export function bankAccountFromRow(row: BankAccountRow): BankAccount {
  return {
    id: row.id,
    orgId: row.org_id,
    accountNo: row.account_no,
    holder: row.holder,
    bankName: row.bank_name,
    citadCode: row.citad_code,
    isActive: row.is_active === 1,
  };
}

export function orgColumns(org: Org) {
  return {
    code: org.code,
    name: org.name,
    name_folded: foldForSearch(org.name),
    type: org.type,
    cell_subtype: org.cellSubtype ?? null,
    tax_code: org.taxCode ?? null,
    email: org.email ?? null,
    phone: org.phone ?? null,
    website: org.website ?? null,
    province: org.province ?? null,
    ward: org.ward ?? null,
    address_detail: org.addressDetail ?? null,
    description: org.description ?? null,
    allocation_direction: org.allocationDirection,
    has_seal: org.hasSeal ? 1 : 0,
    status: org.status,
  };
}

/** A live (not deleted) org, or null. */
export async function findOrg(db: Db, id: string): Promise<OrgWire | null> {
  const row = await db
    .selectFrom('orgs')
    .selectAll()
    .where('id', '=', id)
    .where('deleted', '=', 0)
    .executeTakeFirst();
  return row ? orgFromRow(row) : null;
}

/** Inserts an org under its parent (path and depth follow from the parent). */
export async function insertOrg(trx: Trx, org: Org, now: Date): Promise<OrgWire> {
  let path = `/${org.id}/`;
  let depth = 0;
  if (org.parentId) {
    const parent = await findOrg(trx, org.parentId);
    if (!parent) throw new Error(`parent org ${org.parentId} does not exist`);
    path = `${parent.path}${org.id}/`;
    depth = parent.depth + 1;
  }
  const row = await trx
    .insertInto('orgs')
    .values({
      id: org.id,
      parent_id: org.parentId ?? null,
      path,
      depth,
      ...orgColumns(org),
      rev: await nextRev(trx),
      updated_at: now.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return orgFromRow(row);
}

/** Tombstones an org that has no live children or members left. */
export async function deleteOrg(trx: Trx, id: string, now: Date): Promise<void> {
  await trx
    .updateTable('orgs')
    .set({ deleted: 1, rev: await nextRev(trx), updated_at: now.toISOString() })
    .where('id', '=', id)
    .execute();
}

export async function insertBankAccount(
  trx: Trx,
  account: BankAccount,
  now: Date,
): Promise<BankAccount> {
  const row = await trx
    .insertInto('org_bank_accounts')
    .values({
      id: account.id,
      org_id: account.orgId,
      account_no: account.accountNo,
      holder: account.holder,
      bank_name: account.bankName,
      citad_code: account.citadCode,
      is_active: account.isActive ? 1 : 0,
      rev: await nextRev(trx),
      updated_at: now.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return bankAccountFromRow(row);
}

export async function bankAccountsOf(db: Db, orgId: string): Promise<BankAccount[]> {
  const rows = await db
    .selectFrom('org_bank_accounts')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('deleted', '=', 0)
    .orderBy('is_active', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(bankAccountFromRow);
}

/** The org if the scope may see it (its subtrees or their ancestors), else null. */
export async function findVisibleOrg(db: Db, scope: Scope, id: string): Promise<OrgWire | null> {
  const org = await findOrg(db, id);
  return org && canSeeOrg(scope, org.id, org.path) ? org : null;
}

/** Visible live children of a visible org, by name, each with its number of live children. */
export async function childrenOf(db: Db, scope: Scope, parentId: string): Promise<OrgChild[]> {
  const rows = await db
    .selectFrom('orgs as o')
    .selectAll('o')
    .select((eb) =>
      eb
        .selectFrom('orgs as c')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('c.parent_id', '=', 'o.id')
        .where('c.deleted', '=', 0)
        .as('child_count'),
    )
    .where('o.parent_id', '=', parentId)
    .where('o.deleted', '=', 0)
    .orderBy('o.name_folded')
    .orderBy('o.id')
    .execute();
  return rows
    .filter((row) => canSeeOrg(scope, row.id, row.path))
    .map((row) => ({ ...summaryFromRow(row), childCount: Number(row.child_count ?? 0) }));
}

/** The orgs above `path`, root first. */
export async function ancestorsOf(db: Db, path: string): Promise<OrgSummary[]> {
  const ids = pathIds(path).slice(0, -1);
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('orgs')
    .selectAll()
    .where('id', 'in', ids)
    .orderBy('depth')
    .execute();
  return rows.map(summaryFromRow);
}

/**
 * Search in scope by code prefix or by every folded word of the name, the closest names first;
 * one page and the total.
 */
export async function searchOrgs(
  db: Db,
  scope: Scope,
  query: OrgSearchQuery,
): Promise<{ items: OrgSummary[]; total: number }> {
  const tokens = searchTokens(query.q ?? '');
  const code = (query.q ?? '').trim().toLowerCase();
  let base = db
    .selectFrom('orgs')
    .where('deleted', '=', 0)
    .where((eb) =>
      eb.or([
        pathInSubtrees(sql.ref('path'), scope.subtreePaths),
        ...(scope.ancestorIds.length > 0 ? [eb('id', 'in', scope.ancestorIds)] : []),
      ]),
    );
  if (query.status) base = base.where('status', '=', query.status);
  if (query.parentId) base = base.where('parent_id', '=', query.parentId);
  if (tokens.length > 0) {
    base = base.where((eb) =>
      eb.or([
        startsWith(sql.ref('code'), code),
        eb.and(tokens.map((word) => containsWord(sql.ref('name_folded'), word))),
      ]),
    );
  }
  let page = base.selectAll();
  // The closest names first ("so 3" before "so 31"), then the levels from the top.
  if (tokens.length > 0) page = page.orderBy(matchTierSql(sql.ref('name_folded'), tokens));
  const [{ total }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    page
      .orderBy('depth')
      .orderBy('name_folded')
      .orderBy('id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
  ]);
  return { items: rows.map(summaryFromRow), total: Number(total) };
}
