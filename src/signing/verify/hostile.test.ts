/**
 * Hostile files through the isolated verifier: each class that once exhausted the heap or looped
 * is refused (PdfRejectedError, code invalid_pdf, a precise English reason) or reported not ok,
 * within seconds, and this process keeps verifying afterwards. The same files on the main thread
 * are refused by the reader's bounds alone.
 */
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPki, type TestPki } from '../../../scripts/test-support/pki';
import { PdfSyntaxError } from '../pdf/pdf-objects';
import { PdfReadError } from '../pdf/pdf-read-error';
import { heapHungry, hostilePdfs, signedLetter } from '../test-support/hostile-pdfs';
import { PdfRejectedError, prestartVerifyWorker, verifyPdfIsolated } from './verify-isolated';
import { verifyPdf, type VerifyReport } from './verify-pdf';

let dir: string;
let pki: TestPki;
let letter: Buffer;
let tableLetter: Buffer;
/** Set after the test PKI exists: its certificates are valid from their creation. */
let now: Date;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'verify-hostile-'));
  pki = createTestPki(join(dir, 'pki'));
  letter = await signedLetter(pki, true);
  tableLetter = await signedLetter(pki, false);
  now = new Date(Date.now() + 1000);
  prestartVerifyWorker();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The settled outcome: the report, or the error it was rejected with. */
const outcomeOf = (pdf: Buffer, options: Parameters<typeof verifyPdfIsolated>[1]) =>
  verifyPdfIsolated(pdf, options).then(
    (report) => ({ report, error: undefined }),
    (error: unknown) => ({ report: undefined, error }),
  );

/** Boot of a worker on a loaded 2-core machine included: seconds, not the minutes of a hang. */
const QUICK_MS = 12_000;

describe('hostile PDFs in the isolated verifier', () => {
  it.each(hostilePdfs)(
    '$name: refused quickly, the process stays up',
    async (h) => {
      const pdf = h.bytes();
      const t0 = performance.now();
      const { report, error } = await outcomeOf(pdf, { trustAnchors: [pki.root.certDer], now });
      expect(performance.now() - t0).toBeLessThan(QUICK_MS);
      if (h.reason) {
        expect(error).toBeInstanceOf(PdfRejectedError);
        const e = error as PdfRejectedError;
        expect(e.message).toMatch(h.reason);
        expect(e).toMatchObject({
          code: 'invalid_pdf',
          messageVi: 'Tệp PDF không hợp lệ hoặc bị hỏng',
        });
      } else {
        expect(error).toBeUndefined();
        expect(report).toMatchObject({ ok: false, signatures: [] });
      }
    },
    30_000,
  );

  it.each(hostilePdfs.filter((h) => h.reason))(
    '$name: the reader on the main thread refuses it with its reason',
    (h) => {
      const pdf = h.bytes();
      const t0 = performance.now();
      let thrown: unknown;
      try {
        verifyPdf(pdf, { trustAnchors: [], now });
      } catch (err) {
        thrown = err;
      }
      expect(performance.now() - t0).toBeLessThan(QUICK_MS);
      expect(thrown instanceof PdfReadError || thrown instanceof PdfSyntaxError).toBe(true);
      expect((thrown as Error).message).toMatch(h.reason!);
    },
    30_000,
  );

  it('a file within the reader bounds but hungry for heap ends its worker, not this process', async () => {
    const { error } = await outcomeOf(heapHungry(), { trustAnchors: [], maxMemoryMb: 64 });
    expect(error).toBeInstanceOf(PdfRejectedError);
    expect((error as Error).message).toBe('verification exceeded 64 MB');
    // Still up, and still verifying.
    const after = await verifyPdfIsolated(letter, { trustAnchors: [pki.root.certDer], now });
    expect(after.ok).toBe(true);
  }, 60_000);

  it('a verification past its deadline is terminated and refused', async () => {
    const { error } = await outcomeOf(letter, {
      trustAnchors: [pki.root.certDer],
      now,
      timeoutMs: 1,
    });
    expect(error).toBeInstanceOf(PdfRejectedError);
    expect((error as Error).message).toBe('verification timed out after 0.001 s');
  }, 30_000);
});

describe('genuine letters through the worker', () => {
  it.each([
    ['xref table', false],
    ['xref and object streams', true],
  ])(
    'a letter signed twice (%s) verifies intact and trusted',
    async (_kind, objectStreams) => {
      const pdf = objectStreams ? letter : tableLetter;
      const report = await verifyPdfIsolated(pdf, {
        trustAnchors: [pki.root.certPem],
        now: now.toISOString(),
      });
      expect(report.ok).toBe(true);
      expect(report.signatures.map((s) => [s.intact, s.chain.trusted])).toEqual([
        [true, true],
        [true, true],
      ]);
      // The same verdict as in-process: the worker changes where, not what.
      const anchors = [new X509Certificate(pki.root.certDer)];
      const core = (r: VerifyReport) =>
        r.signatures.map(
          ({ fieldName, byteRange, digestOk, signatureOk, intact, chain, modifications }) => ({
            fieldName,
            byteRange,
            digestOk,
            signatureOk,
            intact,
            chain,
            modifications,
          }),
        );
      expect(core(report)).toEqual(core(verifyPdf(pdf, { trustAnchors: anchors, now })));
    },
    30_000,
  );

  it('an untrusted root gives a report (intact, not trusted), not a refusal', async () => {
    const report = await verifyPdfIsolated(letter, { trustAnchors: [], now });
    expect(report.ok).toBe(false);
    expect(report.signatures.every((s) => s.intact && !s.chain.trusted)).toBe(true);
  }, 30_000);

  it('bad options are a plain error, not a refusal of the file', async () => {
    await expect(
      verifyPdfIsolated(letter, { trustAnchors: ['not a certificate'] }),
    ).rejects.toThrow(/no PEM certificate/);
    await expect(
      verifyPdfIsolated(letter, { trustAnchors: [], now: 'yesterday' }),
    ).rejects.not.toBeInstanceOf(PdfRejectedError);
  });
});
