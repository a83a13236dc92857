import { sql } from 'kysely';
import { prepareQuery, type Params, type TypedStatement } from '../../db/client-query';
import type { ClientOrgsTable } from '../../db/client-schema';
import type { SqliteHandle } from '../../db/sqlite';
import type { OrgNode, OrgSummary } from '../contract';
import { relevanceTier, type SearchPlan } from '../search-query';
import { candidateSearch } from './candidate-search';
import {
  nodeColumns,
  ORG_SUMMARY_COLUMNS,
  orgNameOrder,
  subtreeEnd,
  toOrgNode,
  toOrgSummary,
  type NodeRow,
} from './org-tree';

type HitRow = Pick<
  ClientOrgsTable,
  | 'id'
  | 'code'
  | 'name'
  | 'type'
  | 'depth'
  | 'parent_id'
  | 'path'
  | 'cell_subtype'
  | 'status'
  | 'name_folded'
>;

/** The filters of the org list ("Quản lý tổ chức Đảng"): code prefix, name words, status, subtree. */
export interface OrgFilter {
  codePrefix?: string | undefined;
  /** FTS5 expression of the name words (see planSearch). */
  nameMatch?: string | undefined;
  status?: string | undefined;
  underPath?: string | undefined;
  limit: number;
}

// Above every character, so [prefix, prefix + MAX) is the prefix range in bytewise order.
const MAX_CHAR = String.fromCodePoint(0x10ffff);

export function orgSearchRepo(handle: SqliteHandle) {
  const candidates = candidateSearch<'orgs', HitRow>(handle, {
    table: 'orgs',
    alias: 'o',
    fts: 'orgs_fts',
    idColumns: ['code'],
    candidates: (db, condition, limit) => {
      const rows = db
        .selectFrom('orgs as o')
        .select([...ORG_SUMMARY_COLUMNS, 'o.name_folded'])
        .where(condition);
      return limit === undefined ? rows : rows.limit(limit);
    },
  });

  // One statement per combination of filters, built from fixed fragments and kept.
  type FinderParams = {
    codeFrom: string;
    codeTo: string;
    nameMatch: string;
    status: string;
    pathFrom: string;
    pathTo: string;
    limit: number;
  };
  const finders = new Map<string, TypedStatement<Partial<FinderParams>, NodeRow>>();
  function finder(filter: OrgFilter) {
    const key = (['codePrefix', 'nameMatch', 'status', 'underPath'] as const)
      .filter((name) => filter[name] !== undefined)
      .join(' and ');
    let stmt = finders.get(key);
    if (!stmt) {
      // The page first, then the counts for its rows only.
      stmt = prepareQuery(handle, (db, p: Params<FinderParams>) => {
        let page = db.selectFrom('orgs as o').select(sql<number>`o.rowid`.as('rowid'));
        if (filter.codePrefix !== undefined)
          page = page.where('o.code', '>=', p.codeFrom).where('o.code', '<', p.codeTo);
        if (filter.nameMatch !== undefined)
          page = page.where(
            sql<boolean>`o.rowid in (select rowid from orgs_fts where orgs_fts match ${p.nameMatch})`,
          );
        if (filter.status !== undefined) page = page.where('o.status', '=', p.status);
        if (filter.underPath !== undefined)
          page = page.where('o.path', '>=', p.pathFrom).where('o.path', '<', p.pathTo);
        return db
          .selectFrom('orgs as o')
          .select(nodeColumns)
          .where(
            sql.ref('o.rowid'),
            'in',
            page.orderBy('o.name_folded').orderBy('o.id').limit(p.limit),
          )
          .orderBy('o.name_folded')
          .orderBy('o.id');
      });
      finders.set(key, stmt);
    }
    return stmt;
  }

  return {
    warmSearch: candidates.warm,

    /** By name or code: whole words before prefixes, then the Vietnamese order of names. */
    search(plan: SearchPlan, limit: number): { items: OrgSummary[]; truncated: boolean } {
      const found = candidates.find(plan, limit);
      const ranked = found.rows.map((row) => ({
        row,
        tier: relevanceTier(plan, row.name_folded.split(' '), [
          row.name_folded,
          row.code.toLowerCase(),
        ]),
      }));
      // Cheap bytewise order to pick the page, then the collator on the page only.
      const byFolded = (a: (typeof ranked)[number], b: (typeof ranked)[number]) =>
        a.tier - b.tier ||
        (a.row.name_folded < b.row.name_folded
          ? -1
          : a.row.name_folded > b.row.name_folded
            ? 1
            : 0);
      const page = ranked.sort(byFolded).slice(0, limit);
      page.sort((a, b) => a.tier - b.tier || orgNameOrder.compare(a.row.name, b.row.name));
      return {
        items: page.map((r) => toOrgSummary(r.row)),
        truncated: found.truncated || ranked.length > limit,
      };
    },

    /** Orgs matching every given filter, in Vietnamese order of name. */
    find(filter: OrgFilter): { items: OrgNode[]; truncated: boolean } {
      const rows = finder(filter).all({
        ...(filter.codePrefix !== undefined
          ? { codeFrom: filter.codePrefix, codeTo: filter.codePrefix + MAX_CHAR }
          : {}),
        ...(filter.nameMatch !== undefined ? { nameMatch: filter.nameMatch } : {}),
        ...(filter.status !== undefined ? { status: filter.status } : {}),
        ...(filter.underPath !== undefined
          ? { pathFrom: filter.underPath, pathTo: subtreeEnd(filter.underPath) }
          : {}),
        limit: filter.limit + 1,
      });
      const truncated = rows.length > filter.limit;
      if (truncated) rows.pop();
      return {
        items: rows.map(toOrgNode).sort((a, b) => orgNameOrder.compare(a.name, b.name)),
        truncated,
      };
    },
  };
}
