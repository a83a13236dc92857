/**
 * OCSP and CRL clients against a real `openssl ocsp` responder and CRLs from `openssl ca -gencrl`
 * on loopback, with the forged and stale answers an attacker or a broken responder would give.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freePort,
  startRevocationTestbed,
  type RevocationTestbed,
} from '../../../scripts/test-support/ocsp';
import { createTestPki, type IssuedCert, type TestPki } from '../../../scripts/test-support/pki';
import { loadCertificates } from '../verify/chain';
import { RevocationChecker } from './checker';
import { checkCrl } from './crl';
import { checkOcspResponse, ocspRequest } from './ocsp';

let dir: string;
let bed: RevocationTestbed;
let pki: TestPki;
let other: TestPki;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'revocation-'));
  bed = await startRevocationTestbed(join(dir, 'pki'));
  pki = bed.pki;
  other = createTestPki(join(dir, 'other'));
}, 60_000);
afterAll(async () => {
  await bed?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const x509 = (c: IssuedCert) => loadCertificates(c.certPem)[0]!;
const fresh = () => new RevocationChecker({ timeoutMs: 1_000 });
const now = () => ({ at: new Date(), now: new Date() });

/** An OCSP response made offline by `openssl ocsp` for a request, signed by `signer`. */
function offlineResponse(
  request: Buffer,
  signer: IssuedCert,
  ca: IssuedCert,
  index: string,
): Buffer {
  const req = join(dir, 'req.der');
  const resp = join(dir, 'resp.der');
  writeFileSync(req, request);
  execFileSync(
    'openssl',
    [
      'ocsp',
      '-index',
      index,
      '-CA',
      ca.certFile,
      '-rsigner',
      signer.certFile,
      '-rkey',
      signer.keyFile,
      '-reqin',
      req,
      '-respout',
      resp,
      '-nmin',
      '10',
    ],
    { stdio: 'pipe' },
  );
  return execFileSync('cat', [resp]);
}

describe('OCSP', () => {
  it('a good certificate is good, from the responder named in its AIA', async () => {
    const result = await fresh().check(x509(pki.signerRsa), x509(pki.intermediate), {
      at: new Date(),
    });
    expect(result).toMatchObject({ status: 'good', source: 'ocsp' });
    expect(result.evidence?.kind).toBe('ocsp');
  });

  it('a revoked certificate is revoked, with the time and reason the CA recorded', async () => {
    const result = await fresh().check(
      x509(pki.revocation!.revokedSigner),
      x509(pki.intermediate),
      { at: new Date() },
    );
    expect(result.status).toBe('revoked');
    expect(result.source).toBe('ocsp');
    expect(result.reason).toBe('keyCompromise');
    expect(Math.abs(result.revokedAt!.getTime() - Date.now())).toBeLessThan(120_000);
  });

  it('a response signed by a certificate without id-kp-OCSPSigning is refused', () => {
    const cert = x509(pki.signerRsa);
    const issuer = x509(pki.intermediate);
    const request = ocspRequest(cert, issuer);
    const forged = offlineResponse(request.der, pki.signerEc, pki.intermediate, pki.indexFile);
    expect(() =>
      checkOcspResponse(forged, cert, issuer, { ...now(), nonce: request.nonce }),
    ).toThrow(/OCSPSigning/);
  });

  it('a response signed by another PKI’s responder is refused', () => {
    const cert = x509(pki.signerRsa);
    const issuer = x509(pki.intermediate);
    const request = ocspRequest(cert, issuer);
    const forged = offlineResponse(
      request.der,
      other.intermediate,
      pki.intermediate,
      pki.indexFile,
    );
    expect(() =>
      checkOcspResponse(forged, cert, issuer, { ...now(), nonce: request.nonce }),
    ).toThrow(/not issued by the certificate issuer/);
  });

  it('a genuine response about another certificate, or to another request (replay), is refused', () => {
    const cert = x509(pki.signerRsa);
    const issuer = x509(pki.intermediate);
    const responder = pki.revocation!.ocspResponder;
    const aboutOther = offlineResponse(
      ocspRequest(x509(pki.signerEc), issuer).der,
      responder,
      pki.intermediate,
      pki.indexFile,
    );
    expect(() => checkOcspResponse(aboutOther, cert, issuer, now())).toThrow(
      /not about this certificate/,
    );
    const earlier = offlineResponse(
      ocspRequest(cert, issuer).der,
      responder,
      pki.intermediate,
      pki.indexFile,
    );
    const ours = ocspRequest(cert, issuer);
    expect(() => checkOcspResponse(earlier, cert, issuer, { ...now(), nonce: ours.nonce })).toThrow(
      /nonce/,
    );
    expect(checkOcspResponse(earlier, cert, issuer, now()).status).toBe('good');
  });

  it('a response is not believed for a time past its nextUpdate', () => {
    const cert = x509(pki.signerRsa);
    const issuer = x509(pki.intermediate);
    const der = offlineResponse(
      ocspRequest(cert, issuer).der,
      pki.revocation!.ocspResponder,
      pki.intermediate,
      pki.indexFile,
    );
    const later = new Date(Date.now() + 3_600_000);
    expect(() => checkOcspResponse(der, cert, issuer, { at: later, now: later })).toThrow(
      /not fresh/,
    );
  });

  it('a responder that never answers gives unknown within the timeout', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((s) => void sockets.push(s));
    const port = await freePort();
    await new Promise<void>((resolve) => silent.listen(port, '127.0.0.1', resolve));
    const onlyOcsp = pki.issue('silent-ocsp', 'Silent OCSP', {
      extensions: `basicConstraints = critical,CA:false\nkeyUsage = critical,digitalSignature\nauthorityInfoAccess = OCSP;URI:http://127.0.0.1:${port}/`,
    });
    const started = Date.now();
    const result = await new RevocationChecker({ timeoutMs: 300 }).check(
      x509(onlyOcsp),
      x509(pki.intermediate),
      { at: new Date() },
    );
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(result.status).toBe('unknown');
    expect(result.problems.join('\n')).toMatch(/no answer in 300 ms/);
    sockets.forEach((s) => s.destroy());
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });
});

