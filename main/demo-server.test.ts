import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../scripts/gen/demo-accounts';
import { startDemoServer } from './demo-server';

describe('demo server', () => {
  it('seeds the demo ward once, keeps its port, and accepts the demo accounts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'demo-server-'));
    const first = await startDemoServer(dataDir);
    let port: string;
    try {
      expect(first.seeded).toBe(true);
      expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      port = new URL(first.url).port;
      expect(JSON.parse(readFileSync(join(dataDir, 'demo-server.json'), 'utf8'))).toEqual({
        port: Number(port),
      });
      const login = await fetch(`${first.url}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'quantri.phuong', password: DEMO_PASSWORD }),
      });
      expect(login.status).toBe(200);
    } finally {
      await first.close();
    }
    // The cache belongs to a server URL: the next launch must come back on the same one.
    const second = await startDemoServer(dataDir);
    try {
      expect(second.seeded).toBe(false);
      expect(new URL(second.url).port).toBe(port);
    } finally {
      await second.close();
    }
  });
});
