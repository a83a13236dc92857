/**
 * "Nhập dữ liệu" on the desktop (docs/decisions/0040), on a real cache logged in offline: the
 * orgs the user may import under come from his admin grants, and the import needs the server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, value } from '../test-support/call-results';
import {
  openAs,
  transferWorld,
  type OpenedService,
  type TransferWorld,
} from '../transfers/test-support/transfer-world';

const dir = mkdtempSync(join(tmpdir(), 'desktop-imports-'));
let world: TransferWorld;
const opened: OpenedService[] = [];

beforeAll(() => {
  world = transferWorld();
});
afterAll(async () => {
  for (const o of opened) await o.close();
  rmSync(dir, { recursive: true, force: true });
});

async function open(asAdmin: boolean) {
  const who = world.staff.wardApprover;
  const o = await openAs(
    dir,
    world,
    asAdmin ? { ...who, grants: [{ role: 'admin', orgId: world.ward.root.id }] } : who,
  );
  opened.push(o);
  return o;
}

describe('Nhập dữ liệu on the desktop', { timeout: 120_000 }, () => {
  it('offers the admin his own org, and nobody else any', async () => {
    const admin = await open(true);
    expect(value('importScopes', await admin.api.importScopes({}))).toEqual([
      { id: world.ward.root.id, code: world.ward.root.code, name: world.ward.root.name },
    ]);
    const approver = await open(false);
    expect(value('importScopes', await approver.api.importScopes({}))).toEqual([]);
  });

  it('refuses to import offline, in Vietnamese', async () => {
    const admin = await open(true);
    const files = [{ name: 'a.csv', contentBase64: Buffer.from('Mã').toString('base64') }];
    for (const call of [admin.api.previewImport, admin.api.applyImport])
      expect(failure(await call({ orgId: world.ward.root.id, files }))).toMatchObject({
        code: 'offline',
        messageVi: 'Cần kết nối mạng để nhập dữ liệu. Vui lòng kiểm tra kết nối và thử lại.',
      });
  });
});