describe('CRL', () => {
  it('a certificate without an OCSP URL is checked on its CRL; the intermediate on the root’s', async () => {
    const checker = fresh();
    const crlOnly = await checker.check(
      x509(pki.revocation!.crlOnlySigner),
      x509(pki.intermediate),
      { at: new Date() },
    );
    expect(crlOnly).toMatchObject({ status: 'good', source: 'crl' });
    const intermediate = await checker.check(x509(pki.intermediate), x509(pki.root), {
      at: new Date(),
    });
    expect(intermediate).toMatchObject({ status: 'good', source: 'crl' });
  });

  it('a revoked certificate is found on the CRL with its reason; answers are cached until nextUpdate', async () => {
    const cert = pki.issue('crl-revoked', 'Đã Thu Hồi CRL', {
      extensions: `basicConstraints = critical,CA:false\nkeyUsage = critical,digitalSignature\ncrlDistributionPoints = URI:${bed.crl.url}/intermediate.crl`,
    });
    pki.revoke(cert, 'superseded');
    const checker = fresh();
    const before = bed.crl.requests;
    const first = await checker.check(x509(cert), x509(pki.intermediate), { at: new Date() });
    expect(first).toMatchObject({ status: 'revoked', source: 'crl', reason: 'superseded' });
    await checker.check(x509(cert), x509(pki.intermediate), { at: new Date() });
    expect(bed.crl.requests - before).toBe(1);
  });

  it('a CRL of another CA, or one past its nextUpdate, is refused', () => {
    const cert = x509(pki.signerRsa);
    const issuer = x509(pki.intermediate);
    expect(() => checkCrl(other.crl(other.intermediate), cert, issuer, now())).toThrow(
      /signature|not issued/,
    );
    const later = new Date(Date.now() + 2 * 86_400_000);
    expect(() =>
      checkCrl(pki.crl(pki.intermediate, 1), cert, issuer, { at: later, now: later }),
    ).toThrow(/not fresh/);
    expect(checkCrl(pki.crl(pki.intermediate), cert, issuer, now()).status).toBe('good');
  });
});

describe('offline', () => {
  it('without embedded data and with online off, the status is unknown and nothing is fetched', async () => {
    const before = bed.crl.requests;
    const result = await fresh().check(
      x509(pki.revocation!.crlOnlySigner),
      x509(pki.intermediate),
      { at: new Date(), online: false },
    );
    expect(result.status).toBe('unknown');
    expect(bed.crl.requests).toBe(before);
  });
});
