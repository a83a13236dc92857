import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openClientDb, type ClientDb } from '../../db/client-db';
import { blobCacheRepo, sha256Of } from './blob-cache';

let cache: ClientDb;
let dir: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'blob-cache-'));
  cache = await openClientDb(join(dir, 'cache.sqlite'));
});
afterEach(async () => {
  await cache.close();
  rmSync(dir, { recursive: true, force: true });
});

const letter = Buffer.from('%PDF-1.7\n% a signed letter\n%%EOF\n');
const scan = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);

describe('blob cache', () => {
  it('stores bytes under their SHA-256 and gives them back', () => {
    const blobs = blobCacheRepo(cache.handle);
    const sha = sha256Of(letter);
    expect(blobs.has(sha)).toBe(false);
    expect(blobs.get(sha)).toBeUndefined();
    blobs.put({ sha256: sha, contentType: 'application/pdf', bytes: letter, needsUpload: false });
    expect(blobs.has(sha)).toBe(true);
    const got = blobs.get(sha);
    expect(got).toMatchObject({ contentType: 'application/pdf', size: letter.length });
    expect(Buffer.compare(got!.bytes, letter)).toBe(0);
    expect(blobs.needingUpload()).toEqual([]);
  });

  it('refuses bytes that do not hash to the given SHA-256', () => {
    const blobs = blobCacheRepo(cache.handle);
    expect(() =>
      blobs.put({
        sha256: sha256Of(scan),
        contentType: 'application/pdf',
        bytes: letter,
        needsUpload: true,
      }),
    ).toThrow(/hash/);
    expect(blobs.has(sha256Of(scan))).toBe(false);
    expect(blobs.needingUpload()).toEqual([]);
  });

  it('tracks uploads: a later download of the same bytes does not forget a pending upload', () => {
    const blobs = blobCacheRepo(cache.handle);
    const sha = sha256Of(letter);
    blobs.put({ sha256: sha, contentType: 'application/pdf', bytes: letter, needsUpload: true });
    blobs.put({ sha256: sha, contentType: 'application/pdf', bytes: letter, needsUpload: false });
    expect(blobs.needingUpload()).toEqual([sha]);
    blobs.markUploaded(sha);
    expect(blobs.needingUpload()).toEqual([]);
    expect(blobs.has(sha)).toBe(true);
  });
});
