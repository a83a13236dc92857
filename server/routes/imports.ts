import type { FastifyError, FastifyInstance } from 'fastify';
import {
  IMPORT_BODY_LIMIT_BYTES,
  IMPORT_MAX_FILE_BYTES,
  importRoutes,
  type ImportRequest,
} from '../../src/api/imports';
import type { Failure } from '../../src/domain/common/result';
import type { ImportPlanSummary } from '../../src/domain/import/import-plan';
import {
  IMPORT_LIMITS_DEFAULT,
  type ImportLimits,
  type ReadImportCode,
} from '../../src/documents/import/read-import-file';
import type { ServerContext } from '../context';
import { HttpError } from '../errors';
import { routeRegistrar, type Authenticate } from '../http/register-route';
import { applyImport, previewImport } from '../imports/run-import';

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

const bodyTooLarge = () =>
  new HttpError(413, {
    error: 'payload_too_large',
    message: `an import sends at most ${IMPORT_BODY_LIMIT_BYTES} bytes of JSON`,
    messageVi: `Tệp nhập vượt quá dung lượng cho phép (${megabytes(IMPORT_MAX_FILE_BYTES)} mỗi tệp).`,
    field: 'files',
  });

/** A file that cannot be read: too large (413), or not a workbook, too many rows … (422). */
const unreadable = (failure: Failure<ReadImportCode>) =>
  new HttpError(failure.code === 'import_file_too_large' ? 413 : 422, {
    error: failure.code,
    message: failure.message,
    messageVi: failure.messageVi,
    field: 'files',
  });

const withProblems = (plan: ImportPlanSummary) =>
  new HttpError(422, {
    error: 'import_has_problems',
    message: `the import has ${plan.problems.length} problem(s); nothing was written`,
    messageVi: `Dữ liệu nhập còn ${plan.problems.length} lỗi; chưa ghi gì. Hãy sửa tệp rồi kiểm tra lại.`,
    plan,
  } as HttpError['body']);

const filesOf = (body: ImportRequest) =>
  body.files.map((f) => ({ name: f.name, bytes: Buffer.from(f.contentBase64, 'base64') }));

/**
 * POST /v1/imports/preview and /apply (docs/decisions/0040), in their own context so their larger
 * JSON body limit applies to them only. The access check has placed `orgId` under an admin grant
 * of the caller: the import writes only in that subtree.
 */
export async function importRoutesPlugin(
  app: FastifyInstance,
  authenticate: Authenticate,
  ctx: ServerContext,
  limits: ImportLimits = IMPORT_LIMITS_DEFAULT,
): Promise<void> {
  await app.register(async (child) => {
    child.removeContentTypeParser('application/json');
    child.addContentTypeParser(
      'application/json',
      { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT_BYTES },
      (_request, body, done) => {
        try {
          done(null, JSON.parse(body as string));
        } catch (err) {
          (err as FastifyError).statusCode = 400;
          done(err as FastifyError, undefined);
        }
      },
    );
    child.setErrorHandler((err: FastifyError) => {
      throw err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? bodyTooLarge() : err;
    });
    const route = routeRegistrar(child, authenticate);

    route(importRoutes.previewImport, async ({ query, body }) => {
      const outcome = await previewImport(ctx.db, {
        rootId: query.orgId,
        files: filesOf(body),
        limits,
      });
      if (!outcome.ok) throw unreadable(outcome.read);
      return { ...outcome.plan.summary, fileSha256: outcome.fileSha256 };
    });

    route(importRoutes.applyImport, async ({ query, body, caller, request }) => {
      const outcome = await applyImport(ctx.db, {
        rootId: query.orgId,
        files: filesOf(body),
        limits,
        importedBy: caller.user.id,
        source: 'api',
        now: ctx.now(),
      });
      if (!outcome.ok) throw unreadable(outcome.read);
      if (outcome.auditId === null) throw withProblems(outcome.plan.summary);
      const { orgs, members } = outcome.plan.summary;
      request.log.info(
        { orgId: query.orgId, fileSha256: outcome.fileSha256, orgs, members },
        'import applied',
      );
      return { ...outcome.plan.summary, fileSha256: outcome.fileSha256, auditId: outcome.auditId };
    });
  });
}
