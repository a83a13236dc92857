/** Which CA certificates a signature embeds: only real issuers of the signer, nearest first. */
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPki, type TestPki } from '../../../scripts/test-support/pki';
import { caCertificatesOn, chainFor, embeddedChain } from './ca-chain';
import { describeCertificate } from './certificate';

let dir: string;
let pki: TestPki;
/** Another PKI whose intermediate has the very same subject name, under another key. */
let impostor: TestPki;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ca-chain-'));
  pki = createTestPki(join(dir, 'pki'));
  impostor = createTestPki(join(dir, 'impostor'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const x509 = (der: Buffer) => new X509Certificate(der);
const onToken = (id: string, der: Buffer) => ({ id, label: id, info: describeCertificate(der) });

describe('CA chain to embed', () => {
  it('takes the intermediate and stops before the root', () => {
    const pool = [pki.root, pki.intermediate].map((c) => x509(c.certDer));
    expect(chainFor(pki.signerEc.certDer, pool)).toEqual([pki.intermediate.certDer]);
    expect(chainFor(pki.signerEc.certDer, [])).toEqual([]);
  });

  it('refuses an issuer with the right name but another key, and unrelated CAs', () => {
    expect(impostor.intermediate.certPem).not.toBe(pki.intermediate.certPem);
    expect(x509(impostor.intermediate.certDer).subject).toBe(
      x509(pki.intermediate.certDer).subject,
    );
    const forged = [impostor.intermediate, impostor.root].map((c) => x509(c.certDer));
    expect(chainFor(pki.signerEc.certDer, forged)).toEqual([]);
    const mixed = [...forged, x509(pki.intermediate.certDer)];
    expect(chainFor(pki.signerEc.certDer, mixed)).toEqual([pki.intermediate.certDer]);
  });

  it('never embeds a non-CA certificate as an issuer', () => {
    // A signer certificate is not a CA even when another certificate names it as issuer.
    const pool = [x509(pki.signerRsa.certDer), x509(pki.tsa.certDer)];
    expect(chainFor(pki.signerEc.certDer, pool)).toEqual([]);
  });

  it("keeps the token's CA objects, not the signer's own certificate nor end-entity ones", () => {
    const certs = [
      onToken('01', pki.signerRsa.certDer),
      onToken('02', pki.signerEc.certDer),
      onToken('c0', pki.intermediate.certDer),
      onToken('c1', pki.root.certDer),
    ];
    expect(caCertificatesOn(certs, '01')).toEqual([pki.intermediate.certDer, pki.root.certDer]);
  });

  it('prefers the token, completes from the trust file', () => {
    const fromToken = embeddedChain(pki.signerEc.certDer, [pki.intermediate.certDer], []);
    expect(fromToken).toEqual([pki.intermediate.certDer]);
    const fromFile = embeddedChain(pki.signerEc.certDer, [], [x509(pki.intermediate.certDer)]);
    expect(fromFile).toEqual([pki.intermediate.certDer]);
  });
});
