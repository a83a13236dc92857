import { createHash } from 'node:crypto';
import { prepareColumnQuery, prepareQuery, type Params } from '../../db/client-query';
import type { BlobCacheTable } from '../../db/client-schema';
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

/** How many copies of a blob are cached (0 or 1). */
export const isCached = (handle: SqliteHandle) =>
  prepareColumnQuery(handle, (db, p: Params<{ sha256: string }>) =>
    db
      .selectFrom('blob_cache')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('sha256', '=', p.sha256),
  );

export function blobCacheRepo(handle: SqliteHandle): BlobCacheRepo {
  // A blob already cached keeps its bytes; a pending upload is never forgotten by a later put.
  const upsert = prepareQuery(handle, (db, p: Params<BlobCacheTable>) =>
    db
      .insertInto('blob_cache')
      .values({
        sha256: p.sha256,
        content_type: p.content_type,
        size: p.size,
        data: p.data,
        needs_upload: p.needs_upload,
        fetched_at: p.fetched_at,
      })
      .onConflict((oc) =>
        oc.column('sha256').doUpdateSet((eb) => ({
          needs_upload: eb.fn<number>('max', ['needs_upload', 'excluded.needs_upload']),
        })),
      ),
  );
  const one = prepareQuery(handle, (db, p: Params<{ sha256: string }>) =>
    db
      .selectFrom('blob_cache')
      .select(['content_type', 'size', 'data'])
      .where('sha256', '=', p.sha256),
  );
  const exists = isCached(handle);
  const pending = prepareColumnQuery(handle, (db) =>
    db
      .selectFrom('blob_cache')
      .select('sha256')
      .where('needs_upload', '=', 1)
      .orderBy('fetched_at')
      .orderBy('sha256'),
  );
  const uploaded = prepareQuery(handle, (db, p: Params<{ sha256: string }>) =>
    db.updateTable('blob_cache').set({ needs_upload: 0 }).where('sha256', '=', p.sha256),
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
      const row = one.get({ sha256 });
      return row ? { contentType: row.content_type, size: row.size, bytes: row.data } : undefined;
    },
    has: (sha256) => (exists.get({ sha256 }) ?? 0) > 0,
    needingUpload: () => pending.all(),
    markUploaded: (sha256) => void uploaded.run({ sha256 }),
  };
}
