import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopEvent } from '../src/desktop/contract';
import { forkRuntime, RuntimeStartError, type RuntimeProcess } from './runtime-process';

// The data layer in a child process, reached over the message channel as the browser host and
// Electron's window reach it (docs/decisions/0042). Nothing listens at the server address.
const OFFLINE_SERVER = 'http://127.0.0.1:9';

describe('the runtime in its own process', () => {
  let dataDir: string;
  let runtime: RuntimeProcess;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'runtime-process-'));
    runtime = await forkRuntime({ dataDir, serverUrl: OFFLINE_SERVER });
  }, 60_000);
  afterAll(async () => {
    await runtime.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers calls, and bad calls with typed errors', async () => {
    expect(runtime.serverUrl).toBe(OFFLINE_SERVER);
    expect(await runtime.desktop.call('session', {})).toEqual({
      ok: true,
      value: expect.objectContaining({ user: null }),
    });
    expect(await runtime.desktop.call('nope', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_call' },
    });
    expect(await runtime.desktop.call('orgDetail', { orgId: '' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'orgId' },
    });
  });

  it('forwards app events', async () => {
    const seen: DesktopEvent[] = [];
    const arrived = new Promise<void>((resolve) => {
      const stop = runtime.desktop.subscribe((event) => {
        seen.push(event);
        stop();
        resolve();
      });
    });
    await runtime.desktop.call('logout', {});
    await arrived;
    expect(seen[0]).toMatchObject({ type: 'session-changed', user: null });
  });

  it('ends on close, and a call after that is a typed error', async () => {
    const second = await forkRuntime({
      dataDir: join(dataDir, 'second'),
      serverUrl: OFFLINE_SERVER,
    });
    await second.close();
    expect(await second.desktop.call('session', {})).toMatchObject({
      ok: false,
      error: { code: 'runtime_unreachable' },
    });
  }, 60_000);
});

describe('starting the runtime', () => {
  it('says why it refused, and its process ends', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'runtime-process-'));
    try {
      const started = forkRuntime({ dataDir });
      await expect(started).rejects.toThrow(RuntimeStartError);
      await expect(started).rejects.toThrow('no central server configured');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('seals the cache with the key it is given (Electron), and opens it again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'runtime-process-'));
    const sealingKey = randomBytes(32).toString('base64');
    try {
      for (let start = 0; start < 2; start++) {
        const runtime = await forkRuntime({ dataDir, serverUrl: OFFLINE_SERVER, sealingKey });
        await runtime.close();
      }
      const keys = JSON.parse(readFileSync(join(dataDir, 'cache.sqlite.keys'), 'utf8')) as {
        store: { kind: string };
      };
      expect(keys.store.kind).toBe('electron-safe-storage-sealing-key');
      expect(readdirSync(dataDir).filter((f) => f.includes('unreadable'))).toEqual([]);
      // No key file beside it: the key lives sealed by the OS, in the main process.
      expect(readdirSync(dataDir)).not.toContain('cache.key');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
