import { sql, type Compilable, type RawBuilder } from 'kysely';
import {
  prepareQuery,
  type ClientQueryBuilder,
  type Params,
  type TypedStatement,
} from '../../db/client-query';
import type { ClientDatabase } from '../../db/client-schema';
import type { SqliteHandle } from '../../db/sqlite';
import { SYNC_KEYS, syncStateValue } from '../../sync/repositories/sync-state';
import { ftsExpression, planTokens, type SearchPlan, type TokenPlan } from '../search-query';
import { WordVocabulary } from '../word-vocabulary';

/**
 * Finds the candidate rows of a search with bounded work, whatever the query. FTS5 reads a term's
 * postings lazily, but a prefix query ("t"*) first merges the postings of every term with that
 * prefix: a fifth of a province's index for one letter. So:
 * 1. every token as a whole word (lazy, cheap: whole-word hits also rank first);
 * 2. when a short number is typed ("0010": half the citizen ids of a province start so), a scan
 *    of the first SCAN_WINDOW rows, which fills the page at once when such a prefix is common;
 * 3. name prefixes as the OR of the words they start (from a vocabulary of the cache's names),
 *    numbers as prefixes (selective by now).
 */
export interface SearchSource<T extends 'members' | 'orgs', Row> {
  table: T;
  /** Alias of `table` in `candidates`. */
  alias: string;
  fts: 'members_fts' | 'orgs_fts';
  /** Identifier columns matched by prefix in the scan; FTS5 indexes them too. */
  idColumns: readonly (keyof ClientDatabase[T] & string)[];
  /** The result rows among those of `table` that meet `condition`, at most `limit` when given. */
  candidates(
    db: ClientQueryBuilder,
    condition: RawBuilder<boolean>,
    limit?: number,
  ): Compilable<Row>;
}

/**
 * FTS hits read per step, per result wanted: enough to rank a page by relevance and name order,
 * few enough that reading the rows stays cheap when a query matches half the province.
 */
const CANDIDATES_PER_RESULT = 4;
const SCAN_WINDOW = 10_000;

export function candidateSearch<T extends 'members' | 'orgs', Row extends { id: string }>(
  handle: SqliteHandle,
  source: SearchSource<T, Row>,
) {
  const { table, alias, fts, idColumns } = source;
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  const ftsRowids = (match: string, cap: number) =>
    sql<boolean>`${column('rowid')} in (select rowid from ${sql.table(fts)} where ${sql.table(fts)} match ${match} limit ${cap})`;
  const ftsHits = prepareQuery(handle, (db, p: Params<{ match: string; cap: number }>) =>
    source.candidates(db, ftsRowids(p.match, p.cap)),
  );
  const version = syncStateValue(handle);
  // Widened: both tables have name_folded, which the generic table type cannot show.
  const searched: 'members' | 'orgs' = table;
  const vocabularyRows = prepareQuery(handle, (db) =>
    db
      .selectFrom(searched)
      .select((eb) => ['name_folded as text', eb.fn.countAll<number>().as('rows')])
      .groupBy('name_folded'),
  );

  // Scans differ by the kinds of their tokens: one statement per shape, kept.
  type ScanParams = { window: number; limit: number } & Record<`p${number}`, string>;
  const scans = new Map<string, TypedStatement<ScanParams, Row>>();
  function scan(tokens: readonly TokenPlan[]): TypedStatement<ScanParams, Row> {
    const shape = tokens.map((k) => k.kind).join(',');
    let stmt = scans.get(shape);
    if (!stmt) {
      stmt = prepareQuery(handle, (db, p: Params<ScanParams>) => {
        const conditions = tokens.map((k, i) =>
          k.kind === 'words'
            ? sql<boolean>`(' ' || ${column('name_folded')}) like ${p[`p${i}`]}`
            : sql<boolean>`(${sql.join(
                idColumns.map((c) => sql`${column(c)} like ${p[`p${i}`]}`),
                sql` or `,
              )})`,
        );
        // The first `window` rows of the table, in rowid order.
        const inWindow = sql<boolean>`${column('rowid')} in (select rowid from ${sql.table(table)} order by rowid limit ${p.window})`;
        return source.candidates(db, sql.join([inWindow, ...conditions], sql` and `), p.limit);
      });
      scans.set(shape, stmt);
    }
    return stmt;
  }

  let vocabulary: { version: string | undefined; words: WordVocabulary } | undefined;
  /** The cache's name words, rebuilt after each sync (the cursor moved). */
  function words(): WordVocabulary {
    const current = version.get({ key: SYNC_KEYS.cursor });
    if (!vocabulary || vocabulary.version !== current)
      vocabulary = { version: current, words: WordVocabulary.fromTexts(vocabularyRows.all()) };
    return vocabulary.words;
  }

  function find(plan: SearchPlan, limit: number): { rows: Row[]; truncated: boolean } {
    const seen = new Map<string, Row>();
    const add = (rows: Row[]) => {
      for (const row of rows) seen.set(row.id, row);
      return rows.length;
    };
    const cap = CANDIDATES_PER_RESULT * limit;
    const exact = add(ftsHits.all({ match: plan.wholeWords, cap }));
    let truncated = exact >= cap;
    // Prefix-only hits are not looked for: there may be more.
    if (seen.size >= limit) return { rows: [...seen.values()], truncated: true };

    const tokens = planTokens(plan, words());
    if (tokens.some((k) => k.kind === 'id' && !k.selective)) {
      // Twice the limit, so whole-word matches found here can still outrank prefix ones.
      const want = 2 * limit;
      const params: ScanParams = { window: SCAN_WINDOW, limit: want };
      tokens.forEach((k, i) => {
        params[`p${i}`] = k.kind === 'words' ? `% ${k.token}%` : `${k.token}%`;
      });
      if (add(scan(tokens).all(params)) >= want)
        return { rows: [...seen.values()], truncated: true };
    }
    const found = add(ftsHits.all({ match: ftsExpression(tokens), cap }));
    truncated ||= found >= cap || tokens.some((k) => k.kind === 'words' && !k.complete);
    return { rows: [...seen.values()], truncated };
  }

  return {
    find,
    /** Builds the vocabulary now (after a sync), so the next search does not wait for it. */
    warm: () => void words(),
  };
}
