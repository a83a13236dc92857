import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { runDemoMember } from '../scripts/demo-member';
import { openTransferServer, type TransferTestServer } from './test-support/transfers';
import { ids, PASSWORD } from './test-support/fixture';

describe('npm run demo:member (sqlite, real HTTP on loopback)', () => {
  let t: TransferTestServer;
  let dir: string;
  beforeEach(async () => {
    t = await openTransferServer({ engine: 'sqlite', postgresUrl: inject('postgresUrl') });
    dir = mkdtempSync(join(tmpdir(), 'demo-member-'));
  });
  afterEach(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('submits a transfer with an attachment and reads its status back', async () => {
    const address = t.url;
    const doc = await PDFDocument.create();
    doc.addPage();
    const file = join(dir, 'Đơn xin chuyển.pdf');
    writeFileSync(file, await doc.save({ useObjectStreams: false }));
    const common = ['--server', address, '--username', 'dv.duc', '--password', PASSWORD];
    const submitted = (await runDemoMember([
      'submit-transfer',
      ...common,
      '--to',
      ids.otherCell,
      '--moved-on',
      '2026-01-02',
      '--attach',
      file,
    ])) as { id: string; statusVi: string; route: string[] };
    expect(submitted).toMatchObject({ statusVi: 'Chờ kiểm tra' });
    expect(submitted.route.at(-1)).toBe(ids.otherCell);
    const status = await runDemoMember(['status', ...common, '--id', submitted.id]);
    expect(status).toMatchObject({ id: submitted.id, currentOrgId: ids.cell1 });
    const list = (await runDemoMember(['list', ...common])) as unknown[];
    expect(list).toHaveLength(1);
    await expect(runDemoMember(['submit-transfer', ...common, '--to', ids.cell1])).rejects.toThrow(
      /trùng với chi bộ/,
    );
  });
});
