import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../scripts/gen/demo-accounts';
import { dumpCache, orphanIndexEntries } from '../../scripts/test-support/sync-cache-dump';
import {
  expectedScope,
  generatedServerDb,
  serverWrites,
  startLoopbackServer,
  type LoopbackServer,
  type ScopeIds,
} from '../../scripts/test-support/sync-server';
import type { Session } from '../api/auth';
import type { ClientDb } from '../db/client-db';
import { isPlainSqliteFile } from '../db/sqlcipher';
import Plain from 'better-sqlite3';
import { fileKeyStore, type CachePasswordKeys } from '../desktop/cache-keys';
import type { DesktopEvent } from '../desktop/contract';
import { openDesktopCache } from '../desktop/desktop-cache';
import { createDesktopService, type DesktopService } from '../desktop/desktop-service';
import { memorySessionStore, type SessionStore } from './session';
import { openTestCache } from './test-support/encrypted-cache';

// The real server on loopback with the generated ward (SQLite), and real cache files.

const WARD_ADMIN = 'quantri.phuong';
let serverDb: Awaited<ReturnType<typeof generatedServerDb>>;
let server: LoopbackServer;

beforeAll(async () => {
  serverDb = await generatedServerDb('ward', 1);
  server = await startLoopbackServer(serverDb.config);
});
afterAll(async () => {
  await server?.close();
  serverDb?.drop();
  for (const dir of cacheDirs) rmSync(dir, { recursive: true, force: true });
});

const cacheDirs: string[] = [];
const newCacheFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'sync-it-'));
  cacheDirs.push(dir);
  return join(dir, 'cache.sqlite');
};

function cacheIds(cache: ClientDb): ScopeIds {
  const ids = (table: string) =>
    cache.handle.prepare<[], string>(`select id from ${table} order by id`).pluck().all();
  return {
    orgs: ids('orgs'),
    bankAccounts: ids('org_bank_accounts'),
    members: ids('members'),
    users: ids('users'),
    userRoles: ids('user_roles'),
  };
}

