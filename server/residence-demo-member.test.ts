import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { runDemoMember } from '../scripts/demo-member';
import type { PushMutation } from '../src/api/push';
import { findForm, formsOfRequest } from './repositories/residence';
import { ids, PASSWORD } from './test-support/fixture';
import { openTransferServer, type TransferTestServer } from './test-support/transfers';

const [DUC, HOA] = ids.members;

describe('npm run demo:member -- residence-… (sqlite, real HTTP on loopback)', () => {
  let t: TransferTestServer;
  let dir: string;
  beforeEach(async () => {
    t = await openTransferServer({ engine: 'sqlite', postgresUrl: inject('postgresUrl') });
    dir = mkdtempSync(join(tmpdir(), 'demo-member-residence-'));
  });
  afterEach(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Cell 1 sends a list asking Đức's report (he lives in cell 2) and Hoa's comment only. */
  async function sentList() {
    const token = await t.tokenFor('bithu.tdp1');
    const listId = randomUUID();
    let rev = 0;
    const step = async (
      action: Extract<PushMutation, { entity: 'residenceRequest' }>['action'],
    ) => {
      const [r] = await t.push(token, [
        { id: randomUUID(), entity: 'residenceRequest', entityId: listId, baseRev: rev, action },
      ]);
      expect(r, r?.message).toMatchObject({ status: 'applied' });
      rev = r!.rev!;
    };
    await step({
      type: 'create',
      campaignYear: 2026,
      workplaceOrgId: ids.cell1,
      kind: 'introduce_and_comment',
      items: [
        { memberId: DUC, residenceOrgId: ids.cell2, reportRequired: true, exemption: null },
        { memberId: HOA, residenceOrgId: ids.cell3, reportRequired: false, exemption: null },
      ],
    });
    await step({ type: 'submit' });
    await step({ type: 'approve' });
    await step({ type: 'send' });
    return formsOfRequest(t.server.db, listId);
  }

  it('lists the member’s own forms and sends his report with its file', async () => {
    const forms = await sentList();
    const duc = forms.find((f) => f.memberId === DUC)!;
    const common = ['--server', t.url, '--username', 'dv.duc', '--password', PASSWORD];
    expect(await runDemoMember(['residence-forms', ...common])).toEqual([
      expect.objectContaining({
        id: duc.id,
        status: 'awaiting_comment',
        statusVi: 'Chờ lập phiếu',
        residenceOrg: 'Chi bộ Tổ dân phố số 2',
        reportRequired: true,
        report: null,
      }),
    ]);

    const doc = await PDFDocument.create();
    doc.addPage();
    const file = join(dir, 'Báo cáo nơi cư trú.pdf');
    writeFileSync(file, await doc.save({ useObjectStreams: false }));
    const report = ['--summary', 'Tham gia đầy đủ sinh hoạt tổ dân phố', '--attach', file];
    expect(
      await runDemoMember(['residence-report', ...common, '--id', duc.id, ...report]),
    ).toMatchObject({
      id: duc.id,
      report: { summary: 'Tham gia đầy đủ sinh hoạt tổ dân phố', file: 'Báo cáo nơi cư trú.pdf' },
    });
    expect((await findForm(t.server.db, duc.id))?.value.report).toMatchObject({
      file: { fileName: 'Báo cáo nơi cư trú.pdf', contentType: 'application/pdf' },
    });
    // Hoa's form is not his: not among his forms, nothing pushed.
    const hoa = forms.find((f) => f.memberId === HOA)!;
    await expect(
      runDemoMember(['residence-report', ...common, '--id', hoa.id, ...report]),
    ).rejects.toThrow(/no residence form/);
    await expect(runDemoMember(['residence-report', ...common, '--id', duc.id])).rejects.toThrow(
      /needs --id/,
    );
  });
});
