/**
 * The server's acceptance of a signed letter (sign_and_forward) and the certificate registry, on
 * both engines: every forged upload is refused with the dossier untouched; only the dossier's
 * letter plus one new signature by the actor's registered, unrevoked certificate is applied.
 */
import { createPrivateKey, randomUUID, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { serverEngines } from '../scripts/test-support/databases';
import { createTestPki, type IssuedCert, type TestPki } from '../scripts/test-support/pki';
import type { PushMutation, PushResult } from '../src/api/push';
import type { CertificateRegistration } from '../src/api/certificates';
import type { TransferAction } from '../src/domain/procedures/transfer-dossier';
import type { CmsSigner } from '../src/signing/cms/signed-data';
import { IncrementalUpdate } from '../src/signing/pdf/incremental-writer';
import type { PdfRef } from '../src/signing/pdf/pdf-objects';
import { PdfDict, PdfStream } from '../src/signing/pdf/pdf-objects';
import { PdfReader } from '../src/signing/pdf/pdf-reader';
import { appendDss, vriKey } from '../src/signing/pdf/dss';
import { signPdf } from '../src/signing/pdf/sign-pdf';
import { verifyPdf } from '../src/signing/verify/verify-pdf';
import { loadCertificates } from '../src/signing/verify/chain';
import { expectedFirstLetter } from './repositories/expected-letter';
import { openTransferServer, type TransferTestServer } from './test-support/transfers';
import { findDossier } from './repositories/transfers';
import { ids } from './test-support/fixture';

let dir: string;
let pki: TestPki;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'signed-letter-'));
  pki = createTestPki(join(dir, 'pki'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const signerOf = (cert: IssuedCert): CmsSigner => {
  const key = createPrivateKey(cert.keyPem);
  return {
    certificate: cert.certDer,
    keyType: cert.kind === 'ec' ? 'ec' : 'rsa',
    sign: async (d) => sign('sha256', d, key),
  };
};

/** One incremental signature with the test intermediate in the CMS. */
const signWith = (pdf: Buffer, cert: IssuedCert, time: Date) =>
  signPdf(
    pdf,
    signerOf(cert),
    { signerName: cert.commonName, time },
    {
      chain: [pki.intermediate.certDer],
    },
  );

/** An incremental update that replaces the first page's content: a forged letter text. */
function withNewPageText(pdf: Buffer): Buffer {
  const reader = new PdfReader(pdf);
  const pageRef = reader.pageRefs()[0]!;
  const page = reader.dict(pageRef)!;
  const update = new IncrementalUpdate(reader);
  const text = Buffer.from('BT /F1 24 Tf 72 700 Td (Giay gioi thieu gia mao) Tj ET', 'latin1');
  const content = update.add(new PdfStream(new PdfDict([['Length', text.length]]), text));
  const changed = new PdfDict(page.map);
  changed.set('Contents', content);
  update.update(pageRef as PdfRef, changed);
  return Buffer.concat([pdf, update.build()]);
}

const mutation = (entityId: string, baseRev: number, action: TransferAction): PushMutation => ({
  id: randomUUID(),
  entity: 'dossier',
  entityId,
  baseRev,
  action,
});
const check: TransferAction = { type: 'check', data: {}, nextOrgId: null };

describe.each(serverEngines)('signed letter acceptance on %s', (engine) => {
  let t: TransferTestServer;
  let dossierId: string;
  let checkedRev: number;
  let secretary: string;

  beforeEach(async () => {
    t = await openTransferServer({
      engine,
      postgresUrl: inject('postgresUrl'),
      trustAnchors: loadCertificates(pki.root.certPem),
    });
    // The test PKI's certificates are valid from the real today on.
    t.clock.now = new Date();
    const d = await t.submit(await t.tokenFor('dv.duc'), {
      id: randomUUID(),
      variant: 'official',
      form: {
        destinationOrgId: ids.cell2,
        reason: 'Chuyển nơi cư trú',
        movedOn: new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10),
        newAddress: null,
        temporary: null,
      },
      attachments: [],
    });
    dossierId = d.id;
    secretary = await t.tokenFor('bithu.tdp1');
    const [checked] = await t.push(secretary, [mutation(dossierId, d.rev, check)]);
    checkedRev = checked!.rev!;
  });
  afterEach(() => t?.close());

  const register = async (token: string, cert: IssuedCert, chain = [pki.intermediate]) =>
    t.request('POST', '/v1/me/certificates', token, {
      certificate: cert.certPem,
      chain: chain.map((c) => c.certPem),
    });
  const registered = async (token: string, cert: IssuedCert) => {
    const res = await register(token, cert);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as CertificateRegistration;
  };
  /** The unsigned letter the desktop makes for this dossier today (same code as the server). */
  const letter = async () => {
    const stored = await findDossier(t.server.db, dossierId);
    return (await expectedFirstLetter(t.server.db, stored!, t.clock.now))!;
  };
  const state = async () => {
    const d = await t.dossier(secretary, dossierId);
    return { rev: d.rev, status: d.status, letter: d.letterSha256, at: d.currentOrgId };
  };
  const pushSigned = async (token: string, pdf: Buffer, baseRev = checkedRev) => {
    const sha = await t.upload(token, pdf);
    const [r] = await t.push(token, [
      mutation(dossierId, baseRev, { type: 'sign_and_forward', signedPdfSha256: sha }),
    ]);
    return r!;
  };
  /** Pushes a forged letter and checks the refusal left the dossier exactly as it was. */
  const refused = async (
    token: string,
    pdf: Buffer,
    expected: Pick<PushResult, 'status'> & Partial<Pick<PushResult, 'code'>>,
    baseRev = checkedRev,
  ) => {
    const before = await state();
    const r = await pushSigned(token, pdf, baseRev);
    expect(r, r.message).toMatchObject(expected);
    expect(r.messageVi).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/);
    expect(await state()).toEqual(before);
    return r;
  };

  /** Cell 1 signs (first signature), the ward forwards: cell 2's approver signs next. */
  const atCell2 = async () => {
    await registered(secretary, pki.signerEc);
    const first = await signWith(await letter(), pki.signerEc, t.clock.now);
    const signed = await pushSigned(secretary, first);
    expect(signed, signed.message).toMatchObject({ status: 'applied' });
    const ward = await t.tokenFor('xuly.viethung');
    const [c] = await t.push(ward, [mutation(dossierId, signed.rev!, check)]);
    const [f] = await t.push(ward, [mutation(dossierId, c!.rev!, { type: 'forward' })]);
    const cell2 = await t.tokenFor('bithu.tdp2');
    const [c2] = await t.push(cell2, [mutation(dossierId, f!.rev!, check)]);
    expect(c2).toMatchObject({ status: 'applied' });
    return { first, cell2, rev: c2!.rev! };
  };

  it('accepts the generated letter plus one signature by the actor’s registered certificate', async () => {
    const reg = await registered(secretary, pki.signerEc);
    const pdf = await signWith(await letter(), pki.signerEc, t.clock.now);
    const r = await pushSigned(secretary, pdf);
    expect(r, r.message).toMatchObject({ status: 'applied' });
    const d = await t.dossier(secretary, dossierId);
    expect(d.currentOrgId).toBe(ids.ward);
    expect(reg.subject).toContain('Trần Thị Bình');
  });

  it('accepts the next signature on the previous letter, refuses previous + 1 byte', async () => {
    const { first, cell2, rev } = await atCell2();
    const plusOneByte = Buffer.concat([first, Buffer.from('\n')]);
    await refused(cell2, plusOneByte, { status: 'invalid', code: 'no_new_signature' }, rev);
    await registered(cell2, pki.signerRsa);
    const second = await signWith(first, pki.signerRsa, t.clock.now);
    const r = await pushSigned(cell2, second, rev);
    expect(r, r.message).toMatchObject({ status: 'applied' });
    expect((await t.dossier(cell2, dossierId)).status).toBe('completed');
  });

  it('refuses a validly signed foreign PDF as the first signature', async () => {
    await registered(secretary, pki.signerEc);
    const doc = await PDFDocument.create();
    doc.addPage();
    const foreign = Buffer.from(await doc.save({ useObjectStreams: false }));
    await refused(secretary, await signWith(foreign, pki.signerEc, t.clock.now), {
      status: 'invalid',
      code: 'not_extending',
    });
  });

  it('refuses a letter from another day than its signature claims (stale data)', async () => {
    await registered(secretary, pki.signerEc);
    const dayBefore = new Date(t.clock.now.getTime() - 86_400_000);
    const stored = await findDossier(t.server.db, dossierId);
    const old = (await expectedFirstLetter(t.server.db, stored!, dayBefore))!;
    await refused(secretary, await signWith(old, pki.signerEc, t.clock.now), {
      status: 'invalid',
      code: 'not_extending',
    });
  });

  it('refuses certificates registered to another user, unregistered or revoked', async () => {
    const deputy = await t.tokenFor('phobithu.tdp1');
    await registered(deputy, pki.signerRsa);
    const base = await letter();
    const byDeputysCert = await signWith(base, pki.signerRsa, t.clock.now);
    await refused(secretary, byDeputysCert, {
      status: 'forbidden',
      code: 'certificate_not_registered',
    });
    const unregistered = await signWith(base, pki.signerEc, t.clock.now);
    const r = await refused(secretary, unregistered, {
      status: 'forbidden',
      code: 'certificate_not_registered',
    });
    expect(r.messageVi).toContain('chưa được đăng ký');

    const reg = await registered(secretary, pki.signerEc);
    const admin = await t.tokenFor('qt.viethung');
    const revoke = await t.request('POST', `/v1/certificates/${reg.id}/revoke`, admin, {
      reason: 'Mất thiết bị ký số',
    });
    expect(revoke.statusCode, revoke.body).toBe(200);
    await refused(secretary, unregistered, {
      status: 'forbidden',
      code: 'certificate_registration_revoked',
    });
  });

  it('refuses two new signatures at once', async () => {
    await registered(secretary, pki.signerEc);
    const once = await signWith(await letter(), pki.signerEc, t.clock.now);
    const twice = await signWith(once, pki.signerEc, t.clock.now);
    await refused(secretary, twice, { status: 'invalid', code: 'several_new_signatures' });
  });

  it('refuses a new signature that does not cover the whole file', async () => {
    await registered(secretary, pki.signerEc);
    const signed = await signWith(await letter(), pki.signerEc, t.clock.now);
    await refused(secretary, withNewPageText(signed), { status: 'invalid', code: 'not_covering' });
  });

  it('accepts PAdES B-LT data (a DSS) appended after the new signature, nothing else', async () => {
    await registered(secretary, pki.signerEc);
    const signed = await signWith(await letter(), pki.signerEc, t.clock.now);
    const [sig] = verifyPdf(signed, { trustAnchors: [] }).signatures;
    const dss = { certs: [pki.intermediate.certDer], ocsps: [], crls: [] };
    const withLtv = appendDss(signed, dss, vriKey(signed, sig!.byteRange));
    const r = await pushSigned(secretary, withLtv);
    expect(r, r.message).toMatchObject({ status: 'applied' });
  });

  it('refuses a first signature over a letter changed before signing', async () => {
    await registered(secretary, pki.signerEc);
    const forged = await signWith(withNewPageText(await letter()), pki.signerEc, t.clock.now);
    await refused(secretary, forged, { status: 'invalid', code: 'changed_after_signing' });
  });

  it('refuses a letter changed after the earlier signature', async () => {
    const { first, cell2, rev } = await atCell2();
    await registered(cell2, pki.signerRsa);
    const forged = await signWith(withNewPageText(first), pki.signerRsa, t.clock.now);
    const r = await refused(
      cell2,
      forged,
      { status: 'invalid', code: 'changed_after_signing' },
      rev,
    );
    expect(r.message).toMatch(/page|content/i);
  });

  it('refuses an unreadable upload as invalid, process up', async () => {
    await registered(secretary, pki.signerEc);
    const base = await letter();
    const forged = `\nxref\n0 1\nzz\ntrailer\n<< /Size 99999999 /Prev 1 >>\nstartxref\n${base.length + 1}\n%%EOF\n`;
    const garbage = Buffer.concat([base, Buffer.from(forged, 'latin1')]);
    const r = await refused(secretary, garbage, { status: 'invalid' });
    expect(['no_new_signature', 'unreadable_pdf']).toContain(r.code);
  });
});

