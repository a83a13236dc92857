import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import {
  BLOB_MAX_BYTES_DEFAULT,
  BLOB_UPLOAD_TYPES,
  BlobParams,
  blobRoutes,
} from '../../src/api/blobs';
import { parseByteRange } from '../blobs/byte-range';
import { sniffContentType } from '../blobs/sniff';
import type { ServerContext } from '../context';
import { badRequest, HttpError, notFound, unauthorized } from '../errors';
import { routeRegistrar, type Authenticate } from '../http/register-route';
import { blobBytes, blobInfo, canReadBlob, putBlob } from '../repositories/blobs';

/** The upload limit: BLOB_MAX_BYTES in the environment, else 20 MB. */
export function blobLimitFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.BLOB_MAX_BYTES);
  return Number.isInteger(n) && n > 0 ? n : BLOB_MAX_BYTES_DEFAULT;
}

/**
 * PUT/GET /v1/blobs/{sha256}. Registered in their own encapsulated context so the raw-bytes body
 * parser and its larger limit apply to these routes only.
 */
export async function blobRoutesPlugin(
  app: FastifyInstance,
  authenticate: Authenticate,
  ctx: ServerContext,
  maxBytes: number = blobLimitFromEnv(),
): Promise<void> {
  await app.register(async (child) => {
    child.addContentTypeParser(
      [...BLOB_UPLOAD_TYPES],
      { parseAs: 'buffer', bodyLimit: maxBytes },
      (_request, body, done) => done(null, body),
    );
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
      await putBlob(ctx.db, { ...info, data, createdBy: caller.user.id }, ctx.now());
      return (await blobInfo(ctx.db, sha256)) ?? info;
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
        const info = await blobInfo(ctx.db, sha256);
        if (!info || !(await canReadBlob(ctx.db, caller.scope, caller.user.memberId, sha256)))
          throw notFound();
        const bytes = (await blobBytes(ctx.db, sha256))!;
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
