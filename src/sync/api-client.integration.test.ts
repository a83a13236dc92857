import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../scripts/gen/demo-accounts';
import {
  generatedServerDb,
  startLoopbackServer,
  type LoopbackServer,
} from '../../scripts/test-support/sync-server';
import { ApiClientError, createApiClient } from '../api/client';
import { PULL_MAX_LIMIT } from '../api/sync';
import { startFaultProxy } from '../../scripts/test-support/fault-proxy';
import { encodeRgbaPng } from '../signing/pdf/png-encode';
import { sha256Of } from './repositories/blob-cache';

// The typed client against the real server on loopback (generated ward, SQLite).

let serverDb: Awaited<ReturnType<typeof generatedServerDb>>;
let server: LoopbackServer;
let odd: Server;
let oddUrl: string;

beforeAll(async () => {
  serverDb = await generatedServerDb('ward', 1);
  server = await startLoopbackServer(serverDb.config);
  // A server that answers outside the contract.
  odd = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/v1/health') return res.end('{"status":"maybe"}');
    res.statusCode = 502;
    res.end('<html>bad gateway</html>');
  });
  await new Promise<void>((resolve) => odd.listen(0, '127.0.0.1', resolve));
  const address = odd.address();
  oddUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await server?.close();
  serverDb?.drop();
  await new Promise((resolve) => odd?.close(resolve));
});

const failure = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiClientError);
  return err as ApiClientError;
};

describe('api client', () => {
  it('logs in, pulls, refreshes with rotation and logs out', async () => {
    const auth: { token?: string } = {};
    const api = createApiClient({ baseUrl: `${server.url}/`, getAccessToken: () => auth.token });
    expect(await api.health()).toEqual({ status: 'ok' });
    const session = await api.login({ username: 'quantri.phuong', password: DEMO_PASSWORD });
    expect(session.user.username).toBe('quantri.phuong');

    const anonymous = await failure(api.pull({ limit: 10 }));
    expect(anonymous).toMatchObject({ status: 401, code: 'unauthorized' });
    expect(anonymous.messageVi).toMatch(/đăng nhập/);

    auth.token = session.accessToken;
    const page = await api.pull({ limit: 10 });
    expect(page.changes).toHaveLength(10);
    expect(page.hasMore).toBe(true);
    const next = await api.pull({ cursor: page.nextCursor, limit: PULL_MAX_LIMIT });
    expect(next.changes[0]?.rev).toBeGreaterThan(page.changes[9]?.rev ?? Infinity);

    const renewed = await api.refresh(session.refreshToken);
    expect(renewed.refreshToken).not.toBe(session.refreshToken);
    const reused = await failure(api.refresh(session.refreshToken));
    expect(reused.status).toBe(401);

    await api.logout(renewed.refreshToken);
    const afterLogout = await failure(api.refresh(renewed.refreshToken));
    expect(afterLogout.status).toBe(401);
  });

  it('answers a 401 with one refresh and one retry', async () => {
    let token = 'expired-or-forged';
    let refreshes = 0;
    const api = createApiClient({
      baseUrl: server.url,
      getAccessToken: () => token,
      onUnauthorized: async () => {
        refreshes += 1;
        const s = await api.login({ username: 'quantri.phuong', password: DEMO_PASSWORD });
        token = s.accessToken;
        return true;
      },
    });
    const page = await api.pull({ limit: 5 });
    expect(page.changes).toHaveLength(5);
    expect(refreshes).toBe(1);
  });

  it('gives server errors, bad requests, bad answers and no answer one typed error', async () => {
    const api = createApiClient({ baseUrl: server.url, getAccessToken: () => undefined });
    const wrong = await failure(api.login({ username: 'quantri.phuong', password: 'x' }));
    expect(wrong).toMatchObject({
      status: 401,
      code: 'invalid_credentials',
      messageVi: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    });
    const local = await failure(api.pull({ limit: PULL_MAX_LIMIT + 1 }));
    expect(local).toMatchObject({ status: 0, code: 'invalid_request', field: 'limit' });

    const strange = createApiClient({ baseUrl: oddUrl, getAccessToken: () => undefined });
    expect(await failure(strange.health())).toMatchObject({ code: 'invalid_response' });
    expect(await failure(strange.login({ username: 'a', password: 'b' }))).toMatchObject({
      status: 502,
      code: 'http_error',
      messageVi: 'Máy chủ báo lỗi (HTTP 502).',
    });

    const down = createApiClient({
      baseUrl: 'http://127.0.0.1:1',
      getAccessToken: () => undefined,
    });
    expect(await failure(down.health())).toMatchObject({
      status: 0,
      code: 'unreachable',
      messageVi: 'Không kết nối được máy chủ.',
    });
  });

  it('downloads a blob range by range and resumes after a lost connection', async () => {
    // Noise does not compress: a ≈ 360 KB PNG, six 64 KB ranges.
    const side = 300;
    const rows = Buffer.alloc((side * 4 + 1) * side);
    for (let i = 0; i < rows.length; i++)
      rows[i] = i % (side * 4 + 1) === 0 ? 0 : (i * 2654435761) >>> 24;
    const png = encodeRgbaPng(side, side, rows);
    const sha256 = sha256Of(png);
    const auth: { token?: string } = {};
    const api = createApiClient({ baseUrl: server.url, getAccessToken: () => auth.token });
    auth.token = (
      await api.login({ username: 'quantri.phuong', password: DEMO_PASSWORD })
    ).accessToken;
    await api.putBlob(sha256, png);

    const proxy = await startFaultProxy(server.url, `/v1/blobs/${sha256}`);
    try {
      const chunkBytes = 64 * 1024;
      const viaProxy = createApiClient({
        baseUrl: proxy.url,
        getAccessToken: () => auth.token,
        blobChunkBytes: chunkBytes,
      });
      const ranges = Math.ceil(png.length / chunkBytes);
      const whole = await viaProxy.getBlob(sha256);
      expect(whole.contentType).toBe('image/png');
      expect(whole.bytes.equals(png)).toBe(true);
      expect(proxy.matched).toBe(ranges);

      // The connection of one range is cut: only that range is asked for again.
      proxy.inject('drop-answer');
      const resumed = await viaProxy.getBlob(sha256);
      expect(resumed.bytes.equals(png)).toBe(true);
      expect(proxy.matched).toBe(2 * ranges + 1);
    } finally {
      await proxy.close();
    }
  });
});
