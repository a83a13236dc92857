import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { subtreeUpperBound } from '../scope/scope';

/**
 * The path lies in one of the subtrees: a range per root ('/a/' ≤ path < '/a0'), which both
 * engines answer from the path index (bytewise collation: "C" on PostgreSQL, BINARY on SQLite).
 */
export function pathInSubtrees(
  path: Expression<string>,
  subtreePaths: readonly string[],
): RawBuilder<SqlBool> {
  if (subtreePaths.length === 0) return sql<SqlBool>`1 = 0`;
  const ranges = subtreePaths.map(
    (root) => sql`(${path} >= ${root} and ${path} < ${subtreeUpperBound(root)})`,
  );
  return sql<SqlBool>`(${sql.join(ranges, sql` or `)})`;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** `value` contains the folded word (wildcards in it escaped; same on both engines). */
export function containsWord(value: Expression<string>, word: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${value} like ${`%${escapeLike(word)}%`} escape '\\'`;
}

/** `value` starts with `prefix`. */
export function startsWith(value: Expression<string>, prefix: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${value} like ${`${escapeLike(prefix)}%`} escape '\\'`;
}

/**
 * The first tiers of src/domain/text/match (MatchTier) over a folded column, for lists ranked in
 * SQL: 0 the text is the words, 1 it begins with them, 2 they stand together in it, 3 otherwise.
 * Finer tiers are not worth their SQL; within a tier the list keeps its own order.
 */
export function matchTierSql(
  folded: Expression<string>,
  tokens: readonly string[],
): RawBuilder<number> {
  const wanted = tokens.join(' ');
  const like = escapeLike(wanted);
  return sql<number>`(case when ${folded} = ${wanted} then 0
    when ${folded} like ${`${like} %`} escape '\\' then 1
    when ${folded} like ${`% ${like} %`} escape '\\' or ${folded} like ${`% ${like}`} escape '\\' then 2
    else 3 end)`;
}
