/** Hostile and broken PDFs are refused quickly with a clear error; nothing is written. */
import { execFileSync } from 'node:child_process';
import { createPrivateKey, sign } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deflateSync } from 'node:zlib';
import { createTestPki, type TestPki } from '../../../scripts/test-support/pki';
import type { CmsSigner } from '../cms/signed-data';
import { streamBody, tableFile, xrefStreamFile } from '../test-support/hostile-pdfs';
import { MAX_DECODED_BYTES_PER_FILE, MAX_INFLATED_BYTES } from './flate';
import { PdfReader } from './pdf-reader';
import { signPdf, signPdfFile } from './sign-pdf';

let dir: string;
let pki: TestPki;
let good: Buffer;
let signer: CmsSigner;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sign-bad-'));
  pki = createTestPki(join(dir, 'pki'));
  const key = createPrivateKey(pki.signerEc.keyPem);
  signer = {
    certificate: pki.signerEc.certDer,
    keyType: 'ec',
    sign: async (d) => sign('sha256', d, key),
  };
  const doc = await PDFDocument.create();
  doc.addPage();
  good = Buffer.from(await doc.save({ useObjectStreams: false }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const opts = { signerName: 'Trần Thị Bình' };
/** `good` with one textual edit (PDF syntax is bytes; latin1 keeps them as they are). */
const goodEdited = (edit: (text: string) => string) =>
  Buffer.from(edit(good.toString('latin1')), 'latin1');

describe('bad input', () => {
  it.each([
    ['empty', () => Buffer.alloc(0), /not a PDF/],
    ['not a PDF', () => Buffer.from('hello world, no pdf here'), /not a PDF/],
    ['truncated', () => good.subarray(0, Math.floor(good.length / 2)), /truncated|startxref/],
    [
      'xref offset beyond the file',
      () => goodEdited((s) => s.replace(/startxref\s+\d+/, 'startxref\n99999999')),
      /out of the file/,
    ],
    [
      'xref /Prev loop',
      () => {
        const s = good.toString('latin1');
        const off = /startxref\s+(\d+)/.exec(s)![1]!;
        return Buffer.from(s.replace('trailer\n<<', `trailer\n<< /Prev ${off}`), 'latin1');
      },
      /loop/,
    ],
    [
      'deeply nested arrays',
      () => goodEdited((s) => s.replace('/Catalog', `/Catalog /X ${'['.repeat(5000)}`)),
      /nested|damaged|catalog|pages/i,
    ],
  ])('%s is refused with a clear error within bounded time', async (_name, make, message) => {
    const t0 = performance.now();
    await expect(signPdf(make(), signer, opts)).rejects.toThrow(message);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('an encrypted PDF is refused', async () => {
    const src = join(dir, 'plain.pdf');
    const enc = join(dir, 'enc.pdf');
    writeFileSync(src, good);
    execFileSync('qpdf', ['--encrypt', 'u', 'o', '256', '--', src, enc]);
    expect(() => new PdfReader(Buffer.from(execFileSync('cat', [enc])))).toThrow(/encrypted/);
  });

  it('nothing is written to the output path when signing fails', async () => {
    const src = join(dir, 'broken.pdf');
    const out = join(dir, 'out.pdf');
    writeFileSync(src, good.subarray(0, 100));
    await expect(signPdfFile(src, out, signer, opts)).rejects.toThrow();
    expect(existsSync(out)).toBe(false);
    const failing: CmsSigner = {
      ...signer,
      sign: async () => {
        throw new Error('token removed');
      },
    };
    writeFileSync(src, good);
    await expect(signPdfFile(src, out, failing, opts)).rejects.toThrow('token removed');
    expect(existsSync(out)).toBe(false);
    await signPdfFile(src, out, signer, opts);
    expect(existsSync(out)).toBe(true);
  });

  it('a signature larger than the reserved room is refused, not truncated', async () => {
    await expect(signPdf(good, signer, { ...opts, contentsSize: 200 })).rejects.toThrow(
      /larger than the reserved/,
    );
  });

  it('an xref table without its trailer keyword is refused, not read forever', () => {
    const plain = tableFile([{ num: 1, body: '<< /Type /Catalog >>' }], () => '/Root 1 0 R');
    const cut = Buffer.from(plain.toString('latin1').replace('trailer\n', ''), 'latin1');
    const t0 = performance.now();
    expect(() => new PdfReader(cut)).toThrow(/damaged xref table/);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('decoding stops at the budget of the whole file, not only of each stream', () => {
    const perStream = MAX_INFLATED_BYTES - 1024 * 1024;
    const streams = Math.ceil(MAX_DECODED_BYTES_PER_FILE / perStream);
    const bomb = deflateSync(Buffer.alloc(perStream), { level: 9 });
    // Object k lives in object stream 10 + k; each decodes to just under the per-stream bound.
    const objStms = Array.from({ length: streams }, (_, k) => ({
      num: 10 + k,
      body: streamBody('<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>', bomb),
    }));
    const rows = [
      { type: 1 as const, num: 1 },
      ...objStms.map((o, k) => ({ type: 2 as const, num: 2 + k, stream: o.num, index: 0 })),
      ...objStms.map((o) => ({ type: 1 as const, num: o.num })),
    ];
    const pdf = xrefStreamFile(
      [{ num: 1, body: '<< /Type /Catalog >>' }, ...objStms],
      rows,
      10 + streams,
    );
    const reader = new PdfReader(pdf);
    const errors = objStms.map((_, k) => {
      try {
        reader.getObject(2 + k);
        return 'read';
      } catch (err) {
        return (err as Error).message;
      }
    });
    expect(errors.slice(0, -1).every((e) => /damaged object stream/.test(e))).toBe(true);
    expect(errors.at(-1)).toBe('decoded streams exceed 256 MB in all');
  });

  it('a PNG predictor with impossible /Columns is refused', () => {
    const rows = Buffer.alloc(3 * 7);
    const dict =
      '<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns -1 >> >>';
    const pdf = xrefStreamFile(
      [
        { num: 1, body: '<< /Type /Catalog >>' },
        { num: 3, body: streamBody(dict, deflateSync(rows)) },
      ],
      [
        { type: 1, num: 1 },
        { type: 2, num: 2, stream: 3, index: 0 },
        { type: 1, num: 3 },
      ],
      4,
    );
    expect(() => new PdfReader(pdf).getObject(2)).toThrow(/bad \/Columns/);
  });
});
