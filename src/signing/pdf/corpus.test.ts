/**
 * Every producer's PDF signed twice by two SoftHSM tokens (RSA, then ECDSA); poppler's pdfsig and
 * our verifier must both call each signature valid and trusted, and both must fail on a flipped
 * byte.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNssDb, createTestPki, type TestPki } from '../../../scripts/test-support/pki';
import { createSoftHsm, SOFTHSM_MODULE, useSoftHsm } from '../../../scripts/test-support/softhsm';
import {
  buildCorpus,
  type CorpusFile,
  flipSignedByte,
  makePng,
  pdfsig,
  readPdf,
} from '../test-support/corpus';
import { cmsSignerOf } from '../token/cms-signer';
import { Pkcs11Module } from '../token/pkcs11-module';
import { loadCertificates } from '../verify/chain';
import { verifyPdf } from '../verify/verify-pdf';
import { signPdf } from './sign-pdf';

let dir: string;
let pki: TestPki;
let nss: string;
let corpus: CorpusFile[];
let module: Pkcs11Module;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sign-corpus-'));
  pki = createTestPki(join(dir, 'pki'));
  nss = createNssDb(join(dir, 'nss'), pki.root);
  useSoftHsm(
    createSoftHsm(join(dir, 'hsm'), [
      { label: 'Chi bo', pin: '1111', keys: [{ id: '01', cert: pki.signerRsa }] },
      { label: 'Dang uy', pin: '2222', keys: [{ id: 'a1', cert: pki.signerEc }] },
    ]),
  );
  module = Pkcs11Module.open(SOFTHSM_MODULE);
  corpus = await buildCorpus(join(dir, 'corpus'));
});

afterAll(() => {
  module?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function signWith(
  pdf: Buffer,
  label: string,
  pin: string,
  extra: { seal?: boolean; page?: number },
) {
  const session = module.login(module.findSlot(label), pin);
  try {
    const signer = session.signer();
    return await signPdf(
      pdf,
      cmsSignerOf(signer),
      {
        signerName: signer.certificate.commonName,
        signatureImage: makePng(60, 30, [20, 20, 120]),
        sealImage: extra.seal ? makePng(40, 40, [220, 20, 20]) : undefined,
        reason: 'Phê duyệt',
        location: 'Hà Nội',
        rect: extra.seal ? [320, 60, 200, 90] : [60, 60, 200, 90],
      },
      { chain: [pki.intermediate.certDer] },
    );
  } finally {
    session.close();
  }
}

describe('signing the producer corpus twice', () => {
  it.each([
    'pdf-lib',
    'pdf-lib object streams',
    'chromium',
    'ghostscript',
    'libreoffice',
    'cairo',
    'qpdf xref stream',
    'qpdf linearized',
  ])('%s: both signatures valid and trusted in pdfsig and in our verifier', async (producer) => {
    const entry = corpus.find((c) => c.producer === producer)!;
    const original = readPdf(entry.file);
    const once = await signWith(original, 'Chi bo', '1111', {});
    const twice = await signWith(once, 'Dang uy', '2222', { seal: true });
    expect(twice.subarray(0, original.length).equals(original)).toBe(true);
    expect(twice.subarray(0, once.length).equals(once)).toBe(true);
    const out = `${entry.file}.signed.pdf`;
    writeFileSync(out, twice);

    const poppler = await pdfsig(out, nss);
    expect(poppler.map((s) => [s.fieldName, s.validation, s.certificate])).toEqual([
      ['Sig1', 'Signature is Valid.', 'Certificate is Trusted.'],
      ['Sig2', 'Signature is Valid.', 'Certificate is Trusted.'],
    ]);
    expect(poppler.map((s) => s.totalDocument)).toEqual([false, true]);

    const ours = verifyPdf(twice, { trustAnchors: loadCertificates(pki.root.certPem) });
    expect(ours.ok).toBe(true);
    expect(ours.signatures.map((s) => [s.fieldName, s.signer, s.intact, s.chain.trusted])).toEqual([
      ['Sig1', 'Nguyễn Văn An', true, true],
      ['Sig2', 'Trần Thị Bình', true, true],
    ]);
    expect(ours.signatures[0]!.modifications.changes.length).toBeGreaterThan(0);
    expect(ours.signatures[1]!.coversWholeFile).toBe(true);

    const tampered = flipSignedByte(twice, ours.signatures[0]!.byteRange[1]!);
    const badOut = `${entry.file}.tampered.pdf`;
    writeFileSync(badOut, tampered);
    const popplerBad = await pdfsig(badOut, nss);
    expect(popplerBad.map((s) => s.validation)).toEqual([
      expect.not.stringMatching(/^Signature is Valid/),
      expect.not.stringMatching(/^Signature is Valid/),
    ]);
    const oursBad = verifyPdf(tampered, { trustAnchors: loadCertificates(pki.root.certPem) });
    expect(oursBad.ok).toBe(false);
    expect(oursBad.signatures.map((s) => s.digestOk)).toEqual([false, false]);
  });

  it('an untrusted root: pdfsig and our verifier both refuse trust, signatures stay intact', async () => {
    const signed = await signWith(readPdf(corpus[0]!.file), 'Chi bo', '1111', {});
    const other = createTestPki(join(dir, 'other-pki'));
    const ours = verifyPdf(signed, { trustAnchors: loadCertificates(other.root.certPem) });
    expect(ours.ok).toBe(false);
    expect(ours.signatures[0]!.intact).toBe(true);
    expect(ours.signatures[0]!.chain.trusted).toBe(false);
    const otherNss = createNssDb(join(dir, 'nss-other'), other.root);
    const out = join(dir, 'untrusted.pdf');
    writeFileSync(out, signed);
    const [sig] = await pdfsig(out, otherNss);
    expect(sig!.validation).toBe('Signature is Valid.');
    expect(sig!.certificate).not.toBe('Certificate is Trusted.');
  });
});
