/**
 * The transfer calls of the desktop service on a real SQLite cache, logged in offline: lists per
 * side, the optimistic overlay of queued actions, the machine's refusals, the outbox, files.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobCacheRepo, sha256Of } from '../../sync/repositories/blob-cache';
import { createCacheWriter } from '../../sync/repositories/cache-writer';
import { outboxRepo } from '../../sync/repositories/outbox';
import { change } from '../../sync/test-support/wire';
import { type DesktopEvent } from '../contract';
import type { DesktopService } from '../desktop-service';
import {
  openAs,
  submitted,
  transferWorld,
  type OpenedService,
  type TransferWorld,
} from './test-support/transfer-world';
import { failure, value } from '../test-support/call-results';

const dir = mkdtempSync(join(tmpdir(), 'desktop-transfers-'));
let pdfBytes: Buffer;
let world: TransferWorld;
const opened: OpenedService[] = [];

beforeAll(async () => {
  const doc = await PDFDocument.create();
  doc.addPage();
  pdfBytes = Buffer.from(await doc.save());
  world = transferWorld((ward) => [
    // cell 1 → ward → cell 5, with one PDF attachment.
    submitted(ward, 1, 0, ward.cells[4]!, {
      submittedAt: '2026-03-02T08:00:00.000Z',
      attachments: [
        {
          sha256: sha256Of(pdfBytes),
          fileName: 'don.pdf',
          contentType: 'application/pdf',
          size: pdfBytes.length,
        },
      ],
    }),
    // cell 2 → ward → cell 7, newer.
    submitted(ward, 2, 1, ward.cells[6]!, { submittedAt: '2026-03-03T08:00:00.000Z' }),
    // A temporary transfer from cell 1 to cell 9.
    submitted(ward, 3, 3, ward.cells[8]!, { variant: 'temporary' }),
  ]);
});
afterAll(async () => {
  for (const o of opened) await o.close();
  rmSync(dir, { recursive: true, force: true });
});

async function as(who: keyof TransferWorld['staff']) {
  const o = await openAs(dir, world, world.staff[who]);
  opened.push(o);
  return o;
}

/** One list of dossiers, checked against the contract. */
async function listOf(api: DesktopService, query: Parameters<DesktopService['listDossiers']>[0]) {
  return value('listDossiers', await api.listDossiers(query));
}
const OFFICIAL_OUT = { variant: 'official', side: 'outgoing' } as const;
const OFFICIAL_IN = { variant: 'official', side: 'incoming' } as const;

const d1 = () => world.dossiers[0]!;
const d2 = () => world.dossiers[1]!;
const d3 = () => world.dossiers[2]!;

