import { AttachmentContentType } from '../../domain/procedures';
import { blobCacheRepo, type CachedBlob } from '../../sync/repositories/blob-cache';
import { fail, type ServiceContext } from '../service-context';

const NOT_DOWNLOADED = {
  code: 'not_cached',
  messageVi: 'Tệp chưa được tải về máy. Hãy kết nối mạng để tải tệp về.',
};

/**
 * A file from the local cache, else downloaded now (and cached) when the server is reachable;
 * offline and not cached, the Vietnamese "not downloaded yet" failure.
 */
export async function readBlobBytes(
  ctx: ServiceContext,
  sha256: string,
  notCached: { code: string; messageVi: string } = NOT_DOWNLOADED,
): Promise<CachedBlob> {
  const cached = blobCacheRepo(ctx.handle).get(sha256);
  if (cached) return cached;
  // With a server session, try: a stopped or unreachable server answers quickly with an error.
  if (ctx.session.current) {
    try {
      return await ctx.engine.fetchBlob(sha256);
    } catch (err) {
      console.warn(`blob ${sha256} could not be fetched`, err);
    }
  }
  return fail(
    notCached.code,
    `blob ${sha256} is not cached and cannot be fetched now`,
    notCached.messageVi,
  );
}

/** The viewer's bytes: a PDF or an image, base64. */
export async function readBlob(ctx: ServiceContext, sha256: string) {
  const blob = await readBlobBytes(ctx, sha256);
  const type = AttachmentContentType.safeParse(blob.contentType);
  if (!type.success)
    return fail(
      'unsupported_type',
      `blob ${sha256} is ${blob.contentType}`,
      'Định dạng tệp không được hỗ trợ để xem.',
    );
  return { contentType: type.data, size: blob.size, base64: blob.bytes.toString('base64') };
}
