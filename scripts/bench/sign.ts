/**
 * Signing figures (`npx tsx scripts/bench/sign.ts`, or through the bench runner):
 *   bench sign.batch n=200 ms_per_doc=A overhead_ms_per_doc=B raw_sign_ms_per_doc=C
 *     a one-page form signed 200 times by `signBatch` on a SoftHSM token (one login), files read
 *     and written; C is the time inside C_SignInit/C_Sign measured in the same run, B = A − C.
 *   bench sign.large size_mb=5 ms=T baseline_read_sha256_ms=R
 *     one signature on a 5 MB PDF (read, sign, write), against reading + hashing the same file.
 *   bench sign.lt n=15 bt_ms=A lt_cold_ms=B ratio_cold=B/A lt_warm_ms=C ratio_warm=C/A
 *     PAdES B-T (signature + RFC 3161 token from a loopback TSA) against B-LT (the same plus the
 *     DSS: OCSP for signer and TSA, CRL for the intermediate, from a real `openssl ocsp` and CRL
 *     server on loopback); cold: a new revocation cache per document, warm: one shared cache.
 * PKI, token and documents are made in a temp dir and removed afterwards.
 */
import { createHash, createPrivateKey, randomBytes, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { signBatch } from '../../src/signing/batch/batch-sign';
import type { CmsSigner } from '../../src/signing/cms/signed-data';
import { addLtv } from '../../src/signing/pdf/dss';
import { signPdf, signPdfFile } from '../../src/signing/pdf/sign-pdf';
import { RevocationChecker } from '../../src/signing/revocation/checker';
import { rfc3161Timestamper } from '../../src/signing/tsa/tsa-client';
import { loadCertificates } from '../../src/signing/verify/chain';
import { cmsSignerOf } from '../../src/signing/token/cms-signer';
import { Pkcs11Module } from '../../src/signing/token/pkcs11-module';
import { makePng } from '../../src/signing/test-support/corpus';
import { createTestPki } from '../test-support/pki';
import { startRevocationTestbed } from '../test-support/ocsp';
import { createSoftHsm, SOFTHSM_MODULE, useSoftHsm } from '../test-support/softhsm';
import { startTestTsa } from '../test-support/tsa';
import { figureLine, ms } from './stats';

const BATCH = 200;
const WARMUP = 10;
const LARGE_RUNS = 7;
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? NaN;

async function onePageForm(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595.28, 841.89]);
  const lines = [
    'DANG CONG SAN VIET NAM',
    'GIAY GIOI THIEU SINH HOAT DANG',
    'Ho va ten: ...',
    'Ngay sinh: ...',
    'Chi bo: ...',
  ];
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

const LT_RUNS = 15;