describe('lists "nơi chuyển đi / nơi chuyển đến"', () => {
  it('a cell secretary sees the dossiers leaving the cell, not those arriving elsewhere', async () => {
    const { api } = await as('cell1Secretary');
    const out = await listOf(api, OFFICIAL_OUT);
    expect(out.items.map((i) => i.id)).toEqual([d1().id]);
    expect(out.items[0]).toMatchObject({
      status: 'pending_check',
      member: { fullName: world.ward.members[0]!.fullName },
      fromOrg: { name: 'Chi bộ Tổ dân phố số 1' },
      destinationOrg: { name: 'Chi bộ Tổ dân phố số 5' },
      currentOrg: { name: 'Chi bộ Tổ dân phố số 1' },
      awaitingMe: true,
      pendingActions: 0,
      needsAttention: false,
      overdue: false,
    });
    const incoming = await listOf(api, OFFICIAL_IN);
    expect(incoming.items).toEqual([]);
    const temporary = await listOf(api, { variant: 'temporary', side: 'outgoing' });
    expect(temporary.items.map((i) => i.id)).toEqual([d3().id]);
  });

  it('orgs outside the cached scope are named as the dossier came with them', async () => {
    const { api, cache } = await as('cell1Secretary');
    // The cell's own cache holds its subtree and ancestors only: not the destination cell.
    createCacheWriter(cache.handle).applyPage(
      [change.delete('org', world.ward.cells[4]!.id)],
      'c2',
    );
    const out = await listOf(api, OFFICIAL_OUT);
    expect(out.items[0]!.destinationOrg.name).toBe('Chi bộ Tổ dân phố số 5');
    const detail = value('dossierDetail', await api.dossierDetail({ dossierId: d1().id }));
    expect(detail.route.map((r) => [r.name, r.type])).toEqual([
      ['Chi bộ Tổ dân phố số 1', 'grassroots_cell'],
      ['Đảng bộ Phường Việt Hưng', 'superior_committee'],
      ['Chi bộ Tổ dân phố số 5', null],
    ]);
  });

  it('the receiving cell sees it as incoming, not waiting for it yet', async () => {
    const { api } = await as('cell5Secretary');
    const incoming = await listOf(api, OFFICIAL_IN);
    expect(incoming.items.map((i) => [i.id, i.awaitingMe])).toEqual([[d1().id, false]]);
    const outgoing = await listOf(api, OFFICIAL_OUT);
    expect(outgoing.items).toEqual([]);
  });

  it('the ward sees every dossier of its cells, newest first; filters by name, id, waiting', async () => {
    const { api } = await as('wardProcessor');
    const all = await listOf(api, OFFICIAL_OUT);
    expect(all.items.map((i) => i.id)).toEqual([d2().id, d1().id]);
    expect(all.items.every((i) => i.awaitingMe)).toBe(true);
    const member = world.ward.members[0]!;
    // Typed as people do: the surname without its marks, the given name with them.
    const words = member.fullName.split(' ');
    const surname = words[0]!.normalize('NFD').replace(/\p{M}/gu, '').replace(/Đ/g, 'D');
    const byName = await listOf(api, {
      ...OFFICIAL_OUT,
      q: `${surname.toLowerCase()} ${words.at(-1)}`,
    });
    expect(byName.items.map((i) => i.id)).toContain(d1().id);
    expect(byName.items.map((i) => i.id)).not.toContain(d2().id);
    const byId = await listOf(api, { ...OFFICIAL_OUT, q: member.citizenId.slice(0, 9) });
    expect(byId.items.map((i) => i.id)).toEqual([d1().id]);
    const limited = await listOf(api, { ...OFFICIAL_OUT, limit: 1 });
    expect(limited).toMatchObject({ truncated: true, items: [{ id: d2().id }] });
  });
});

