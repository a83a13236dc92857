import type { ClientOrgsTable } from '../../db/client-schema';
import type { SqliteHandle } from '../../db/sqlite';
import type { OrgNode, OrgSummary } from '../contract';
import { relevanceTier, type SearchPlan } from '../search-query';
import { candidateSearch } from './candidate-search';
import {
  NODE_COLUMNS,
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
  const candidates = candidateSearch<HitRow>(handle, {
    table: 'orgs',
    alias: 'o',
    columns: `${ORG_SUMMARY_COLUMNS}, o.name_folded`,
    join: '',
    fts: 'orgs_fts',
    idColumns: ['code'],
  });

  // One statement per combination of filters, built from fixed fragments and kept.
  const finders = new Map<
    string,
    ReturnType<typeof handle.prepare<Record<string, unknown>, NodeRow>>
  >();
  function finder(filter: OrgFilter) {
    const where: string[] = [];
    if (filter.codePrefix !== undefined) where.push('o.code >= @codeFrom and o.code < @codeTo');
    if (filter.nameMatch !== undefined)
      where.push('o.rowid in (select rowid from orgs_fts where orgs_fts match @nameMatch)');
    if (filter.status !== undefined) where.push('o.status = @status');
    if (filter.underPath !== undefined) where.push('o.path >= @pathFrom and o.path < @pathTo');
    const key = where.join(' and ');
    let stmt = finders.get(key);
    if (!stmt) {
      stmt = handle.prepare<Record<string, unknown>, NodeRow>(
        // The page first, then the counts for its rows only.
        `select ${NODE_COLUMNS} from orgs o where o.rowid in (
           select o.rowid from orgs o ${key ? `where ${key}` : ''}
           order by o.name_folded, o.id limit @limit)
         order by o.name_folded, o.id`,
      );
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
