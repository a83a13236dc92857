/**
 * Longer fuzzing on demand (the suite runs the same property for about 20 s):
 *   npm run fuzz -- verify                   20 000 mutations of each of two signed letters
 *   npm run fuzz -- verify --runs 200000 --seed 7
 * Prints, per letter and mutation kind, how many were refused, reported not ok, or ok, and each
 * distinct violation once with a mutation that reproduces it; exits 1 on any violation.
 */
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { signedLetter } from '../src/signing/test-support/hostile-pdfs';
import { checkMutation, mutationArb, type FuzzCase } from '../src/signing/test-support/verify-fuzz';
import { verifyPdf } from '../src/signing/verify/verify-pdf';
import { createTestPki } from './test-support/pki';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: 'string', default: '20000' },
    seed: { type: 'string', default: String(Date.now() % 2 ** 31) },
  },
});
const targets = positionals.length > 0 ? positionals : ['verify'];
const unknown = targets.filter((t) => t !== 'verify');
if (unknown.length > 0)
  throw new Error(`unknown fuzz target ${unknown.join(', ')} (known: verify)`);
const runs = Number(values.runs);
const seed = Number(values.seed);
if (!Number.isSafeInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer`);

async function letters(dir: string): Promise<Record<string, FuzzCase>> {
  const pki = createTestPki(join(dir, 'pki'));
  const table = await signedLetter(pki, false);
  const streams = await signedLetter(pki, true);
  const anchors = [new X509Certificate(pki.root.certDer)];
  const now = new Date(Date.now() + 1000);
  const caseOf = (original: Buffer, donor: Buffer): FuzzCase => {
    const report = verifyPdf(original, { trustAnchors: anchors, now });
    if (!report.ok) throw new Error('the unmutated letter does not verify');
    const revisionEnds = report.signatures.map((s) => s.revisionEnd);
    return { original, donor, anchors, now, revisionEnds };
  };
  return { table: caseOf(table, streams), streams: caseOf(streams, table) };
}

interface Tally {
  outcomes: Map<string, number>;
  violations: Map<string, { count: number; example: string }>;
}

function fuzz(c: FuzzCase, name: string): Tally {
  const tally: Tally = { outcomes: new Map(), violations: new Map() };
  const count = (key: string) => tally.outcomes.set(key, (tally.outcomes.get(key) ?? 0) + 1);
  const t0 = performance.now();
  for (const m of fc.sample(mutationArb, { numRuns: runs, seed })) {
    try {
      count(`${m.kind} ${checkMutation(c, m)}`);
    } catch (err) {
      count(`${m.kind} VIOLATION`);
      const key = `${m.kind}: ${(err as Error).message.slice(0, 160)}`;
      const v = tally.violations.get(key) ?? { count: 0, example: JSON.stringify(m) };
      v.count++;
      tally.violations.set(key, v);
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  console.log(`fuzz verify.${name}: ${runs} mutations in ${seconds.toFixed(1)} s (seed ${seed})`);
  for (const [key, n] of [...tally.outcomes].sort()) console.log(`  ${key.padEnd(34)} ${n}`);
  for (const [key, v] of tally.violations) {
    console.log(`  VIOLATION ×${v.count} ${key}\n    e.g. ${v.example}`);
  }
  return tally;
}

const dir = mkdtempSync(join(tmpdir(), 'fuzz-verify-'));
try {
  const cases = await letters(dir);
  const tallies = Object.entries(cases).map(([name, c]) => fuzz(c, name));
  const violations = tallies.reduce((n, t) => n + t.violations.size, 0);
  console.log(violations === 0 ? 'no violation' : `${violations} distinct violations`);
  process.exitCode = violations === 0 ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
