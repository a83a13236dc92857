/**
 * Batch signing on real SoftHSM tokens: one login, progress, a token deleted mid-batch, a bad file,
 * documents in memory with a check of each result, a cancel.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPki, type TestPki } from '../../../scripts/test-support/pki';
import {
  createSoftHsm,
  type SoftHsm,
  SOFTHSM_MODULE,
  useSoftHsm,
} from '../../../scripts/test-support/softhsm';
import { buildCorpus } from '../test-support/corpus';
import { SIGN_ERRORS } from '../token/errors';
import { Pkcs11Module } from '../token/pkcs11-module';
import { loadCertificates } from '../verify/chain';
import { verifyPdf } from '../verify/verify-pdf';
import { type BatchEvent, SIGN_CANCELLED_VI, signBatch } from './batch-sign';

let dir: string;
let pki: TestPki;
let hsm: SoftHsm;
let module: Pkcs11Module;
let source: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sign-batch-'));
  pki = createTestPki(join(dir, 'pki'));
  hsm = createSoftHsm(join(dir, 'hsm'), [
    { label: 'Removable', pin: '1111', keys: [{ id: '01', cert: pki.signerEc }] },
    { label: 'Steady', pin: '2222', keys: [{ id: '01', cert: pki.signerRsa }] },
  ]);
  useSoftHsm(hsm);
  module = Pkcs11Module.open(SOFTHSM_MODULE);
  source = (await buildCorpus(join(dir, 'corpus'), ['pdf-lib']))[0]!.file;
});
afterAll(() => {
  module?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const docs = (name: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    inPath: source,
    outPath: join(dir, `${name}-${i + 1}.pdf`),
  }));
const trusted = (file: string) =>
  verifyPdf(readFileSync(file), { trustAnchors: loadCertificates(pki.root.certPem) }).ok;

describe('signBatch', () => {
  it('token deleted after the 2nd document: 1–2 signed, 3–5 not, with the "token removed" reason', async () => {
    const events: BatchEvent[] = [];
    const documents = docs('removed', 5);
    const result = await signBatch({
      module,
      slot: module.findSlot('Removable'),
      pin: '1111',
      documents,
      cms: { chain: [pki.intermediate.certDer] },
      onProgress: (e) => {
        events.push(e);
        if (e.type === 'signed' && e.index === 1) {
          execFileSync('softhsm2-util', ['--delete-token', '--token', 'Removable'], {
            env: hsm.env,
            stdio: 'pipe',
          });
        }
      },
    });
    expect(result.tokenRemoved).toBe(true);
    expect(result.signed.map((d) => [d.index, d.outPath])).toEqual([
      [0, documents[0]!.outPath],
      [1, documents[1]!.outPath],
    ]);
    expect(result.notSigned.map((d) => [d.index, d.code])).toEqual([
      [2, 'SIGN_TOKEN_REMOVED'],
      [3, 'SIGN_TOKEN_REMOVED'],
      [4, 'SIGN_TOKEN_REMOVED'],
    ]);
    expect(result.notSigned.every((d) => d.messageVi === SIGN_ERRORS.SIGN_TOKEN_REMOVED)).toBe(
      true,
    );
    expect(result.notSigned[0]!.message).toMatch(/CKR_/); // the module's exact code, for the log
    expect(result.signed.every((d) => trusted(d.outPath))).toBe(true);
    expect(documents.slice(2).some((d) => existsSync(d.outPath))).toBe(false);
    expect(events.map((e) => `${e.type}:${e.index}`)).toEqual([
      'signing:0',
      'signed:0',
      'signing:1',
      'signed:1',
      'signing:2',
      'failed:2',
      'failed:3',
      'failed:4',
    ]);
    expect(Object.isFrozen(result.signed[0])).toBe(true);
  });

  it('a malformed PDF in the middle is reported and the others are signed', async () => {
    const bad = join(dir, 'broken.pdf');
    writeFileSync(bad, readFileSync(source).subarray(0, 400));
    const documents = docs('mixed', 4);
    documents[1] = { inPath: bad, outPath: join(dir, 'mixed-broken.pdf') };
    documents[2] = { inPath: join(dir, 'missing.pdf'), outPath: join(dir, 'mixed-missing.pdf') };
    const result = await signBatch({
      module,
      slot: module.findSlot('Steady'),
      pin: '2222',
      documents,
      cms: { chain: [pki.intermediate.certDer] },
    });
    expect(result.tokenRemoved).toBe(false);
    expect(result.signed.map((d) => d.index)).toEqual([0, 3]);
    expect(result.notSigned.map((d) => [d.index, d.code])).toEqual([
      [1, 'PDF_INVALID'],
      [2, 'FILE_ERROR'],
    ]);
    expect(result.notSigned[0]!.messageVi).toContain('PDF');
    expect(existsSync(join(dir, 'mixed-broken.pdf'))).toBe(false);
    for (const d of result.signed) {
      const bytes = readFileSync(d.outPath);
      expect(trusted(d.outPath)).toBe(true);
      expect(d.sha256).toBe(createHashHex(bytes));
    }
    expect(result.tokenMs).toBeGreaterThan(0);
  });

  it('a wrong PIN signs nothing and says so for every document', async () => {
    const documents = docs('wrongpin', 2);
    const result = await signBatch({
      module,
      slot: module.findSlot('Steady'),
      pin: '0000',
      documents,
    });
    expect(result.signed).toEqual([]);
    expect(result.notSigned.map((d) => d.code)).toEqual(['CKR_PIN_INCORRECT', 'CKR_PIN_INCORRECT']);
    expect(documents.some((d) => existsSync(d.outPath))).toBe(false);
  });

  it('in-memory documents: bytes back, nothing written, a refused check leaves that one unsigned', async () => {
    const pdf = readFileSync(source);
    const documents = [1, 2, 3].map((i) => ({ id: `doc-${i}`, pdf }));
    const result = await signBatch({
      module,
      slot: module.findSlot('Steady'),
      pin: '2222',
      documents,
      cms: { chain: [pki.intermediate.certDer] },
      check: async (signed, original, index) => {
        expect(signed.subarray(0, original.length).equals(original)).toBe(true);
        if (index === 1) throw new Error('does not verify');
        return signed;
      },
    });
    expect(result.signed.map((d) => d.id)).toEqual(['doc-1', 'doc-3']);
    for (const d of result.signed) {
      expect(verifyPdf(d.pdf, { trustAnchors: loadCertificates(pki.root.certPem) }).ok).toBe(true);
      expect(d.sha256).toBe(createHashHex(d.pdf));
    }
    expect(result.notSigned).toEqual([
      expect.objectContaining({ index: 1, id: 'doc-2', message: 'does not verify' }),
    ]);
  });

  it('cancelled between documents: the rest reported as cancelled, none of them written', async () => {
    const controller = new AbortController();
    const documents = docs('cancel', 4);
    const result = await signBatch({
      module,
      slot: module.findSlot('Steady'),
      pin: '2222',
      documents,
      signal: controller.signal,
      onProgress: (e) => {
        if (e.type === 'signed' && e.index === 0) controller.abort();
      },
    });
    expect(result.cancelled).toBe(true);
    expect(result.signed.map((d) => d.index)).toEqual([0]);
    expect(result.notSigned.map((d) => [d.index, d.code])).toEqual([
      [1, 'SIGN_CANCELLED'],
      [2, 'SIGN_CANCELLED'],
      [3, 'SIGN_CANCELLED'],
    ]);
    expect(result.notSigned[0]!.messageVi).toBe(SIGN_CANCELLED_VI);
    expect(documents.slice(1).some((d) => existsSync(d.outPath))).toBe(false);
  });
});

const createHashHex = (b: Buffer) => createHash('sha256').update(b).digest('hex');
