/**
 * `verify`'s verdicts and exit codes on what users will feed it: a genuine letter (0), every
 * forgery class of the difference analysis (1, the change named), every hostile file (1 or 2,
 * quickly), an unreadable or missing file (2).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPki, type TestPki } from '../../../scripts/test-support/pki';
import * as forge from '../test-support/forgeries';
import { hostilePdfs, signedLetter } from '../test-support/hostile-pdfs';
import { runVerify } from './verify-command';

let dir: string;
let pki: TestPki;
let letter: Buffer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'verify-command-'));
  pki = createTestPki(join(dir, 'pki'));
  letter = await signedLetter(pki, false);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function verify(pdf: Buffer | string, extra: string[] = []) {
  const file = typeof pdf === 'string' ? pdf : join(dir, `f-${Math.random()}.pdf`);
  if (typeof pdf !== 'string') writeFileSync(file, pdf);
  let out = '';
  const write = (line: string) => void (out += `${line}\n`);
  const io = { out: write, err: write };
  const started = performance.now();
  const code = await runVerify([file, '--trust', pki.root.certFile, '--offline', ...extra], io);
  return { code, out, ms: performance.now() - started };
}

describe('verify', () => {
  it('exits 0 on a genuine letter signed twice, and says so per signature', async () => {
    const { code, out } = await verify(letter);
    expect(code, out).toBe(0);
    expect(out.match(/ — intact, trusted/g)).toHaveLength(2);
    expect(out).toContain('revocation: unknown');
  });

  it.each([
    ['hidden XRefStm redefinition', () => forge.redefineContentInXRefStm(letter).pdf],
    ['unsigned widget overlay', () => forge.unsignedWidgetOverlay(letter).pdf],
    ['new page content', () => forge.appendPageContent(letter).pdf],
    ['FreeText annotation', () => forge.addFreeText(letter).pdf],
  ])('exits 1 on a forgery (%s) and names the change', async (_name, make) => {
    const { code, out } = await verify(make());
    expect(code, out).toBe(1);
    expect(out).toMatch(/CHANGED after signing|BROKEN/);
    expect(out).toMatch(/· object \d+ .*\[disallowed\]/);
  });

  it.each(hostilePdfs.map((h) => [h.name, h] as const))(
    'exits 1 or 2 quickly on a hostile file: %s',
    async (_name, hostile) => {
      const { code, out, ms } = await verify(hostile.bytes());
      expect([1, 2], out).toContain(code);
      expect(ms).toBeLessThan(20_000);
    },
    30_000,
  );

  it('exits 2 on a missing file, a non-PDF and bad arguments', async () => {
    expect((await verify(join(dir, 'missing.pdf'))).code).toBe(2);
    expect((await verify(Buffer.from('not a pdf at all'))).code).toBe(2);
    const io = { out: () => undefined, err: () => undefined };
    expect(await runVerify([], io)).toBe(2);
    expect(await runVerify(['x.pdf', '--colour'], io)).toBe(2);
  });
});
