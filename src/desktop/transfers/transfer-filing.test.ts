/**
 * The member's transfer calls on a real SQLite cache, logged in offline: his own dossiers with
 * their trail and filer, "Nộp lại" of a returned one through the machine and the outbox, and
 * filing refused offline (it needs the server).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DossierWire } from '../../api/transfers';
import { blobCacheRepo } from '../../sync/repositories/blob-cache';
import { change, uid, userRoleWire, userWire } from '../../sync/test-support/wire';
import { failure, value } from '../test-support/call-results';
import {
  openAs,
  submitted,
  transferWorld,
  type OpenedService,
  type Staff,
  type TransferWorld,
} from './test-support/transfer-world';

const dir = mkdtempSync(join(tmpdir(), 'desktop-transfer-filing-'));
let world: TransferWorld;
let member: Staff;
let pdfBase64: string;
const opened: OpenedService[] = [];

/** A dossier the cell returned to the member, as pull brings it. */
function returned(d: DossierWire): DossierWire {
  return DossierWire.parse({
    ...d,
    status: 'returned',
    reason: 'Thiếu đơn xin chuyển sinh hoạt',
    updatedAt: '2026-03-04T08:00:00.000Z',
    history: [
      ...d.history,
      {
        type: 'return',
        orgId: d.fromOrgId,
        actorId: uid(999_002),
        actorName: 'Phạm Văn Bình',
        at: '2026-03-04T08:00:00.000Z',
        reason: 'Thiếu đơn xin chuyển sinh hoạt',
        nextOrgId: null,
        signedPdfSha256: null,
      },
    ],
  });
}

beforeAll(async () => {
  const doc = await PDFDocument.create();
  doc.addPage();
  pdfBase64 = Buffer.from(await doc.save()).toString('base64');
  world = transferWorld((ward) => {
    const own = submitted(ward, 1, 0, ward.cells[4]!, { submittedAt: '2026-03-02T08:00:00.000Z' });
    // Filed for him by the cell's secretary.
    const onBehalf = DossierWire.parse({
      ...submitted(ward, 2, 0, ward.cells[6]!, {
        variant: 'temporary',
        submittedAt: '2026-03-03T08:00:00.000Z',
      }),
      filedBy: { userId: uid(999_001), fullName: 'Phạm Văn Bình', onBehalf: true },
    });
    // Filed by the secretary of cell 1 (staff #3 of the world) for a cellmate, then returned.
    const forCellmate = DossierWire.parse({
      ...returned(submitted(ward, 4, 3, ward.cells[9]!)),
      filedBy: { userId: uid(300_053), fullName: 'Phạm Văn Bình', onBehalf: true },
    });
    return [returned(own), onBehalf, submitted(ward, 3, 1, ward.cells[8]!), forCellmate];
  });
  const self = world.ward.members[0]!;
  member = {
    user: userWire(80, self.homeOrgId, {
      username: 'dangvien.cb1',
      fullName: self.fullName,
      memberId: self.id,
    }),
    grants: [{ role: 'member', orgId: self.homeOrgId }],
  };
  world.changes.push(
    change.user(member.user),
    change.userRole({
      ...userRoleWire(200, member.user.id, self.homeOrgId),
      role: 'member',
    }),
  );
});
afterAll(async () => {
  for (const o of opened) await o.close();
  rmSync(dir, { recursive: true, force: true });
});

async function as(who: Staff) {
  const o = await openAs(dir, world, who);
  opened.push(o);
  return o;
}

const ownId = () => world.dossiers[0]!.id;
const onBehalfId = () => world.dossiers[1]!.id;

