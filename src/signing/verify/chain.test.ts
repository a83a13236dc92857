/** RFC 5280 path rules on certificates made by the test CA to break exactly one rule each. */
import { createPrivateKey, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPki, type IssuedCert, type TestPki } from '../../../scripts/test-support/pki';
import type { CmsSigner } from '../cms/signed-data';
import { signPdf } from '../pdf/sign-pdf';
import { buildCorpus, readPdf } from '../test-support/corpus';
import { buildChain, loadCertificates } from './chain';
import { verifyPdf } from './verify-pdf';

let dir: string;
let pki: TestPki;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'chain-'));
  pki = createTestPki(join(dir, 'pki'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const x509 = (c: IssuedCert) => loadCertificates(c.certPem)[0]!;
const SIGNER =
  'basicConstraints = critical,CA:false\nkeyUsage = critical,digitalSignature,nonRepudiation';
const CA = (pathLen?: number) =>
  `basicConstraints = critical,CA:true${pathLen === undefined ? '' : `,pathlen:${pathLen}`}\nkeyUsage = critical,keyCertSign,cRLSign`;

function chainOf(signer: IssuedCert, intermediates: IssuedCert[]) {
  return buildChain(x509(signer), intermediates.map(x509), [x509(pki.root)]);
}

describe('RFC 5280 path rules', () => {
  it('the normal signer is trusted; the path lists signer → intermediate → root', () => {
    const chain = chainOf(pki.signerRsa, [pki.intermediate]);
    expect(chain.trusted).toBe(true);
    expect(chain.certificates).toHaveLength(3);
    expect(chain.path[2]).toContain('Test Root CA');
  });

  it('pathLenConstraint 0 with a CA below it is refused; a signer directly below is fine', () => {
    const limited = pki.issue('ca-pathlen0', 'Limited CA', { issuer: pki.root, extensions: CA(0) });
    const sub = pki.issue('ca-sub', 'Sub CA', { issuer: limited, extensions: CA() });
    const deep = pki.issue('deep-signer', 'Deep Signer', { issuer: sub, extensions: SIGNER });
    const shallow = pki.issue('shallow-signer', 'Shallow', { issuer: limited, extensions: SIGNER });
    expect(chainOf(shallow, [limited]).trusted).toBe(true);
    const bad = chainOf(deep, [sub, limited]);
    expect(bad.trusted).toBe(false);
    expect(bad.error).toMatch(/Limited CA.*pathLenConstraint 0 exceeded/);
  });

  it('an intermediate without the CA flag cannot issue', () => {
    const notCa = pki.issue('not-ca', 'Not A CA', {
      issuer: pki.root,
      extensions: 'basicConstraints = critical,CA:false\nkeyUsage = critical,keyCertSign',
    });
    const below = pki.issue('below-not-ca', 'Below', { issuer: notCa, extensions: SIGNER });
    const chain = chainOf(below, [notCa]);
    expect(chain.trusted).toBe(false);
    expect(chain.error).toMatch(/issuer is not a CA.*Not A CA.*lacks basicConstraints cA/);
  });

  it('a CA whose keyUsage lacks keyCertSign cannot issue', () => {
    const ca = pki.issue('ca-no-certsign', 'No CertSign CA', {
      issuer: pki.root,
      extensions: 'basicConstraints = critical,CA:true\nkeyUsage = critical,cRLSign',
    });
    const below = pki.issue('below-no-certsign', 'Below 2', { issuer: ca, extensions: SIGNER });
    expect(chainOf(below, [ca]).error).toMatch(/No CertSign CA.*keyUsage lacks keyCertSign/);
  });

  it('a signer without keyUsage, or with only keyEncipherment, is refused', () => {
    const none = pki.issue('no-keyusage', 'Không KU', {
      extensions: 'basicConstraints = CA:false',
    });
    expect(chainOf(none, [pki.intermediate]).error).toMatch(/has no keyUsage extension/);
    expect(chainOf(pki.noSigningUsage, [pki.intermediate]).error).toMatch(
      /neither digitalSignature nor nonRepudiation/,
    );
  });

  it('a signer EKU of serverAuth only is refused; document-signing EKUs are accepted', () => {
    const server = pki.issue('eku-server', 'Server Only', {
      extensions: `${SIGNER}\nextendedKeyUsage = serverAuth`,
    });
    expect(chainOf(server, [pki.intermediate]).error).toMatch(
      /extendedKeyUsage \(1\.3\.6\.1\.5\.5\.7\.3\.1\) does not allow document signing/,
    );
    for (const [name, eku] of [
      ['eku-email', 'emailProtection'],
      ['eku-docsign', '1.3.6.1.5.5.7.3.36'],
      ['eku-adobe', '1.2.840.113583.1.1.5'],
      ['eku-any', 'anyExtendedKeyUsage'],
    ] as const) {
      const ok = pki.issue(name, name, {
        extensions: `${SIGNER}\nextendedKeyUsage = serverAuth,${eku}`,
      });
      expect(chainOf(ok, [pki.intermediate]).trusted, name).toBe(true);
    }
  });

  it('a TSA needs only its EKU; a document signer with the same certificate is refused', () => {
    const tsaOnly = pki.issue('tsa-no-ku', 'TSA Without KU', {
      extensions: 'basicConstraints = critical,CA:false\nextendedKeyUsage = critical,timeStamping',
    });
    const anchors = [x509(pki.root)];
    const at = new Date();
    const asTsa = buildChain(x509(tsaOnly), [x509(pki.intermediate)], anchors, at, {
      purpose: 'timestamp',
    });
    expect(asTsa.trusted).toBe(true);
    expect(chainOf(tsaOnly, [pki.intermediate]).error).toMatch(/has no keyUsage extension/);
    expect(
      buildChain(x509(pki.signerRsa), [x509(pki.intermediate)], anchors, at, {
        purpose: 'timestamp',
      }).error,
    ).toMatch(/does not allow timestamp signing/);
  });

  it('an unknown critical extension fails the path; the same extension non-critical does not', () => {
    const critical = pki.issue('crit-unknown', 'Critical Unknown', {
      extensions: `${SIGNER}\n1.3.6.1.4.1.99999.7 = critical,ASN1:NULL`,
    });
    expect(chainOf(critical, [pki.intermediate]).error).toMatch(
      /unrecognised critical extension 1\.3\.6\.1\.4\.1\.99999\.7/,
    );
    const plain = pki.issue('noncrit-unknown', 'Noncritical', {
      extensions: `${SIGNER}\n1.3.6.1.4.1.99999.7 = ASN1:NULL`,
    });
    expect(chainOf(plain, [pki.intermediate]).trusted).toBe(true);
  });

  it('validity is judged at the given time: an expired signer is fine at a time it was valid', async () => {
    // The test root is valid from its creation (to the second): wait until it is 5 s old.
    const rootFrom = Date.parse(x509(pki.root).validFrom);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, rootFrom + 5_000 - Date.now())));
    const to = Date.now() - 1_000;
    const validity = { from: new Date(rootFrom), to: new Date(to) };
    const lapsed = x509(pki.issue('lapsed', 'Vừa Hết Hạn', { extensions: SIGNER, validity }));
    const path = [x509(pki.intermediate)];
    expect(buildChain(lapsed, path, [x509(pki.root)]).error).toMatch(/outside its validity/);
    // openssl keeps whole seconds: well inside [from, to].
    const inside = new Date(to - 2_500);
    const then = buildChain(lapsed, path, [x509(pki.root)], inside, { timeProven: false });
    expect(then).toMatchObject({ trusted: true, timeProven: false });
  });

  it('in a signed PDF the report names the rule that failed', async () => {
    const server = pki.issue('eku-server-pdf', 'Máy Chủ', {
      kind: 'rsa',
      extensions: `${SIGNER}\nextendedKeyUsage = serverAuth`,
    });
    const [doc] = await buildCorpus(join(dir, 'corpus'), ['pdf-lib']);
    const key = createPrivateKey(server.keyPem);
    const signer: CmsSigner = {
      certificate: server.certDer,
      keyType: 'rsa',
      sign: async (d) => sign('sha256', d, key),
    };
    const signed = await signPdf(
      readPdf(doc!.file),
      signer,
      { signerName: 'Máy Chủ' },
      { chain: [pki.intermediate.certDer] },
    );
    const report = verifyPdf(signed, { trustAnchors: [x509(pki.root)] });
    expect(report.ok).toBe(false);
    expect(report.signatures[0]!.intact).toBe(true);
    expect(report.signatures[0]!.chain).toMatchObject({ trusted: false, timeProven: false });
    expect(report.signatures[0]!.chain.error).toMatch(/does not allow document signing/);
    expect(report.signatures[0]!.revocation).toEqual({ status: 'not_checked' });
  });
});
