/**
 * scripts/sign.ts, verify.ts and token.ts as real child processes against SoftHSM and the loopback
 * TSA: exit codes, the PIN only from PKCS11_PIN, `--tsa`, the `verify --json` shape.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestPki, type TestPki } from '../../../scripts/test-support/pki';
import { createSoftHsm, type SoftHsm, SOFTHSM_MODULE } from '../../../scripts/test-support/softhsm';
import { startTestTsa, type TestTsa } from '../../../scripts/test-support/tsa';
import { buildCorpus, flipSignedByte, makePng } from '../test-support/corpus';

let dir: string;
let pki: TestPki;
let hsm: SoftHsm;
let tsa: TestTsa;
let source: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sign-cli-'));
  pki = createTestPki(join(dir, 'pki'));
  hsm = createSoftHsm(join(dir, 'hsm'), [
    { label: 'Chi bo', pin: '4321', keys: [{ id: '0a', cert: pki.signerEc }] },
  ]);
  tsa = await startTestTsa(join(dir, 'tsa'), pki);
  source = (await buildCorpus(join(dir, 'corpus'), ['pdf-lib']))[0]!.file;
  writeFileSync(join(dir, 'chain.pem'), pki.intermediate.certPem);
  writeFileSync(join(dir, 'sig.png'), makePng(60, 30, [20, 20, 120]));
  writeFileSync(join(dir, 'seal.png'), makePng(40, 40, [30, 30, 30]));
});
afterAll(async () => {
  await tsa?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a CLI script under tsx; async so the in-process TSA can answer meanwhile. */
function cli(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join('scripts', script), ...args],
      { env: { ...hsm.env, PKCS11_PIN: undefined, ...env }, timeout: 60_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const VerifyJson = z.object({
  ok: z.boolean(),
  signatures: z.array(
    z.object({
      fieldName: z.string(),
      signer: z.string(),
      claimedTime: z.string(),
      byteRange: z.array(z.number()).length(4),
      intact: z.boolean(),
      digestOk: z.boolean(),
      coversWholeFile: z.boolean(),
      hasTimestamp: z.boolean(),
      timestamp: z
        .object({
          time: z.string(),
          tsa: z.string(),
          imprintOk: z.boolean(),
          signatureOk: z.boolean(),
          trusted: z.boolean(),
        })
        .optional(),
      chain: z.object({ trusted: z.boolean(), path: z.array(z.string()) }),
      errors: z.array(z.string()),
    }),
  ),
});

describe('command-line tools', () => {
  it('token lists the token and its certificate without a PIN', async () => {
    const r = await cli('token.ts', ['--module', SOFTHSM_MODULE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('token "Chi bo"');
    expect(r.stdout).toMatch(/cert id=0a subject="[^"]*CN=Trần Thị Bình/);
    const bad = await cli('token.ts', ['--module', join(dir, 'nope.so')]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('Không nạp được thư viện');
  });

  it('sign takes the PIN only from PKCS11_PIN and writes nothing on failure', async () => {
    const out = join(dir, 'refused.pdf');
    const base = ['--module', SOFTHSM_MODULE, '--token', 'Chi bo', '--in', source, '--out', out];
    const [noPin, pinArg, wrongPin] = await Promise.all([
      cli('sign.ts', base),
      cli('sign.ts', [...base, '--pin', '4321']),
      cli('sign.ts', base, { PKCS11_PIN: '9999' }),
    ]);
    expect(noPin.code).toBe(2);
    expect(noPin.stderr).toContain('PKCS11_PIN');
    expect(pinArg.code).not.toBe(0);
    expect(wrongPin.code).toBe(1);
    expect(wrongPin.stderr).toContain('Mã PIN không đúng');
    expect(wrongPin.stderr).toContain('[CKR_PIN_INCORRECT]');
    expect(wrongPin.stderr + wrongPin.stdout).not.toContain('9999');
    expect(existsSync(out)).toBe(false);
    const badTsa = await cli('sign.ts', [...base, '--tsa', 'ftp://127.0.0.1/x'], {
      PKCS11_PIN: '4321',
    });
    expect(badTsa.code).toBe(2);
  });

  it('sign --tsa makes a B-T signature; verify --json reports it; a tampered copy fails', async () => {
    const out = join(dir, 'signed.pdf');
    const before = tsa.requests;
    const r = await cli(
      'sign.ts',
      [
        '--module',
        SOFTHSM_MODULE,
        '--token',
        'Chi bo',
        '--in',
        source,
        '--out',
        out,
        '--image',
        join(dir, 'sig.png'),
        '--seal',
        join(dir, 'seal.png'),
        '--reason',
        'Phê duyệt',
        '--chain',
        join(dir, 'chain.pem'),
        '--tsa',
        tsa.url,
        '--page',
        '1',
        '--rect',
        '300,80,200,90',
      ],
      { PKCS11_PIN: '4321' },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Trần Thị Bình');
    expect(tsa.requests).toBe(before + 1);

    const v = await cli('verify.ts', [out, '--trust', pki.root.certFile, '--json']);
    expect(v.code).toBe(0);
    const report = VerifyJson.parse(JSON.parse(v.stdout));
    expect(report.ok).toBe(true);
    expect(report.signatures).toHaveLength(1);
    expect(report.signatures[0]).toMatchObject({
      fieldName: 'Sig1',
      signer: 'Trần Thị Bình',
      intact: true,
      coversWholeFile: true,
      hasTimestamp: true,
      timestamp: { tsa: 'Test TSA', imprintOk: true, signatureOk: true, trusted: true },
      chain: { trusted: true },
      errors: [],
    });

    const untrusted = await cli('verify.ts', [out]);
    expect(untrusted.code).toBe(1);
    expect(untrusted.stdout).toContain('NOT trusted');

    const bytes = readFileSync(out);
    const tampered = join(dir, 'tampered.pdf');
    writeFileSync(tampered, flipSignedByte(bytes, report.signatures[0]!.byteRange[1]!));
    const t = await cli('verify.ts', [tampered, '--trust', pki.root.certFile, '--json']);
    expect(t.code).toBe(1);
    const bad = VerifyJson.parse(JSON.parse(t.stdout));
    expect(bad.ok).toBe(false);
    expect(bad.signatures[0]!.digestOk).toBe(false);

    const missing = await cli('verify.ts', []);
    expect(missing.code).toBe(2);
  });
});
