import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serverEngines } from '../../scripts/test-support/databases';
import { openTestServer, type TestServer } from '../test-support/harness';
import { callbackBase } from './callback-url';
import { feesConfigFromEnv } from './config';
import { signed } from './protocol';

const SECRET = 'gateway-secret-for-callback-tests';
const gatewayEnv = {
  FEES_GATEWAY_URL: 'http://127.0.0.1:9',
  FEES_GATEWAY_SECRET: SECRET,
  FEES_GATEWAY_MERCHANT: 'DANGPHI',
};

describe('FEES_PUBLIC_URL', () => {
  it('is required with a gateway outside the demo and the tests, and must be an http(s) URL', () => {
    const production = { ...gatewayEnv, NODE_ENV: 'production' };
    expect(() => feesConfigFromEnv(production)).toThrow(/FEES_PUBLIC_URL must be set/);
    expect(feesConfigFromEnv(production, { demo: true }).publicUrl).toBeNull();
    // No gateway, no callbacks: nothing to require.
    expect(feesConfigFromEnv({ NODE_ENV: 'production' }).publicUrl).toBeNull();
    for (const bad of ['dangvu.example.vn', 'ftp://dangvu.example.vn', 'https://x.vn/?a=1'])
      expect(() => feesConfigFromEnv({ ...production, FEES_PUBLIC_URL: bad })).toThrow(
        /FEES_PUBLIC_URL must/,
      );
    const ok = feesConfigFromEnv({ ...production, FEES_PUBLIC_URL: 'https://dangvu.example.vn/' });
    expect(ok.publicUrl).toBe('https://dangvu.example.vn');
  });

  it('keeps the server from starting without it, saying why', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fees-url-'));
    try {
      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'server/cli.ts', '--port', '0', '--db', join(dir, 's.sqlite')],
        {
          env: { ...process.env, ...gatewayEnv, NODE_ENV: 'production', DATABASE_URL: '' },
          encoding: 'utf8',
          timeout: 60_000,
        },
      );
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(
        /FEES_PUBLIC_URL must be set when a payment gateway is configured/,
      );
      expect(run.stdout).not.toMatch(/listening/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('without it (demo, tests), callbacks go to the listening address, never the Host header', async () => {
    const app = Fastify();
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const { port } = app.server.address() as { port: number };
      expect(callbackBase(null, app)).toBe(`http://127.0.0.1:${port}`);
      expect(callbackBase('https://dangvu.example.vn', app)).toBe('https://dangvu.example.vn');
    } finally {
      await app.close();
    }
  });
});

describe.each(serverEngines)('gateway callbacks with bad signatures on %s', (engine) => {
  let t: TestServer;
  const logLines: string[] = [];
  const LIMIT = 30;
  const testEnv = { ...gatewayEnv, NODE_ENV: 'test' };

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    t = await openTestServer({
      engine,
      postgresUrl: inject('postgresUrl'),
      server: {
        logger: { stream, level: 'warn' },
        fees: { ...feesConfigFromEnv(testEnv), badCallbacksPerMinute: LIMIT },
      },
    });
  });
  afterAll(() => t?.close());

  const callback = (remoteAddress: string, i: number, secret = 'forger-guess') =>
    t.app.inject({
      method: 'POST',
      url: '/v1/fees/gateway/callback',
      remoteAddress,
      payload: signed(secret, {
        merchantId: 'DANGPHI',
        reference: `DPFORGED${i}`,
        gatewayTxnId: `gw-${i}`,
        amount: 100000,
        status: 'success',
        bankReference: null,
        paidAt: '2026-01-05T09:00:00Z',
      }),
    });

  it('stores none of 1000, answers 429 past the limit, and counts them in the log', async () => {
    const answers: number[] = [];
    for (let batch = 0; batch < 20; batch++)
      answers.push(
        ...(
          await Promise.all(
            Array.from({ length: 50 }, (_, i) => callback('203.0.113.9', batch * 50 + i)),
          )
        ).map((r) => r.statusCode),
      );
    expect(answers.filter((s) => s === 200)).toHaveLength(LIMIT);
    expect(answers.filter((s) => s === 429)).toHaveLength(1000 - LIMIT);
    const limited = await callback('203.0.113.9', 1001);
    expect(limited.json()).toMatchObject({
      error: 'rate_limited',
      messageVi: expect.stringMatching(/^Có quá nhiều yêu cầu sai chữ ký/) as string,
    });

    const rows = await t.server.db.selectFrom('fee_payment_events').select('id').execute();
    expect(rows).toHaveLength(0);
    const warned = logLines.filter((l) => l.includes('gateway callback with a bad signature'));
    expect(warned).toHaveLength(LIMIT);
    // Each line carries the running count of bad signatures.
    const counts = warned.map((l) => (JSON.parse(l) as { fees: { badSignatures: number } }).fees);
    expect(Math.max(...counts.map((c) => c.badSignatures))).toBeGreaterThanOrEqual(LIMIT);

    // Another address is not held back by the first one's forgeries.
    const other = await callback('198.51.100.4', 1);
    expect(other.statusCode).toBe(200);
    expect(other.json()).toMatchObject({ code: '97' });
    // A correctly signed callback is checked as ever (an unknown order here), and not counted.
    const genuine = await callback('198.51.100.4', 2, SECRET);
    expect(genuine.json()).toMatchObject({ code: '01' });
  });
});
