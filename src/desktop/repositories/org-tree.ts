import type { ClientBankAccountsTable, ClientOrgsTable } from '../../db/client-schema';
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

export const ORG_SUMMARY_COLUMNS =
  'o.id, o.code, o.name, o.type, o.depth, o.parent_id, o.path, o.cell_subtype, o.status';
export const NODE_COLUMNS = `o.id, o.code, o.name, o.type, o.depth, o.parent_id, o.cell_subtype, o.status,
  o.address_detail, o.ward, o.province,
  (select count(*) from orgs c where c.parent_id = o.id) as child_count,
  (select count(*) from members m where m.home_org_id = o.id) as member_count`;

export function orgTreeRepo(handle: SqliteHandle) {
  const children = handle.prepare<[string], NodeRow>(
    `select ${NODE_COLUMNS} from orgs o where o.parent_id = ?`,
  );
  // Roots of the cache: orgs without a parent, or whose parent is outside the scope.
  const roots = handle.prepare<[], NodeRow>(
    `select ${NODE_COLUMNS} from orgs o
     where o.parent_id is null or not exists (select 1 from orgs p where p.id = o.parent_id)`,
  );
  const pathOf = handle.prepare<[string], string>('select path from orgs where id = ?').pluck();
  const refsByIds = handle.prepare<[string], OrgRow>(
    `select o.id, o.code, o.name, o.type, o.depth from json_each(?) j join orgs o on o.id = j.value
     order by o.depth`,
  );
  const subtreePage = handle.prepare<[string, string, number], SummaryRow>(
    `select ${ORG_SUMMARY_COLUMNS} from orgs o where o.path >= ? and o.path < ? order by o.path limit ?`,
  );
  const subtreePageAfter = handle.prepare<[string, string, number], SummaryRow>(
    `select ${ORG_SUMMARY_COLUMNS} from orgs o where o.path > ? and o.path < ? order by o.path limit ?`,
  );
  // Index-only: the ids are read off the paths.
  const subtreePaths = handle
    .prepare<[string, string, number], string>(
      'select path from orgs where path >= ? and path < ? order by path limit ?',
    )
    .pluck();
  const subtreePathsAfter = handle
    .prepare<[string, string, number], string>(
      'select path from orgs where path > ? and path < ? order by path limit ?',
    )
    .pluck();
  const refById = handle.prepare<[string], OrgRow>(
    'select id, code, name, type, depth from orgs where id = ?',
  );
  const orgById = handle.prepare<[string], OrgRow>('select * from orgs where id = ?');
  const counts = handle.prepare<[string, string], { child_count: number; member_count: number }>(
    `select (select count(*) from orgs where parent_id = ?) as child_count,
            (select count(*) from members where home_org_id = ?) as member_count`,
  );
  const bankAccounts = handle.prepare<[string], ClientBankAccountsTable>(
    'select * from org_bank_accounts where org_id = ? order by is_active desc, bank_name, account_no',
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
    const root = pathOf.get(orgId);
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
      const rows = parentId === null ? roots.all() : children.all(parentId);
      return rows.map(toOrgNode).sort((a, b) => orgNameOrder.compare(a.name, b.name));
    },
    exists: (orgId: string): boolean => pathOf.get(orgId) !== undefined,
    path: (orgId: string): string | undefined => pathOf.get(orgId),
    ref(orgId: string): OrgRef | undefined {
      const r = refById.get(orgId);
      return r && toRef(r);
    },
    /** Root first, the org itself last; undefined when the org is not in the cache. */
    ancestors(orgId: string): OrgRef[] | undefined {
      const path = pathOf.get(orgId);
      if (path === undefined) return undefined;
      const ids = path.split('/').filter((id) => id !== '');
      return refsByIds.all(JSON.stringify(ids)).map(toRef);
    },
    subtree(orgId: string, limit: number, cursor?: string) {
      const result = page(
        orgId,
        limit,
        cursor,
        (a, b, n) => subtreePage.all(a, b, n),
        (a, b, n) => subtreePageAfter.all(a, b, n),
        (row) => row.path,
      );
      return result && { items: result.items.map(toOrgSummary), nextCursor: result.nextCursor };
    },
    subtreeIds(orgId: string, limit: number, cursor?: string) {
      const result = page(
        orgId,
        limit,
        cursor,
        (a, b, n) => subtreePaths.all(a, b, n),
        (a, b, n) => subtreePathsAfter.all(a, b, n),
        (path) => path,
      );
      return result && { ids: result.items.map(lastPathId), nextCursor: result.nextCursor };
    },
    detail(orgId: string): OrgDetail | undefined {
      const r = orgById.get(orgId);
      if (!r) return undefined;
      const c = counts.get(orgId, orgId) ?? { child_count: 0, member_count: 0 };
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
        bankAccounts: bankAccounts.all(orgId).map((b) => ({
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