async function ok<T>(result: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>) {
  const r = await result;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

describe('sync with the real server', () => {
  let cache: ClientDb;
  let cacheFile: string;
  let cacheKeys: CachePasswordKeys;
  let desktop: DesktopService;
  const saved: Session[] = [];
  const events: DesktopEvent[] = [];

  beforeAll(async () => {
    // The app's cache: encrypted, its key wrapped by a key file and by the password.
    cacheFile = newCacheFile();
    const opened = await openDesktopCache({
      file: cacheFile,
      store: fileKeyStore(`${cacheFile}.key`),
    });
    ({ cache, keys: cacheKeys } = opened);
    const store: SessionStore = memorySessionStore();
    const recording: SessionStore = {
      ...store,
      save: async (s) => {
        saved.push(s);
        await store.save(s);
      },
    };
    desktop = createDesktopService({
      cache,
      cacheKeys,
      serverUrl: server.url,
      pageSize: 400,
      sessionStore: recording,
    });
    desktop.subscribe((e) => events.push(e));
  });
  afterAll(() => cache?.close());

  it('rejects a wrong password with the server’s Vietnamese message', async () => {
    const r = await desktop.login({ username: WARD_ADMIN, password: 'sai mật khẩu' });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'invalid_credentials', messageVi: 'Tên đăng nhập hoặc mật khẩu không đúng.' },
    });
  });

  it('logs in as the ward admin and pulls exactly the ward’s scope', async () => {
    const { user } = await ok(desktop.login({ username: WARD_ADMIN, password: DEMO_PASSWORD }));
    expect(user.username).toBe(WARD_ADMIN);
    const summary = await ok(desktop.syncNow({}));
    expect(summary.pages).toBeGreaterThan(5);
    expect(events.filter((e) => e.type === 'sync-finished')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'sync-progress').length).toBeGreaterThan(summary.pages);
    const expected = await expectedScope(serverDb.config, WARD_ADMIN);
    expect(expected.members.length).toBeGreaterThan(1000);
    expect(cacheIds(cache)).toEqual(expected);
    expect(orphanIndexEntries(cache.handle)).toBe(0);

    const status = await ok(desktop.syncStatus({}));
    expect(status).toMatchObject({ online: true, pulling: false, lastSyncAt: summary.finishedAt });

    // The desktop layer answers from the synced cache.
    const ward = user.roles[0]?.orgId ?? '';
    const crumbs = await ok(desktop.orgAncestors({ orgId: ward }));
    expect(crumbs.items.at(-1)?.name).toBe('Đảng bộ Phường Việt Hưng');
    const children = await ok(desktop.orgChildren({ orgId: ward }));
    expect(children.items.length).toBeGreaterThan(10);
    const someone = cache.handle
      .prepare<[], { full_name: string; id: string }>('select full_name, id from members limit 1')
      .get();
    const found = await ok(desktop.searchMembers({ q: someone?.full_name ?? '', limit: 200 }));
    expect(found.items.map((m) => m.id)).toContain(someone?.id);
  });

  it('applies later changes incrementally: updates, moves out of scope, deletes', async () => {
    const [moved, renamed] = cache.handle
      .prepare<[], { id: string; citizen_id: string }>(
        `select id, citizen_id from members where residence_org_id is null order by id limit 2`,
      )
      .all();
    const outside = await serverWrites.cellOutside(serverDb.config, cacheIds(cache).orgs);
    await serverWrites.moveMember(serverDb.config, moved?.id ?? '', outside);
    await serverWrites.renameMember(serverDb.config, renamed?.id ?? '', 'Hoàng Thị Xuyến');
    const before = events.length;
    const summary = await ok(desktop.syncNow({}));
    expect(summary.pulled).toBeGreaterThanOrEqual(2);
    expect(summary.rebuilt).toBe(false);
    expect(events.slice(before).some((e) => e.type === 'sync-finished')).toBe(true);
    expect(cacheIds(cache)).toEqual(await expectedScope(serverDb.config, WARD_ADMIN));
    expect(cacheIds(cache).members).not.toContain(moved?.id);
    const hit = await ok(desktop.searchMembers({ q: 'hoang thi xuyen' }));
    expect(hit.items.map((m) => m.id)).toEqual([renamed?.id]);
    const gone = await ok(desktop.searchMembers({ q: moved?.citizen_id ?? '' }));
    expect(gone.items).toEqual([]);
    expect(orphanIndexEntries(cache.handle)).toBe(0);
  });

  it('refreshes an expired access token once and carries on', async () => {
    const tokensBefore = saved.length;
    server.clock.offsetMs = 20 * 60 * 1000; // past the 15-minute access token
    try {
      const summary = await ok(desktop.syncNow({}));
      expect(summary.rebuilt).toBe(false);
      expect(saved.length).toBe(tokensBefore + 1);
      expect(saved.at(-1)?.accessToken).not.toBe(saved.at(-2)?.accessToken);
    } finally {
      server.clock.offsetMs = 0;
    }
  });

  it('rebuilds the cache when the scope changes (409), keeping the outbox', async () => {
    cache.handle
      .prepare(
        `insert into outbox (id, kind, payload, base_rev, status, created_at)
         values ('8b0c2b9e-0000-4000-8000-000000000001', 'member.update', '{}', 1, 'pending', ?)`,
      )
      .run(new Date().toISOString());
    const me = (await ok(desktop.session({}))).user;
    // A second grant on a cell of the other ward widens the scope.
    const other = await serverWrites.cellOutside(serverDb.config, cacheIds(cache).orgs);
    await serverWrites.grantRole(serverDb.config, me?.id ?? '', {
      role: 'processor',
      orgId: other,
    });
    const summary = await ok(desktop.syncNow({}));
    expect(summary.rebuilt).toBe(true);
    expect(cacheIds(cache)).toEqual(await expectedScope(serverDb.config, WARD_ADMIN));
    expect(cacheIds(cache).orgs).toContain(other);
    expect(cache.handle.prepare('select count(*) from outbox').pluck().get()).toBe(1);
    expect((await ok(desktop.syncStatus({}))).outboxCount).toBe(1);
  });

  it('lets the last online user in offline, and nobody else', async () => {
    const offline = createDesktopService({ cache, cacheKeys, serverUrl: 'http://127.0.0.1:1' });
    const stranger = await offline.login({ username: 'canbo.xuly', password: DEMO_PASSWORD });
    expect(stranger).toMatchObject({
      ok: false,
      error: { code: 'unreachable', messageVi: 'Không kết nối được máy chủ.' },
    });
    expect((await ok(offline.syncStatus({}))).online).toBe(false);
    const wrong = await offline.login({ username: WARD_ADMIN, password: 'Demo@2025' });
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'invalid_credentials', messageVi: 'Tên đăng nhập hoặc mật khẩu không đúng.' },
    });
    const inside = await ok(offline.login({ username: WARD_ADMIN, password: DEMO_PASSWORD }));
    expect(inside).toMatchObject({ offline: true, user: { username: WARD_ADMIN } });
    expect(await ok(offline.session({}))).toMatchObject({ offline: true });
    // The cache answers; syncing needs a server session.
    expect((await ok(offline.searchMembers({ q: 'nguyen' }))).items.length).toBeGreaterThan(0);
    expect(await offline.syncNow({})).toMatchObject({
      ok: false,
      error: { code: 'offline_session' },
    });
  });

  it('leaves nothing readable on disk: plain SQLite cannot open the synced cache', () => {
    const plain = new Plain(cacheFile, { readonly: true });
    try {
      expect(() => plain.prepare('select count(*) from members').get()).toThrow(
        'file is not a database',
      );
    } finally {
      plain.close();
    }
  });
});

