import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Plain from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientMigrations } from '../../migrations/client/index';
import type { SessionUser } from '../api/auth';
import type { PushMutationBody } from '../api/push';
import { hashPassword } from '../auth/passwords';
import type { ClientDb } from '../db/client-db';
import { migrateToLatest } from '../db/migrate';
import { encryptingFile, isPlainSqliteFile } from '../db/sqlcipher';
import { kyselyOnSqlite, openSqliteFile } from '../db/sqlite';
import { blobCacheRepo } from '../sync/repositories/blob-cache';
import { createCacheWriter } from '../sync/repositories/cache-writer';
import { outboxRepo } from '../sync/repositories/outbox';
import { SYNC_KEYS, syncStateRepo } from '../sync/repositories/sync-state';
import { wardFixture } from '../sync/test-support/ward-cache';
import { uid } from '../sync/test-support/wire';
import { fileKeyStore } from './cache-keys';
import { openDesktopCache, type DesktopCache } from './desktop-cache';
import { createDesktopService } from './desktop-service';
import { offlineLoginRepo } from './repositories/offline-login';

const FAST_KDF = { N: 2 ** 10, r: 8, p: 1 };
const PASSWORD = 'Demo@2026';
const NOWHERE = 'http://127.0.0.1:9';
const ward = wardFixture(300);
/** A member's name and CCCD, and a PDF's bytes: what must never be found in clear on disk. */
const member = ward.members[7]!;
const PDF = Buffer.from(`%PDF-1.7\n% Quyết định kết nạp đảng viên ${member.citizenId}\n%%EOF\n`);
const PDF_SHA = createHash('sha256').update(PDF).digest('hex');
const SECRETS = [member.fullName, member.citizenId, 'Quyết định kết nạp'];
const admin = ward.users[0]!;
const user: SessionUser = {
  id: admin.id,
  username: admin.username,
  fullName: admin.fullName,
  orgId: admin.orgId,
  roles: [{ role: 'admin', orgId: ward.root.id }],
};

let dir: string;
let file: string;
let opened: DesktopCache[] = [];
const logs: string[] = [];
beforeEach(() => {
  logs.length = 0;
  dir = mkdtempSync(join(tmpdir(), 'desktop-cache-'));
  file = join(dir, 'cache.sqlite');
});
afterEach(async () => {
  for (const o of opened) await o.cache.close();
  opened = [];
  rmSync(dir, { recursive: true, force: true });
});

async function open(): Promise<DesktopCache> {
  const o = await openDesktopCache({
    file,
    store: fileKeyStore(join(dir, 'cache.key')),
    passwordKdf: FAST_KDF,
    log: (m) => logs.push(m),
  });
  opened.push(o);
  return o;
}
async function close(o: DesktopCache) {
  await o.cache.close();
  opened = opened.filter((x) => x !== o);
}

/** Every file of the data directory, whole, as an attacker with the disk reads them. */
const diskBytes = () =>
  Buffer.concat(
    readdirSync(dir)
      .filter((f) => statSync(join(dir, f)).isFile())
      .map((f) => readFileSync(join(dir, f))),
  );
const secretsOnDisk = () => SECRETS.filter((s) => diskBytes().includes(Buffer.from(s, 'utf8')));

const checkMutation = (n: number): PushMutationBody => ({
  entity: 'dossier',
  entityId: uid(500_000 + n),
  baseRev: n,
  action: { type: 'check', data: {}, nextOrgId: null },
});
const mutationId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function fill(cache: Pick<ClientDb, 'handle'>) {
  createCacheWriter(cache.handle).applyPage(ward.changes, 'c1');
  const outbox = outboxRepo(cache.handle);
  for (const n of [1, 2, 3]) outbox.enqueue({ id: mutationId(n), mutation: checkMutation(n) });
  blobCacheRepo(cache.handle).put({
    sha256: PDF_SHA,
    contentType: 'application/pdf',
    bytes: PDF,
    needsUpload: true,
  });
  syncStateRepo(cache.handle).set(SYNC_KEYS.userId, user.id);
}

const contents = (cache: Pick<ClientDb, 'handle'>) => ({
  members: cache.handle.prepare('select count(*) from members').pluck().get(),
  search: cache.handle
    .prepare("select count(*) from members_fts where members_fts match 'nguyen'")
    .pluck()
    .get(),
  outbox: outboxRepo(cache.handle)
    .list()
    .map((e) => [e.id, e.status]),
  blob: blobCacheRepo(cache.handle).get(PDF_SHA)?.bytes.toString('latin1'),
  needingUpload: blobCacheRepo(cache.handle).needingUpload(),
});

