/**
 * Signing figures (`npx tsx scripts/bench/sign.ts`, or through the bench runner):
 *   bench sign.batch n=200 ms_per_doc=A overhead_ms_per_doc=B raw_sign_ms_per_doc=C
 *     a one-page form signed 200 times by `signBatch` on a SoftHSM token (one login), files read
 *     and written; C is the time inside C_SignInit/C_Sign measured in the same run, B = A − C.
 *   bench sign.large size_mb=5 ms=T baseline_read_sha256_ms=R
 *     one signature on a 5 MB PDF (read, sign, write), against reading + hashing the same file.
 * PKI, token and documents are made in a temp dir and removed afterwards.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { signBatch } from '../../src/signing/batch/batch-sign';
import { signPdfFile } from '../../src/signing/pdf/sign-pdf';
import { cmsSignerOf } from '../../src/signing/token/cms-signer';
import { Pkcs11Module } from '../../src/signing/token/pkcs11-module';
import { makePng } from '../../src/signing/test-support/corpus';
import { createTestPki } from '../test/pki';
import { createSoftHsm, SOFTHSM_MODULE, useSoftHsm } from '../test/softhsm';
import { ms } from './stats';

const BATCH = 200;
const WARMUP = 10;
const LARGE_RUNS = 7;
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? NaN;

async function onePageForm(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595.28, 841.89]);
  const lines = ['DANG CONG SAN VIET NAM', 'GIAY GIOI THIEU SINH HOAT DANG', 'Ho va ten: ...', 'Ngay sinh: ...', 'Chi bo: ...']; // prettier-ignore
  lines.forEach((t, i) => page.drawText(t, { x: 60, y: 760 - i * 24, size: 13, font }));
  return Buffer.from(await doc.save());
}

/** A one-page PDF padded to `mb` MB with an incompressible stream (as a scanned page would be). */
async function largePdf(mb: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([595.28, 841.89]);
  doc.context.register(doc.context.stream(randomBytes(mb * 1024 * 1024)));
  return Buffer.from(await doc.save());
}

export async function benchSign(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'dangvu-bench-sign-'));
  let module: Pkcs11Module | undefined;
  try {
    const pki = createTestPki(join(dir, 'pki'));
    useSoftHsm(createSoftHsm(join(dir, 'hsm'), [{ label: 'Bench', pin: '1234', keys: [{ id: '01', cert: pki.signerRsa }] }])); // prettier-ignore
    module = Pkcs11Module.open(SOFTHSM_MODULE);
    const slot = module.findSlot('Bench');
    const form = join(dir, 'form.pdf');
    writeFileSync(form, await onePageForm());
    const appearance = { signatureImage: makePng(120, 60, [20, 20, 120]), sealImage: makePng(80, 80, [200, 30, 30]) }; // prettier-ignore
    const cms = { chain: [pki.intermediate.certDer] };
    const documents = (n: number, tag: string) =>
      Array.from({ length: n }, (_, i) => ({
        inPath: form,
        outPath: join(dir, `${tag}-${i}.pdf`),
      }));

    const warm = await signBatch({ module, slot, pin: '1234', documents: documents(WARMUP, 'warm'), appearance, cms }); // prettier-ignore
    if (warm.signed.length !== WARMUP) throw new Error(`warm-up failed: ${warm.notSigned[0]?.message}`); // prettier-ignore
    const started = performance.now();
    const batch = await signBatch({ module, slot, pin: '1234', documents: documents(BATCH, 'doc'), appearance, cms }); // prettier-ignore
    const total = performance.now() - started;
    if (batch.signed.length !== BATCH) throw new Error(`batch failed: ${batch.notSigned[0]?.message}`); // prettier-ignore
    const perDoc = total / BATCH;
    const rawSign = batch.tokenMs / BATCH;

    const large = join(dir, 'large.pdf');
    writeFileSync(large, await largePdf(5));
    const sizeMb = readFileSync(large).length / (1024 * 1024);
    const baseline: number[] = [];
    const signing: number[] = [];
    const session = module.login(slot, '1234');
    try {
      const signer = cmsSignerOf(session.signer());
      for (let i = 0; i < LARGE_RUNS; i++) {
        let t = performance.now();
        createHash('sha256').update(readFileSync(large)).digest();
        baseline.push(performance.now() - t);
        t = performance.now();
        await signPdfFile(large, join(dir, `large-${i}.pdf`), signer, { signerName: 'Nguyễn Văn An', ...appearance }, cms); // prettier-ignore
        signing.push(performance.now() - t);
      }
    } finally {
      session.close();
    }
    return [
      `bench sign.batch n=${BATCH} ms_per_doc=${ms(perDoc)} overhead_ms_per_doc=${ms(perDoc - rawSign)} raw_sign_ms_per_doc=${ms(rawSign)} goal_overhead_ms=15`,
      `bench sign.large size_mb=${sizeMb.toFixed(0)} ms=${ms(median(signing))} baseline_read_sha256_ms=${ms(median(baseline))} runs=${LARGE_RUNS} goal_ms=150`,
    ];
  } finally {
    module?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchSign().then(
    (lines) => {
      for (const line of lines) console.log(line);
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
