import type Database from 'better-sqlite3';
import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  sql,
  type Compilable,
} from 'kysely';
import type { ClientDatabase } from './client-schema';
import type { SqliteHandle } from './sqlite';

/**
 * Typed SQL on the desktop cache's synchronous handle (docs/decisions/0022). Kysely is used as a
 * query builder only: a statement is built once against `ClientDatabase`, compiled, and prepared
 * on the better-sqlite3 / SQLCipher handle; each call binds its parameters and runs synchronously,
 * exactly as a hand-written prepared statement did. A renamed column is a type error here.
 */

/** Builds and compiles; never executes (its driver is a dummy). */
export const clientQueryBuilder = new Kysely<ClientDatabase>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

export type ClientQueryBuilder = typeof clientQueryBuilder;

/** Stands in for a statement parameter while the query is built; bound by name at each call. */
class Placeholder {
  constructor(readonly name: string) {}
}

/**
 * The parameters of a statement as the builder sees them: each property is a placeholder typed as
 * its value, so `where('id', '=', p.id)` checks `p.id` against the column's type.
 */
export type Params<P> = { readonly [K in keyof P]: P[K] };

const placeholders = <P>(): Params<P> =>
  new Proxy({} as Params<P>, { get: (_, name) => new Placeholder(String(name)) });

type Args<P> = keyof P extends never ? [] : [params: P];
type Build<P, R> = (db: ClientQueryBuilder, p: Params<P>) => Compilable<R>;

/** A compiled query's parameter list with its placeholders bound from a call's arguments. */
function binder<P>(parameters: readonly unknown[]): (args: [] | [P]) => unknown[] {
  const slots = parameters.map((value) =>
    value instanceof Placeholder
      ? (params: P | undefined) => (params as Record<string, unknown> | undefined)?.[value.name]
      : () => value,
  );
  if (!parameters.some((value) => value instanceof Placeholder)) {
    const fixed = [...parameters];
    return () => fixed;
  }
  return ([params]) => slots.map((slot) => slot(params));
}

function compile<P, R>(handle: SqliteHandle, build: Build<P, R>) {
  const compiled = build(clientQueryBuilder, placeholders<P>()).compile();
  return { statement: handle.prepare(compiled.sql), bind: binder<P>(compiled.parameters) };
}

export interface TypedStatement<P, R> {
  all(...args: Args<P>): R[];
  get(...args: Args<P>): R | undefined;
  run(...args: Args<P>): Database.RunResult;
}

/**
 * Prepares a typed statement once: `P` names its parameters, the row type comes from the builder.
 *
 *   const byId = prepareQuery(handle, (db, p: Params<{ id: string }>) =>
 *     db.selectFrom('outbox').selectAll().where('id', '=', p.id));
 *   byId.get({ id }); // the outbox row, or undefined
 */
export function prepareQuery<P = Record<never, never>, R = unknown>(
  handle: SqliteHandle,
  build: Build<P, R>,
): TypedStatement<P, R> {
  const { statement, bind } = compile(handle, build);
  return {
    all: (...args) => statement.all(...bind(args)) as R[],
    get: (...args) => statement.get(...bind(args)) as R | undefined,
    run: (...args) => statement.run(...bind(args)),
  };
}

export interface TypedColumnStatement<P, V> {
  all(...args: Args<P>): V[];
  get(...args: Args<P>): V | undefined;
}

/** A statement that selects one column, read as bare values (better-sqlite3's pluck). */
export function prepareColumnQuery<P = Record<never, never>, R = unknown>(
  handle: SqliteHandle,
  build: Build<P, R>,
): TypedColumnStatement<P, R[keyof R]> {
  const { statement, bind } = compile(handle, build);
  statement.pluck();
  return {
    all: (...args) => statement.all(...bind(args)) as R[keyof R][],
    get: (...args) => statement.get(...bind(args)) as R[keyof R] | undefined,
  };
}

/**
 * The elements of a JSON array parameter as a table (`value` column): a list of any length is one
 * parameter, so the statement's shape, and its preparation, stay fixed.
 */
export const jsonEach = <A extends string>(json: string, alias: A) =>
  sql<{ value: string }>`json_each(${json})`.as(alias);