/** Plain better-sqlite3 and the `sqlite3` shell, as a thief of the laptop would try. */
function plainSqliteCannotRead() {
  const plain = new Plain(file, { readonly: true });
  try {
    expect(() => plain.prepare('select count(*) from members').get()).toThrow(
      'file is not a database',
    );
  } finally {
    plain.close();
  }
  const shell = spawnSync('sqlite3', ['-readonly', file, 'select count(*) from members'], {
    encoding: 'utf8',
  });
  expect(shell.error).toBeUndefined();
  expect(shell.status).not.toBe(0);
  expect(shell.stderr).toContain('file is not a database');
}

/**
 * A cache as the version before encryption left it: plain better-sqlite3, the same migrations,
 * the ward, queued mutations, a PDF waiting for upload, and the scrypt verifier (N = 2^14) it
 * kept for offline login — made by the old opening code path (src/db/sqlite.ts), still in use by
 * the server.
 */
async function legacyPlainCache(): Promise<void> {
  const handle = openSqliteFile(file);
  const db = kyselyOnSqlite(handle);
  await migrateToLatest(db as Kysely<unknown>, clientMigrations);
  fill({ handle });
  const verifier = await hashPassword(PASSWORD, { N: 2 ** 14, r: 8, p: 1 });
  offlineLoginRepo(handle).save({ user, verifier });
  await db.destroy();
}

describe('a new desktop cache', () => {
  it('is SQLCipher: plain SQLite cannot read it and no secret is on disk, WAL included', async () => {
    const o = await open();
    fill(o.cache);
    // While open, the WAL holds the freshest pages: they are encrypted too.
    expect(existsSync(`${file}-wal`)).toBe(true);
    expect(secretsOnDisk()).toEqual([]);
    expect(isPlainSqliteFile(file)).toBe(false);
    await close(o);
    plainSqliteCannotRead();
    expect(secretsOnDisk()).toEqual([]);
    // The PDF lives in the encrypted store, not beside it.
    expect(readdirSync(dir).sort()).toEqual(['cache.key', 'cache.sqlite', 'cache.sqlite.keys']);
  });

  it('opens again with the same key store, keys 0600', async () => {
    const first = await open();
    fill(first.cache);
    const before = contents(first.cache);
    await close(first);
    const again = await open();
    expect(contents(again.cache)).toEqual(before);
    expect(before.members).toBe(300);
    for (const f of ['cache.key', 'cache.sqlite.keys'])
      expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600);
  });

  it('is set aside, not deleted, when its key is lost, and a new cache starts', async () => {
    const first = await open();
    fill(first.cache);
    await close(first);
    rmSync(join(dir, 'cache.key'));
    const fresh = await open();
    expect(contents(fresh.cache).members).toBe(0);
    const aside = readdirSync(dir).filter((f) => f.includes('.unreadable-'));
    expect(aside.sort()).toEqual([
      expect.stringMatching(/^cache\.sqlite\.keys\.unreadable-/),
      expect.stringMatching(/^cache\.sqlite\.unreadable-/),
    ]);
    expect(logs.at(-1)).toMatch(/key file .* is missing; set aside/);
  });
});