describe('crash during sync', () => {
  const CHILD = join(import.meta.dirname, 'test-support', 'sync-child.ts');
  const PAGE = 50;

  /** Runs the child sync; with `killAfterPages`, SIGKILLs it once that many pages are reported. */
  function runChild(cacheFile: string, killAfterPages?: number) {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CHILD, server.url, cacheFile, WARD_ADMIN, String(PAGE)],
      { env: { ...process.env, SYNC_PASSWORD: DEMO_PASSWORD }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    let pages = 0;
    let finished = false;
    createInterface({ input: child.stdout }).on('line', (line) => {
      const event = JSON.parse(line) as DesktopEvent;
      if (event.type === 'sync-progress' && event.progress.phase === 'pulling') {
        pages = event.progress.pages;
        if (killAfterPages !== undefined && pages >= killAfterPages) child.kill('SIGKILL');
      }
      if (event.type === 'sync-finished') finished = true;
    });
    return new Promise<{
      code: number | null;
      signal: string | null;
      pages: number;
      finished: boolean;
    }>((resolve) =>
      child.on('close', (code, signal) => {
        if (code !== 0 && signal === null) console.error(stderr);
        resolve({ code, signal, pages, finished });
      }),
    );
  }

  it('resumes after SIGKILL mid-pull and ends equal to an uninterrupted sync', async () => {
    const reference = newCacheFile();
    const full = await runChild(reference);
    expect(full).toMatchObject({ code: 0, finished: true });
    expect(full.pages).toBeGreaterThan(40);

    const crashed = newCacheFile();
    const first = await runChild(crashed, 10);
    expect(first).toMatchObject({ signal: 'SIGKILL', finished: false });
    const second = await runChild(crashed, 30);
    expect(second).toMatchObject({ signal: 'SIGKILL', finished: false });
    // Killed runs keep only whole pages: the cache resumes, never restarts.
    expect(isPlainSqliteFile(crashed)).toBe(false);
    const { cache: partial } = await openTestCache(crashed);
    const resumedFrom = partial.handle
      .prepare(`select value from sync_state where key = 'cursor'`)
      .pluck()
      .get();
    expect(resumedFrom).toBeTruthy();
    expect(orphanIndexEntries(partial.handle)).toBe(0);
    await partial.close();
    const last = await runChild(crashed);
    expect(last).toMatchObject({ code: 0, finished: true });
    expect(last.pages).toBeLessThan(full.pages);

    const { cache: a } = await openTestCache(reference);
    const { cache: b } = await openTestCache(crashed);
    try {
      expect(dumpCache(b.handle)).toEqual(dumpCache(a.handle));
    } finally {
      await a.close();
      await b.close();
    }
  }, 180_000); // four child processes, each starting tsx and logging in (scrypt N=2^17)
});
