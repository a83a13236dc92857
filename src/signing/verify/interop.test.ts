/**
 * Interop with another conformant signer: poppler's `pdfsig -add-signature` (an NSS key
 * database) countersigns our letters and we countersign its; both verifiers must call every
 * signature valid, on single- and multi-page files and on files other tools updated before.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPki, type TestPki } from '../../../scripts/test-support/pki';
import { createSoftHsm, SOFTHSM_MODULE, useSoftHsm } from '../../../scripts/test-support/softhsm';
import { signPdf } from '../pdf/sign-pdf';
import { pdfsig } from '../test-support/corpus';
import { createNssSigner, type NssSigner, pdfsigAddSignature } from '../test-support/nss-signer';
import { cmsSignerOf } from '../token/cms-signer';
import { Pkcs11Module } from '../token/pkcs11-module';
import { loadCertificates } from './chain';
import { verifyPdf } from './verify-pdf';

let dir: string;
let pki: TestPki;
let module: Pkcs11Module;
let nss: NssSigner;
let n = 0;

async function makeLetter(pages: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) {
    doc
      .addPage([595.28, 841.89])
      .drawText(`GIAY GIOI THIEU - trang ${i}`, { x: 60, y: 760, size: 16, font });
  }
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

async function ours(pdf: Buffer, page?: number, label = 'Dang uy'): Promise<Buffer> {
  const session = module.login(module.findSlot(label), '2222');
  try {
    const signer = session.signer();
    return await signPdf(
      pdf,
      cmsSignerOf(signer),
      { signerName: signer.certificate.commonName, page, rect: [320, 60, 200, 80] },
      { chain: [pki.intermediate.certDer] },
    );
  } finally {
    session.close();
  }
}

async function theirs(pdf: Buffer): Promise<Buffer> {
  const input = join(dir, `in-${++n}.pdf`);
  const output = join(dir, `out-${n}.pdf`);
  writeFileSync(input, pdf);
  await pdfsigAddSignature(nss, input, output, { reason: 'Dong y' });
  return readFileSync(output);
}

/**
 * Both verifiers on the file: ours (status, trusted per signature) and pdfsig's validation lines.
 */
async function bothVerdicts(pdf: Buffer) {
  const file = join(dir, `check-${++n}.pdf`);
  writeFileSync(file, pdf);
  const report = verifyPdf(pdf, { trustAnchors: loadCertificates(pki.root.certPem) });
  const poppler = await pdfsig(file, nss.dir);
  return {
    ok: report.ok,
    ours: report.signatures.map((s) => [s.signer, s.status, s.chain.trusted]),
    disallowed: report.signatures.flatMap((s) =>
      s.modifications.changes.filter((c) => c.verdict === 'disallowed'),
    ),
    poppler: poppler.map((s) => [s.commonName, s.validation, s.certificate]),
  };
}

const AN = 'Nguyễn Văn An'; // pdfsig's key (RSA) in the NSS database
const BINH = 'Trần Thị Bình'; // our signer's key (EC) on SoftHSM
const CUONG = 'Lê Văn Cường'; // another of our signers (RSA) on SoftHSM
const valid = (cn: string) => [cn, 'Signature is Valid.', 'Certificate is Trusted.'];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'interop-'));
  pki = createTestPki(join(dir, 'pki'));
  useSoftHsm(
    createSoftHsm(join(dir, 'hsm'), [
      { label: 'Dang uy', pin: '2222', keys: [{ id: 'a1', cert: pki.signerEc }] },
      { label: 'Phuong', pin: '2222', keys: [{ id: 'b1', cert: pki.signerAlwaysAuth }] },
    ]),
  );
  module = Pkcs11Module.open(SOFTHSM_MODULE);
  nss = createNssSigner(join(dir, 'nss'), pki.root, pki.signerRsa, [pki.intermediate]);
});

afterAll(() => {
  module?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('countersigning with poppler pdfsig', () => {
  it('our signature, then pdfsig adds one (font program, /DR): both intact and valid in both verifiers', async () => {
    const pdf = await theirs(await ours(await makeLetter(1)));
    const v = await bothVerdicts(pdf);
    expect(v.ours).toEqual([
      [BINH, 'intact', true],
      [AN, 'intact', true],
    ]);
    expect(v.disallowed).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.poppler).toEqual([valid(BINH), valid(AN)]);
  });

  it("pdfsig's signature first, then ours: both intact and valid in both verifiers", async () => {
    const pdf = await ours(await theirs(await makeLetter(1)));
    const v = await bothVerdicts(pdf);
    expect(v.ours).toEqual([
      [AN, 'intact', true],
      [BINH, 'intact', true],
    ]);
    expect(v.ok).toBe(true);
    expect(v.poppler).toEqual([valid(AN), valid(BINH)]);
  });

  // A third signer: pdfsig 22.12 reports "Unknown issue with Certificate" for a second signature
  // by a certificate its NSS database does not hold when another signer's comes between.
  it('a three-page letter signed on page 2 by us, then pdfsig, then another of ours on page 3', async () => {
    const pdf = await ours(await theirs(await ours(await makeLetter(3), 2)), 3, 'Phuong');
    const v = await bothVerdicts(pdf);
    expect(v.ours).toEqual([
      [BINH, 'intact', true],
      [AN, 'intact', true],
      [CUONG, 'intact', true],
    ]);
    expect(v.ok).toBe(true);
    expect(v.poppler).toEqual([valid(BINH), valid(AN), valid(CUONG)]);
  });

  it('a file with earlier updates by qpdf (xref stream) and pdf-lib (incremental), then us and pdfsig', async () => {
    const plain = join(dir, 'plain.pdf');
    const qpdf = join(dir, 'qpdf.pdf');
    writeFileSync(plain, await makeLetter(2));
    execFileSync('qpdf', ['--object-streams=generate', plain, qpdf]);
    const doc = await PDFDocument.load(readFileSync(qpdf), { forIncrementalUpdate: true });
    doc.getPage(0).drawText('Bo sung: so 12/GGT', { x: 60, y: 700, size: 12 });
    const updated = Buffer.from(await doc.commit());
    expect(updated.subarray(0, readFileSync(qpdf).length).equals(readFileSync(qpdf))).toBe(true);
    const pdf = await theirs(await ours(updated));
    const v = await bothVerdicts(pdf);
    expect(v.ours).toEqual([
      [BINH, 'intact', true],
      [AN, 'intact', true],
    ]);
    expect(v.ok).toBe(true);
    expect(v.poppler).toEqual([valid(BINH), valid(AN)]);
  });
});
