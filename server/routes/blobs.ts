import { createHash } from 'node:crypto';
import type { FastifyError, FastifyInstance } from 'fastify';
import { BLOB_UPLOAD_TYPES, BlobParams, blobRoutes } from '../../src/api/blobs';
import { parseByteRange } from '../blobs/byte-range';
import { startBlobCleanup } from '../blobs/cleanup';
import { blobLimitsFromEnv, type BlobLimits } from '../blobs/limits';
import { sniffContentType } from '../blobs/sniff';
import type { ServerContext } from '../context';
import { badRequest, HttpError, notFound, unauthorized } from '../errors';
import { routeRegistrar, type Authenticate } from '../http/register-route';
import { blobBytes, readableBlobInfo, uploadWithinQuota } from '../repositories/blobs';

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
const days = (ms: number) => Math.max(1, Math.round(ms / (24 * 3600 * 1000)));

const blobTooLarge = (maxBytes: number) =>
  new HttpError(413, {
    error: 'payload_too_large',
    message: `a blob may have at most ${maxBytes} bytes`,
    messageVi: `Tệp vượt quá dung lượng cho phép (${megabytes(maxBytes)}).`,
    field: 'body',
  });

const quotaExceeded = (limits: BlobLimits, usedBytes: number, size: number) =>
  new HttpError(413, {
    error: 'quota_exceeded',
    message: `uploads no object refers to would take ${usedBytes + size} of ${limits.quotaBytes} bytes`,
    messageVi:
      `Các tệp đã tải lên nhưng chưa gửi kèm hồ sơ vượt quá hạn mức ${megabytes(limits.quotaBytes)}. ` +
      `Hãy gửi hồ sơ đang soạn, hoặc chờ các tệp không dùng được tự xóa sau ${days(limits.graceMs)} ngày.`,
    field: 'body',
  });

/**
 * PUT/GET /v1/blobs/{sha256}. Registered in their own encapsulated context so the raw-bytes body
 * parser and its larger limit apply to these routes only. A blob is answered only to a caller
 * who may read it (canReadBlob): a missing blob and someone else's answer the same 404. Uploads
 * count against the caller's quota until a dossier refers to them; the clean-up removes the
 * ones nothing refers to after the grace period.
 */
export async function blobRoutesPlugin(
  app: FastifyInstance,
  authenticate: Authenticate,
  ctx: ServerContext,
  maxBytes?: number,
  configured: BlobLimits = blobLimitsFromEnv(process.env),
): Promise<void> {
  const limits = { ...configured, maxBytes: maxBytes ?? configured.maxBytes };
  const cleanup = startBlobCleanup({
    db: ctx.db,
    log: app.log,
    graceMs: limits.graceMs,
    everyMs: limits.cleanupEveryMs,
    now: ctx.now,
  });
  app.addHook('onClose', () => cleanup.stop());

  await app.register(async (child) => {
    child.addContentTypeParser(
      [...BLOB_UPLOAD_TYPES],
      { parseAs: 'buffer', bodyLimit: limits.maxBytes },
      (_request, body, done) => done(null, body),
    );
    // The size limit in words the user can act on; anything else goes to the app's handler.
    child.setErrorHandler((err: FastifyError) => {
      throw err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? blobTooLarge(limits.maxBytes) : err;
    });
    const route = routeRegistrar(child, authenticate);

    route(blobRoutes.putBlob, async ({ params, caller, request }) => {
      const data = request.body;
      if (!Buffer.isBuffer(data) || data.length === 0)
        throw badRequest('body', 'send the file bytes', 'Chưa có nội dung tệp.');
      const sha256 = createHash('sha256').update(data).digest('hex');
      if (sha256 !== params.sha256)
        throw badRequest(
          'sha256',
          `the bytes hash to ${sha256}, not ${params.sha256}`,
          'Tệp tải lên không khớp với mã băm (SHA-256). Vui lòng tải lại.',
        );
      const sniffed = sniffContentType(data);
      if (!sniffed.ok)
        throw new HttpError(sniffed.code === 'malformed_pdf' ? 400 : 415, {
          error: sniffed.code,
          message: sniffed.message,
          messageVi: sniffed.messageVi,
          field: 'body',
        });
      const info = { sha256, contentType: sniffed.value, size: data.length };
      const stored = await uploadWithinQuota(
        ctx.db,
        ctx.engine,
        { ...info, data, createdBy: caller.user.id },
        ctx.now(),
        limits.quotaBytes,
      );
      if (!stored.ok) throw quotaExceeded(limits, stored.usedBytes, data.length);
      return stored.info;
    });

    // Bytes, not JSON: registered directly, with the same authentication.
    child.get(
      blobRoutes.getBlob.path,
      {
        schema: {
          summary: blobRoutes.getBlob.summary,
          tags: [blobRoutes.getBlob.tag],
          security: [{ bearerAuth: [] }],
        },
      },
      async (request, reply) => {
        const caller = await authenticate(request);
        if (!caller) throw unauthorized();
        const params = BlobParams.safeParse(request.params);
        if (!params.success) throw badRequest('sha256', 'not a lowercase hex SHA-256');
        const { sha256 } = params.data;
        const info = await readableBlobInfo(ctx.db, caller, sha256);
        const bytes = info ? await blobBytes(ctx.db, sha256) : null;
        if (!info || !bytes) throw notFound();
        reply
          .header('content-type', info.contentType)
          .header('cache-control', 'private, max-age=31536000, immutable')
          .header('etag', `"${sha256}"`)
          .header('accept-ranges', 'bytes');
        // Resumable downloads (DESIGN.md, blobs): a client that lost a connection asks for the rest.
        const range = parseByteRange(request.headers.range, bytes.length);
        if (range === 'unsatisfiable')
          return reply.code(416).header('content-range', `bytes */${bytes.length}`).send();
        if (range === null) return reply.code(200).send(bytes);
        return reply
          .code(206)
          .header('content-range', `bytes ${range.start}-${range.end}/${bytes.length}`)
          .send(bytes.subarray(range.start, range.end + 1));
      },
    );
  });
}
