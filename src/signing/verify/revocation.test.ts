/**
 * Revocation in the verifier and PAdES B-LT at signing, against a real `openssl ocsp` responder
 * and CRLs on loopback: good, revoked, responder down, CRL only, a B-LT letter verified with the
 * responder stopped, a signature time-stamped before its certificate was revoked, a forged DSS.
 */
import { execFileSync } from 'node:child_process';
import { createPrivateKey, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRevocationTestbed, type RevocationTestbed } from '../../../scripts/test-support/ocsp';
import { createNssDb, type IssuedCert, type TestPki } from '../../../scripts/test-support/pki';
import { startTestTsa, type TestTsa } from '../../../scripts/test-support/tsa';
import type { CmsSigner } from '../cms/signed-data';
import { addLtv, appendDss, readDss, vriKey, withLtvWhenReachable } from '../pdf/dss';
import { PdfReader } from '../pdf/pdf-reader';
import { signPdf } from '../pdf/sign-pdf';
import { RevocationChecker } from '../revocation/checker';
import { ocspRequest } from '../revocation/ocsp';
import { rfc3161Timestamper } from '../tsa/tsa-client';
import { buildCorpus, pdfsig, readPdf } from '../test-support/corpus';
import { loadCertificates } from './chain';
import { verifyDocument } from './verify-document';