describe('actions queue in the outbox and show at once', () => {
  it('a queued check, then a forward: the dossier shows them before the server knows', async () => {
    const { api } = await as('wardProcessor');
    const events: DesktopEvent['type'][] = [];
    api.subscribe((e) => events.push(e.type));
    const { outboxId } = value(
      'checkDossier',
      await api.checkDossier({ dossierId: d1().id, data: { letterNumber: '12-GGT/CB' } }),
    );
    expect(events).toEqual(expect.arrayContaining(['outbox-changed', 'dossiers-changed']));

    let detail = value('dossierDetail', await api.dossierDetail({ dossierId: d1().id }));
    expect(detail.dossier.status).toBe('pending_check');
    expect(detail.shown).toMatchObject({
      status: 'checked',
      nextOrgId: world.ward.root.id,
      checkedData: { letterNumber: '12-GGT/CB' },
    });
    expect(detail.pending).toMatchObject([
      { id: outboxId, actionType: 'check', status: 'pending' },
    ]);
    expect(detail.allowed).toEqual({
      check: true,
      forward: true,
      signAndForward: false,
      return: true,
      reject: true,
      resubmit: false,
    });
    expect(detail.proposedNextOrg).toEqual({
      id: world.ward.root.id,
      name: 'Đảng bộ Phường Việt Hưng',
    });
    expect(detail.route.map((s) => [s.name, s.side, s.state])).toEqual([
      ['Chi bộ Tổ dân phố số 1', 'from', 'current'],
      ['Đảng bộ Phường Việt Hưng', 'from', 'later'],
      ['Chi bộ Tổ dân phố số 5', 'to', 'later'],
    ]);
    expect(detail.attachments).toEqual([
      expect.objectContaining({ fileName: 'don.pdf', cached: false }),
    ]);

    value('forwardDossier', await api.forwardDossier({ dossierId: d1().id }));
    detail = value('dossierDetail', await api.dossierDetail({ dossierId: d1().id }));
    expect(detail.shown).toMatchObject({
      status: 'pending_check',
      position: 1,
      currentOrgId: world.ward.root.id,
    });
    expect(detail.currentOrg.name).toBe('Đảng bộ Phường Việt Hưng');
    expect(detail.history.map((h) => h.label)).toEqual(['Nộp hồ sơ', 'Kiểm tra', 'Chuyển tiếp']);
    expect(detail.history[1]).toMatchObject({
      actorName: 'Lê Minh Tuấn',
      org: { name: 'Chi bộ Tổ dân phố số 1' },
      nextOrg: { name: 'Đảng bộ Phường Việt Hưng' },
    });

    // Both rest on the rev the user saw: the outbox rebases the second once the first applies.
    const outbox = value('listOutbox', await api.listOutbox({}));
    expect(outbox.items.map((i) => i.actionType)).toEqual(['check', 'forward']);
    expect(outbox.items[0]!.label).toBe(
      `${world.ward.members[0]!.fullName} — Chuyển sinh hoạt đảng chính thức`,
    );
    const list = await listOf(api, OFFICIAL_OUT);
    expect(list.items.find((i) => i.id === d1().id)).toMatchObject({
      pendingActions: 2,
      currentOrg: { name: 'Đảng bộ Phường Việt Hưng' },
    });

    // Dropping the check drops the forward decided on top of it.
    value('discardOutboxEntry', await api.discardOutboxEntry({ id: outboxId }));
    expect(value('listOutbox', await api.listOutbox({})).items).toEqual([]);
    detail = value('dossierDetail', await api.dossierDetail({ dossierId: d1().id }));
    expect(detail.shown.status).toBe('pending_check');
    expect(detail.shown.position).toBe(0);
  });

  it('an applied action stays on screen until the pull brings the server’s state', async () => {
    const { api, cache } = await as('wardProcessor');
    const { outboxId } = value(
      'checkDossier',
      await api.checkDossier({ dossierId: d1().id, data: { letterNumber: '12-GGT/CB' } }),
    );
    // The server applies it (push), and the pull has not come yet.
    const outbox = outboxRepo(cache.handle);
    outbox.markSending([outboxId]);
    const serverRev = 900_000;
    outbox.record([
      { id: outboxId, status: 'applied', rev: serverRev, code: null, message: '', messageVi: '' },
    ]);
    let detail = value('dossierDetail', await api.dossierDetail({ dossierId: d1().id }));
    expect(detail.dossier.status).toBe('pending_check');
    expect(detail.shown.status).toBe('checked');
    // Sent: nothing is pending any more, in the dossier, its list or the outbox.
    expect(detail.pending).toEqual([]);
    expect(value('listOutbox', await api.listOutbox({})).items).toEqual([]);
    expect((await listOf(api, OFFICIAL_OUT)).items.find((i) => i.id === d1().id)).toMatchObject({
      status: 'checked',
      pendingActions: 0,
    });

    // The pull brings the checked dossier at the server's rev: it is shown as pulled, and the
    // applied entry is not applied a second time on top of it.
    const checked = { ...d1(), status: 'checked' as const, nextOrgId: world.ward.root.id };
    createCacheWriter(cache.handle).applyPage(
      [{ ...change.dossier(checked), rev: serverRev }],
      'after-push',
    );
    detail = value('dossierDetail', await api.dossierDetail({ dossierId: d1().id }));
    expect(detail.dossier.status).toBe('checked');
    expect(detail.shown.status).toBe('checked');
    expect(outbox.appliedAbove('dossier', d1().id, serverRev)).toEqual([]);
  });

  it('return and reject need a reason and are queued with it', async () => {
    const { api } = await as('wardProcessor');
    const blank = failure(await api.returnDossier({ dossierId: d2().id, reason: '  ' }));
    expect(blank).toMatchObject({ code: 'invalid_input', field: 'reason' });
    value(
      'returnDossier',
      await api.returnDossier({ dossierId: d2().id, reason: 'Thiếu quyết định chuyển công tác' }),
    );
    const detail = value('dossierDetail', await api.dossierDetail({ dossierId: d2().id }));
    expect(detail.shown).toMatchObject({
      status: 'returned',
      reason: 'Thiếu quyết định chuyển công tác',
    });
    // Returned to the member: nothing left for staff to do.
    expect(Object.values(detail.allowed).some(Boolean)).toBe(false);
  });
});

