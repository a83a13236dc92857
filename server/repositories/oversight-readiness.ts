import { sql } from 'kysely';
import type { ApproverFacts, OrgFacts, ReadinessFacts } from '../../src/domain/oversight/readiness';
import type { Db } from './db';
import { pathInSubtrees } from './scope-sql';

/**
 * The facts the readiness checks read (src/domain/oversight/readiness.ts) for the active orgs of
 * a subtree: three range scans of the path index (the orgs, their active bank accounts, the
 * admin and approver grants of active accounts), counted and sorted here rather than by per-org
 * subqueries, so a province's twenty thousand orgs stay well under the benchmark's two seconds.
 */
export async function readinessFacts(db: Db, rootPath: string, now: Date): Promise<ReadinessFacts> {
  const inSubtree = pathInSubtrees(sql.ref('o.path'), [rootPath]);
  const orgRows = await db
    .selectFrom('orgs as o')
    .leftJoin('orgs as parent', 'parent.id', 'o.parent_id')
    .select([
      'o.id',
      'o.code',
      'o.name',
      'o.parent_id',
      'parent.type as parent_type',
      'o.type',
      'o.cell_subtype',
      'o.has_seal',
      'o.seal_image_sha256',
    ])
    .where(inSubtree)
    .where('o.deleted', '=', 0)
    .where('o.status', '=', 'active')
    // Path order puts every parent before its children, the root first.
    .orderBy('o.path')
    .execute();
  const accounts = await db
    .selectFrom('org_bank_accounts as b')
    .innerJoin('orgs as o', 'o.id', 'b.org_id')
    .select(['b.org_id', 'b.holder', 'b.bank_name', 'b.citad_code'])
    .where(inSubtree)
    .where('b.deleted', '=', 0)
    .where('b.is_active', '=', 1)
    .execute();
  // Grants at the org itself: a grant above it does not make an org's own admin or secretary.
  const grants = await db
    .selectFrom('user_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .innerJoin('orgs as o', 'o.id', 'r.org_id')
    .select([
      'r.org_id',
      'r.role',
      'u.id as user_id',
      'u.full_name',
      'u.username',
      'o.path',
      sql<number>`(case when exists (select 1 from user_certificates c
        where c.user_id = u.id and c.revoked_at is null and c.not_after > ${now.toISOString()})
        then 1 else 0 end)`.as('certified'),
    ])
    .where(inSubtree)
    .where('r.role', 'in', ['admin', 'approver'])
    .where('r.deleted', '=', 0)
    .where('u.deleted', '=', 0)
    .where('u.status', '=', 'active')
    .execute();

  const admins = new Map<string, number>();
  const secretaries = new Map<string, number>();
  const bump = (counts: Map<string, number>, orgId: string) =>
    counts.set(orgId, (counts.get(orgId) ?? 0) + 1);
  // One finding per person, at the first of his orgs in tree order.
  const uncertified = new Map<string, ApproverFacts & { path: string }>();
  for (const g of grants) {
    if (g.role === 'admin') {
      bump(admins, g.org_id);
      continue;
    }
    bump(secretaries, g.org_id);
    if (Number(g.certified) === 1) continue;
    const seen = uncertified.get(g.user_id);
    if (!seen || g.path < seen.path)
      uncertified.set(g.user_id, {
        userId: g.user_id,
        fullName: g.full_name,
        username: g.username,
        orgId: g.org_id,
        path: g.path,
      });
  }
  const accountOf = new Map(
    accounts.map((a) => [
      a.org_id,
      { holder: a.holder, bankName: a.bank_name, citadCode: a.citad_code },
    ]),
  );
  const orgs: OrgFacts[] = orgRows.map((o) => ({
    id: o.id,
    code: o.code,
    name: o.name,
    parentId: o.parent_id,
    parentType: o.parent_type,
    type: o.type,
    cellSubtype: o.cell_subtype,
    admins: admins.get(o.id) ?? 0,
    secretaries: secretaries.get(o.id) ?? 0,
    activeBankAccount: accountOf.get(o.id) ?? null,
    hasSeal: o.has_seal === 1,
    hasSealImage: o.seal_image_sha256 !== null,
  }));
  const approversWithoutCertificate = [...uncertified.values()]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.username < b.username ? -1 : 1))
    .map(({ path: _path, ...a }) => a);
  const calendarYears = (
    await db.selectFrom('holiday_years').select('year').where('deleted', '=', 0).execute()
  ).map((r) => Number(r.year));
  // Vietnam's date: the report is read there, and a year turns at its midnight.
  const today = new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
  return { orgs, approversWithoutCertificate, calendarYears, today };
}
