/**
 * Imports orgs and members from the member database's Excel/CSV exports into a server database,
 * for a server operator (docs/decisions/0040):
 *   npm run import -- --db <postgres://… | SQLite file> [--under <org code>] [--apply] FILE…
 * Without --apply it only checks and prints the plan and every problem; with it, it writes all or
 * nothing, as the admin's "Nhập dữ liệu" screen does.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { openServerDb, type ServerDbConfig } from '../src/db/server-db';
import type { ImportPlanSummary } from '../src/domain/import/import-plan';
import { sheetKindLabelVi } from '../src/domain/import/import-sheet';
import { applyImport, previewImport } from '../server/imports/run-import';
import { findOrgIdByCode } from '../server/repositories/imports';

export const USAGE = `usage: npm run import -- --db <postgres://… | FILE.sqlite> [--under <org code>] [--apply] FILE.xlsx|FILE.csv…
  --db      the server database: a PostgreSQL URL or an existing SQLite file
  --under   the org everything must lie under (default: the whole database)
  --apply   write the import (all or nothing); without it, only check and print the plan`;

export interface CliOutput {
  log(line: string): void;
  error(line: string): void;
}

/** Exit codes: 0 done (or a clean check), 1 the files have problems, 2 the command is wrong. */
export async function runImportCli(
  argv: string[],
  out: CliOutput,
  now = new Date(),
): Promise<number> {
  let values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: {
        db: { type: 'string' },
        under: { type: 'string' },
        apply: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    }));
  } catch (err) {
    out.error(`import: ${(err as Error).message}`);
    out.error(USAGE);
    return 2;
  }
  if (values.help) {
    out.log(USAGE);
    return 0;
  }
  const usage = (message: string) => {
    out.error(`import: ${message}`);
    out.error(USAGE);
    return 2;
  };
  if (!values.db) return usage('missing --db');
  if (positionals.length === 0) return usage('no file to import');
  const missing = positionals.find((f) => !existsSync(f));
  if (missing) return usage(`no such file: ${missing}`);
  const isUrl = /^postgres(ql)?:\/\//.test(values.db);
  // Opening a SQLite path that does not exist would create an empty database: a typo, surely.
  if (!isUrl && !existsSync(values.db)) return usage(`no such SQLite database: ${values.db}`);
  const config: ServerDbConfig = isUrl ? { databaseUrl: values.db } : { sqliteFile: values.db };
  const files = positionals.map((f) => ({ name: basename(f), bytes: readFileSync(f) }));

  const server = await openServerDb(config);
  try {
    let rootId: string | null = null;
    if (values.under) {
      rootId = await findOrgIdByCode(server.db, values.under.trim().toLowerCase());
      if (!rootId) return usage(`no org has the code ${values.under}`);
    }
    const run = { rootId, files };
    const outcome = values.apply
      ? await applyImport(server.db, { ...run, importedBy: null, source: 'cli', now })
      : await previewImport(server.db, run);
    if (!outcome.ok) {
      out.error(`import: ${outcome.read.message}`);
      out.error(outcome.read.messageVi);
      return 2;
    }
    const summary = outcome.plan.summary;
    printPlan(summary, out);
    if (summary.problems.length > 0) {
      out.error(`import: ${summary.problems.length} problem(s); nothing was written`);
      return 1;
    }
    out.log(
      values.apply
        ? `import: applied (file sha256 ${outcome.fileSha256})`
        : 'import: no problem found; run again with --apply to write it',
    );
    return 0;
  } finally {
    await server.close();
  }
}

function printPlan(summary: ImportPlanSummary, out: CliOutput) {
  for (const kind of ['orgs', 'members'] as const) {
    const c = summary[kind];
    out.log(
      `${sheetKindLabelVi[kind]}: ${c.add} thêm mới, ${c.update} cập nhật, ${c.unchanged} không đổi`,
    );
  }
  for (const p of summary.problems) {
    const where = [p.sheet, p.row === null ? null : `dòng ${p.row}`, p.column && `cột ${p.column}`]
      .filter(Boolean)
      .join(', ');
    out.error(`${where}: ${p.messageVi} [${p.code}]`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const code = await runImportCli(process.argv.slice(2), {
    log: (line) => console.log(line),
    error: (line) => console.error(line),
  });
  process.exit(code);
}