describe('the machine refuses on the desktop what the server would refuse', () => {
  it('only processors or approvers of the org holding the dossier act on it', async () => {
    const { api } = await as('cell1Secretary');
    const err = failure(await api.checkDossier({ dossierId: d2().id }));
    expect(err).toMatchObject({
      code: 'not_processor',
      messageVi: expect.stringContaining('Chỉ cán bộ xử lý'),
    });
    expect(value('listOutbox', await api.listOutbox({})).items).toEqual([]);
  });

  it('approve before check, a next org off the tree, signing without the approver role', async () => {
    const { api } = await as('wardProcessor');
    expect(failure(await api.forwardDossier({ dossierId: d3().id }))).toMatchObject({
      code: 'not_checked',
    });
    const offRoute = failure(
      await api.checkDossier({ dossierId: d3().id, nextOrgId: world.ward.cells[6]!.id }),
    );
    expect(offRoute).toMatchObject({
      code: 'invalid_next_org',
      messageVi: expect.stringMatching(/không hợp lệ/),
    });
    value('checkDossier', await api.checkDossier({ dossierId: d3().id }));
    // Refused before the token is touched: no module is configured here.
    const sign = failure(
      await api.signAndForwardDossier({
        dossierId: d3().id,
        slotId: '00',
        certificateId: '01',
        pin: '123456',
      }),
    );
    expect(sign).toMatchObject({ code: 'not_approver' });
    expect(
      failure(await api.dossierDetail({ dossierId: '00000000-0000-4000-8000-00000000dead' })),
    ).toMatchObject({ code: 'not_found' });
  });
});

describe('files', () => {
  it('offline, a file not downloaded says so; a cached one opens', async () => {
    const { api, cache } = await as('cell1Secretary');
    const sha = sha256Of(pdfBytes);
    const missing = failure(await api.readBlob({ sha256: sha }));
    expect(missing).toMatchObject({
      code: 'not_cached',
      messageVi: expect.stringContaining('chưa được tải về'),
    });
    blobCacheRepo(cache.handle).put({
      sha256: sha,
      contentType: 'application/pdf',
      bytes: pdfBytes,
      needsUpload: false,
    });
    const read = value('readBlob', await api.readBlob({ sha256: sha }));
    expect(Buffer.from(read.base64, 'base64').equals(pdfBytes)).toBe(true);
    expect(read).toMatchObject({ contentType: 'application/pdf', size: pdfBytes.length });
    const detail = value('dossierDetail', await api.dossierDetail({ dossierId: d1().id }));
    expect(detail.attachments[0]!.cached).toBe(true);
    // An unsigned PDF has no signatures to show.
    expect(
      value('verifyPdfSignatures', await api.verifyPdfSignatures({ sha256: sha })).signatures,
    ).toEqual([]);
    // A damaged PDF is refused with a message, not a crash.
    const broken = Buffer.from('%PDF-1.7\nnot really\n', 'latin1');
    blobCacheRepo(cache.handle).put({
      sha256: sha256Of(broken),
      contentType: 'application/pdf',
      bytes: broken,
      needsUpload: false,
    });
    expect(failure(await api.verifyPdfSignatures({ sha256: sha256Of(broken) }))).toMatchObject({
      code: 'invalid_pdf',
    });
  });
});
