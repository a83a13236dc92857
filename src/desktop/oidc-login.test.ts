import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  driveProviderLogin,
  startTestOidcProvider,
  TEST_OIDC_CLIENT_ID,
  type TestOidcProvider,
} from '../../scripts/test-support/oidc-provider';
import {
  fixtureIds as ids,
  startOidcTestServer,
  type OidcTestServer,
} from '../../scripts/test-support/oidc-server';
import type { DesktopEvent } from './contract';
import { memorySessionStore } from '../sync/session';
import { fileKeyStore } from './cache-keys';
import { openDesktopCache, type DesktopCache } from './desktop-cache';
import { createDesktopService, type DesktopService } from './desktop-service';
import { beginOidcLogin, type OidcClientConfig } from './oidc-login';

const SECRETARY_CCCD = '001070000203';
const NOBODY_CCCD = '001099999999';

let provider: TestOidcProvider;
let server: OidcTestServer;
let serverUrl: string;
let config: OidcClientConfig;
const dir = mkdtempSync(join(tmpdir(), 'oidc-desktop-'));

beforeAll(async () => {
  provider = await startTestOidcProvider([
    { login: 'bithu', citizenId: SECRETARY_CCCD },
    { login: 'nguoila', citizenId: NOBODY_CCCD },
  ]);
  config = { issuer: provider.issuer, clientId: TEST_OIDC_CLIENT_ID, scope: 'openid' };
  server = await startOidcTestServer(provider);
  serverUrl = server.url;
});
afterAll(async () => {
  await server?.close();
  await provider?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Whether anything still listens at the URL's port. */
const listening = (url: string) =>
  fetch(url).then(
    () => true,
    () => false,
  );

describe('beginOidcLogin (RFC 8252 loopback, PKCE)', () => {
  it('asks for the code with S256 PKCE, state and nonce, back to 127.0.0.1 on a random port', async () => {
    const attempt = await beginOidcLogin(config, async () => undefined);
    try {
      const url = new URL(attempt.authorizationUrl);
      const q = url.searchParams;
      expect(url.origin).toBe(provider.issuer);
      expect(q.get('response_type')).toBe('code');
      expect(q.get('code_challenge_method')).toBe('S256');
      expect(q.get('prompt')).toBe('login');
      expect(q.get('code_challenge')).toMatch(/^[\w-]{43}$/);
      expect(q.get('state')).toMatch(/^[\w-]{32}$/);
      expect(q.get('nonce')).toMatch(/^[\w-]{32}$/);
      expect(q.get('redirect_uri')).toBe(attempt.redirectUri);
      expect(attempt.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    } finally {
      attempt.cancel();
    }
    await expect(attempt.done).rejects.toMatchObject({ error: { code: 'oidc_cancelled' } });
    expect(await listening(attempt.redirectUri)).toBe(false);
  });

  it('refuses a callback with another state, then takes the real one once and closes', async () => {
    const tokens: string[] = [];
    const attempt = await beginOidcLogin(config, async ({ idToken }) => {
      tokens.push(idToken);
    });
    const callback = await driveProviderLogin(attempt.authorizationUrl, 'bithu');
    const code = new URL(callback).searchParams.get('code')!;

    // A page of another site (or another local user) guessing at the listener.
    const forged = await fetch(`${attempt.redirectUri}?code=${code}&state=not-our-state`);
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('Yêu cầu đăng nhập không hợp lệ');
    expect(tokens).toHaveLength(0);

    const real = await fetch(callback);
    expect(real.status).toBe(200);
    expect(await real.text()).toContain('Đăng nhập thành công, hãy quay lại ứng dụng');
    await attempt.done;
    expect(tokens).toHaveLength(1);

    // The listener is gone: the same callback again reaches nothing.
    expect(await listening(callback)).toBe(false);
    expect(tokens).toHaveLength(1);
  });

  it('answers a second callback that arrives while the first is handled with 409', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const attempt = await beginOidcLogin(config, () => held);
    const callback = await driveProviderLogin(attempt.authorizationUrl, 'bithu');
    // Whichever reaches the listener first is handled (and held); the other must not start again.
    const both = [fetch(callback), fetch(callback)];
    const refused = await Promise.race(both);
    expect(refused.status).toBe(409);
    release();
    const statuses = (await Promise.all(both)).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    await attempt.done;
  });

  it('fails when the provider says the user refused, and tells the browser in Vietnamese', async () => {
    const attempt = await beginOidcLogin(config, async () => undefined);
    const state = new URL(attempt.authorizationUrl).searchParams.get('state')!;
    const res = await fetch(`${attempt.redirectUri}?error=access_denied&state=${state}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Bạn đã từ chối hoặc hủy đăng nhập bằng VNeID.');
    await expect(attempt.done).rejects.toMatchObject({ error: { code: 'oidc_denied' } });
    expect(await listening(attempt.redirectUri)).toBe(false);
  });

  it('fails when the code was not issued for this verifier (a code of another login)', async () => {
    const first = await beginOidcLogin(config, async () => undefined);
    const stolen = new URL(await driveProviderLogin(first.authorizationUrl, 'bithu'));
    first.cancel();
    const second = await beginOidcLogin(config, async () => undefined);
    const state = new URL(second.authorizationUrl).searchParams.get('state')!;
    const res = await fetch(
      `${second.redirectUri}?code=${stolen.searchParams.get('code')}&state=${state}`,
    );
    expect(res.status).toBe(400);
    await expect(second.done).rejects.toMatchObject({ error: { code: 'oidc_token_failed' } });
  });

  it('refuses a provider whose discovery names another issuer', async () => {
    const wrong = { ...config, issuer: `${provider.issuer}/` };
    await expect(beginOidcLogin(wrong, async () => undefined)).rejects.toMatchObject({
      error: { code: 'oidc_bad_provider' },
    });
  });

  it('gives up after its time, closing the listener', async () => {
    const attempt = await beginOidcLogin(config, async () => undefined, { timeoutMs: 50 });
    await expect(attempt.done).rejects.toMatchObject({ error: { code: 'oidc_timeout' } });
    expect(await listening(attempt.redirectUri)).toBe(false);
  });
});

describe('the desktop service', () => {
  let opened: DesktopCache;
  let cache: DesktopCache['cache'];
  let cacheKeys: DesktopCache['keys'];
  let api: DesktopService;
  const events: DesktopEvent[] = [];
  /** Stands for Electron's safeStorage-sealed session file. */
  const remembered = memorySessionStore();

  beforeAll(async () => {
    // The app's encrypted cache, its key sealed by the 0600 key file (the browser host's store).
    opened = await openDesktopCache({
      file: join(dir, 'cache.sqlite'),
      store: fileKeyStore(join(dir, 'cache.key')),
    });
    cache = opened.cache;
    cacheKeys = opened.keys;
    api = createDesktopService({
      cache,
      cacheKeys,
      serverUrl,
      oidc: config,
      sessionStore: remembered,
    });
    api.subscribe((e) => events.push(e));
  });
  afterAll(async () => {
    await opened?.cache.close();
  });

  const waitFor = async (type: DesktopEvent['type']) => {
    for (let i = 0; i < 200 && !events.some((e) => e.type === type); i++)
      await new Promise((r) => setTimeout(r, 25));
    return events.find((e) => e.type === type);
  };

  it('says OIDC is configured, and is not without a provider', async () => {
    expect(await api.oidcStatus({})).toEqual({ ok: true, value: { configured: true } });
    const plain = createDesktopService({ cache, serverUrl });
    expect(await plain.oidcStatus({})).toEqual({ ok: true, value: { configured: false } });
    const refused = await plain.startOidcLogin({});
    expect(refused).toMatchObject({ ok: false, error: { code: 'oidc_not_configured' } });
  });

  it('reports an identity no account has as a failed sign-in, in Vietnamese', async () => {
    events.length = 0;
    const started = await api.startOidcLogin({});
    if (!started.ok) throw new Error(started.error.message);
    const callback = await driveProviderLogin(started.value.authorizationUrl, 'nguoila');
    const page = await fetch(callback);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('chưa được liên kết');
    const failed = await waitFor('oidc-login-failed');
    expect(failed).toMatchObject({ error: { code: 'oidc_unknown_identity' } });
    expect((await api.session({})).ok && (await api.session({}))).toMatchObject({
      value: { user: null },
    });
  });

  it('signs in through the provider: the session is the mapped account, announced by event', async () => {
    events.length = 0;
    const started = await api.startOidcLogin({});
    if (!started.ok) throw new Error(started.error.message);
    const callback = await driveProviderLogin(started.value.authorizationUrl, 'bithu');
    expect((await fetch(callback)).status).toBe(200);
    const changed = await waitFor('session-changed');
    expect(changed).toMatchObject({ user: { id: ids.secretary, username: 'bithu.tdp1' } });
    expect(await api.session({})).toMatchObject({
      ok: true,
      value: { user: { id: ids.secretary }, offline: false },
    });
    // The session is a real one of the server: a sync runs under it.
    expect((await api.syncNow({})).ok).toBe(true);
  });

  it('offline, the OIDC user reopens through the remembered session only: no password gets him in', async () => {
    // The central server is unreachable now (a closed port), on the same cache.
    const dead = 'http://127.0.0.1:9';
    const restarted = createDesktopService({
      cache,
      cacheKeys,
      serverUrl: dead,
      sessionStore: remembered,
    });
    await restarted.restoreSession();
    expect(await restarted.session({})).toMatchObject({
      ok: true,
      value: { user: { id: ids.secretary } },
    });
    // Without the remembered session (the browser host after a restart), he has no way in:
    // there is no password wrap of the cache key for him to unlock.
    expect(cacheKeys.has(ids.secretary)).toBe(false);
    const forgotten = createDesktopService({ cache, cacheKeys, serverUrl: dead });
    await forgotten.restoreSession();
    const guessed = await forgotten.login({ username: 'bithu.tdp1', password: 'đoán bừa 123' });
    expect(guessed).toMatchObject({ ok: false, error: { code: 'unreachable' } });
    expect(await forgotten.session({})).toMatchObject({ ok: true, value: { user: null } });
  });
});
