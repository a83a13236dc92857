import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../scripts/gen/demo-accounts';
import {
  generatedServerDb,
  startLoopbackServer,
  type LoopbackServer,
} from '../../scripts/test-support/sync-server';
import { connectApi, SessionHolder } from './session';

// The session against a real server whose refresh is limited to 2 requests a minute per address.

let serverDb: Awaited<ReturnType<typeof generatedServerDb>>;
let server: LoopbackServer;
const saved = process.env.AUTH_RATE_PER_ADDRESS;

beforeAll(async () => {
  serverDb = await generatedServerDb('ward', 1);
  process.env.AUTH_RATE_PER_ADDRESS = '2';
  try {
    server = await startLoopbackServer(serverDb.config);
  } finally {
    if (saved === undefined) delete process.env.AUTH_RATE_PER_ADDRESS;
    else process.env.AUTH_RATE_PER_ADDRESS = saved;
  }
});
afterAll(async () => {
  await server?.close();
  serverDb?.drop();
});

describe('session refresh under the rate limit', () => {
  it('keeps the session on a 429 (try later) and ends it on a refused token', async () => {
    const holder = new SessionHolder();
    const api = connectApi(server.url, holder);
    const first = await api.login({ username: 'quantri.phuong', password: DEMO_PASSWORD });
    await holder.set(first);
    expect(await holder.refresh(api)).toBe(true);
    const renewed = holder.current;
    expect(renewed?.refreshToken).not.toBe(first.refreshToken);

    // A spent token is refused (401): that session is over.
    const stale = new SessionHolder();
    await stale.set(first);
    expect(await stale.refresh(connectApi(server.url, stale))).toBe(false);
    expect(stale.current).toBeUndefined();

    // Third refresh from this address within the minute: 429, and the session stays for later.
    const other = new SessionHolder();
    await other.set(await api.login({ username: 'quantri.phuong', password: DEMO_PASSWORD }));
    const kept = other.current;
    expect(await other.refresh(connectApi(server.url, other))).toBe(false);
    expect(other.current).toBe(kept);
    await expect(api.refresh(kept!.refreshToken)).rejects.toMatchObject({
      status: 429,
      messageVi: expect.stringMatching(/^Có quá nhiều yêu cầu/) as string,
    });
  });
});