describe('"Chuyển sinh hoạt đảng" of the member', () => {
  it('lists his own dossiers only, newest first, with status, trail and filer', async () => {
    const { api } = await as(member);
    const { items } = value('myTransfers', await api.myTransfers({}));
    expect(items.map((i) => i.id)).toEqual([onBehalfId(), ownId()]);
    expect(items[0]).toMatchObject({
      variant: 'temporary',
      status: 'pending_check',
      filedByVi: 'Nộp hộ bởi Phạm Văn Bình',
      canResubmit: false,
      destinationOrg: { name: 'Chi bộ Tổ dân phố số 7' },
    });
    expect(items[1]).toMatchObject({
      status: 'returned',
      reason: 'Thiếu đơn xin chuyển sinh hoạt',
      filedByVi: null,
      canResubmit: true,
    });
    expect(items[1]!.history.map((h) => h.label)).toEqual(['Nộp hồ sơ', 'Trả lại']);
    expect(items[1]!.route[0]).toMatchObject({ state: 'current', side: 'from' });
  });

  it('staff have no dossiers of their own', async () => {
    const { api } = await as(world.staff.cell1Secretary);
    expect(value('myTransfers', await api.myTransfers({})).items).toEqual([]);
  });

  it('"Nộp lại" queues the corrected form with a new file; the list shows it sent for check', async () => {
    const { api, cache } = await as(member);
    const before = value('myTransfers', await api.myTransfers({})).items[1]!;
    // The machine runs at the real clock: the move is recent.
    const movedOn = new Date().toISOString().slice(0, 10);
    const form = { ...before.form, movedOn, reason: 'Chuyển nơi cư trú, bổ sung đơn' };
    const bad = failure(
      await api.resubmitTransfer({
        dossierId: ownId(),
        form,
        files: [{ fileName: 'don.pdf', contentType: 'application/pdf', dataBase64: 'aGVsbG8=' }],
      }),
    );
    expect(bad).toMatchObject({ code: 'unsupported_type', field: 'file' });

    const file = { fileName: 'Đơn xin chuyển.pdf', contentType: 'application/pdf' as const };
    const queued = value(
      'resubmitTransfer',
      await api.resubmitTransfer({
        dossierId: ownId(),
        form,
        files: [{ ...file, dataBase64: pdfBase64 }],
      }),
    );
    expect(queued.outboxId).toMatch(/[0-9a-f-]{36}/);
    const after = value('myTransfers', await api.myTransfers({})).items[1]!;
    expect(after).toMatchObject({
      status: 'pending_check',
      reason: null,
      canResubmit: false,
      pendingActions: 1,
      form: { reason: 'Chuyển nơi cư trú, bổ sung đơn' },
      attachments: [{ fileName: 'Đơn xin chuyển.pdf', cached: true }],
    });
    expect(after.history.map((h) => h.label)).toEqual(['Nộp hồ sơ', 'Trả lại', 'Nộp lại hồ sơ']);
    // The file waits for upload; the outbox sends it before the mutation.
    const sha = after.attachments[0]!.sha256;
    expect(blobCacheRepo(cache.handle).needingUpload()).toEqual([sha]);
    // Once queued, it is no longer returned: a second "Nộp lại" is refused by the machine.
    expect(
      failure(await api.resubmitTransfer({ dossierId: ownId(), form, keep: [sha] })),
    ).toMatchObject({ code: 'not_allowed_now' });
  });

  it('staff do not resubmit a member’s dossier', async () => {
    const { api } = await as(world.staff.cell1Secretary);
    const d = world.dossiers[0]!;
    const refused = failure(await api.resubmitTransfer({ dossierId: d.id, form: d.form }));
    expect(refused).toMatchObject({ code: 'not_your_dossier' });
  });

  it('the secretary who filed for a cellmate resubmits it once returned; other staff may not', async () => {
    const d = world.dossiers[3]!;
    expect(d.filedBy?.userId).toBe(world.staff.cell1Secretary.user.id);
    const form = { ...d.form, movedOn: new Date().toISOString().slice(0, 10) };
    const other = await as(world.staff.wardProcessor);
    const seen = value('dossierDetail', await other.api.dossierDetail({ dossierId: d.id }));
    expect(seen.allowed.resubmit).toBe(false);
    expect(failure(await other.api.resubmitTransfer({ dossierId: d.id, form }))).toMatchObject({
      code: 'not_your_dossier',
    });

    const { api } = await as(world.staff.cell1Secretary);
    const detail = value('dossierDetail', await api.dossierDetail({ dossierId: d.id }));
    expect(detail.allowed).toMatchObject({ resubmit: true, check: false });
    const queued = value('resubmitTransfer', await api.resubmitTransfer({ dossierId: d.id, form }));
    expect(queued.outboxId).toMatch(/[0-9a-f-]{36}/);
    const after = value('dossierDetail', await api.dossierDetail({ dossierId: d.id }));
    expect(after.shown.status).toBe('pending_check');
    expect(after.allowed.resubmit).toBe(false);
  });

  it('filing needs the server: offline it says so, after checking the files', async () => {
    const { api } = await as(member);
    const form = world.dossiers[0]!.form;
    const offline = failure(await api.fileTransfer({ variant: 'official', form }));
    expect(offline).toMatchObject({ code: 'offline' });
    expect(offline.messageVi).toMatch(/kết nối mạng/);
    const bad = failure(
      await api.fileTransfer({
        variant: 'official',
        form,
        files: [{ fileName: 'a.png', contentType: 'image/png', dataBase64: pdfBase64 }],
      }),
    );
    expect(bad).toMatchObject({ code: 'unsupported_type' });
    expect(failure(await api.transferDestinations({ q: 'chi bộ' }))).toMatchObject({
      code: 'offline',
    });
  });
});
