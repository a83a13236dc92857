import type { ExpressionBuilder } from 'kysely';
import { jsonEach, prepareColumnQuery, prepareQuery, type Params } from '../../db/client-query';
import type { ClientDatabase, ClientOrgsTable } from '../../db/client-schema';
import type { SqliteHandle } from '../../db/sqlite';
import type { AllocationDirection, OrgStatus } from '../../domain/org/org';
import type { CellSubtype, OrgType } from '../../domain/org/org-types';
import type { OrgDetail, OrgNode, OrgRef, OrgSummary } from '../contract';

// Queries of the org tree. `path` is materialized ('/root/…/self/'): a subtree is the index
// range [path, path with its final '/' replaced by '0'), ancestors are the ids on the path.

type OrgRow = ClientOrgsTable;
export type NodeRow = Pick<
  OrgRow,
  | 'id'
  | 'code'
  | 'name'
  | 'type'
  | 'depth'
  | 'parent_id'
  | 'cell_subtype'
  | 'status'
  | 'address_detail'
  | 'ward'
  | 'province'
> & { child_count: number; member_count: number };
type SummaryRow = Pick<
  OrgRow,
  'id' | 'code' | 'name' | 'type' | 'depth' | 'parent_id' | 'path' | 'cell_subtype' | 'status'
>;

/** Exclusive upper bound of the subtree at `path` ('0' follows '/' bytewise). */
export const subtreeEnd = (path: string): string => `${path.slice(0, -1)}0`;

/** The org id at the end of a materialized path. */
export const lastPathId = (path: string): string =>
  path.slice(path.lastIndexOf('/', path.length - 2) + 1, -1);

/** Org names in Vietnamese order, numbers by value ("số 2" before "số 10"). */
export const orgNameOrder = new Intl.Collator('vi', { numeric: true });

// Enum columns hold what the domain schemas accepted on the way into the cache.
const orgType = (type: string) => type as OrgType;

const toRef = (r: Pick<OrgRow, 'id' | 'code' | 'name' | 'type' | 'depth'>): OrgRef => ({
  id: r.id,
  code: r.code,
  name: r.name,
  type: orgType(r.type),
  depth: r.depth,
});

/** The address as the org list shows it: street, ward, province; null when none is known. */
export const orgAddress = (
  r: Pick<OrgRow, 'address_detail' | 'ward' | 'province'>,
): string | null =>
  [r.address_detail, r.ward, r.province].filter((part) => part && part.trim()).join(', ') || null;

export const toOrgNode = (r: NodeRow): OrgNode => ({
  ...toRef(r),
  parentId: r.parent_id,
  cellSubtype: r.cell_subtype,
  status: r.status,
  address: orgAddress(r),
  childCount: r.child_count,
  memberCount: r.member_count,
});

export const toOrgSummary = (r: SummaryRow): OrgSummary => ({
  ...toRef(r),
  parentId: r.parent_id,
  path: r.path,
  cellSubtype: r.cell_subtype,
  status: r.status,
});

export const ORG_SUMMARY_COLUMNS = [
  'o.id',
  'o.code',
  'o.name',
  'o.type',
  'o.depth',
  'o.parent_id',
  'o.path',
  'o.cell_subtype',
  'o.status',
] as const;

type OrgsAsO = ClientDatabase & { o: ClientDatabase['orgs'] };

/** The columns of an org list row: its summary, address, and counts of children and members. */
export const nodeColumns = (eb: ExpressionBuilder<OrgsAsO, 'o'>) =>
  [
    'o.id',
    'o.code',
    'o.name',
    'o.type',
    'o.depth',
    'o.parent_id',
    'o.cell_subtype',
    'o.status',
    'o.address_detail',
    'o.ward',
    'o.province',
    eb
      .selectFrom('orgs as c')
      .select((c) => c.fn.countAll<number>().as('n'))
      .whereRef('c.parent_id', '=', 'o.id')
      .$asScalar()
      .$notNull()
      .as('child_count'),
    eb
      .selectFrom('members as m')
      .select((m) => m.fn.countAll<number>().as('n'))
      .whereRef('m.home_org_id', '=', 'o.id')
      .$asScalar()
      .$notNull()
      .as('member_count'),
  ] as const;

