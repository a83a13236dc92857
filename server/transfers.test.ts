import { randomUUID } from 'node:crypto';
import { PDFDocument } from '@cantoo/pdf-lib';
import { afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { serverEngines } from '../scripts/test-support/databases';
import { PullResponse } from '../src/api/sync';
import type { SubmitTransferRequest } from '../src/api/transfers';
import type { TransferAction } from '../src/domain/procedures/transfer-dossier';
import { findVisibleMember } from './repositories/members';
import { openTransferServer, staff, type TransferTestServer } from './test-support/transfers';
import { buildScope } from './scope/scope';
import { ids } from './test-support/fixture';

let pdf: Buffer;
beforeAll(async () => {
  const doc = await PDFDocument.create();
  doc.addPage();
  pdf = Buffer.from(await doc.save({ useObjectStreams: false }));
});

export const form = (
  destinationOrgId: string,
  extra: Partial<SubmitTransferRequest['form']> = {},
) => ({
  destinationOrgId,
  reason: 'Chuyển nơi cư trú',
  movedOn: '2026-01-02',
  newAddress: 'Số 5 ngõ 12, Phúc Lợi',
  temporary: null,
  ...extra,
});

describe.each(serverEngines)('transfers on %s', (engine) => {
  let t: TransferTestServer;
  beforeEach(async () => {
    t = await openTransferServer({
      engine,
      postgresUrl: inject('postgresUrl'),
      blobMaxBytes: 64 * 1024,
    });
  });
  afterEach(() => t?.close());

  it('blobs: content-addressed, idempotent, sniffed, limited, readable by who may', async () => {
    const member = await t.tokenFor('dv.duc');
    const sha = await t.upload(member, pdf);
    expect(await t.upload(member, pdf)).toBe(sha);
    const put = (bytes: Buffer, hash = sha) =>
      t.app.inject({
        method: 'PUT',
        url: `/v1/blobs/${hash}`,
        headers: { authorization: `Bearer ${member}`, 'content-type': 'application/pdf' },
        payload: bytes,
      });
    expect((await put(Buffer.from('other bytes'))).json()).toMatchObject({ field: 'sha256' });
    const { createHash } = await import('node:crypto');
    const hashOf = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    const text = Buffer.from('just text, named letter.pdf');
    expect((await put(text, hashOf(text))).statusCode).toBe(415);
    const truncated = pdf.subarray(0, pdf.length - 30);
    const bad = await put(truncated, hashOf(truncated));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().messageVi).toMatch(/PDF bị hỏng/);
    const big = Buffer.concat([pdf, Buffer.alloc(70 * 1024)]);
    expect((await put(big, hashOf(big))).statusCode).toBe(413);

    const got = await t.request('GET', `/v1/blobs/${sha}`, member);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.rawPayload.equals(pdf)).toBe(true);
    // Not uploaded by them, not on a dossier of theirs.
    const stranger = await t.tokenFor('qt.phucloi');
    expect((await t.request('GET', `/v1/blobs/${sha}`, stranger)).statusCode).toBe(404);
  });

  it('a member submits with attachments; a retry creates nothing; staff see it', async () => {
    const member = await t.tokenFor('dv.duc');
    const sha = await t.upload(member, pdf);
    const body = {
      id: randomUUID(),
      variant: 'official' as const,
      form: form(ids.otherCell),
      attachments: [
        {
          sha256: sha,
          fileName: 'Đơn xin chuyển.pdf',
          contentType: 'application/pdf' as const,
          size: pdf.length,
        },
      ],
    };
    const d = await t.submit(member, body);
    expect(d).toMatchObject({
      status: 'pending_check',
      currentOrgId: ids.cell1,
      route: { orgIds: [ids.cell1, ids.ward, ids.province, ids.otherWard, ids.otherCell] },
      overdue: false,
    });
    expect(d.history.map((e) => e.type)).toEqual(['submit']);
    expect(d.filedBy).toEqual({
      userId: staff.member.id,
      fullName: 'Nguyễn Văn Đức',
      onBehalf: false,
    });
    expect((await t.submit(member, body)).rev).toBe(d.rev);
    const mine = await t.request('GET', '/v1/me/transfers', member);
    expect(mine.json().items).toHaveLength(1);

    // An attachment that was never uploaded is refused with its field.
    const missing = await t.request('POST', '/v1/transfers', member, {
      ...body,
      id: randomUUID(),
      attachments: [{ ...body.attachments[0], sha256: 'b'.repeat(64) }],
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ field: 'attachments.0' });

    // The receiving ward's processor is on the route: the dossier and its attachment reach them.
    const receiving = await t.tokenFor('xuly.phucloi');
    expect((await t.dossier(receiving, d.id)).id).toBe(d.id);
    expect((await t.request('GET', `/v1/blobs/${sha}`, receiving)).statusCode).toBe(200);
    const pulled = PullResponse.parse((await t.request('GET', '/v1/sync/pull', receiving)).json());
    expect(pulled.changes.filter((c) => c.entity === 'dossier').map((c) => c.id)).toEqual([d.id]);
    // With the names of every org on its route, the sending cell too (outside their scope).
    const wire = pulled.changes.find((c) => c.entity === 'dossier');
    const names =
      wire?.op === 'upsert' && wire.entity === 'dossier' ? wire.data.orgNames : undefined;
    expect(Object.keys(names ?? {}).sort()).toEqual([...d.route.orgIds].sort());
    expect(names?.[ids.cell1]).toMatch(/\S/);
    // Staff who name no member file for nobody: they have no member record of their own.
    const staffToken = await t.tokenFor('bithu.tdp1');
    expect((await t.request('POST', '/v1/transfers', staffToken, body)).statusCode).toBe(403);
  });

  it('staff of the member’s cell (or above) file on his behalf; the filer is on record', async () => {
    const secretary = await t.tokenFor('bithu.tdp1');
    const sha = await t.upload(secretary, pdf);
    const attachment = {
      sha256: sha,
      fileName: 'Đơn xin chuyển.pdf',
      contentType: 'application/pdf' as const,
      size: pdf.length,
    };
    const fileFor = (forMemberId: string) => ({
      id: randomUUID(),
      variant: 'official' as const,
      form: form(ids.otherCell),
      attachments: [attachment],
      forMemberId,
    });
    const d = await t.submit(secretary, fileFor(ids.members[0]));
    expect(d).toMatchObject({
      memberId: ids.members[0],
      status: 'pending_check',
      currentOrgId: ids.cell1,
      filedBy: { userId: ids.secretary, fullName: 'Ngô Văn Minh', onBehalf: true },
    });
    expect(d.history).toMatchObject([
      { type: 'submit', actorId: ids.secretary, actorName: 'Ngô Văn Minh' },
    ]);

    // The member follows it as his own, attachment included; the trail names the filer.
    const member = await t.tokenFor('dv.duc');
    const mine = await t.request('GET', '/v1/me/transfers', member);
    expect(mine.json().items).toMatchObject([{ id: d.id, filedBy: { onBehalf: true } }]);
    expect((await t.request('GET', `/v1/blobs/${sha}`, member)).statusCode).toBe(200);
    // Pull carries the filer to the orgs of the route.
    const receiving = await t.tokenFor('xuly.phucloi');
    const pulled = PullResponse.parse((await t.request('GET', '/v1/sync/pull', receiving)).json());
    const wire = pulled.changes.find((c) => c.entity === 'dossier' && c.id === d.id);
    expect(wire?.op === 'upsert' && wire.entity === 'dossier' && wire.data.filedBy).toMatchObject({
      fullName: 'Ngô Văn Minh',
      onBehalf: true,
    });

    // A processor of the ward above files for another member of the cell.
    const ward = await t.tokenFor('xuly.viethung');
    const forCellmate = await t.submit(ward, { ...fileFor(ids.members[1]), attachments: [] });
    expect(forCellmate.filedBy).toMatchObject({ userId: ids.delegate, onBehalf: true });

    const status = async (who: string, forMemberId: string) =>
      (await t.request('POST', '/v1/transfers', await t.tokenFor(who), fileFor(forMemberId)))
        .statusCode;
    // Outside the filer's read scope the member does not exist for him.
    expect(await status('bithu.tdp9', ids.members[0])).toBe(404);
    expect(await status('bithu.tdp2', ids.members[0])).toBe(404);
    expect(await status('dv.duc', ids.members[1])).toBe(404);
    // Seen (he lives in the ward) but registered in another ward's cell: not his to file.
    expect(await status('xuly.viethung', ids.members[4])).toBe(403);
    // An admin without a processor or approver grant files nothing.
    expect(await status('qt.phucloi', ids.outsider)).toBe(403);
  });

  it('finds destination cells anywhere in the tree, named with the org above them', async () => {
    const member = await t.tokenFor('dv.duc');
    const res = await t.request('GET', '/v1/transfers/destinations?q=to%20dan%20pho%209', member);
    expect(res.statusCode).toBe(200);
    // Outside the member's read scope (another ward), yet the place he moves to.
    expect(res.json().items).toEqual([
      {
        id: ids.otherCell,
        code: '2256202',
        name: 'Chi bộ Tổ dân phố số 9',
        parentName: 'Đảng bộ Phường Phúc Lợi',
      },
    ]);
    const byCode = await t.request('GET', '/v1/transfers/destinations?q=2256', member);
    expect(
      byCode
        .json()
        .items.map((o: { id: string }) => o.id)
        .sort(),
    ).toEqual([ids.cell1, ids.cell2, ids.cell3, ids.otherCell].sort());
  });

  /** Checks and forwards at each hop with the given accounts; returns the last push results. */
  async function walk(id: string, actors: string[], last: TransferAction = { type: 'forward' }) {
    for (const [i, username] of actors.entries()) {
      const token = await t.tokenFor(username);
      const { rev } = await t.dossier(token, id);
      const checked = await t.push(token, [
        {
          id: randomUUID(),
          entity: 'dossier',
          entityId: id,
          baseRev: rev,
          action: { type: 'check', data: { note: 'Đủ hồ sơ' }, nextOrgId: null },
        },
      ]);
      expect(checked[0]).toMatchObject({ status: 'applied' });
      const approved = await t.push(token, [
        {
          id: randomUUID(),
          entity: 'dossier',
          entityId: id,
          baseRev: checked[0]!.rev!,
          action: i === actors.length - 1 ? last : { type: 'forward' },
        },
      ]);
      expect(approved[0], username).toMatchObject({ status: 'applied' });
    }
  }

  it('an official transfer walks its route and completion moves the member', async () => {
    const member = await t.tokenFor('dv.duc');
    const d = await t.submit(member, {
      id: randomUUID(),
      variant: 'official',
      form: form(ids.otherCell),
      attachments: [],
    });
    await walk(d.id, [
      'bithu.tdp1',
      'xuly.viethung',
      'xuly.thanhpho',
      'xuly.phucloi',
      'bithu.tdp9',
    ]);
    const done = await t.dossier(member, d.id);
    expect(done).toMatchObject({ status: 'completed', currentOrgId: ids.otherCell });
    // 30 working days from Mon 5 Jan: 29 by Fri 13 Feb, then Tết (16–20 Feb) is skipped.
    expect(done.presentBy).toBe('2026-02-23');
    expect(done.history.map((e) => [e.type, e.orgId])).toEqual([
      ['submit', null],
      ['check', ids.cell1],
      ['forward', ids.cell1],
      ['check', ids.ward],
      ['forward', ids.ward],
      ['check', ids.province],
      ['forward', ids.province],
      ['check', ids.otherWard],
      ['forward', ids.otherWard],
      ['check', ids.otherCell],
      ['forward', ids.otherCell],
      ['complete', ids.otherCell],
    ]);
    expect(done.history[1]).toMatchObject({ actorName: 'Ngô Văn Minh' });
    const scope = buildScope(staff.otherCellApprover.id, [
      {
        role: 'approver',
        orgId: ids.otherCell,
        path: `/${ids.province}/${ids.otherWard}/${ids.otherCell}/`,
      },
    ]);
    const moved = await findVisibleMember(t.server.db, scope, ids.members[0]);
    expect(moved?.homeOrgId).toBe(ids.otherCell);
    // The member's account followed: it reads its own record, now at the new cell.
    const own = await t.request('GET', `/v1/members/${ids.members[0]}`, member);
    expect(own.statusCode).toBe(200);
    expect(own.json().homeOrgId).toBe(ids.otherCell);
  });

  it('a temporary transfer records the stay and keeps the home cell', async () => {
    const member = await t.tokenFor('dv.duc');
    const d = await t.submit(member, {
      id: randomUUID(),
      variant: 'temporary',
      form: form(ids.cell2, {
        temporary: { startOn: '2026-01-10', endOn: '2026-09-30', fullTimeStudy: false },
      }),
      attachments: [],
    });
    expect(d.route.orgIds).toEqual([ids.cell1, ids.ward, ids.cell2]);
    await walk(d.id, ['bithu.tdp1', 'xuly.viethung', 'bithu.tdp2']);
    expect((await t.dossier(member, d.id)).status).toBe('completed');
    const admin = await t.tokenFor('qt.viethung');
    const staysOf = (token: string) =>
      t.request('GET', `/v1/members/${ids.members[0]}/temporary-memberships`, token);
    const stays = await staysOf(admin);
    expect(stays.statusCode).toBe(200);
    expect(stays.json().items).toEqual([
      { orgId: ids.cell2, dossierId: d.id, startOn: '2026-01-10', endOn: '2026-09-30' },
    ]);
    // The member reads their own stay too; someone outside the scope does not learn it exists.
    const own = await staysOf(member);
    expect(own.json().items).toHaveLength(1);
    const stranger = await staysOf(await t.tokenFor('bithu.tdp9'));
    expect(stranger.statusCode).toBe(404);
    const res = await t.request('GET', `/v1/members/${ids.members[0]}`, admin);
    expect(res.json().homeOrgId).toBe(ids.cell1);
  });

  it('refuses a stay outside 3 months to under 1 year', async () => {
    const member = await t.tokenFor('dv.duc');
    const res = await t.request('POST', '/v1/transfers', member, {
      id: randomUUID(),
      variant: 'temporary',
      form: form(ids.cell2, {
        temporary: { startOn: '2026-01-10', endOn: '2027-01-10', fullTimeStudy: false },
      }),
      attachments: [],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().messageVi).toMatch(/dưới 1 năm/);
  });
});
