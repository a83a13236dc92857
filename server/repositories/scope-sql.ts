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
