/** CMS structure checks with a software key (the token path is covered in pdf/corpus.test.ts). */
import { execFileSync } from 'node:child_process';
import { createHash, createPrivateKey, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPki, type TestPki } from '../../../scripts/test-support/pki';
import { children, OID, oidOf, parseDer } from './asn1';
import { parsePaddedSignedData, parseSignedData } from './parse-signed-data';
import { buildCadesDetached } from './signed-data';

let dir: string;
let pki: TestPki;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sign-cms-'));
  pki = createTestPki(join(dir, 'pki'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CAdES detached SignedData', () => {
  it.each(['rsa', 'ec'] as const)(
    '%s: B-B attributes, DER-sorted, no signing-time; openssl cms verifies',
    async (kind) => {
      const cert = kind === 'rsa' ? pki.signerRsa : pki.signerEc;
      const content = Buffer.from('nội dung được ký');
      const key = createPrivateKey(cert.keyPem);
      const der = await buildCadesDetached(
        createHash('sha256').update(content).digest(),
        {
          certificate: cert.certDer,
          keyType: kind,
          sign: async (data) => sign('sha256', data, key),
        },
        { chain: [pki.intermediate.certDer] },
      );
      const parsed = parseSignedData(der);
      expect(parsed.certificates).toHaveLength(2);
      expect(parsed.signerInfo.hasSigningTime).toBe(false);
      expect(parsed.signerInfo.essCertHash).toEqual(
        createHash('sha256').update(cert.certDer).digest(),
      );
      const attrs = children(parseDer(parsed.signerInfo.signedAttrsDer));
      expect(attrs.map((a) => oidOf(children(a)[0]))).toEqual([
        OID.contentType,
        OID.messageDigest,
        OID.signingCertificateV2,
      ]);
      const attrType = (a: (typeof attrs)[number]) =>
        Buffer.from(children(a)[0]!.value as string, 'binary');
      const encoded = attrs.map((a) => parsed.signerInfo.signedAttrsDer.indexOf(attrType(a)));
      expect([...encoded].sort((a, b) => a - b)).toEqual(encoded);

      const f = (n: string) => join(dir, `${kind}-${n}`);
      writeFileSync(f('sig.der'), der);
      writeFileSync(f('content'), content);
      writeFileSync(f('chain.pem'), pki.root.certPem);
      const opensslVerify = (content: string) => {
        const inputs = ['-in', f('sig.der'), '-content', content, '-CAfile', f('chain.pem')];
        const args = ['cms', '-verify', '-binary', '-inform', 'DER', ...inputs, '-purpose', 'any'];
        return execFileSync('openssl', [...args, '-out', '/dev/null'], { stdio: 'pipe' });
      };
      expect(opensslVerify(f('content'))).toBeDefined();
      writeFileSync(f('other'), 'khác');
      expect(() => opensslVerify(f('other'))).toThrow();
    },
  );
});

describe('a signature in /Contents', () => {
  async function padded(): Promise<{ der: Buffer; contents: Buffer }> {
    const key = createPrivateKey(pki.signerRsa.keyPem);
    const der = await buildCadesDetached(createHash('sha256').update('x').digest(), {
      certificate: pki.signerRsa.certDer,
      keyType: 'rsa',
      sign: async (data) => sign('sha256', data, key),
    });
    return { der, contents: Buffer.concat([der, Buffer.alloc(512)]) };
  }

  it('is the CMS followed by zero padding', async () => {
    const { der, contents } = await padded();
    expect(parsePaddedSignedData(contents).signerInfo.signature).toEqual(
      parseSignedData(der).signerInfo.signature,
    );
  });

  it('is refused with a byte in the padding, a stretched length or another outer tag', async () => {
    const { der, contents } = await padded();
    const inPadding = Buffer.from(contents);
    inPadding[der.length + 100] = 1;
    expect(() => parsePaddedSignedData(inPadding)).toThrow(/non-zero bytes/);
    // 30 82 HH LL: the outer length made to swallow 16 bytes of padding.
    const stretched = Buffer.from(contents);
    stretched.writeUInt16BE(der.readUInt16BE(2) + 16, 2);
    expect(() => parsePaddedSignedData(stretched)).toThrow();
    const asSet = Buffer.from(contents);
    asSet[0] = 0x31;
    expect(() => parsePaddedSignedData(asSet)).toThrow(/not a SEQUENCE/);
  });

  it('is refused when a field outside the signed attributes changed its tag or version', async () => {
    const { der } = await padded();
    // SignedData: 30 82 LL LL (ContentInfo) 06 09 <signedData> A0 82 LL LL 30 82 LL LL 02 01 01.
    const versionAt = der.indexOf(Buffer.from([0x02, 0x01, 0x01]), 11);
    expect(versionAt).toBeGreaterThan(0);
    const retagged = Buffer.from(der);
    retagged[versionAt] = 0x12; // a NumericString where the INTEGER version was
    expect(() => parseSignedData(retagged)).toThrow(/SignedData version has the wrong tag/);
    const revalued = Buffer.from(der);
    revalued[versionAt + 2] = 0x07;
    expect(() => parseSignedData(revalued)).toThrow(/SignedData version is not one of/);
    // The SignerInfo's own version: the first 02 01 01 after the signerInfos SET begins.
    const signerInfoVersion = der.lastIndexOf(Buffer.from([0x02, 0x01, 0x01]));
    expect(signerInfoVersion).toBeGreaterThan(versionAt);
    const badSigner = Buffer.from(der);
    badSigner[signerInfoVersion] = 0x04;
    expect(() => parseSignedData(badSigner)).toThrow(/SignerInfo version has the wrong tag/);
  });
});
