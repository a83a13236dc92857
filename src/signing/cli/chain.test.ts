/**
 * `sign` embeds the CA certificates on the token (and intermediates of SIGNING_TRUST_ANCHORS when
 * the token lacks them), so pdfsig and our verifier, trusting only the root, build the path.
 * PDFs of several producers are signed twice, by two SoftHSM tokens that hold the intermediate,
 * through the command line as users run it.
 */
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNssDb, createTestPki, type TestPki } from '../../../scripts/test-support/pki';
import { createSoftHsm, type SoftHsm, SOFTHSM_MODULE } from '../../../scripts/test-support/softhsm';
import { buildCorpus, type CorpusFile, makePng, pdfsig } from '../test-support/corpus';
import { parseSignedData } from '../cms/parse-signed-data';
import { loadCertificates } from '../verify/chain';
import { verifyPdf } from '../verify/verify-pdf';

const PRODUCERS = ['pdf-lib', 'pdf-lib object streams', 'qpdf xref stream', 'cairo', 'ghostscript'];

let dir: string;
let pki: TestPki;
let hsm: SoftHsm;
let nss: string;
let corpus: CorpusFile[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sign-chain-'));
  pki = createTestPki(join(dir, 'pki'));
  // The intermediate lives only on the first two tokens; the third holds just its signer.
  hsm = createSoftHsm(join(dir, 'hsm'), [
    {
      label: 'Chi bo',
      pin: '1111',
      keys: [{ id: '01', cert: pki.signerRsa }],
      caCerts: [pki.intermediate],
    },
    {
      label: 'Dang uy',
      pin: '2222',
      keys: [{ id: 'a1', cert: pki.signerEc }],
      caCerts: [pki.intermediate],
    },
    { label: 'Bare', pin: '3333', keys: [{ id: '02', cert: pki.signerAlwaysAuth }] },
  ]);
  nss = createNssDb(join(dir, 'nss'), pki.root);
  corpus = await buildCorpus(join(dir, 'corpus'), PRODUCERS);
  writeFileSync(join(dir, 'sig.png'), makePng(60, 30, [20, 20, 120]));
  writeFileSync(join(dir, 'seal.png'), makePng(40, 40, [220, 20, 20]));
  writeFileSync(join(dir, 'root-only.pem'), pki.root.certPem);
  writeFileSync(
    join(dir, 'root-and-intermediate.pem'),
    pki.root.certPem + pki.intermediate.certPem,
  );
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join('scripts', script), ...args],
      {
        env: { ...hsm.env, PKCS11_PIN: undefined, SIGNING_TRUST_ANCHORS: undefined, ...env },
        timeout: 60_000,
      },
      (err, stdout, stderr) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

const signArgs = (label: string, input: string, output: string, rect: string) => [
  '--module',
  SOFTHSM_MODULE,
  '--token',
  label,
  '--in',
  input,
  '--out',
  output,
  '--image',
  join(dir, 'sig.png'),
  '--seal',
  join(dir, 'seal.png'),
  '--rect',
  rect,
];

const commonNameOf = (der: Buffer) => new X509Certificate(der).subject.split('\n').pop()!;

/** Common names of the certificates the CMS of each signature carries. */
function embeddedSubjects(pdf: Buffer): string[][] {
  return verifyPdf(pdf, { trustAnchors: [] }).signatures.map(({ byteRange }) => {
    // /Contents is the hex string between the two signed ranges: <…>.
    const hex = pdf.toString('latin1', byteRange[1]! + 1, byteRange[2]! - 1);
    return parseSignedData(Buffer.from(hex, 'hex')).certificates.map(commonNameOf);
  });
}

