/** RFC 3161 client and PAdES B-T against a real TSA (`openssl ts -reply`) on loopback. */
import { execFileSync } from 'node:child_process';
import { createPrivateKey, randomBytes, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNssDb, createTestPki, type TestPki } from '../../../scripts/test-support/pki';
import { startTestTsa, type TestTsa } from '../../../scripts/test-support/tsa';
import { OID } from '../cms/asn1';
import { parseSignedData } from '../cms/parse-signed-data';
import type { CmsSigner } from '../cms/signed-data';
import { signPdf } from '../pdf/sign-pdf';
import { buildCorpus, pdfsig, readPdf } from '../test-support/corpus';
import { loadCertificates } from '../verify/chain';
import { verifyPdf } from '../verify/verify-pdf';
import { rfc3161Timestamper, TimestampError } from './tsa-client';
import { checkTimestampToken, parseTstInfo } from './timestamp-token';

let dir: string;
let pki: TestPki;
let tsa: TestTsa;
const others: TestTsa[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sign-tsa-'));
  pki = createTestPki(join(dir, 'pki'));
  tsa = await startTestTsa(join(dir, 'tsa'), pki);
});
afterAll(async () => {
  await Promise.all([tsa, ...others].map((t) => t?.close()));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const anchors = () => loadCertificates(pki.root.certPem);

describe('RFC 3161 client', () => {
  it('gets a token over SHA-256 of the signature value, with our nonce, that openssl ts verifies', async () => {
    const signatureValue = randomBytes(256);
    const before = Date.now();
    const token = await rfc3161Timestamper(tsa.url)(signatureValue);
    const tst = parseTstInfo(parseSignedData(token).content!);
    expect(tst.imprintAlgorithm).toBe(OID.sha256);
    expect(tst.nonce!.length).toBeGreaterThan(0);
    expect(tst.genTime.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 - 1000);
    const check = checkTimestampToken(token, signatureValue, anchors());
    expect(check).toMatchObject({
      imprintOk: true,
      signatureOk: true,
      tsa: 'Test TSA',
      errors: [],
    });
    expect(check.chain.trusted).toBe(true);
    expect(checkTimestampToken(token, randomBytes(256), anchors()).imprintOk).toBe(false);

    writeFileSync(join(dir, 'token.der'), token);
    writeFileSync(join(dir, 'stamped'), signatureValue);
    writeFileSync(join(dir, 'ca.pem'), pki.root.certPem + pki.intermediate.certPem);
    const tokenIn = ['-token_in', '-in', join(dir, 'token.der')];
    const dataIn = ['-data', join(dir, 'stamped'), '-CAfile', join(dir, 'ca.pem')];
    const out = execFileSync('openssl', ['ts', '-verify', ...tokenIn, ...dataIn], {
      stdio: 'pipe',
    });
    expect(out.toString()).toContain('Verification: OK');
  });

  it('a rejection, a tampered reply and an unreachable TSA are refused with their codes', async () => {
    const rejecting = await startTestTsa(join(dir, 'tsa-reject'), pki, { rejectWithStatus: true });
    // Flip a byte near the end (inside the TSA's signature): the token must not be accepted.
    const lying = await startTestTsa(join(dir, 'tsa-lying'), pki, {
      tamper: (r) => {
        const c = Buffer.from(r);
        c[c.length - 5] = c[c.length - 5]! ^ 0x01;
        return c;
      },
    });
    others.push(rejecting, lying);
    const sv = randomBytes(64);
    await expect(rfc3161Timestamper(rejecting.url)(sv)).rejects.toMatchObject({
      code: 'TSA_REJECTED',
      message: expect.stringContaining('badAlg'),
    });
    await expect(rfc3161Timestamper(lying.url)(sv)).rejects.toMatchObject({
      code: 'TSA_BAD_RESPONSE',
    });
    const closed = `http://127.0.0.1:1/tsa`;
    const err = await rfc3161Timestamper(closed, { timeoutMs: 2000 })(sv).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimestampError);
    expect((err as TimestampError).code).toBe('TSA_UNREACHABLE');
    expect((err as TimestampError).messageVi).toContain('dấu thời gian');
    expect(() => rfc3161Timestamper('file:///etc/passwd')).toThrow();
  });
});

describe('PAdES B-T', () => {
  it('the token is an unsigned attribute; pdfsig says valid, our verifier reports the TSA time', async () => {
    const corpus = await buildCorpus(join(dir, 'corpus'), ['pdf-lib']);
    const key = createPrivateKey(pki.signerRsa.keyPem);
    const signer: CmsSigner = {
      certificate: pki.signerRsa.certDer,
      keyType: 'rsa',
      sign: async (d) => sign('sha256', d, key),
    };
    const claimed = new Date();
    const signed = await signPdf(
      readPdf(corpus[0]!.file),
      signer,
      { signerName: pki.signerRsa.commonName, time: claimed },
      { chain: [pki.intermediate.certDer], timestamp: rfc3161Timestamper(tsa.url) },
    );
    const file = join(dir, 'bt.pdf');
    writeFileSync(file, signed);
    const [sig] = await pdfsig(file, createNssDb(join(dir, 'nss'), pki.root));
    expect([sig!.validation, sig!.certificate]).toEqual([
      'Signature is Valid.',
      'Certificate is Trusted.',
    ]);

    const report = verifyPdf(signed, { trustAnchors: anchors() });
    expect(report.ok).toBe(true);
    const s = report.signatures[0]!;
    expect(s.hasTimestamp).toBe(true);
    expect(s.timestamp).toMatchObject({
      tsa: 'Test TSA',
      imprintOk: true,
      signatureOk: true,
      trusted: true,
    });
    expect(Math.abs(Date.parse(s.timestamp!.time!) - claimed.getTime())).toBeLessThan(5000);

    // The token sits in /Contents, outside the byte range: a changed token must still be caught.
    const cms = parseSignedData(
      Buffer.from(signed.toString('latin1', s.byteRange[1]! + 1, s.byteRange[2]! - 1), 'hex'),
    );
    const tokenHex = cms.signerInfo.timeStampToken!.toString('hex');
    const at = signed.indexOf(tokenHex, 0, 'latin1') + tokenHex.length - 20;
    const tampered = Buffer.from(signed);
    tampered[at] = tampered[at] === 0x30 ? 0x31 : 0x30;
    const bad = verifyPdf(tampered, { trustAnchors: anchors() });
    expect(bad.ok).toBe(false);
    expect(bad.signatures[0]!.digestOk).toBe(true);
    expect(bad.signatures[0]!.timestamp?.signatureOk).toBe(false);
  });
});