let dir: string;
let bed: RevocationTestbed;
let pki: TestPki;
let tsa: TestTsa;
let blank: Buffer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'verify-revocation-'));
  bed = await startRevocationTestbed(join(dir, 'pki'));
  pki = bed.pki;
  tsa = await startTestTsa(join(dir, 'tsa'), pki);
  const [doc] = await buildCorpus(join(dir, 'corpus'), ['pdf-lib']);
  blank = readPdf(doc!.file);
}, 60_000);
afterAll(async () => {
  await tsa?.close();
  await bed?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const anchors = () => loadCertificates(pki.root.certPem);
const checker = () => new RevocationChecker({ timeoutMs: 3_000 });
const SIGNER =
  'basicConstraints = critical,CA:false\nkeyUsage = critical,digitalSignature,nonRepudiation';

function signerOf(cert: IssuedCert): CmsSigner {
  const key = createPrivateKey(cert.keyPem);
  const keyType = cert.kind;
  return { certificate: cert.certDer, keyType, sign: async (d) => sign('sha256', d, key) };
}

async function signWith(cert: IssuedCert, timestamp = false): Promise<Buffer> {
  return signPdf(
    blank,
    signerOf(cert),
    { signerName: cert.commonName },
    {
      chain: [pki.intermediate.certDer],
      ...(timestamp ? { timestamp: rfc3161Timestamper(tsa.url) } : {}),
    },
  );
}

const verify = (pdf: Buffer, online = true) =>
  verifyDocument(pdf, { trustAnchors: anchors(), online, revocationChecker: checker() });

describe('revocation in the verifier', () => {
  it('a good signer: ok, status good from OCSP; the intermediate from the root’s CRL', async () => {
    const report = await verify(await signWith(pki.signerEc));
    expect(report.ok).toBe(true);
    const r = report.signatures[0]!.revocation;
    expect(r, JSON.stringify(report.signatures[0]!.revocation)).toMatchObject({
      status: 'good',
      source: 'ocsp',
    });
    expect(r.certificates?.map((c) => [c.status, c.source])).toEqual([
      ['good', 'ocsp'],
      ['good', 'crl'],
    ]);
  });

  it('a revoked signer: not ok, "Chứng thư số đã bị thu hồi" with the revocation time', async () => {
    const report = await verify(await signWith(pki.revocation!.revokedSigner));
    expect(report.ok).toBe(false);
    const s = report.signatures[0]!;
    expect(s.intact).toBe(true);
    expect(s.revocation.status).toBe('revoked');
    expect(s.revocation.note).toMatch(
      /^Chứng thư số đã bị thu hồi lúc \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00\.$/,
    );
    expect(Math.abs(Date.parse(s.revocation.revokedAt!) - Date.now())).toBeLessThan(300_000);
    expect(s.errors.join('\n')).toMatch(/certificate revoked: .*Bùi Bị Thu Hồi.*keyCompromise/);
    // Offline and without a DSS the same file cannot be judged: unknown, shown, not failed.
    const offline = await verify(await signWith(pki.revocation!.revokedSigner), false);
    expect(offline.signatures[0]!.revocation.status).toBe('unknown');
    expect(offline.ok).toBe(true);
  });

  it('a signer on CRL only is checked on its CRL', async () => {
    const report = await verify(await signWith(pki.revocation!.crlOnlySigner));
    expect(report.ok).toBe(true);
    expect(report.signatures[0]!.revocation).toMatchObject({ status: 'good', source: 'crl' });
  });

  it('a responder that is down gives unknown quickly, shown with a note, the report stays ok', async () => {
    const dead = pki.issue('dead-ocsp', 'Máy Chủ Tắt', {
      extensions: `${SIGNER}\nauthorityInfoAccess = OCSP;URI:http://127.0.0.1:1/`,
    });
    const signed = await signWith(dead);
    const started = Date.now();
    const report = await verify(signed);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(report.ok).toBe(true);
    const r = report.signatures[0]!.revocation;
    expect(r.status).toBe('unknown');
    expect(r.certificates?.[0]).toMatchObject({ status: 'unknown' });
    expect(r.note).toMatch(/Chưa xác định được tình trạng thu hồi/);
  });

  it('a signature time-stamped before the revocation stays valid with a note; an unproven one fails', async () => {
    const later = pki.issue('revoked-later', 'Thu Hồi Sau', {
      extensions: `${SIGNER}\nauthorityInfoAccess = OCSP;URI:${bed.ocsp.url}\ncrlDistributionPoints = URI:${bed.crl.url}/intermediate.crl`,
    });
    const stamped = await signWith(later, true);
    const plain = await signWith(later, false);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    pki.revoke(later, 'affiliationChanged');
    await bed.ocsp.start(); // re-reads the CA database
    const report = await verify(stamped);
    const s = report.signatures[0]!;
    expect(s.revocation.status).toBe('revoked');
    expect(Date.parse(s.revocation.revokedAt!)).toBeGreaterThan(Date.parse(s.timestamp!.time!));
    expect(s.revocation.note).toMatch(
      /sau thời điểm ký đã được chứng thực bằng dấu thời gian.*vẫn có giá trị/,
    );
    expect(report.ok).toBe(true);
    const unproven = await verify(plain);
    expect(unproven.ok).toBe(false);
    expect(unproven.signatures[0]!.revocation.note).toMatch(/Chứng thư số đã bị thu hồi/);
  });
});

describe('PAdES B-LT', () => {
  it('addLtv embeds OCSP/CRL for the signer and TSA paths; verified with the responder stopped, from the DSS; pdfsig agrees', async () => {
    const signed = await signWith(pki.signerRsa, true);
    const lt = await addLtv(signed, { trustAnchors: anchors(), checker: checker() });
    expect(lt.added).toBe(true);
    expect(lt.complete).toBe(true);
    expect(lt.pdf.subarray(0, signed.length).equals(signed)).toBe(true);
    const dss = readDss(new PdfReader(lt.pdf));
    expect(dss.ocsps.length).toBe(2); // signer and TSA, both under the intermediate
    expect(dss.crls.length).toBe(1); // the intermediate, on the root's CRL
    expect(lt.pdf.toString('latin1')).toContain(`/${vriKey(signed, findByteRange(signed))}`);

    await bed.ocsp.stop();
    try {
      for (const online of [false, true]) {
        const report = await verify(lt.pdf, online);
        expect(report.ok, report.signatures[0]!.errors.join('; ')).toBe(true);
        const r = report.signatures[0]!.revocation;
        expect(r).toMatchObject({ status: 'good', source: 'dss' });
        expect(r.certificates!.length).toBe(4); // signer, intermediate, TSA, intermediate
        expect(r.certificates!.every((c) => c.source === 'dss')).toBe(true);
      }
    } finally {
      await bed.ocsp.start();
    }
    const file = join(dir, 'blt.pdf');
    writeFileSync(file, lt.pdf);
    const sigs = await pdfsig(file, createNssDb(join(dir, 'nss'), pki.root));
    expect(sigs).toHaveLength(1);
    expect([sigs[0]!.validation, sigs[0]!.certificate]).toEqual([
      'Signature is Valid.',
      'Certificate is Trusted.',
    ]);
  });

  it('offline (no answer from anywhere) addLtv leaves the signed file unchanged', async () => {
    const dead = pki.issue('dead-ltv', 'Không Mạng', {
      extensions: `${SIGNER}\nauthorityInfoAccess = OCSP;URI:http://127.0.0.1:1/`,
    });
    const signed = await signWith(dead);
    const lt = await addLtv(signed, {
      trustAnchors: [loadCertificates(pki.intermediate.certPem)[0]!],
      checker: checker(),
    });
    expect(lt.added).toBe(false);
    expect(lt.pdf).toBe(signed);
    expect(lt.problems.join('\n')).toMatch(/OCSP/);
  });

  it('a forged "good" OCSP response in the DSS (not from a delegated responder) is not believed', async () => {
    const revoked = pki.revocation!.revokedSigner;
    const signed = await signWith(revoked);
    const index = join(dir, 'forged-index.txt');
    writeFileSync(
      index,
      readFileSync(pki.indexFile, 'utf8').replace(/^R(\t\S+\t)\S+(\t)/gm, 'V$1$2'),
    );
    const req = join(dir, 'forged.req');
    const resp = join(dir, 'forged.resp');
    const issuer = loadCertificates(pki.intermediate.certPem)[0]!;
    writeFileSync(req, ocspRequest(loadCertificates(revoked.certPem)[0]!, issuer).der);
    // Signed by an ordinary signer certificate of the same CA, claiming "good".
    execFileSync(
      'openssl',
      [
        'ocsp',
        '-index',
        index,
        '-CA',
        pki.intermediate.certFile,
        '-rsigner',
        pki.signerEc.certFile,
        '-rkey',
        pki.signerEc.keyFile,
        '-reqin',
        req,
        '-respout',
        resp,
        '-nmin',
        '10',
      ],
      { stdio: 'pipe' },
    );
    const forged = appendDss(
      signed,
      { certs: [], ocsps: [readFileSync(resp)], crls: [] },
      vriKey(signed, findByteRange(signed)),
    );
    const offline = await verify(forged, false);
    expect(offline.signatures[0]!.revocation.status).toBe('unknown');
    const online = await verify(forged, true);
    expect(online.ok).toBe(false);
    expect(online.signatures[0]!.revocation).toMatchObject({ status: 'revoked', source: 'ocsp' });
  });
});

function findByteRange(pdf: Buffer): number[] {
  const m = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(pdf.toString('latin1'));
  return m ? m.slice(1).map(Number) : [];
}

describe('signing never fails for revocation data', () => {
  it('withLtvWhenReachable: B-LT when the CA answers, the signed file and a log line otherwise', async () => {
    const logs: string[] = [];
    const signed = await signWith(pki.signerEc);
    const lt = await withLtvWhenReachable(
      signed,
      { trustAnchors: anchors(), checker: checker() },
      (m) => logs.push(m),
    );
    expect(lt.length).toBeGreaterThan(signed.length);
    expect(readDss(new PdfReader(lt)).ocsps.length).toBe(1);
    expect(logs).toEqual([]);
    const noAnchors = await withLtvWhenReachable(signed, { trustAnchors: [] }, (m) => logs.push(m));
    expect(noAnchors).toBe(signed);
    expect(logs.join('\n')).toMatch(/without B-LT: signer path not trusted/);
    const garbage = await withLtvWhenReachable(
      Buffer.from('%PDF-1.7 broken'),
      { trustAnchors: anchors() },
      (m) => logs.push(m),
    );
    expect(garbage.toString()).toBe('%PDF-1.7 broken');
  });
});