/** B-LT against B-T signing of the one-page form, in the same run (see the header). */
export async function benchSignLt(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'dangvu-bench-lt-'));
  const bed = await startRevocationTestbed(join(dir, 'pki'));
  const tsa = await startTestTsa(join(dir, 'tsa'), bed.pki);
  try {
    const { pki } = bed;
    const key = createPrivateKey(pki.signerRsa.keyPem);
    const signer: CmsSigner = {
      certificate: pki.signerRsa.certDer,
      keyType: 'rsa',
      sign: async (d) => sign('sha256', d, key),
    };
    const form = await onePageForm();
    const cms = { chain: [pki.intermediate.certDer], timestamp: rfc3161Timestamper(tsa.url) };
    const trustAnchors = loadCertificates(pki.root.certPem);
    const bt = () => signPdf(form, signer, { signerName: 'Nguyễn Văn An' }, cms);
    const lt = async (checker: RevocationChecker) => {
      const result = await addLtv(await bt(), { trustAnchors, checker });
      if (!result.added || !result.complete)
        throw new Error(`B-LT incomplete: ${result.problems.join('; ')}`);
    };
    const time = async (run: () => Promise<unknown>) => {
      const t = performance.now();
      await run();
      return performance.now() - t;
    };
    const warmChecker = new RevocationChecker();
    await lt(warmChecker); // warm-up (and fills the shared cache)
    const btMs: number[] = [];
    const coldMs: number[] = [];
    const warmMs: number[] = [];
    for (let i = 0; i < LT_RUNS; i++) {
      btMs.push(await time(bt));
      coldMs.push(await time(() => lt(new RevocationChecker())));
      warmMs.push(await time(() => lt(warmChecker)));
    }
    const base = median(btMs);
    const ratio = (v: number[]) => (median(v) / base).toFixed(2);
    const figures = [
      `n=${LT_RUNS}`,
      `bt_ms=${ms(base)}`,
      `lt_cold_ms=${ms(median(coldMs))}`,
      `ratio_cold=${ratio(coldMs)}`,
      `lt_warm_ms=${ms(median(warmMs))}`,
      `ratio_warm=${ratio(warmMs)}`,
    ];
    return `bench sign.lt ${figures.join(' ')}`;
  } finally {
    await tsa.close();
    await bed.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchSign(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'dangvu-bench-sign-'));
  let module: Pkcs11Module | undefined;
  try {
    const pki = createTestPki(join(dir, 'pki'));
    useSoftHsm(
      createSoftHsm(join(dir, 'hsm'), [
        { label: 'Bench', pin: '1234', keys: [{ id: '01', cert: pki.signerRsa }] },
      ]),
    );
    const token = Pkcs11Module.open(SOFTHSM_MODULE);
    module = token; // closed in `finally`
    const slot = token.findSlot('Bench');
    const form = join(dir, 'form.pdf');
    writeFileSync(form, await onePageForm());
    const appearance = {
      signatureImage: makePng(120, 60, [20, 20, 120]),
      sealImage: makePng(80, 80, [200, 30, 30]),
    };
    const cms = { chain: [pki.intermediate.certDer] };
    const copies = (n: number, tag: string) =>
      Array.from({ length: n }, (_, i) => ({
        inPath: form,
        outPath: join(dir, `${tag}-${i}.pdf`),
      }));

    /** Signs `n` copies of the form in one batch; any document not signed fails the bench. */
    const signCopies = async (n: number, tag: string) => {
      const documents = copies(n, tag);
      const request = { module: token, slot, pin: '1234', documents, appearance, cms };
      const result = await signBatch(request);
      if (result.signed.length !== n) {
        throw new Error(`${tag} batch failed: ${result.notSigned[0]?.message}`);
      }
      return result;
    };

    await signCopies(WARMUP, 'warm');
    const started = performance.now();
    const batch = await signCopies(BATCH, 'doc');
    const total = performance.now() - started;
    const perDoc = total / BATCH;
    const rawSign = batch.tokenMs / BATCH;

    const large = join(dir, 'large.pdf');
    writeFileSync(large, await largePdf(5));
    const sizeMb = readFileSync(large).length / (1024 * 1024);
    const baseline: number[] = [];
    const signing: number[] = [];
    const session = token.login(slot, '1234');
    try {
      const signer = cmsSignerOf(session.signer());
      for (let i = 0; i < LARGE_RUNS; i++) {
        let t = performance.now();
        createHash('sha256').update(readFileSync(large)).digest();
        baseline.push(performance.now() - t);
        t = performance.now();
        await signPdfFile(
          large,
          join(dir, `large-${i}.pdf`),
          signer,
          { signerName: 'Nguyễn Văn An', ...appearance },
          cms,
        );
        signing.push(performance.now() - t);
      }
    } finally {
      session.close();
    }
    return [
      figureLine('sign.batch', {
        n: BATCH,
        ms_per_doc: ms(perDoc),
        overhead_ms_per_doc: ms(perDoc - rawSign),
        raw_sign_ms_per_doc: ms(rawSign),
        goal_overhead_ms: 15,
      }),
      figureLine('sign.large', {
        size_mb: sizeMb.toFixed(0),
        ms: ms(median(signing)),
        baseline_read_sha256_ms: ms(median(baseline)),
        runs: LARGE_RUNS,
        goal_ms: 150,
      }),
      await benchSignLt(),
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
