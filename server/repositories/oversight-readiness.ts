import { sql } from 'kysely';
import type { ApproverFacts, OrgFacts, ReadinessFacts } from '../../src/domain/oversight/readiness';
import type { Db } from './db';
import { pathInSubtrees } from './scope-sql';

/** Active accounts holding `role` at the org itself (a grant above it does not count). */
const activeHolders = (role: string) =>
  sql<number>`(select count(*) from user_roles r
    inner join users u on u.id = r.user_id
    where r.org_id = o.id and r.role = ${role} and r.deleted = 0
      and u.deleted = 0 and u.status = 'active')`;

/**
 * The facts the readiness checks read (src/domain/oversight/readiness.ts) for the active orgs of
 * a subtree: three range scans on the path index and per-org counts from the grants' org index,
 * so a province's twenty thousand orgs stay well under the benchmark's two seconds.
 */
export async function readinessFacts(db: Db, rootPath: string, now: Date): Promise<ReadinessFacts> {
  const inSubtree = pathInSubtrees(sql.ref('o.path'), [rootPath]);
  const orgRows = await db
    .selectFrom('orgs as o')
    .leftJoin('orgs as parent', 'parent.id', 'o.parent_id')
    .select([
      'parent.type as parent_type',
      'o.id',
      'o.code',
      'o.name',
      'o.parent_id',
      'o.type',
      'o.cell_subtype',
      activeHolders('admin').as('admins'),
      activeHolders('approver').as('secretaries'),
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
  const accountOf = new Map(
    accounts.map((a) => [
      a.org_id,
      { holder: a.holder, bankName: a.bank_name, citadCode: a.citad_code },
    ]),
  );
  const approvers = await db
    .selectFrom('user_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .innerJoin('orgs as o', 'o.id', 'r.org_id')
    .select(['u.id', 'u.full_name', 'u.username', 'r.org_id'])
    .where(inSubtree)
    .where('o.deleted', '=', 0)
    .where('r.role', '=', 'approver')
    .where('r.deleted', '=', 0)
    .where('u.deleted', '=', 0)
    .where('u.status', '=', 'active')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('user_certificates as c')
            .select('c.id')
            .whereRef('c.user_id', '=', 'u.id')
            .where('c.revoked_at', 'is', null)
            .where('c.not_after', '>', now.toISOString()),
        ),
      ),
    )
    .orderBy('o.path')
    .orderBy('u.username')
    .execute();
  const seen = new Set<string>();
  const approversWithoutCertificate: ApproverFacts[] = [];
  // One finding per person, at the first of his orgs in tree order.
  for (const a of approvers) {
    if (seen.has(a.id)) continue;
    seen.add(a.id);
    approversWithoutCertificate.push({
      userId: a.id,
      fullName: a.full_name,
      username: a.username,
      orgId: a.org_id,
    });
  }
  const orgs: OrgFacts[] = orgRows.map((o) => ({
    id: o.id,
    code: o.code,
    name: o.name,
    parentId: o.parent_id,
    parentType: o.parent_type,
    type: o.type,
    cellSubtype: o.cell_subtype,
    admins: Number(o.admins),
    secretaries: Number(o.secretaries),
    activeBankAccount: accountOf.get(o.id) ?? null,
  }));
  return { orgs, approversWithoutCertificate };
}
