import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createPrivateKey, sign } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createTestPki, type TestPki } from '../scripts/test-support/pki';
import { serverEngines } from '../scripts/test-support/databases';
import type { PushMutation } from '../src/api/push';
import type { TransferAction } from '../src/domain/procedures/transfer-dossier';
import { loadCertificates } from '../src/signing/verify/chain';
import { signPdf } from '../src/signing/pdf/sign-pdf';
import type { CmsSigner } from '../src/signing/cms/signed-data';
import { openTransferServer, type TransferTestServer } from './test-support/transfers';
import { expectedFirstLetter } from './repositories/expected-letter';
import { findDossier } from './repositories/transfers';
import { ids } from './test-support/fixture';

let dir: string;
let pki: TestPki;
let letter: Buffer;
let signed: Buffer;
let signer: CmsSigner;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'push-'));
  pki = createTestPki(join(dir, 'pki'));
  const key = createPrivateKey(pki.signerEc.keyPem);
  signer = {
    certificate: pki.signerEc.certDer,
    keyType: 'ec',
    sign: async (d) => sign('sha256', d, key),
  };
  const doc = await PDFDocument.create();
  doc.addPage();
  letter = Buffer.from(await doc.save({ useObjectStreams: false }));
  signed = await signPdf(
    letter,
    signer,
    { signerName: 'Ngô Văn Minh' },
    { chain: [pki.intermediate.certDer] },
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const mutation = (entityId: string, baseRev: number, action: TransferAction): PushMutation => ({
  id: randomUUID(),
  entity: 'dossier',
  entityId,
  baseRev,
  action,
});
const check: TransferAction = { type: 'check', data: {}, nextOrgId: null };

describe.each(serverEngines)('sync push on %s', (engine) => {
  let t: TransferTestServer;
  let dossierId: string;
  let rev: number;
  beforeEach(async () => {
    t = await openTransferServer({
      engine,
      postgresUrl: inject('postgresUrl'),
      trustAnchors: loadCertificates(pki.root.certPem),
    });
    const d = await t.submit(await t.tokenFor('dv.duc'), {
      id: randomUUID(),
      variant: 'official',
      form: {
        destinationOrgId: ids.cell2,
        reason: 'Chuyển nơi cư trú',
        movedOn: '2026-01-02',
        newAddress: null,
        temporary: null,
      },
      attachments: [],
    });
    dossierId = d.id;
    rev = d.rev;
  });
  afterEach(() => t?.close());

  const events = async () =>
    (await t.dossier(await t.tokenFor('bithu.tdp1'), dossierId)).history.length;

  it('a repeated mutation id returns the stored result and applies once', async () => {
    const token = await t.tokenFor('bithu.tdp1');
    const m = mutation(dossierId, rev, check);
    const [first] = await t.push(token, [m]);
    expect(first).toMatchObject({ status: 'applied', messageVi: 'Đã cập nhật hồ sơ.' });
    const after = await events();
    // The answer was lost; the client sends the same outbox again, twice in one push even.
    const again = await t.push(token, [m, m]);
    expect(again).toEqual([first, first]);
    expect(await events()).toBe(after);
    expect((await t.dossier(token, dossierId)).rev).toBe(first!.rev);
  });

  it('two approvers of one org racing: one applied, the other told who acted first', async () => {
    const minh = await t.tokenFor('bithu.tdp1');
    const hanh = await t.tokenFor('phobithu.tdp1');
    const results = await Promise.all([
      t.push(minh, [mutation(dossierId, rev, check)]),
      t.push(hanh, [mutation(dossierId, rev, check)]),
    ]);
    const statuses = results.map((r) => r[0]!.status).sort();
    expect(statuses).toEqual(['applied', 'conflict']);
    const winner = results[0]![0]!.status === 'applied' ? 'Ngô Văn Minh' : 'Đinh Thị Hạnh';
    const lost = results.flat().find((r) => r.status === 'conflict')!;
    expect(lost.messageVi).toContain(winner);
    expect(lost.messageVi).toContain('Chi bộ Tổ dân phố số 1');
    expect(lost.code).toBe('stale');
    expect(await events()).toBe(2);
  });

  it('a stale baseRev is a conflict, nothing applied', async () => {
    const token = await t.tokenFor('bithu.tdp1');
    const [applied] = await t.push(token, [mutation(dossierId, rev, check)]);
    const [stale] = await t.push(token, [mutation(dossierId, rev, { type: 'forward' })]);
    expect(stale).toMatchObject({ status: 'conflict', rev: applied!.rev });
    expect((await t.dossier(token, dossierId)).status).toBe('checked');
  });

  it('out of scope is forbidden; a forward off the route is invalid; only approvers sign', async () => {
    const outsider = await t.tokenFor('qt.phucloi');
    const [out] = await t.push(outsider, [mutation(dossierId, rev, check)]);
    expect(out).toMatchObject({ status: 'forbidden', code: 'out_of_scope' });
    expect(out!.messageVi).toMatch(/phạm vi/);

    const secretary = await t.tokenFor('bithu.tdp1');
    const [offRoute] = await t.push(secretary, [
      mutation(dossierId, rev, { type: 'check', data: {}, nextOrgId: ids.otherWard }),
    ]);
    expect(offRoute).toMatchObject({ status: 'invalid', code: 'invalid_next_org' });

    // The ward's processor sees the dossier at cell 1 (their subtree) but may not sign.
    const [checked] = await t.push(secretary, [mutation(dossierId, rev, check)]);
    const sha = await t.upload(secretary, signed);
    const processor = await t.tokenFor('xuly.viethung');
    const [notApprover] = await t.push(processor, [
      mutation(dossierId, checked!.rev!, { type: 'sign_and_forward', signedPdfSha256: sha }),
    ]);
    expect(notApprover).toMatchObject({ status: 'forbidden', code: 'not_approver' });
    // A later mutation in the same push still runs: the outbox goes on in order.
    const results = await t.push(secretary, [
      mutation(dossierId, 999, { type: 'forward' }),
      mutation(dossierId, checked!.rev!, { type: 'forward' }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['conflict', 'applied']);
  });

  it('sign-and-forward verifies the signed letter and refuses a bad one', async () => {
    // The test PKI's certificates are valid from the real today on: verify at that time.
    t.clock.now = new Date();
    const secretary = await t.tokenFor('bithu.tdp1');
    const [checked] = await t.push(secretary, [mutation(dossierId, rev, check)]);
    const unsigned = await t.upload(secretary, letter);
    const [refused] = await t.push(secretary, [
      mutation(dossierId, checked!.rev!, { type: 'sign_and_forward', signedPdfSha256: unsigned }),
    ]);
    expect(refused).toMatchObject({ status: 'invalid', code: 'no_new_signature' });

    // The letter the server generates for the dossier, signed with the secretary's registered
    // certificate (server/signed-letter.test.ts refuses every other kind).
    const registration = await t.request('POST', '/v1/me/certificates', secretary, {
      certificate: pki.signerEc.certPem,
      chain: [pki.intermediate.certPem],
    });
    expect(registration.statusCode, registration.body).toBe(201);
    const stored = await findDossier(t.server.db, dossierId);
    const ours = (await expectedFirstLetter(t.server.db, stored!, t.clock.now))!;
    const options = { signerName: 'Trần Thị Bình', time: t.clock.now };
    const oursSigned = await signPdf(ours, signer, options, { chain: [pki.intermediate.certDer] });
    const good = await t.upload(secretary, oursSigned);
    const [applied] = await t.push(secretary, [
      mutation(dossierId, checked!.rev!, { type: 'sign_and_forward', signedPdfSha256: good }),
    ]);
    expect(applied, applied!.message).toMatchObject({ status: 'applied' });
    const d = await t.dossier(secretary, dossierId);
    expect(d).toMatchObject({ letterSha256: good, currentOrgId: ids.ward });
    expect(d.history.at(-1)).toMatchObject({ type: 'sign_and_forward', signedPdfSha256: good });
    // The next org reads the signed letter.
    const ward = await t.tokenFor('xuly.viethung');
    expect((await t.request('GET', `/v1/blobs/${good}`, ward)).statusCode).toBe(200);
  });

  it('refuses a malformed push body as a whole', async () => {
    const token = await t.tokenFor('bithu.tdp1');
    const res = await t.request('POST', '/v1/sync/push', token, {
      mutations: [
        { id: 'not-a-uuid', entity: 'dossier', entityId: dossierId, baseRev: rev, action: check },
      ],
    });
    expect(res.statusCode).toBe(400);
  });
});