describe('offline login on the encrypted cache', () => {
  async function offlineService(o: DesktopCache) {
    return createDesktopService({ cache: o.cache, cacheKeys: o.keys, serverUrl: NOWHERE });
  }

  it('lets the user in with the password that wraps the key, refuses a wrong one', async () => {
    const o = await open();
    fill(o.cache);
    offlineLoginRepo(o.cache.handle).save({ user });
    await o.keys.enroll(user.id, PASSWORD);
    const api = await offlineService(o);
    const wrong = await api.login({ username: user.username, password: 'Demo@2025' });
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'invalid_credentials', messageVi: 'Tên đăng nhập hoặc mật khẩu không đúng.' },
    });
    expect(await api.session({})).toMatchObject({ ok: true, value: { user: null } });
    const right = await api.login({ username: user.username, password: PASSWORD });
    expect(right).toMatchObject({ ok: true, value: { offline: true, user: { id: user.id } } });
  });

  it('takes the username in any case, as the server does', async () => {
    const o = await open();
    fill(o.cache);
    offlineLoginRepo(o.cache.handle).save({ user });
    await o.keys.enroll(user.id, PASSWORD);
    const api = await offlineService(o);
    const capitalized = user.username.replace(/(^|\.)(\w)/g, (c) => c.toUpperCase());
    expect(capitalized).not.toBe(user.username);
    const right = await api.login({ username: ` ${capitalized} `, password: PASSWORD });
    expect(right).toMatchObject({ ok: true, value: { offline: true, user: { id: user.id } } });
  });

  it('keeps no verifier of the password in the cache', async () => {
    const o = await open();
    offlineLoginRepo(o.cache.handle).save({ user });
    await o.keys.enroll(user.id, PASSWORD);
    expect(offlineLoginRepo(o.cache.handle).read()).toEqual({ user });
  });

  it('lets nobody in offline without a wrap (never logged in online here)', async () => {
    const o = await open();
    fill(o.cache);
    offlineLoginRepo(o.cache.handle).save({ user });
    const api = await offlineService(o);
    const r = await api.login({ username: user.username, password: PASSWORD });
    expect(r).toMatchObject({ ok: false, error: { code: 'unreachable' } });
  });
});

describe('migration of a plain cache', () => {
  it('encrypts a cache of the previous version with all its data, outbox and blobs', async () => {
    await legacyPlainCache();
    // The control: the old file gives everything away.
    expect(isPlainSqliteFile(file)).toBe(true);
    expect(secretsOnDisk()).toEqual(SECRETS);
    const plain = new Plain(file, { readonly: true });
    const before = contents({ handle: plain });
    plain.close();

    const o = await open();
    expect(contents(o.cache)).toEqual(before);
    expect(before).toMatchObject({ members: 300, needingUpload: [PDF_SHA] });
    expect(before.outbox).toHaveLength(3);
    await close(o);
    plainSqliteCannotRead();
    expect(secretsOnDisk()).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(['cache.key', 'cache.sqlite', 'cache.sqlite.keys']);
  });

  it('lets the user in offline once with the old verifier, then only through the key', async () => {
    await legacyPlainCache();
    const o = await open();
    const api = createDesktopService({ cache: o.cache, cacheKeys: o.keys, serverUrl: NOWHERE });
    const wrong = await api.login({ username: user.username, password: 'Demo@2025' });
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'invalid_credentials', messageVi: 'Tên đăng nhập hoặc mật khẩu không đúng.' },
    });
    expect(o.keys.has(user.id)).toBe(false);
    const right = await api.login({ username: user.username, password: PASSWORD });
    expect(right).toMatchObject({ ok: true, value: { offline: true } });
    // The verifier is gone; the password now wraps the key.
    expect(offlineLoginRepo(o.cache.handle).read()).toEqual({ user });
    expect(o.keys.has(user.id)).toBe(true);
    expect(await o.keys.unlock(user.id, PASSWORD)).toBe(true);
  });

  it('redoes a migration that was interrupted before its rename', async () => {
    await legacyPlainCache();
    const plain = new Plain(file, { readonly: true });
    const before = contents({ handle: plain });
    plain.close();
    // A crash half-way: a partial copy and its rollback journal beside the whole plain file.
    writeFileSync(encryptingFile(file), Buffer.alloc(8192, 7));
    writeFileSync(`${encryptingFile(file)}-journal`, Buffer.alloc(512, 1));
    const o = await open();
    expect(contents(o.cache)).toEqual(before);
    expect(readdirSync(dir).filter((f) => f.includes('encrypting'))).toEqual([]);
    expect(isPlainSqliteFile(file)).toBe(false);
  });

  it('uses the key already written when a crash came between the keys file and the copy', async () => {
    await legacyPlainCache();
    // The first start wrote the keys file, then stopped before encrypting.
    const first = await open();
    await close(first);
    const keysText = readFileSync(join(dir, 'cache.sqlite.keys'), 'utf8');
    rmSync(file);
    await legacyPlainCache();
    const o = await open();
    expect(contents(o.cache).members).toBe(300);
    expect(readFileSync(join(dir, 'cache.sqlite.keys'), 'utf8')).toBe(keysText);
    expect(logs.filter((l) => l.includes('set aside'))).toEqual([]);
  });
});