export function orgTreeRepo(handle: SqliteHandle) {
  const children = prepareQuery(handle, (db, p: Params<{ parentId: string }>) =>
    db.selectFrom('orgs as o').select(nodeColumns).where('o.parent_id', '=', p.parentId),
  );
  // Roots of the cache: orgs without a parent, or whose parent is outside the scope.
  const roots = prepareQuery(handle, (db) =>
    db
      .selectFrom('orgs as o')
      .select(nodeColumns)
      .where((eb) =>
        eb.or([
          eb('o.parent_id', 'is', null),
          eb.not(
            eb.exists(
              eb
                .selectFrom('orgs as p')
                .select(eb.lit(1).as('one'))
                .whereRef('p.id', '=', 'o.parent_id'),
            ),
          ),
        ]),
      ),
  );
  const pathOf = prepareColumnQuery(handle, (db, p: Params<{ id: string }>) =>
    db.selectFrom('orgs').select('path').where('id', '=', p.id),
  );
  const refsByIds = prepareQuery(handle, (db, p: Params<{ ids: string }>) =>
    db
      .selectFrom(jsonEach(p.ids, 'j'))
      .innerJoin('orgs as o', 'o.id', 'j.value')
      .select(['o.id', 'o.code', 'o.name', 'o.type', 'o.depth'])
      .orderBy('o.depth'),
  );
  type Range = Params<{ from: string; to: string; limit: number }>;
  const subtreePage = prepareQuery(handle, (db, p: Range) =>
    db
      .selectFrom('orgs as o')
      .select(ORG_SUMMARY_COLUMNS)
      .where('o.path', '>=', p.from)
      .where('o.path', '<', p.to)
      .orderBy('o.path')
      .limit(p.limit),
  );
  const subtreePageAfter = prepareQuery(handle, (db, p: Range) =>
    db
      .selectFrom('orgs as o')
      .select(ORG_SUMMARY_COLUMNS)
      .where('o.path', '>', p.from)
      .where('o.path', '<', p.to)
      .orderBy('o.path')
      .limit(p.limit),
  );
  // Index-only: the ids are read off the paths.
  const subtreePaths = prepareColumnQuery(handle, (db, p: Range) =>
    db
      .selectFrom('orgs')
      .select('path')
      .where('path', '>=', p.from)
      .where('path', '<', p.to)
      .orderBy('path')
      .limit(p.limit),
  );
  const subtreePathsAfter = prepareColumnQuery(handle, (db, p: Range) =>
    db
      .selectFrom('orgs')
      .select('path')
      .where('path', '>', p.from)
      .where('path', '<', p.to)
      .orderBy('path')
      .limit(p.limit),
  );
  const refById = prepareQuery(handle, (db, p: Params<{ id: string }>) =>
    db.selectFrom('orgs').select(['id', 'code', 'name', 'type', 'depth']).where('id', '=', p.id),
  );
  const orgById = prepareQuery(handle, (db, p: Params<{ id: string }>) =>
    db.selectFrom('orgs').selectAll().where('id', '=', p.id),
  );
  const counts = prepareQuery(handle, (db, p: Params<{ id: string }>) =>
    db.selectNoFrom((eb) => [
      eb
        .selectFrom('orgs')
        .select((c) => c.fn.countAll<number>().as('n'))
        .where('parent_id', '=', p.id)
        .$asScalar()
        .$notNull()
        .as('child_count'),
      eb
        .selectFrom('members')
        .select((m) => m.fn.countAll<number>().as('n'))
        .where('home_org_id', '=', p.id)
        .$asScalar()
        .$notNull()
        .as('member_count'),
    ]),
  );
  const bankAccounts = prepareQuery(handle, (db, p: Params<{ orgId: string }>) =>
    db
      .selectFrom('org_bank_accounts')
      .selectAll()
      .where('org_id', '=', p.orgId)
      .orderBy('is_active', 'desc')
      .orderBy('bank_name')
      .orderBy('account_no'),
  );

  /** Paths are ordered bytewise, which is parents before children; a page resumes after `cursor`. */
  function page<T>(
    orgId: string,
    limit: number,
    cursor: string | undefined,
    first: (from: string, to: string, n: number) => T[],
    after: (from: string, to: string, n: number) => T[],
    pathOfItem: (item: T) => string,
  ): { items: T[]; nextCursor: string | null } | undefined {
    const root = pathOf.get({ id: orgId });
    if (root === undefined) return undefined;
    const end = subtreeEnd(root);
    // A cursor outside the subtree would page through someone else's rows: start over instead.
    const resume = cursor !== undefined && cursor >= root && cursor < end ? cursor : undefined;
    const items =
      resume === undefined ? first(root, end, limit + 1) : after(resume, end, limit + 1);
    const more = items.length > limit;
    if (more) items.pop();
    const last = items[items.length - 1];
    return { items, nextCursor: more && last !== undefined ? pathOfItem(last) : null };
  }

  return {
    /** Children in Vietnamese order of name (numbers in names compare as numbers). */
    children(parentId: string | null): OrgNode[] {
      const rows = parentId === null ? roots.all() : children.all({ parentId });
      return rows.map(toOrgNode).sort((a, b) => orgNameOrder.compare(a.name, b.name));
    },
    exists: (orgId: string): boolean => pathOf.get({ id: orgId }) !== undefined,
    path: (orgId: string): string | undefined => pathOf.get({ id: orgId }),
    ref(orgId: string): OrgRef | undefined {
      const r = refById.get({ id: orgId });
      return r && toRef(r);
    },
    /** Root first, the org itself last; undefined when the org is not in the cache. */
    ancestors(orgId: string): OrgRef[] | undefined {
      const path = pathOf.get({ id: orgId });
      if (path === undefined) return undefined;
      const ids = path.split('/').filter((id) => id !== '');
      return refsByIds.all({ ids: JSON.stringify(ids) }).map(toRef);
    },
    subtree(orgId: string, limit: number, cursor?: string) {
      const result = page(
        orgId,
        limit,
        cursor,
        (from, to, limit) => subtreePage.all({ from, to, limit }),
        (from, to, limit) => subtreePageAfter.all({ from, to, limit }),
        (row) => row.path,
      );
      return result && { items: result.items.map(toOrgSummary), nextCursor: result.nextCursor };
    },
    subtreeIds(orgId: string, limit: number, cursor?: string) {
      const result = page(
        orgId,
        limit,
        cursor,
        (from, to, limit) => subtreePaths.all({ from, to, limit }),
        (from, to, limit) => subtreePathsAfter.all({ from, to, limit }),
        (path) => path,
      );
      return result && { ids: result.items.map(lastPathId), nextCursor: result.nextCursor };
    },
    detail(orgId: string): OrgDetail | undefined {
      const r = orgById.get({ id: orgId });
      if (!r) return undefined;
      const c = counts.get({ id: orgId }) ?? { child_count: 0, member_count: 0 };
      return {
        org: {
          id: r.id,
          code: r.code,
          name: r.name,
          parentId: r.parent_id,
          type: orgType(r.type),
          cellSubtype: r.cell_subtype as CellSubtype | null,
          taxCode: r.tax_code,
          email: r.email,
          phone: r.phone,
          website: r.website,
          province: r.province,
          ward: r.ward,
          addressDetail: r.address_detail,
          description: r.description,
          allocationDirection: r.allocation_direction as AllocationDirection,
          hasSeal: r.has_seal === 1,
          status: r.status as OrgStatus,
          path: r.path,
          depth: r.depth,
        },
        bankAccounts: bankAccounts.all({ orgId }).map((b) => ({
          id: b.id,
          orgId: b.org_id,
          accountNo: b.account_no,
          holder: b.holder,
          bankName: b.bank_name,
          citadCode: b.citad_code,
          isActive: b.is_active === 1,
        })),
        childCount: c.child_count,
        memberCount: c.member_count,
      };
    },
  };
}

export type OrgTreeRepo = ReturnType<typeof orgTreeRepo>;
