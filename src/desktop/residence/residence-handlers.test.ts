/**
 * The residence calls of the desktop service on a real SQLite cache, logged in offline: each
 * side's forms, the optimistic overlay of queued steps, the machines' refusals (asked with the
 * user's roles where each step is decided), all-or-nothing approval, files picked by the user.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobCacheRepo, sha256Of } from '../../sync/repositories/blob-cache';
import { createCacheWriter } from '../../sync/repositories/cache-writer';
import { outboxRepo } from '../../sync/repositories/outbox';
import { type DesktopEvent } from '../contract';
import { openAs, type OpenedService } from '../transfers/test-support/transfer-world';
import {
  COMMENT,
  FILES,
  residenceWorld,
  type ResidenceWorld,
} from './test-support/residence-world';
import { failure, value } from '../test-support/call-results';

const dir = mkdtempSync(join(tmpdir(), 'desktop-residence-'));
let world: ResidenceWorld;
let pdfBase64: string;
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const opened: OpenedService[] = [];

beforeAll(async () => {
  const doc = await PDFDocument.create();
  doc.addPage();
  pdfBase64 = Buffer.from(await doc.save()).toString('base64');
  world = residenceWorld();
});
afterAll(async () => {
  for (const o of opened) await o.close();
  rmSync(dir, { recursive: true, force: true });
});

async function as(who: 'wardApprover' | 'cell1Secretary' | 'cell5Secretary' | 'member') {
  const o = await openAs(dir, world, who === 'member' ? world.member : world.staff[who]);
  opened.push(o);
  return o;
}

const formId = (i: number) => world.forms[i]!.id;
const idsOf = (items: { id: string }[]) => items.map((i) => i.id).sort();

describe('each side sees its own forms', () => {
  it('the workplace, residence cell, committee and member each get their forms', async () => {
    const cell1 = await as('cell1Secretary');
    const cell5 = await as('cell5Secretary');
    const ward = await as('wardApprover');
    const member = await as('member');
    const all = idsOf(world.forms);
    const forms = async (
      o: OpenedService,
      side: 'workplace' | 'residence' | 'committee' | 'member',
    ) => value('residenceForms', await o.api.residenceForms({ side })).items;

    expect(idsOf(await forms(cell1, 'workplace'))).toEqual(all);
    expect(await forms(cell1, 'residence')).toEqual([]);
    expect(idsOf(await forms(cell5, 'residence'))).toEqual(all);
    expect(await forms(cell5, 'workplace')).toEqual([]);
    expect(await forms(cell5, 'committee')).toEqual([]);
    expect(idsOf(await forms(ward, 'committee'))).toEqual(all);
    expect((await forms(member, 'member')).map((f) => f.id)).toEqual([formId(0)]);

    const paper = (await forms(cell1, 'workplace')).find((f) => f.id === formId(4))!;
    expect(paper).toMatchObject({
      status: 'sent',
      paper: true,
      member: { fullName: world.ward.members[12]!.fullName },
      residenceOrg: { name: 'Chi bộ Tổ dân phố số 5' },
      committeeOrg: { name: 'Đảng bộ Phường Việt Hưng' },
      // Finished: on time whatever the due date.
      dueOn: '2026-01-15',
      deadline: 'on_time',
    });
    const open = (await forms(cell1, 'workplace')).find((f) => f.id === formId(0))!;
    expect(open).toMatchObject({ dueOn: '2026-01-15', deadline: 'overdue' });
    const undated = (await forms(cell1, 'workplace')).find((f) => f.id === formId(1))!;
    expect(undated).toMatchObject({ dueOn: null, deadline: 'on_time' });
  });

  it('the committee’s campaign, pulled on its own, sets the due date of the forms cached', async () => {
    const { api, cache } = await as('cell1Secretary');
    createCacheWriter(cache.handle).applyPage(
      [
        {
          op: 'upsert',
          entity: 'residenceCampaign',
          id: `${world.ward.root.id}/2026`,
          rev: 900_000,
          data: {
            committeeOrgId: world.ward.root.id,
            year: 2026,
            opensOn: '2025-12-01',
            dueOn: '2026-02-20',
            updatedAt: '2026-01-10T08:00:00.000Z',
          },
        },
      ],
      'c2',
    );
    const { items } = value('residenceForms', await api.residenceForms({ side: 'workplace' }));
    expect(new Set(items.map((f) => f.dueOn))).toEqual(new Set(['2026-02-20']));
    // Another year's campaign, or another committee's, leaves the forms alone.
    createCacheWriter(cache.handle).applyPage(
      [
        {
          op: 'upsert',
          entity: 'residenceCampaign',
          id: `${world.ward.root.id}/2027`,
          rev: 900_001,
          data: {
            committeeOrgId: world.ward.root.id,
            year: 2027,
            opensOn: '2027-10-01',
            dueOn: '2027-12-15',
            updatedAt: '2026-01-10T08:00:00.000Z',
          },
        },
      ],
      'c3',
    );
    const detail = value(
      'residenceFormDetail',
      await api.residenceFormDetail({ formId: formId(0) }),
    );
    expect(detail.dueOn).toBe('2026-02-20');
  });

  it('"Nhận phiếu" counts, per workplace cell, the forms back, on paper and missing', async () => {
    const { api } = await as('cell1Secretary');
    const { items } = value(
      'residenceReceipts',
      await api.residenceReceipts({ campaignYear: 2026 }),
    );
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      workplaceOrg: { name: 'Chi bộ Tổ dân phố số 1' },
      asked: 5,
      received: 1,
      paper: 1,
    });
    expect(items[0]!.missing.map((m) => m.status).sort()).toEqual([
      'approved',
      'awaiting_comment',
      'submitted',
    ]);
    expect(
      value('residenceReceipts', await api.residenceReceipts({ campaignYear: 2025 })).items,
    ).toEqual([]);
  });
});

describe('the residence cell and the committee act on forms', () => {
  it('a written form shows as the draft it will be, with its queued step and event', async () => {
    const { api, cache } = await as('cell5Secretary');
    const events: DesktopEvent['type'][] = [];
    api.subscribe((e) => events.push(e.type));
    const before = value(
      'residenceFormDetail',
      await api.residenceFormDetail({ formId: formId(0) }),
    );
    expect(before.allowed).toMatchObject({ write: true, submit: false, approve: false });

    value(
      'writeResidenceForm',
      await api.writeResidenceForm({ formId: formId(0), comment: COMMENT }),
    );
    const after = value(
      'residenceFormDetail',
      await api.residenceFormDetail({ formId: formId(0) }),
    );
    expect(after).toMatchObject({ status: 'draft', comment: COMMENT, pendingActions: 1 });
    expect(after.allowed).toMatchObject({ write: true, submit: true });
    expect(after.history.map((h) => h.label)).toEqual(['Lập phiếu nhận xét']);
    expect(after.pending[0]!.label).toBe(
      `${world.ward.members[0]!.fullName} — Phiếu nhận xét tại nơi cư trú`,
    );
    expect(events).toContain('residence-changed');
    expect(events).toContain('outbox-changed');

    value(
      'residenceFormsAction',
      await api.residenceFormsAction({ formIds: [formId(0)], action: 'submit' }),
    );
    const listed = value('residenceForms', await api.residenceForms({ side: 'residence' })).items;
    expect(listed.find((f) => f.id === formId(0))).toMatchObject({
      status: 'submitted',
      pendingActions: 2,
    });
    expect(
      outboxRepo(cache.handle)
        .list()
        .map((i) => i.mutation.action.type),
    ).toEqual(['write', 'submit']);
  });

  it('the outbox names the step; discarding it shows the form as the server has it', async () => {
    const { api } = await as('cell5Secretary');
    value(
      'writeResidenceForm',
      await api.writeResidenceForm({ formId: formId(0), comment: COMMENT }),
    );
    const [entry] = value('listOutbox', await api.listOutbox({})).items;
    expect(entry!.label).toBe(`${world.ward.members[0]!.fullName} — Phiếu nhận xét tại nơi cư trú`);
    const events: DesktopEvent['type'][] = [];
    api.subscribe((e) => events.push(e.type));
    value('discardOutboxEntry', await api.discardOutboxEntry({ id: entry!.id }));
    expect(events).toContain('residence-changed');
    expect(
      value('residenceFormDetail', await api.residenceFormDetail({ formId: formId(0) })),
    ).toMatchObject({ status: 'awaiting_comment', comment: null, pendingActions: 0 });
  });

  it('a residence-cell secretary cannot approve: only the committee does', async () => {
    const { api, cache } = await as('cell5Secretary');
    const err = failure(
      await api.residenceFormsAction({ formIds: [formId(1)], action: 'approve' }),
    );
    expect(err).toMatchObject({ code: 'not_committee_approver' });
    const detail = value(
      'residenceFormDetail',
      await api.residenceFormDetail({ formId: formId(1) }),
    );
    expect(detail.allowed).toMatchObject({ approve: false, return: false, signAndSend: false });
    expect(outboxRepo(cache.handle).list()).toEqual([]);
  });

  it('approving many is all or nothing: one refused form and nothing is queued', async () => {
    const { api, cache } = await as('wardApprover');
    const outbox = outboxRepo(cache.handle);
    // The first form waits for its comment: it cannot be approved.
    const err = failure(
      await api.residenceFormsAction({ formIds: [formId(1), formId(0)], action: 'approve' }),
    );
    expect(err).toMatchObject({ code: 'not_allowed_now' });
    expect(outbox.list()).toEqual([]);

    const ok = value(
      'residenceFormsAction',
      await api.residenceFormsAction({ formIds: [formId(1)], action: 'approve' }),
    );
    expect(ok.outboxIds).toHaveLength(1);
    const detail = value(
      'residenceFormDetail',
      await api.residenceFormDetail({ formId: formId(1) }),
    );
    expect(detail).toMatchObject({ status: 'approved' });
    expect(detail.allowed).toMatchObject({ approve: false, return: true, signAndSend: true });
    // Returned with a reason: back to the residence cell.
    value(
      'returnResidenceForm',
      await api.returnResidenceForm({ formId: formId(2), reason: 'Bổ sung' }),
    );
    expect(
      value('residenceFormDetail', await api.residenceFormDetail({ formId: formId(2) })),
    ).toMatchObject({ status: 'returned', reason: 'Bổ sung' });
  });
});

describe('files picked by the user', () => {
  it('a paper form with a hostile file is refused, a real scan is kept and queued', async () => {
    const { api, cache } = await as('wardApprover');
    const blobs = blobCacheRepo(cache.handle);
    const record = (scan: {
      fileName: string;
      contentType: 'application/pdf' | 'image/png';
      dataBase64: string;
    }) =>
      api.recordPaperResidenceForm({
        formId: formId(0),
        scan,
        broughtBy: 'Ông Nguyễn Văn Tổ',
        receivedOn: '2026-10-25',
      });
    // An executable named .pdf, a truncated PDF, a PNG declared as PDF.
    const exe = Buffer.from('MZ\x90\x00' + 'x'.repeat(200), 'latin1').toString('base64');
    const truncated = Buffer.from(pdfBase64, 'base64').subarray(0, 200).toString('base64');
    for (const scan of [
      { fileName: 'scan.pdf', contentType: 'application/pdf' as const, dataBase64: exe },
      { fileName: 'scan.pdf', contentType: 'application/pdf' as const, dataBase64: truncated },
      { fileName: 'scan.pdf', contentType: 'application/pdf' as const, dataBase64: PNG_BASE64 },
    ])
      expect(failure(await record(scan))).toMatchObject({
        code: 'unsupported_type',
        field: 'file',
      });
    const huge = Buffer.alloc(21 * 1024 * 1024).toString('base64');
    expect(
      failure(await record({ fileName: 'big.png', contentType: 'image/png', dataBase64: huge })),
    ).toMatchObject({ code: 'file_too_large' });
    expect(outboxRepo(cache.handle).list()).toEqual([]);
    expect(blobs.needingUpload()).toEqual([]);

    value(
      'recordPaperResidenceForm',
      await record({ fileName: 'phieu.png', contentType: 'image/png', dataBase64: PNG_BASE64 }),
    );
    const detail = value(
      'residenceFormDetail',
      await api.residenceFormDetail({ formId: formId(0) }),
    );
    expect(detail).toMatchObject({ status: 'sent', paper: true });
    expect(detail.paperForm).toMatchObject({
      broughtBy: 'Ông Nguyễn Văn Tổ',
      scan: { cached: true },
    });
    expect(blobs.needingUpload()).toEqual([detail.paperForm!.scan.sha256]);
  });

  it('the member sends his report; a refused step keeps no file', async () => {
    const { api, cache } = await as('member');
    const blobs = blobCacheRepo(cache.handle);
    const file = {
      fileName: 'bao-cao.pdf',
      contentType: 'application/pdf' as const,
      dataBase64: pdfBase64,
    };
    // Not his form: refused by the machine before the file is kept.
    expect(
      failure(await api.submitResidenceReport({ formId: formId(1), summary: 'Báo cáo', file })),
    ).toMatchObject({ code: 'not_your_form' });
    expect(blobs.needingUpload()).toEqual([]);
    value(
      'submitResidenceReport',
      await api.submitResidenceReport({ formId: formId(0), summary: 'Báo cáo', file }),
    );
    const detail = value(
      'residenceFormDetail',
      await api.residenceFormDetail({ formId: formId(0) }),
    );
    expect(detail.report).toMatchObject({
      summary: 'Báo cáo',
      file: { fileName: 'bao-cao.pdf', cached: true },
    });
    expect(outboxRepo(cache.handle).list()).toHaveLength(1);
  });
});

describe('the workplace makes its list', () => {
  it('offers its members with their residence cell, flagging those already listed', async () => {
    const { api } = await as('cell1Secretary');
    const { items } = value(
      'residenceCandidates',
      await api.residenceCandidates({ orgId: world.ward.cells[0]!.id, campaignYear: 2026 }),
    );
    const listed = items
      .filter((c) => c.alreadyListed)
      .map((c) => c.memberId)
      .sort();
    expect(listed).toEqual(world.cell1Residents.slice(0, 3).sort());
    const fourth = items.find((c) => c.memberId === world.cell1Residents[3])!;
    expect(fourth).toMatchObject({
      alreadyListed: false,
      residenceOrg: { name: 'Chi bộ Tổ dân phố số 5' },
      org: { name: 'Chi bộ Tổ dân phố số 1' },
    });
    const next = value(
      'residenceCandidates',
      await api.residenceCandidates({ orgId: world.ward.cells[0]!.id, campaignYear: 2027 }),
    );
    expect(next.items.some((c) => c.alreadyListed)).toBe(false);
  });

  it('a list naming a member twice is refused; a good one is queued and shown as drafted', async () => {
    const { api, cache } = await as('cell1Secretary');
    const [a, b] = world.cell1Residents.slice(3);
    const item = (memberId: string) => ({
      memberId,
      residenceOrgId: world.ward.cells[4]!.id,
      reportRequired: false,
      exemption: null,
    });
    const base = {
      campaignYear: 2026,
      workplaceOrgId: world.ward.cells[0]!.id,
      kind: 'comment' as const,
    };
    expect(
      failure(await api.createResidenceList({ ...base, items: [item(a!), item(a!)] })),
    ).toMatchObject({ code: 'duplicate_member' });
    expect(outboxRepo(cache.handle).list()).toEqual([]);

    const created = value(
      'createResidenceList',
      await api.createResidenceList({ ...base, items: [item(a!), item(b!)] }),
    );
    const lists = value('residenceLists', await api.residenceLists({ campaignYear: 2026 })).items;
    expect(lists.map((l) => [l.id, l.status])).toEqual([
      [created.requestId, 'draft'],
      [world.list.id, 'sent'],
    ]);
    value(
      'residenceListAction',
      await api.residenceListAction({ requestId: created.requestId, action: 'submit' }),
    );
    const detail = value(
      'residenceListDetail',
      await api.residenceListDetail({ requestId: created.requestId }),
    );
    expect(detail).toMatchObject({
      status: 'pending_approval',
      memberCount: 2,
      commentCount: 2,
      pendingActions: 2,
      byResidenceOrg: [{ name: 'Chi bộ Tổ dân phố số 5', memberCount: 2 }],
    });
    expect(detail.allowed).toMatchObject({ approve: true, signAndApprove: true, send: false });
    expect(detail.pending[0]!.label).toBe(
      'Danh sách đảng viên cần giới thiệu và xin nhận xét tại nơi cư trú năm 2026 — Chi bộ Tổ dân phố số 1',
    );
    expect(
      outboxRepo(cache.handle)
        .list()
        .map((i) => [i.mutation.action.type, i.baseRev]),
    ).toEqual([
      ['create', 0],
      ['submit', 0],
    ]);
  });

  it('a residence-cell secretary cannot make a list for another cell', async () => {
    const { api } = await as('cell5Secretary');
    const err = failure(
      await api.createResidenceList({
        campaignYear: 2026,
        workplaceOrgId: world.ward.cells[0]!.id,
        kind: 'comment',
        items: [
          {
            memberId: world.cell1Residents[3]!,
            residenceOrgId: world.ward.cells[4]!.id,
            reportRequired: false,
            exemption: null,
          },
        ],
      }),
    );
    expect(err).toMatchObject({ code: 'not_processor' });
  });
});

describe('"Tải tất cả": the forms back, for the archive', () => {
  it('zips the signed form and the paper scan named by member; an open form is refused', async () => {
    const { api, cache } = await as('cell1Secretary');
    const blobs = blobCacheRepo(cache.handle);
    for (const [bytes, contentType] of [
      [FILES.signedForm, 'application/pdf'],
      [FILES.paperScan, 'image/png'],
    ] as const)
      blobs.put({ sha256: sha256Of(bytes), contentType, bytes, needsUpload: false });

    expect(
      failure(await api.exportResidenceForms({ formIds: [formId(3), formId(0)] })),
    ).toMatchObject({ code: 'not_sent' });
    const file = value(
      'exportResidenceForms',
      await api.exportResidenceForms({ formIds: [formId(3), formId(4)] }),
    );
    expect(file).toMatchObject({
      fileName: 'phieu-nhan-xet-noi-cu-tru-2026.zip',
      contentType: 'application/zip',
    });
    // Read back by the system's unzip: an independent reader of the format.
    const zip = join(dir, 'export.zip');
    writeFileSync(zip, Buffer.from(file.dataBase64, 'base64'));
    execFileSync('unzip', ['-tq', zip]);
    const names = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).trim().split('\n');
    const slug = (i: number) =>
      world.ward.members[i]!.fullName.normalize('NFD')
        .replace(/\p{M}/gu, '')
        .replace(/đ/g, 'd')
        .replace(/Đ/g, 'D')
        .toLowerCase()
        .replace(/ /g, '-');
    expect(names).toEqual([
      `phieu-nhan-xet-2026-${slug(9)}.pdf`,
      `phieu-giay-2026-${slug(12)}.png`,
    ]);
    expect(execFileSync('unzip', ['-p', zip, names[0]!])).toEqual(FILES.signedForm);
    expect(execFileSync('unzip', ['-p', zip, names[1]!])).toEqual(FILES.paperScan);
  });
});
