/**
 * Verification figures (`npm run bench -- verify`):
 *   bench verify.letter signatures=3 ms=T parse_ms=P ratio_to_parse=R sha256_ms=H isolated_ms=I
 *     a one-page letter signed by three signers (three incremental updates): the whole check
 *     (bytes, CMS, chain, difference analysis of every later revision), against parsing alone
 *     (reading every revision's cross-reference and every object); H hashes the whole file once
 *     (the floor of any digest check); I is the same check through the worker the app and the
 *     server use (a ready worker, as they keep one).
 *   bench verify.scan20mb size_mb=20 signatures=2 ms=… parse_ms=… ratio_to_parse=… isolated_ms=…
 *     a 20 MB scanned page signed twice.
 * Revocation is not fetched (no responder): these are the offline figures.
 */
import { createHash, randomBytes, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PDFDocument, PDFName, StandardFonts } from '@cantoo/pdf-lib';
import { PdfReader } from '../../src/signing/pdf/pdf-reader';
import { signPdf } from '../../src/signing/pdf/sign-pdf';
import { cmsSignerOf } from '../../src/signing/token/cms-signer';
import { Pkcs11Module } from '../../src/signing/token/pkcs11-module';
import { verifyPdfIsolated } from '../../src/signing/verify/verify-isolated';
import { verifyPdf } from '../../src/signing/verify/verify-pdf';
import { createTestPki, type IssuedCert } from '../test-support/pki';
import { createSoftHsm, SOFTHSM_MODULE, useSoftHsm } from '../test-support/softhsm';
import { ms } from './stats';

const RUNS = 9;
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? NaN;

async function letter(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595.28, 841.89]);
  const lines = ['DANG CONG SAN VIET NAM', 'GIAY GIOI THIEU SINH HOAT DANG', 'Ho va ten: ...'];
  lines.forEach((t, i) => page.drawText(t, { x: 60, y: 760 - i * 24, size: 13, font }));
  return Buffer.from(await doc.save());
}

/** A page showing one incompressible image of `mb` MB, as a scanner writes it. */
async function scan(mb: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595.28, 841.89]);
  const side = Math.floor(Math.sqrt((mb * 1024 * 1024) / 3));
  const image = doc.context.stream(randomBytes(side * side * 3), {
    Type: 'XObject',
    Subtype: 'Image',
    Width: side,
    Height: side,
    ColorSpace: 'DeviceRGB',
    BitsPerComponent: 8,
  });
  const imageRef = doc.context.register(image);
  page.node.setXObject(PDFName.of('Scan'), imageRef);
  const content = doc.context.stream('q 595.28 0 0 841.89 0 0 cm /Scan Do Q');
  page.node.addContentStream(doc.context.register(content));
  return Buffer.from(await doc.save());
}

/** Parsing alone: every revision's cross-reference and every object of the file. */
function parseAll(pdf: Buffer): void {
  const reader = new PdfReader(pdf);
  for (const num of reader.xref.keys()) reader.getObject(num);
}

async function measure(pdf: Buffer, anchors: X509Certificate[], expected: number) {
  const check = verifyPdf(pdf, { trustAnchors: anchors });
  const good = check.signatures.filter((s) => s.intact).length;
  if (!check.ok || good !== expected) throw new Error(`bench document does not verify: ${good}`);
  const full: number[] = [];
  const parse: number[] = [];
  const isolated: number[] = [];
  const hash: number[] = [];
  const anchorsDer = anchors.map((a) => a.raw);
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    verifyPdf(pdf, { trustAnchors: anchors });
    full.push(performance.now() - t);
    t = performance.now();
    parseAll(pdf);
    parse.push(performance.now() - t);
    t = performance.now();
    createHash('sha256').update(pdf).digest();
    hash.push(performance.now() - t);
    t = performance.now();
    await verifyPdfIsolated(pdf, { trustAnchors: anchorsDer, online: false });
    isolated.push(performance.now() - t);
  }
  const [f, p, w] = [median(full), median(parse), median(isolated)];
  const ratio = (f / p).toFixed(2);
  const h = ms(median(hash));
  return `ms=${ms(f)} parse_ms=${ms(p)} ratio_to_parse=${ratio} sha256_ms=${h} isolated_ms=${ms(w)} runs=${RUNS}`;
}

export async function benchVerify(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'dangvu-bench-verify-'));
  let module: Pkcs11Module | undefined;
  try {
    const pki = createTestPki(join(dir, 'pki'));
    const signers: IssuedCert[] = [pki.signerRsa, pki.signerEc, pki.signerRsa];
    const keys = signers.slice(0, 2).map((cert, i) => ({ id: `0${i + 1}`, cert }));
    useSoftHsm(createSoftHsm(join(dir, 'hsm'), [{ label: 'Bench', pin: '1234', keys }]));
    module = Pkcs11Module.open(SOFTHSM_MODULE);
    const session = module.login(module.findSlot('Bench'), '1234');
    const cms = { chain: [pki.intermediate.certDer] };
    const signTimes = async (pdf: Buffer, times: number) => {
      for (let i = 0; i < times; i++) {
        const signer = cmsSignerOf(session.signer({ keyId: i % 2 === 0 ? '01' : '02' }));
        const rect: [number, number, number, number] = [40 + 180 * i, 80, 170, 80];
        pdf = await signPdf(pdf, signer, { signerName: `Người ký ${i + 1}`, rect }, cms);
      }
      return pdf;
    };
    try {
      const anchors = [new X509Certificate(pki.root.certDer)];
      const signedLetter = await signTimes(await letter(), 3);
      const signedScan = await signTimes(await scan(20), 2);
      const sizeMb = (signedScan.length / (1024 * 1024)).toFixed(0);
      return [
        `bench verify.letter signatures=3 ${await measure(signedLetter, anchors, 3)} goal_ms=100`,
        `bench verify.scan20mb size_mb=${sizeMb} signatures=2 ${await measure(signedScan, anchors, 2)} goal_ms=1000`,
      ];
    } finally {
      session.close();
    }
  } finally {
    module?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchVerify().then(
    (lines) => lines.forEach((line) => console.log(line)),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