describe.each(serverEngines)('certificate registry on %s', (engine) => {
  let t: TransferTestServer;
  beforeEach(async () => {
    t = await openTransferServer({
      engine,
      postgresUrl: inject('postgresUrl'),
      trustAnchors: loadCertificates(pki.root.certPem),
    });
    t.clock.now = new Date();
  });
  afterEach(() => t?.close());

  const post = (token: string, cert: IssuedCert, chain: IssuedCert[] = [pki.intermediate]) =>
    t.request('POST', '/v1/me/certificates', token, {
      certificate: cert.certPem,
      chain: chain.map((c) => c.certPem),
    });

  it('registers once, refuses what cannot sign for the user', async () => {
    const minh = await t.tokenFor('bithu.tdp1');
    const first = await post(minh, pki.signerEc);
    expect(first.statusCode, first.body).toBe(201);
    const again = await post(minh, pki.signerEc);
    expect(again.json()).toEqual(first.json());
    const mine = await t.request('GET', '/v1/me/certificates', minh);
    expect(mine.json().items.map((r: CertificateRegistration) => r.id)).toEqual([first.json().id]);

    const hanh = await t.tokenFor('phobithu.tdp1');
    const taken = await post(hanh, pki.signerEc);
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toBe('certificate_taken');

    for (const [cert, chain] of [
      [pki.expired, [pki.intermediate]],
      [pki.noSigningUsage, [pki.intermediate]],
      [pki.intermediate, []],
      // Without the intermediate the path cannot reach the root.
      [pki.signerRsa, []],
    ] as const) {
      const res = await post(hanh, cert, [...chain]);
      expect(res.statusCode, `${cert.name}: ${res.body}`).toBe(400);
      expect(res.json().messageVi).toMatch(/Chứng thư|chứng thư/);
    }
    const bad = await t.request('POST', '/v1/me/certificates', hanh, {
      certificate: 'x'.repeat(200),
    });
    expect(bad.statusCode).toBe(400);
  });

  it('admins in scope list and revoke; the revocation is in the user’s history', async () => {
    const minh = await t.tokenFor('bithu.tdp1');
    const reg = (await post(minh, pki.signerEc)).json() as CertificateRegistration;
    const outsider = await t.tokenFor('qt.phucloi');
    const notTheirs = await t.request('GET', '/v1/certificates', outsider);
    expect(notTheirs.json().items).toEqual([]);
    const cannot = await t.request('POST', `/v1/certificates/${reg.id}/revoke`, outsider, {
      reason: 'Không thuộc phạm vi',
    });
    expect(cannot.statusCode).toBe(404);
    expect((await t.request('GET', '/v1/certificates', minh)).statusCode).toBe(403);
    const self = await t.request('POST', `/v1/certificates/${reg.id}/revoke`, minh, {
      reason: 'Tự thu hồi',
    });
    expect(self.statusCode).toBe(403);

    const admin = await t.tokenFor('qt.viethung');
    const listed = await t.request('GET', '/v1/certificates', admin);
    expect(listed.json().items).toMatchObject([{ id: reg.id, userFullName: 'Ngô Văn Minh' }]);
    const revoked = await t.request('POST', `/v1/certificates/${reg.id}/revoke`, admin, {
      reason: 'Mất thiết bị ký số',
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({
      revokedBy: ids.wardAdmin,
      revokedReason: 'Mất thiết bị ký số',
    });
    const twice = await t.request('POST', `/v1/certificates/${reg.id}/revoke`, admin, {
      reason: 'Lần nữa',
    });
    expect(twice.statusCode).toBe(409);
    expect((await t.request('GET', '/v1/certificates', admin)).json().items).toEqual([]);
    const all = await t.request('GET', '/v1/certificates?status=all', admin);
    expect(all.json().items).toHaveLength(1);
    const history = await t.request('GET', `/v1/users/${ids.secretary}/history`, admin);
    expect(JSON.stringify(history.json().items[0].changes)).toContain(
      'revoked: Mất thiết bị ký số',
    );
    // A revoked certificate is not registered again by its holder.
    const back = await post(minh, pki.signerEc);
    expect(back.statusCode).toBe(409);
    expect(back.json().error).toBe('certificate_revoked');
  });
});
