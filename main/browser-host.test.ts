import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClientDb, type ClientDb } from '../src/db/client-db';
import { DesktopEvent } from '../src/desktop/contract';
import { createDesktopService } from '../src/desktop/desktop-service';
import { createCacheWriter } from '../src/sync/repositories/cache-writer';
import { wardFixture } from '../src/sync/test-support/ward-cache';
import { launchChromium } from '../e2e/support/browser';
import { MAX_BODY, RENDERER_CSP, startBrowserHost, type BrowserHost } from './browser-host';
import { writeLaunchPage } from './chromium';

const ward = wardFixture(50);
let cache: ClientDb;
let host: BrowserHost;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'browser-host-'));
  cache = await openClientDb(join(dir, 'cache.sqlite'));
  createCacheWriter(cache.handle).applyPage(ward.changes, 'c1');
  const staticDir = join(dir, 'renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Đảng vụ</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'outside the static dir');
  // Nothing listens on port 9: the calls used here work on the cache alone.
  const api = createDesktopService({ cache, serverUrl: 'http://127.0.0.1:9', timeoutMs: 2000 });
  host = await startBrowserHost({ api, staticDir });
});
afterAll(async () => {
  await host.close();
  await cache.close();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Raw HTTP, so that tests can send what a browser would not (foreign Host, no token). */
function send(opts: {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}): Promise<Answer> {
  const url = new URL(host.origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: opts.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const auth = () => ({ authorization: `Bearer ${host.token}` });
const call = (name: string, input: unknown, headers: Record<string, string> = auth()) =>
  send({
    method: 'POST',
    path: `/api/call/${name}`,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });
/** The host's answers, loosely typed: the tests check their shape themselves. */
interface Loose {
  ok: boolean;
  value: { items: { id: string }[] };
  error: { code: string; messageVi: string; field?: string };
}
const json = (a: Answer) => JSON.parse(a.body) as Loose;

const codeOf = (launchUrl: string) => /#code=([A-Za-z0-9_-]+)$/.exec(launchUrl)?.[1] ?? '';
const exchange = (code: unknown) =>
  send({
    method: 'POST',
    path: '/api/session',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });

describe('launch', () => {
  it('listens on loopback and puts a one-time code in the fragment, never the secret', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.launchUrl).toMatch(new RegExp(`^${host.origin}/#code=[A-Za-z0-9_-]{43}$`));
    expect(host.launchUrl).not.toContain(host.token);
    expect(host.token.length).toBeGreaterThanOrEqual(40);
  });

  it('exchanges the code once for an HttpOnly, SameSite=Strict cookie that opens the API', async () => {
    const code = codeOf(host.newLaunchUrl());
    const first = await exchange(code);
    expect(first.status).toBe(204);
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toMatch(/^dangvu_host=[A-Za-z0-9_-]+; HttpOnly; SameSite=Strict; Path=\/$/);
    const cookie = setCookie.split(';')[0] ?? '';
    const answer = await call('orgChildren', {}, { cookie });
    expect(answer.status).toBe(200);
    // Whoever read the code too late (a terminal, another user) gets nothing for it.
    const replay = await exchange(code);
    expect(replay.status).toBe(401);
    expect(replay.headers['set-cookie']).toBeUndefined();
    expect(json(replay).error.code).toBe('bad_launch_code');
  });

  it('opens from the launch page Chromium is given, landing on the host with the code', async () => {
    const launchUrl = host.newLaunchUrl();
    const page = writeLaunchPage(mkdtempSync(join(tmpdir(), 'launch-page-')), launchUrl);
    const browser = await launchChromium();
    try {
      const tab = await browser.newPage();
      await tab.goto(`file://${page}`);
      await tab.waitForURL(`${host.origin}/**`);
      expect(tab.url()).toBe(launchUrl);
      expect(await tab.title()).toBe('Đảng vụ');
    } finally {
      await browser.close();
    }
  });

  it('refuses made-up, malformed and oversized codes, and forged cookies', async () => {
    for (const code of ['A'.repeat(43), '', 42, null, { code: 'x' }, '../'.repeat(20)]) {
      expect((await exchange(code)).status, JSON.stringify(code)).toBe(401);
    }
    const huge = await send({
      method: 'POST',
      path: '/api/session',
      headers: { 'content-type': 'application/json' },
      body: Buffer.alloc(2 * 1024 * 1024, 0x41),
    });
    expect(huge.status).toBe(401);
    for (const cookie of ['dangvu_host=nope', `other=${host.token}`, `dangvu_host=${host.token}x`])
      expect((await call('orgChildren', {}, { cookie })).status, cookie).toBe(401);
  });
});

describe('token', () => {
  it('refuses calls and events without the token or with a wrong one', async () => {
    const refused: Record<string, string>[] = [
      {},
      { authorization: 'Bearer nope' },
      { authorization: host.token },
    ];
    for (const headers of refused) {
      const answer = await call('orgChildren', {}, headers);
      expect(answer.status).toBe(401);
      expect(json(answer)).toMatchObject({ ok: false, error: { code: 'bad_host_token' } });
    }
    expect((await send({ path: '/api/events' })).status).toBe(401);
  });

  it('answers a call that carries it', async () => {
    const answer = await call('orgChildren', {});
    expect(answer.status).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    const result = json(answer);
    expect(result.ok).toBe(true);
    expect(result.value.items.map((o) => o.id)).toEqual([ward.root.id]);
  });
});

describe('Host and Origin', () => {
  it('refuses a foreign Host (DNS rebinding) even with the token', async () => {
    const port = new URL(host.origin).port;
    for (const hostHeader of [`evil.example:${port}`, `localhost:${port}`, '127.0.0.1:1']) {
      const answer = await send({
        method: 'POST',
        path: '/api/call/session',
        headers: { ...auth(), host: hostHeader },
        body: '{}',
      });
      expect(answer.status).toBe(403);
      expect(json(answer).error.code).toBe('forbidden_origin');
    }
    const page = await send({ path: '/', headers: { host: `evil.example:${port}` } });
    expect(page.status).toBe(403);
  });

  it('refuses a foreign Origin and accepts our own', async () => {
    const foreign = await call('session', {}, { ...auth(), origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    const own = await call('session', {}, { ...auth(), origin: host.origin });
    expect(json(own)).toMatchObject({ ok: true, value: { user: null } });
  });
});

describe('bad calls are typed errors', () => {
  it('an unknown call', async () => {
    for (const name of ['dropDatabase', 'constructor', '__proto__', 'subscribe']) {
      const result = json(await call(name, {}));
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
      expect(result.error.messageVi).toBe('Chức năng không tồn tại.');
    }
    const weird = await call('a-b', {});
    expect(weird.status).toBe(404);
    const get = await send({ path: '/api/call/session', headers: auth() });
    expect(get.status).toBe(404);
  });

  it('invalid input names the field', async () => {
    const result = json(await call('orgDetail', { orgId: 42 }));
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'orgId' } });
    const extra = json(await call('session', { sneaky: true }));
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    for (const input of [null, [], 'text', 7]) {
      expect(json(await call('searchMembers', input)).error.code).toBe('invalid_input');
    }
  });

  it('a body that is not JSON is a 400', async () => {
    const answer = await send({
      method: 'POST',
      path: '/api/call/session',
      headers: auth(),
      body: '{"unterminated',
    });
    expect(answer.status).toBe(400);
    expect(json(answer).error.code).toBe('invalid_json');
  });

  it('an oversize body is a 413, and the host keeps serving', async () => {
    const answer = await send({
      method: 'POST',
      path: '/api/call/searchMembers',
      headers: auth(),
      body: Buffer.alloc(MAX_BODY + 10, 'a'),
    });
    expect(answer.status).toBe(413);
    expect(json(answer).error.code).toBe('payload_too_large');
    expect(json(await call('session', {})).ok).toBe(true);
  });
});

describe('static files', () => {
  it('serves the renderer with the strict CSP and no token', async () => {
    const page = await send({ path: '/' });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(RENDERER_CSP);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('Đảng vụ');
    const asset = await send({ path: '/assets/app.js' });
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('never serves outside its directory, and survives malformed paths', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/%E0%A4%A',
      '/%00index.html',
      '/missing.js',
    ]) {
      const answer = await send({ path });
      expect(answer.status, path).toBe(404);
      expect(answer.body).not.toContain('outside the static dir');
    }
    expect((await send({ method: 'DELETE', path: '/' })).status).toBe(405);
    expect((await send({ path: '/' })).status).toBe(200);
  });
});

describe('events', () => {
  it('streams DesktopEvents to a holder of the token', async () => {
    const controller = new AbortController();
    const res = await fetch(`${host.origin}/api/events`, {
      headers: auth(),
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    // logout always answers and announces the (absent) session.
    await call('logout', {});
    let text = '';
    while (!text.includes('\n\ndata: ') || !text.endsWith('\n\n')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    controller.abort();
    const data = text
      .split('\n\n')
      .filter((block) => block.startsWith('data: '))
      .map((block) => DesktopEvent.parse(JSON.parse(block.slice(6))));
    expect(data).toContainEqual({ type: 'session-changed', user: null });
  });
});
