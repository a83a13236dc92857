import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClientDb, type ClientDb } from '../src/db/client-db';
import type { DesktopEvent } from '../src/desktop/contract';
import { createDesktopService, type DesktopService } from '../src/desktop/desktop-service';
import { createCacheWriter } from '../src/sync/repositories/cache-writer';
import { wardFixture } from '../src/sync/test-support/ward-cache';
import { startBrowserHost, type BrowserHost } from './browser-host';
import { hostConnection, inProcessConnection } from './desktop-connection';

const ward = wardFixture(20);
let cache: ClientDb;
let api: DesktopService;
let host: BrowserHost;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'desktop-connection-'));
  cache = await openClientDb(join(dir, 'cache.sqlite'));
  createCacheWriter(cache.handle).applyPage(ward.changes, 'c1');
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html>');
  api = createDesktopService({ cache, serverUrl: 'http://127.0.0.1:9', timeoutMs: 2000 });
  host = await startBrowserHost({ api, staticDir: join(dir, 'renderer') });
});
afterAll(async () => {
  await host.close();
  await cache.close();
});

describe.each([
  ['in process', () => inProcessConnection(api)],
  ['through the browser host', () => hostConnection(host.origin, host.token)],
])('a desktop connection %s', (_name, connect) => {
  it('answers calls, and bad calls with typed errors', async () => {
    const connection = connect();
    const roots = await connection.call('orgChildren', {});
    expect(roots).toMatchObject({ ok: true, value: { items: [{ id: ward.root.id }] } });
    expect(await connection.call('nope', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_call' },
    });
    expect(await connection.call('orgDetail', { orgId: '' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'orgId' },
    });
  });

  it('delivers app events', async () => {
    const connection = connect();
    const seen: DesktopEvent[] = [];
    const arrived = new Promise<void>((resolve) => {
      const stop = connection.subscribe((event) => {
        seen.push(event);
        stop();
        resolve();
      });
    });
    // The event stream may need a moment to connect: keep announcing until it hears one.
    const timer = setInterval(() => void api.logout({}), 50);
    await arrived;
    clearInterval(timer);
    expect(seen[0]).toMatchObject({ type: 'session-changed', user: null });
  });
});

describe('a host that is gone', () => {
  it('is a typed error, not a throw', async () => {
    const connection = hostConnection('http://127.0.0.1:9', 'x'.repeat(43));
    expect(await connection.call('session', {})).toMatchObject({
      ok: false,
      error: { code: 'host_unreachable' },
    });
  });
});
