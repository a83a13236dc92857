/**
 * `sign` makes B-LT signatures when trust anchors are configured and the CA answers: the DSS it
 * appends lets the signature be checked for revocation later with the responder gone.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRevocationTestbed, type RevocationTestbed } from '../../../scripts/test-support/ocsp';
import { createSoftHsm, SOFTHSM_MODULE, useSoftHsm } from '../../../scripts/test-support/softhsm';
import { PdfReader } from '../pdf/pdf-reader';
import { readDss } from '../pdf/dss';
import { buildCorpus } from '../test-support/corpus';
import { loadCertificates } from '../verify/chain';
import { verifyDocument } from '../verify/verify-document';
import { runSign } from './sign-command';

let dir: string;
let bed: RevocationTestbed;
let source: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sign-lt-'));
  bed = await startRevocationTestbed(join(dir, 'pki'));
  const token = {
    label: 'LT',
    pin: '1234',
    keys: [{ id: '01', cert: bed.pki.signerRsa }],
    caCerts: [bed.pki.intermediate],
  };
  useSoftHsm(createSoftHsm(join(dir, 'hsm'), [token]));
  writeFileSync(join(dir, 'root.pem'), bed.pki.root.certPem);
  const [doc] = await buildCorpus(join(dir, 'corpus'), ['pdf-lib']);
  source = doc!.file;
}, 60_000);
afterAll(async () => {
  await bed?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function sign(out: string, extra: string[] = []) {
  const lines: string[] = [];
  const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
  const args = ['--module', SOFTHSM_MODULE, '--token', 'LT', '--in', source, '--out', out];
  const env = { ...process.env, PKCS11_PIN: '1234', SIGNING_TRUST_ANCHORS: join(dir, 'root.pem') };
  const code = await runSign([...args, ...extra], env, io);
  return { code, lines };
}

describe('sign: PAdES B-LT', () => {
  it('appends the revocation data of the path, which verifies with the responder stopped', async () => {
    const out = join(dir, 'lt.pdf');
    const { code, lines } = await sign(out);
    expect(code, lines.join('\n')).toBe(0);
    expect(lines.join('\n')).toContain('B-LT revocation data added');
    const pdf = readFileSync(out);
    const dss = readDss(new PdfReader(pdf));
    expect(dss.ocsps.length + dss.crls.length).toBeGreaterThanOrEqual(2);
    await bed.ocsp.stop();
    try {
      const anchors = loadCertificates(bed.pki.root.certPem);
      const report = await verifyDocument(pdf, { trustAnchors: anchors, online: false });
      expect(report.ok).toBe(true);
      expect(report.signatures[0]).toMatchObject({
        status: 'intact',
        revocation: { status: 'good', source: 'dss' },
      });
    } finally {
      await bed.ocsp.start();
    }
  });

  it('leaves the signature B-T/B-B with --no-lt', async () => {
    const out = join(dir, 'no-lt.pdf');
    const { code } = await sign(out, ['--no-lt']);
    expect(code).toBe(0);
    const dss = readDss(new PdfReader(readFileSync(out)));
    expect(dss.ocsps.length + dss.crls.length + dss.certs.length).toBe(0);
  });
});
