/**
 * Fuzzing the verifier with mutated real signed letters (byte flips, truncation, sections spliced
 * from another letter, forged trailers and startxref, duplicated sections): it throws only the
 * reader's errors or reports, and never calls a file changed inside its signed revisions ok.
 * Bounded to about 20 s here; `npm run fuzz -- verify` runs the same property longer.
 */
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPki } from '../../../scripts/test-support/pki';
import { signedLetter } from '../test-support/hostile-pdfs';
import { checkMutation, mutationArb, type FuzzCase } from '../test-support/verify-fuzz';
import { verifyPdf } from './verify-pdf';

let dir: string;
const cases: Record<'table' | 'streams', FuzzCase> = {} as Record<'table' | 'streams', FuzzCase>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'verify-fuzz-'));
  const pki = createTestPki(join(dir, 'pki'));
  const table = await signedLetter(pki, false);
  const streams = await signedLetter(pki, true);
  const anchors = [new X509Certificate(pki.root.certDer)];
  const now = new Date(Date.now() + 1000);
  for (const [name, original, donor] of [
    ['table', table, streams],
    ['streams', streams, table],
  ] as const) {
    const report = verifyPdf(original, { trustAnchors: anchors, now });
    expect(report.ok).toBe(true);
    cases[name] = {
      original,
      donor,
      anchors,
      now,
      revisionEnds: report.signatures.map((s) => s.revisionEnd),
    };
  }
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('verifier fuzz', () => {
  it.each(['table', 'streams'] as const)(
    'mutated letters (%s): reader errors or a report, never ok when signed bytes changed',
    (name) => {
      const seen = new Map<string, number>();
      fc.assert(
        fc.property(mutationArb, (m) => {
          const outcome = checkMutation(cases[name], m);
          seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
        }),
        {
          numRuns: 3_000,
          seed: 20261207,
          interruptAfterTimeLimit: 9_000,
          markInterruptAsFailure: false,
        },
      );
      // The mutations reach both ends: files refused and files read to a verdict.
      expect(seen.get('refused') ?? 0).toBeGreaterThan(0);
      expect(seen.get('report-not-ok') ?? 0).toBeGreaterThan(0);
    },
    30_000,
  );
});
