import { Migrator, sql, type Kysely, type Migration } from 'kysely';

const MIGRATION_TABLE = 'kysely_migration';

/** Thrown when the database was written by a newer version of the software. */
export class DatabaseTooNewError extends Error {
  readonly messageVi =
    'Cơ sở dữ liệu được tạo bởi phiên bản mới hơn của phần mềm. Vui lòng cập nhật phần mềm.';
  constructor(readonly unknownMigrations: string[]) {
    super(`database has migrations unknown to this version: ${unknownMigrations.join(', ')}`);
    this.name = 'DatabaseTooNewError';
  }
}

async function appliedMigrations(db: Kysely<unknown>): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === MIGRATION_TABLE)) return [];
  const rows = await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)}`.execute(
    db,
  );
  return rows.rows.map((r) => r.name);
}

/**
 * Brings the database to the latest known migration. Refuses a database that a newer version
 * migrated further, instead of running on a schema it does not understand.
 */
export async function migrateToLatest(
  db: Kysely<unknown>,
  migrations: Record<string, Migration>,
): Promise<string[]> {
  const unknown = (await appliedMigrations(db)).filter((name) => !(name in migrations));
  if (unknown.length > 0) throw new DatabaseTooNewError(unknown);
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: MIGRATION_TABLE,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
