import { createHash } from 'node:crypto';
import type { SqliteHandle } from '../../db/sqlite';

// The local copy of attachments and signed letters, content-addressed like the server's store, so
// a dossier can be read and signed offline. Rows made here wait for upload (needs_upload = 1).

export interface CachedBlob {
  contentType: string;
  size: number;
  bytes: Buffer;
}

export interface BlobCacheRepo {
  /** Stores bytes under their SHA-256; refuses bytes that do not hash to it. */
  put(blob: {
    sha256: string;
    contentType: string;
    bytes: Uint8Array;
    needsUpload: boolean;
    now?: Date;
  }): void;
  get(sha256: string): CachedBlob | undefined;
  has(sha256: string): boolean;
  needingUpload(): string[];
  markUploaded(sha256: string): void;
}

export const sha256Of = (bytes: Uint8Array): string =>
  createHash('sha256').update(bytes).digest('hex');

export function blobCacheRepo(handle: SqliteHandle): BlobCacheRepo {
  // A blob already cached keeps its bytes; a pending upload is never forgotten by a later put.
  const upsert = handle.prepare(
    `insert into blob_cache (sha256, content_type, size, data, needs_upload, fetched_at)
     values (@sha256, @content_type, @size, @data, @needs_upload, @fetched_at)
     on conflict (sha256) do update set needs_upload = max(needs_upload, excluded.needs_upload)`,
  );
  const one = handle.prepare<[string], { content_type: string; size: number; data: Buffer }>(
    'select content_type, size, data from blob_cache where sha256 = ?',
  );
  const exists = handle.prepare<[string], number>(
    'select count(*) from blob_cache where sha256 = ?',
  );
  const pending = handle.prepare<[], string>(
    'select sha256 from blob_cache where needs_upload = 1 order by fetched_at, sha256',
  );
  const uploaded = handle.prepare<[string]>(
    'update blob_cache set needs_upload = 0 where sha256 = ?',
  );
  return {
    put({ sha256, contentType, bytes, needsUpload, now = new Date() }) {
      const actual = sha256Of(bytes);
      if (actual !== sha256)
        throw new Error(`blob bytes hash to ${actual}, not ${sha256}: not cached`);
      upsert.run({
        sha256,
        content_type: contentType,
        size: bytes.byteLength,
        data: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        needs_upload: needsUpload ? 1 : 0,
        fetched_at: now.toISOString(),
      });
    },
    get(sha256) {
      const row = one.get(sha256);
      return row ? { contentType: row.content_type, size: row.size, bytes: row.data } : undefined;
    },
    has: (sha256) => (exists.pluck().get(sha256) ?? 0) > 0,
    needingUpload: () => pending.pluck().all(),
    markUploaded: (sha256) => void uploaded.run(sha256),
  };
}