describe('sign embeds the chain from the token', () => {
  it.each(PRODUCERS)(
    '%s signed twice by two tokens: pdfsig and our verifier trust it with only the root',
    async (producer) => {
      const source = corpus.find((c) => c.producer === producer)!.file;
      const once = `${source}.once.pdf`;
      const twice = `${source}.twice.pdf`;
      const first = await cli('sign.ts', signArgs('Chi bo', source, once, '60,60,200,90'), {
        PKCS11_PIN: '1111',
      });
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(first.stdout).toContain('1 CA certificates embedded');
      const second = await cli('sign.ts', signArgs('Dang uy', once, twice, '320,60,200,90'), {
        PKCS11_PIN: '2222',
      });
      expect(second.code).toBe(0);

      const signed = readFileSync(twice);
      expect(embeddedSubjects(signed)).toEqual([
        ['CN=Nguyễn Văn An', 'CN=Test Intermediate CA'],
        ['CN=Trần Thị Bình', 'CN=Test Intermediate CA'],
      ]);
      const poppler = await pdfsig(twice, nss);
      expect(poppler.map((s) => [s.validation, s.certificate])).toEqual([
        ['Signature is Valid.', 'Certificate is Trusted.'],
        ['Signature is Valid.', 'Certificate is Trusted.'],
      ]);
      const ours = verifyPdf(signed, { trustAnchors: loadCertificates(pki.root.certPem) });
      expect(ours.signatures.map((s) => [s.signer, s.intact, s.chain.trusted])).toEqual([
        ['Nguyễn Văn An', true, true],
        ['Trần Thị Bình', true, true],
      ]);
      expect(ours.signatures[1]!.chain.path).toHaveLength(3);
      const verified = await cli('verify.ts', [twice, '--trust', join(dir, 'root-only.pem')]);
      expect(verified.stdout).not.toContain('NOT trusted');
      expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    },
    120_000,
  );

  it('a token without the intermediate: the trust file supplies it; without either, no trust', async () => {
    const source = corpus[0]!.file;
    const withFile = join(dir, 'bare-with-file.pdf');
    const r = await cli('sign.ts', signArgs('Bare', source, withFile, '60,60,200,90'), {
      PKCS11_PIN: '3333',
      SIGNING_TRUST_ANCHORS: join(dir, 'root-and-intermediate.pem'),
    });
    expect(r.code).toBe(0);
    expect(embeddedSubjects(readFileSync(withFile))).toEqual([
      ['CN=Lê Văn Cường', 'CN=Test Intermediate CA'],
    ]);
    const [trusted] = await pdfsig(withFile, nss);
    expect(trusted!.certificate).toBe('Certificate is Trusted.');

    // The attacker's case of this test: nothing carries the intermediate, so no verifier that
    // holds only the root can trust the signature (the check above is not vacuous).
    const without = join(dir, 'bare-without.pdf');
    const w = await cli('sign.ts', signArgs('Bare', source, without, '60,60,200,90'), {
      PKCS11_PIN: '3333',
      SIGNING_TRUST_ANCHORS: join(dir, 'root-only.pem'),
    });
    expect(w.code).toBe(0);
    expect(w.stdout).toContain('0 CA certificates embedded');
    expect(embeddedSubjects(readFileSync(without))).toEqual([['CN=Lê Văn Cường']]);
    const [untrusted] = await pdfsig(without, nss);
    expect(untrusted!.validation).toBe('Signature is Valid.');
    expect(untrusted!.certificate).not.toBe('Certificate is Trusted.');
    const v = await cli('verify.ts', [without, '--trust', join(dir, 'root-only.pem')]);
    expect(v.code).toBe(1);
    expect(v.stdout).toContain('NOT trusted');
  }, 120_000);

  it('an unreadable SIGNING_TRUST_ANCHORS stops before the token is touched', async () => {
    const out = join(dir, 'never.pdf');
    const r = await cli('sign.ts', signArgs('Chi bo', corpus[0]!.file, out, '60,60,200,90'), {
      PKCS11_PIN: '1111',
      SIGNING_TRUST_ANCHORS: join(dir, 'missing.pem'),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('SIGNING_TRUST_ANCHORS: cannot read certificates');
  });
});
