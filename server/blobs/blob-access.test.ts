import { createHash, randomUUID } from 'node:crypto';
import { PDFDocument } from '@cantoo/pdf-lib';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { serverEngines } from '../../scripts/test-support/databases';
import type { ServerEngine } from '../../src/db/server-db';
import { User } from '../../src/domain/people/user';
import { hashPassword } from '../auth/passwords';
import { canReadBlob } from '../repositories/blobs';
import { openTransferServer, type TransferTestServer } from '../test-support/transfers';
import { findActiveAccount, insertUser } from '../repositories/users';
import { buildScope } from '../scope/scope';
import { ids, PASSWORD, TEST_SCRYPT } from '../test-support/fixture';
import { startBlobCleanup } from './cleanup';

/** A distinct one-page PDF per label: distinct bytes, distinct blobs. */
async function pdfOf(label: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle(label);
  doc.addPage();
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** A second member of cell 1 with an account: the attacker next door. */
const neighbour = { id: '00000000-0000-4000-8000-000000000399', username: 'dv.hang' };

async function addNeighbour(t: TransferTestServer): Promise<void> {
  const user = User.parse({
    id: neighbour.id,
    username: neighbour.username,
    fullName: 'Trần Thị Hằng',
    citizenId: '001180000399',
    phone: '0912345679',
    email: null,
    position: null,
    orgId: ids.cell1,
    status: 'active',
    roles: [{ role: 'member', orgId: ids.cell1 }],
  });
  const passwordHash = await hashPassword(PASSWORD, TEST_SCRYPT);
  await t.server.db
    .transaction()
    .execute((trx) =>
      insertUser(trx, { user, passwordHash, memberId: ids.members[1] }, t.clock.now),
    );
}

const submission = (sha256: string, size: number) => ({
  id: randomUUID(),
  variant: 'official' as const,
  form: {
    destinationOrgId: ids.otherCell,
    reason: 'Chuyển nơi cư trú',
    movedOn: '2026-01-02',
    newAddress: 'Số 5 ngõ 12, Phúc Lợi',
    temporary: null,
  },
  attachments: [
    { sha256, fileName: 'Đơn xin chuyển.pdf', contentType: 'application/pdf' as const, size },
  ],
});

const readStatus = async (t: TransferTestServer, sha256: string, token: string) =>
  (await t.request('GET', `/v1/blobs/${sha256}`, token)).statusCode;

async function withEnv<T>(vars: Record<string, string>, body: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await body();
  } finally {
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  }
}

