import { z } from 'zod';
import { ImportApplied, ImportFileUpload, ImportPreview } from '../api/imports';
import { Id } from '../domain/common/schemas';

/**
 * The DesktopApi calls of "Nhập dữ liệu" (docs/decisions/0040): the orgs the user may import
 * under (his admin grants), and the preview and apply, online only (the server decides). Merged
 * into `desktopCalls` by contract.ts.
 */

export { ImportApplied, ImportPreview };

export const ImportScope = z.object({ id: Id, code: z.string(), name: z.string() });
export type ImportScope = z.infer<typeof ImportScope>;

/** The file(s) chosen, read by the renderer: one .xlsx, or the two CSV files. */
export const ImportInput = z.object({
  orgId: Id,
  files: z.array(ImportFileUpload).min(1).max(2),
});
export type ImportInput = z.infer<typeof ImportInput>;

export const importCalls = {
  /** The orgs where the user is an admin, from the cache. */
  importScopes: { input: z.object({}), output: z.array(ImportScope) },
  /** The plan of an import: counts, every row's action, every problem; writes nothing. */
  previewImport: { input: ImportInput, output: ImportPreview },
  /** Writes the import all or nothing, then syncs the cache. */
  applyImport: { input: ImportInput, output: ImportApplied },
} as const;
