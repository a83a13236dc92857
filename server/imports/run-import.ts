import { createHash } from 'node:crypto';
import type { Failure } from '../../src/domain/common/result';
import { planImport, type ImportPlan } from '../../src/domain/import/import-plan';
import { parseImportSheets } from '../../src/domain/import/import-rows';
import {
  IMPORT_LIMITS_DEFAULT,
  readImportFiles,
  type ImportFile,
  type ImportLimits,
  type ReadImportCode,
} from '../../src/documents/import/read-import-file';
import type { Db } from '../repositories/db';
import { insertImportAudit, loadImportWorld, writeImportPlan } from '../repositories/imports';
import { lockRevCounter } from '../repositories/revisions';

/**
 * One import for the API and the command line (docs/decisions/0040): read, check, plan; and for
 * apply, the same again inside one transaction that writes everything or nothing.
 */
export interface ImportRun {
  /** The org it is under; null for the whole database (the operator's command line). */
  rootId: string | null;
  files: readonly ImportFile[];
  limits?: ImportLimits;
}

export type ImportOutcome =
  { ok: true; plan: ImportPlan; fileSha256: string } | { ok: false; read: Failure<ReadImportCode> };

/** Each file hashed, then the hashes in order: the audit's fingerprint of what was imported. */
export function filesSha256(files: readonly ImportFile[]): string {
  const outer = createHash('sha256');
  for (const f of files) outer.update(createHash('sha256').update(f.bytes).digest('hex'));
  return outer.digest('hex');
}

async function parse(run: ImportRun) {
  const sheets = await readImportFiles(run.files, run.limits ?? IMPORT_LIMITS_DEFAULT);
  return sheets.ok ? { ok: true as const, parsed: parseImportSheets(sheets.value) } : sheets;
}

/** The plan against the database as it is now; writes nothing. */
export async function previewImport(db: Db, run: ImportRun): Promise<ImportOutcome> {
  const read = await parse(run);
  if (!read.ok) return { ok: false, read };
  const world = await loadImportWorld(db, run.rootId, read.parsed);
  return { ok: true, plan: planImport(read.parsed, world), fileSha256: filesSha256(run.files) };
}

export type AppliedOutcome =
  (ImportOutcome & { ok: true; auditId: string | null }) | (ImportOutcome & { ok: false });

/**
 * Plans again inside the transaction, after taking the rev counter's lock every writer of these
 * tables waits on, so nothing changes between the check and the writes. With any problem it
 * writes nothing and answers the plan (auditId null).
 */
export async function applyImport(
  db: Db,
  run: ImportRun & { importedBy: string | null; source: 'api' | 'cli'; now: Date },
): Promise<AppliedOutcome> {
  const read = await parse(run);
  if (!read.ok) return { ok: false, read };
  const fileSha256 = filesSha256(run.files);
  return db.transaction().execute(async (trx) => {
    await lockRevCounter(trx);
    const world = await loadImportWorld(trx, run.rootId, read.parsed);
    const plan = planImport(read.parsed, world);
    if (plan.summary.problems.length > 0) return { ok: true, plan, fileSha256, auditId: null };
    await writeImportPlan(trx, plan, world, run.now);
    const auditId = await insertImportAudit(
      trx,
      {
        orgId: run.rootId,
        importedBy: run.importedBy,
        source: run.source,
        fileSha256,
        fileNames: run.files.map((f) => f.name),
        plan,
      },
      run.now,
    );
    return { ok: true, plan, fileSha256, auditId };
  });
}