describe.each(serverEngines)('blob access on %s', (engine: ServerEngine) => {
  let t: TransferTestServer | undefined;
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await pdfOf('đơn');
  });
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('refuses to attach, and to hand out, a blob known only by its hash; 404 alike for missing', async () => {
    t = await openTransferServer({ engine, postgresUrl: inject('postgresUrl') });
    await addNeighbour(t);
    const owner = await t.tokenFor('dv.duc');
    const attacker = await t.tokenFor(neighbour.username);
    const sha = await t.upload(owner, pdf);

    // The hash leaked (a screenshot, a log): attaching it to one's own dossier does not work…
    const attach = await t.request('POST', '/v1/transfers', attacker, submission(sha, pdf.length));
    expect(attach.statusCode).toBe(400);
    const refusal = attach.json() as { field: string; message: string; messageVi: string };
    expect(refusal.field).toBe('attachments.0');
    // …and the answer is the one for a hash nobody uploaded: no type, no size.
    const never = 'c'.repeat(64);
    const missing = await t.request(
      'POST',
      '/v1/transfers',
      attacker,
      submission(never, pdf.length),
    );
    expect(missing.statusCode).toBe(400);
    expect((missing.json() as { messageVi: string }).messageVi).toBe(refusal.messageVi);
    // A wrong size for one's own upload gets the same words, never the stored size or type.
    const wrongSize = await t.request('POST', '/v1/transfers', owner, submission(sha, 7));
    expect(wrongSize.statusCode).toBe(400);
    const wrong = wrongSize.json() as { message: string; messageVi: string };
    expect(wrong.messageVi).toBe(refusal.messageVi);
    expect(`${wrong.message} ${wrong.messageVi}`).not.toContain(String(pdf.length));
    expect(`${wrong.message} ${wrong.messageVi}`).not.toContain('application/pdf');

    // Downloading: the same 404, body and headers for "not yours" and "does not exist".
    const notYours = await t.request('GET', `/v1/blobs/${sha}`, attacker);
    const nowhere = await t.request('GET', `/v1/blobs/${never}`, attacker);
    expect(notYours.statusCode).toBe(404);
    expect(notYours.body).toBe(nowhere.body);
    expect(notYours.headers['content-type']).toBe(nowhere.headers['content-type']);
    expect(notYours.headers['content-length']).toBe(nowhere.headers['content-length']);
    const ranged = await t.app.inject({
      method: 'GET',
      url: `/v1/blobs/${sha}`,
      headers: { authorization: `Bearer ${attacker}`, range: 'bytes=0-0' },
    });
    expect(ranged.statusCode).toBe(404);

    // The owner's own submission works, and then the route's staff may read it; the neighbour
    // still may not (a member sees only their own dossiers).
    await t.submit(owner, submission(sha, pdf.length));
    expect((await t.request('GET', `/v1/blobs/${sha}`, owner)).statusCode).toBe(200);
    expect(await readStatus(t, sha, await t.tokenFor('bithu.tdp1'))).toBe(200);
    expect((await t.request('GET', `/v1/blobs/${sha}`, attacker)).statusCode).toBe(404);
  });

  it('uploading the same bytes makes the second uploader a reader too, not the first one’s heir', async () => {
    t = await openTransferServer({ engine, postgresUrl: inject('postgresUrl') });
    await addNeighbour(t);
    const owner = await t.tokenFor('dv.duc');
    const other = await t.tokenFor(neighbour.username);
    const sha = await t.upload(owner, pdf);
    expect(await t.upload(other, pdf)).toBe(sha);
    expect((await t.request('GET', `/v1/blobs/${sha}`, other)).statusCode).toBe(200);
    const account = await findActiveAccount(t.server.db, neighbour.id);
    const reader = {
      user: { id: neighbour.id, memberId: ids.members[1] as string },
      scope: buildScope(neighbour.id, account!.grants),
    };
    expect(await canReadBlob(t.server.db, reader, sha)).toBe(true);
    expect(await canReadBlob(t.server.db, reader, 'd'.repeat(64))).toBe(false);
  });

  it('holds each account to its quota of unreferenced uploads, in Vietnamese', async () => {
    const a = await pdfOf('a');
    const b = await pdfOf('b');
    const c = await pdfOf('c');
    const quota = a.length + b.length + Math.floor(c.length / 2);
    t = await withEnv({ BLOB_QUOTA_BYTES: String(quota) }, () =>
      openTransferServer({ engine, postgresUrl: inject('postgresUrl') }),
    );
    const member = await t.tokenFor('dv.duc');
    const shaA = await t.upload(member, a);
    await t.upload(member, b);
    const over = await t.app.inject({
      method: 'PUT',
      url: `/v1/blobs/${createHash('sha256').update(c).digest('hex')}`,
      headers: { authorization: `Bearer ${member}`, 'content-type': 'application/pdf' },
      payload: c,
    });
    expect(over.statusCode).toBe(413);
    expect(over.json()).toMatchObject({
      error: 'quota_exceeded',
      messageVi: expect.stringMatching(/vượt quá hạn mức .* MB.*tự xóa sau 7 ngày/) as string,
    });
    // Uploading one's own blob again costs nothing; someone else's quota is their own.
    expect(await t.upload(member, a)).toBe(shaA);
    await t.upload(await t.tokenFor('bithu.tdp1'), c);
    // Once a dossier refers to an upload it no longer counts: room for the third file.
    await t.submit(member, submission(shaA, a.length));
    await t.upload(member, c);
  });

  it('says how large a blob may be', async () => {
    t = await openTransferServer({
      engine,
      postgresUrl: inject('postgresUrl'),
      blobMaxBytes: 64 * 1024,
    });
    const member = await t.tokenFor('dv.duc');
    const big = Buffer.concat([pdf, Buffer.alloc(70 * 1024)]);
    const res = await t.app.inject({
      method: 'PUT',
      url: `/v1/blobs/${'e'.repeat(64)}`,
      headers: { authorization: `Bearer ${member}`, 'content-type': 'application/pdf' },
      payload: big,
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({
      error: 'payload_too_large',
      messageVi: 'Tệp vượt quá dung lượng cho phép (0.1 MB).',
    });
  });

  it('cleans up uploads nothing refers to after the grace period, never referenced ones', async () => {
    t = await openTransferServer({ engine, postgresUrl: inject('postgresUrl') });
    const member = await t.tokenFor('dv.duc');
    const used = await t.upload(member, pdf);
    const unused = await t.upload(member, await pdfOf('nháp'));
    await t.submit(member, submission(used, pdf.length));
    const quiet = { info: () => undefined, error: () => undefined };
    const cleanup = (afterMs: number) =>
      startBlobCleanup({
        db: t!.server.db,
        log: quiet as never,
        graceMs: 7 * 24 * 3600 * 1000,
        everyMs: 0,
        now: () => new Date(t!.clock.now.getTime() + afterMs),
      });

    const early = cleanup(6 * 24 * 3600 * 1000);
    expect(await early.runOnce()).toEqual({ uploads: 0, blobs: 0 });
    await early.stop();
    expect((await t.request('GET', `/v1/blobs/${unused}`, member)).statusCode).toBe(200);

    const late = cleanup(8 * 24 * 3600 * 1000);
    expect(await late.runOnce()).toEqual({ uploads: 1, blobs: 1 });
    await late.stop();
    expect((await t.request('GET', `/v1/blobs/${unused}`, member)).statusCode).toBe(404);
    const left = await t.server.db.selectFrom('blobs').select('sha256').execute();
    expect(left.map((r) => r.sha256)).toEqual([used]);
    // The referenced one stays readable, by its uploader and by the route's staff.
    expect((await t.request('GET', `/v1/blobs/${used}`, member)).statusCode).toBe(200);
    expect(await readStatus(t, used, await t.tokenFor('bithu.tdp1'))).toBe(200);
  });
});
