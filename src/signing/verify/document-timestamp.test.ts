/**
 * Document timestamps (PAdES B-LTA, /DocTimeStamp with SubFilter ETSI.RFC3161): verified as the
 * TSA's signature over the byte range, and, once verified, an allowed change after the
 * signatures before them. A forged or stale one is not.
 */
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPki, type TestPki } from '../../../scripts/test-support/pki';
import { startTestTsa, type TestTsa } from '../../../scripts/test-support/tsa';
import { addDocumentTimestamp } from '../pdf/sign-pdf';
import * as forge from '../test-support/forgeries';
import { signedLetter } from '../test-support/hostile-pdfs';
import { rfc3161Timestamper } from '../tsa/tsa-client';
import { verifyPdf } from './verify-pdf';

let dir: string;
let pki: TestPki;
let tsa: TestTsa;
let letter: Buffer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'doc-timestamp-'));
  pki = createTestPki(join(dir, 'pki'));
  tsa = await startTestTsa(join(dir, 'tsa'), pki);
  letter = await signedLetter(pki, false);
}, 60_000);
afterAll(async () => {
  await tsa?.close();
  rmSync(dir, { recursive: true, force: true });
});

const anchors = () => [new X509Certificate(pki.root.certDer)];
const stamp = (pdf: Buffer) => addDocumentTimestamp(pdf, rfc3161Timestamper(tsa.url));

describe('document timestamps', () => {
  it('verifies as the TSA over the whole file and leaves the signatures before it intact', async () => {
    const stamped = await stamp(letter);
    const report = verifyPdf(stamped, { trustAnchors: anchors() });
    expect(report.signatures.map((s) => [s.kind, s.status, s.chain.trusted])).toEqual([
      ['signature', 'intact', true],
      ['signature', 'intact', true],
      ['document-timestamp', 'intact', true],
    ]);
    expect(report.signatures[2]).toMatchObject({ signer: 'Test TSA', coversWholeFile: true });
    expect(report.signatures[2]!.timestamp?.time).toBeDefined();
    expect(report.ok).toBe(true);
    // A second timestamp over the first (archive renewal) is allowed as well.
    const renewed = verifyPdf(await stamp(stamped), { trustAnchors: anchors() });
    expect(renewed.ok).toBe(true);
  });

  it('does not cover a change made after it, and one made after the signatures is named', async () => {
    const stamped = await stamp(letter);
    const changed = forge.appendPageContent(stamped);
    const report = verifyPdf(changed.pdf, { trustAnchors: anchors() });
    expect(report.ok).toBe(false);
    expect(report.signatures.map((s) => s.status)).toEqual(['changed', 'changed', 'changed']);
  });

  it('is broken when the stamped bytes differ from the imprint (a token moved from another file)', async () => {
    const stamped = await stamp(letter);
    const other = await stamp(await signedLetter(pki, true));
    // Put the other file's token into this file's /Contents: same size, other imprint.
    const contentsOf = (pdf: Buffer) => {
      const at = pdf.lastIndexOf('/Contents <');
      return { at: at + '/Contents <'.length, end: pdf.indexOf('>', at) };
    };
    const mine = contentsOf(stamped);
    const theirs = contentsOf(other);
    const forged = Buffer.from(stamped);
    other.copy(forged, mine.at, theirs.at, theirs.end);
    const report = verifyPdf(forged, { trustAnchors: anchors() });
    expect(report.signatures[2]).toMatchObject({ kind: 'document-timestamp', status: 'broken' });
    expect(report.signatures[2]!.errors.join()).toMatch(/imprint/);
    expect(report.ok).toBe(false);
  });
});
