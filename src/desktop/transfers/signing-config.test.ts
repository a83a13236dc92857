import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestPki } from '../../../scripts/test-support/pki';
import { signingOptionsFromEnv } from './signing-config';

const dir = mkdtempSync(join(tmpdir(), 'signing-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('signing set-up from the environment', () => {
  it('reads the module path, the trust file and the TSA; nothing set gives defaults', () => {
    const pki = createTestPki(join(dir, 'pki'));
    const roots = join(dir, 'roots.pem');
    writeFileSync(roots, pki.root.certPem + pki.intermediate.certPem);
    expect(signingOptionsFromEnv({})).toEqual({});
    expect(
      signingOptionsFromEnv({
        PKCS11_MODULE: '/usr/lib/softhsm/libsofthsm2.so',
        SIGNING_TRUST_ANCHORS: roots,
        SIGNING_TSA_URL: 'http://127.0.0.1:3180/tsa',
      }),
    ).toEqual({
      pkcs11Module: '/usr/lib/softhsm/libsofthsm2.so',
      trustAnchorsPem: pki.root.certPem + pki.intermediate.certPem,
      tsaUrl: 'http://127.0.0.1:3180/tsa',
    });
  });

  it('a variable set to something unusable stops the start, naming it', () => {
    expect(() => signingOptionsFromEnv({ SIGNING_TRUST_ANCHORS: join(dir, 'none.pem') })).toThrow(
      /^SIGNING_TRUST_ANCHORS: cannot read/,
    );
    const junk = join(dir, 'junk.pem');
    writeFileSync(junk, 'not a certificate');
    expect(() => signingOptionsFromEnv({ SIGNING_TRUST_ANCHORS: junk })).toThrow(
      /SIGNING_TRUST_ANCHORS/,
    );
    expect(() => signingOptionsFromEnv({ SIGNING_TSA_URL: 'ftp://tsa' })).toThrow(
      /^SIGNING_TSA_URL/,
    );
  });
});
