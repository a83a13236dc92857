import { z } from 'zod';
import { Id, NonBlankText } from '../domain/common/schemas';
import { ImportPlanSummary } from '../domain/import/import-plan';
import { ApiError } from './errors';
import type { RouteSpec } from './routes';

/**
 * "Nhập dữ liệu" (issue 14, docs/decisions/0040): an admin imports the orgs and members of his
 * subtree from the member database's Excel or CSV exports. Preview writes nothing; apply writes
 * all or nothing, after checking everything again inside its transaction.
 */

/** `?orgId=`: the org the import is under; it must lie under an admin grant of the caller. */
export const ImportQuery = z.object({ orgId: Id });
export type ImportQuery = z.infer<typeof ImportQuery>;

/** Base64 of at most this many bytes per file (its size is checked again once decoded). */
export const IMPORT_MAX_FILE_BYTES = 10 * 1024 * 1024;
/** A JSON body holding two files at most, in base64. */
export const IMPORT_BODY_LIMIT_BYTES = Math.ceil((2 * IMPORT_MAX_FILE_BYTES * 4) / 3) + 64 * 1024;

export const ImportFileUpload = z.object({
  name: NonBlankText(255),
  contentBase64: z.base64(),
});
export type ImportFileUpload = z.infer<typeof ImportFileUpload>;

/** One .xlsx with both sheets, or the two CSV files (orgs, members). */
export const ImportRequest = z.object({ files: z.array(ImportFileUpload).min(1).max(2) });
export type ImportRequest = z.infer<typeof ImportRequest>;

export const ImportPreview = ImportPlanSummary.extend({
  /** SHA-256 of the files, the audit's key to what was imported. */
  fileSha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportApplied = ImportPreview.extend({ auditId: Id });
export type ImportApplied = z.infer<typeof ImportApplied>;

/** A refused apply says why row by row: the plan with its problems. */
export const ImportRefused = ApiError.extend({ plan: ImportPlanSummary.optional() });
export type ImportRefused = z.infer<typeof ImportRefused>;

const errors = [400, 401, 403, 404, 413, 422] as const;
const access = { roles: ['admin'], scope: 'org-subtree', param: 'orgId' } as const;

export const importRoutes = {
  previewImport: {
    method: 'POST',
    path: '/v1/imports/preview',
    summary: 'Check an import of orgs and members and answer its plan; writes nothing',
    tag: 'imports',
    auth: true,
    querystring: ImportQuery,
    body: ImportRequest,
    status: 200,
    response: ImportPreview,
    errors,
    access,
  },
  applyImport: {
    method: 'POST',
    path: '/v1/imports/apply',
    summary: 'Apply an import of orgs and members, all or nothing; refused while it has problems',
    tag: 'imports',
    auth: true,
    querystring: ImportQuery,
    body: ImportRequest,
    status: 200,
    response: ImportApplied,
    errors,
    errorBodies: { 422: ImportRefused },
    access,
  },
} as const satisfies Record<string, RouteSpec>;
