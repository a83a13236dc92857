/** The token API through its worker thread, against real SoftHSM tokens. */
import { createVerify, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPki, type TestPki } from '../../../scripts/test-support/pki';
import { createSoftHsm, SOFTHSM_MODULE, useSoftHsm } from '../../../scripts/test-support/softhsm';
import { signBatch } from '../batch/batch-sign';
import { buildCorpus } from '../test-support/corpus';
import { loadCertificates } from '../verify/chain';
import { verifyPdf } from '../verify/verify-pdf';
import { TokenError } from './errors';
import { RemoteTokenModule } from './remote-token';

let dir: string;
let pki: TestPki;
let remote: RemoteTokenModule;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sign-remote-'));
  pki = createTestPki(join(dir, 'pki'));
  useSoftHsm(
    createSoftHsm(join(dir, 'hsm'), [
      {
        label: 'RSA',
        pin: '1234',
        keys: [
          { id: '01', cert: pki.signerRsa },
          { id: '02', cert: pki.expired },
        ],
      },
      { label: 'EC', pin: '5678', keys: [{ id: 'a1', cert: pki.signerEc }] },
    ]),
  );
});
afterAll(async () => {
  await remote?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('RemoteTokenModule (PKCS#11 in a worker thread)', () => {
  it('lists, logs in and signs; the signature verifies with the certificate', async () => {
    remote = await RemoteTokenModule.open(SOFTHSM_MODULE);
    const labels = (await remote.listTokens()).map((t) => t.label).filter(Boolean);
    expect(labels.sort()).toEqual(['EC', 'RSA']);
    const slot = await remote.findSlot('RSA');
    const certs = await remote.listCertificates(slot);
    expect(certs.map((c) => [c.id, c.info.commonName])).toEqual([
      ['01', 'Nguyễn Văn An'],
      ['02', 'Phạm Hết Hạn'],
    ]);
    expect(certs[0]!.info.notAfter).toBeInstanceOf(Date);
    const session = await remote.login(slot, '1234');
    try {
      const signer = await session.signer();
      expect(signer.keyId).toBe('01');
      const data = Buffer.from('ký trong luồng riêng');
      const sig = await signer.sign(data);
      const key = new X509Certificate(signer.certificate.der).publicKey;
      expect(createVerify('sha256').update(data).verify(key, sig)).toBe(true);
      expect(signer.tokenMs).toBeGreaterThan(0);
      await expect(session.signer({ keyId: '02' })).rejects.toMatchObject({
        code: 'SIGN_CERT_EXPIRED',
        messageVi: expect.stringContaining('hết hạn'),
      });
    } finally {
      await session.close();
    }
  });

  it('errors keep their PKCS#11 code and Vietnamese message across the thread', async () => {
    const err = await remote.login(await remote.findSlot('EC'), '0000').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TokenError);
    expect((err as TokenError).code).toBe('CKR_PIN_INCORRECT');
    expect((err as TokenError).messageVi).toMatch(/^Mã PIN không đúng\./);
    await expect(remote.findSlot('Nope')).rejects.toMatchObject({ code: 'SIGN_TOKEN_NOT_FOUND' });
  });

  it('the event loop keeps turning while the worker does logins, listings and signatures', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const slot = await remote.findSlot('EC');
    for (let i = 0; i < 10; i++) {
      const session = await remote.login(slot, '5678');
      await (await session.signer()).sign(Buffer.from([i]));
      await session.close();
    }
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
  });

  it('signBatch runs through the worker as well', async () => {
    const source = (await buildCorpus(join(dir, 'corpus'), ['pdf-lib']))[0]!.file;
    const documents = [1, 2, 3].map((i) => ({ inPath: source, outPath: join(dir, `w${i}.pdf`) }));
    const result = await signBatch({
      module: remote,
      slot: await remote.findSlot('EC'),
      pin: '5678',
      documents,
      cms: { chain: [pki.intermediate.certDer] },
    });
    expect(result.signed.map((d) => d.index)).toEqual([0, 1, 2]);
    for (const d of result.signed) {
      expect(
        verifyPdf(readFileSync(d.outPath), { trustAnchors: loadCertificates(pki.root.certPem) }).ok,
      ).toBe(true);
    }
  });

  it('after close, calls are refused with a clear code', async () => {
    const other = await RemoteTokenModule.open(SOFTHSM_MODULE);
    await other.close();
    await expect(other.listTokens()).rejects.toMatchObject({ code: 'SIGN_SESSION_CLOSED' });
  });
});
