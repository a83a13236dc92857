/** Token access against real SoftHSM2 tokens made in a temp dir. */
import { createVerify, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pkcs11 from 'pkcs11js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPki, type TestPki } from '../../../scripts/test-support/pki';
import { createSoftHsm, SOFTHSM_MODULE, useSoftHsm } from '../../../scripts/test-support/softhsm';
import { describeCertificate } from './certificate';
import { fromPkcs11, TokenError } from './errors';
import { findInstalledModules, KNOWN_MODULES } from './known-modules';
import { assertCanTryPin, Pkcs11Module } from './pkcs11-module';

let dir: string;
let pki: TestPki;
let module: Pkcs11Module;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sign-token-'));
  pki = createTestPki(join(dir, 'pki'));
  useSoftHsm(
    createSoftHsm(join(dir, 'hsm'), [
      {
        label: 'Mixed',
        pin: '123456',
        keys: [
          { id: '01', cert: pki.signerRsa },
          { id: '02', cert: pki.expired },
          { id: '03', cert: pki.notYetValid },
          { id: '04', cert: pki.noSigningUsage },
        ],
      },
      { label: 'EC', pin: '654321', keys: [{ id: 'a1', cert: pki.signerEc }] },
      {
        label: 'AlwaysAuth',
        pin: '777777',
        keys: [{ id: '0b', cert: pki.signerAlwaysAuth, alwaysAuthenticate: true }],
      },
      { label: 'WrongPin', pin: '000000', keys: [{ id: '01', cert: pki.signerEc }] },
    ]),
  );
  module = Pkcs11Module.open(SOFTHSM_MODULE);
});

afterAll(() => {
  module?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const verifies = (certDer: Buffer, data: Buffer, sig: Buffer) =>
  createVerify('sha256').update(data).verify(new X509Certificate(certDer).publicKey, sig);

describe('module and listing', () => {
  it('opening the module a second time in the process tolerates CKR_CRYPTOKI_ALREADY_INITIALIZED', () => {
    const again = Pkcs11Module.open(SOFTHSM_MODULE);
    expect(again.listTokens().map((t) => t.label)).toContain('EC');
    again.close(); // must not finalise the module the first instance still uses
    expect(module.listTokens().length).toBeGreaterThanOrEqual(4);
  });

  it('lists tokens and their certificates with subject, issuer, validity and key usage', () => {
    const tokens = module.listTokens().filter((t) => t.label !== '');
    expect(tokens.map((t) => t.label).sort()).toEqual(['AlwaysAuth', 'EC', 'Mixed', 'WrongPin']);
    expect(tokens.every((t) => t.loginRequired && t.serialNumber.length > 0)).toBe(true);
    const certs = module.listCertificates(module.findSlot('Mixed'));
    expect(certs.map((c) => [c.id, c.info.commonName])).toEqual([
      ['01', 'Nguyễn Văn An'],
      ['02', 'Phạm Hết Hạn'],
      ['03', 'Võ Chưa Tới'],
      ['04', 'Đỗ Không Ký'],
    ]);
    const an = certs[0]!.info;
    expect(an.issuer).toContain('CN=Test Intermediate CA');
    expect(an.keyUsage).toEqual(['digitalSignature', 'nonRepudiation']);
    expect(an.notAfter.getTime()).toBeGreaterThan(Date.now());
    expect(certs[3]!.info.keyUsage).toEqual(['keyEncipherment']);
  });

  it('an unknown token label is a clear error', () => {
    expect(() => module.findSlot('Nope')).toThrow(
      expect.objectContaining({ code: 'SIGN_TOKEN_NOT_FOUND' }),
    );
  });

  it('known vendor modules are data, probed by path', () => {
    expect(KNOWN_MODULES.map((m) => m.vendor)).toEqual(
      expect.arrayContaining([
        'VNPT-CA',
        'Viettel-CA',
        'BKAV-CA',
        'FPT-CA',
        'VGCA / Bit4id',
        'SafeNet / Thales',
      ]),
    );
    const found = findInstalledModules('win32', (p) => p.endsWith('\\System32\\vnpt-ca_v34.dll'), {
      SystemRoot: 'C:\\Windows',
    });
    expect(found).toEqual([{ vendor: 'VNPT-CA', path: 'C:\\Windows\\System32\\vnpt-ca_v34.dll' }]);
  });
});

describe('signing with RSA and ECDSA', () => {
  it.each(['sha256-rsa-pkcs', 'rsa-pkcs'] as const)(
    'RSA through %s verifies with the certificate',
    async (mech) => {
      const session = module.login(module.findSlot('Mixed'), '123456');
      try {
        const signer = session.signer({ keyId: '01', rsaMechanism: mech });
        expect(signer.mechanism).toBe(mech === 'rsa-pkcs' ? 'CKM_RSA_PKCS' : 'CKM_SHA256_RSA_PKCS');
        const data = Buffer.from('thuộc tính đã ký');
        expect(verifies(signer.certificate.der, data, await signer.sign(data))).toBe(true);
      } finally {
        session.close();
      }
    },
  );

  it('ECDSA P-256: raw r||s from the token becomes a DER signature that verifies', async () => {
    const session = module.login(module.findSlot('EC'), '654321');
    try {
      const signer = session.signer();
      expect(signer.mechanism).toBe('CKM_ECDSA');
      const data = Buffer.from('abc');
      const sig = await signer.sign(data);
      expect(sig[0]).toBe(0x30);
      expect(verifies(signer.certificate.der, data, sig)).toBe(true);
    } finally {
      session.close();
    }
  });

  it('signing does not block the event loop', async () => {
    const session = module.login(module.findSlot('Mixed'), '123456');
    try {
      const signer = session.signer({ keyId: '01' });
      let ticks = 0;
      const timer = setInterval(() => ticks++, 0);
      await Promise.all(Array.from({ length: 20 }, () => signer.sign(Buffer.from('x'))));
      clearInterval(timer);
      expect(ticks).toBeGreaterThan(0);
    } finally {
      session.close();
    }
  });

  it('a closed session refuses to sign', async () => {
    const session = module.login(module.findSlot('EC'), '654321');
    const signer = session.signer();
    session.close();
    await expect(signer.sign(Buffer.from('x'))).rejects.toMatchObject({
      code: 'SIGN_SESSION_CLOSED',
    });
  });
});

describe('refusals', () => {
  it.each([
    ['02', 'SIGN_CERT_EXPIRED', 'hết hạn'],
    ['03', 'SIGN_CERT_NOT_YET_VALID', 'chưa đến'],
    ['04', 'SIGN_CERT_KEY_USAGE', 'không dùng để ký'],
  ])('certificate %s is refused with %s', (keyId, code, vi) => {
    const session = module.login(module.findSlot('Mixed'), '123456');
    try {
      const err = (() => {
        try {
          session.signer({ keyId });
        } catch (e) {
          return e as TokenError;
        }
      })();
      expect(err).toBeInstanceOf(TokenError);
      expect(err!.code).toBe(code);
      expect(err!.messageVi).toContain(vi);
    } finally {
      session.close();
    }
  });

  it('without a key id, the usable certificate is chosen over the expired one', () => {
    const session = module.login(module.findSlot('Mixed'), '123456');
    try {
      expect(session.signer().keyId).toBe('01');
    } finally {
      session.close();
    }
  });
});

describe('PIN handling', () => {
  it('a wrong PIN fails once with CKR_PIN_INCORRECT, is not retried, and the flags then say count low', () => {
    const slot = module.findSlot('WrongPin');
    expect(module.describe(slot).pinStatus).toBe('ok');
    let err: TokenError | undefined;
    try {
      module.login(slot, '999999');
    } catch (e) {
      err = e as TokenError;
    }
    expect(err?.code).toBe('CKR_PIN_INCORRECT');
    expect(err?.messageVi).toMatch(/^Mã PIN không đúng\./);
    expect(err?.message).not.toContain('999999');
    expect(module.describe(slot).pinStatus).toBe('count_low');
    // The right PIN still works afterwards: we did not burn tries by retrying.
    module.login(slot, '000000').close();
  });

  it('a locked token (flags read before login) is refused without trying the PIN', () => {
    // SoftHSM2 2.6 never sets CKF_USER_PIN_LOCKED, so the decision is tested on the flags.
    const base = module.describe(module.findSlot('EC'));
    const locked = {
      ...base,
      flags: base.flags | pkcs11.CKF_USER_PIN_LOCKED,
      pinStatus: 'locked' as const,
    };
    expect(() => assertCanTryPin(locked, '654321')).toThrow(
      expect.objectContaining({
        code: 'CKR_PIN_LOCKED',
        messageVi: expect.stringContaining('bị khoá'),
      }),
    );
    expect(() => assertCanTryPin(base, '654321')).not.toThrow();
    const final = fromPkcs11(
      new pkcs11.Pkcs11Error('CKR_PIN_INCORRECT', pkcs11.CKR_PIN_INCORRECT, 'C_Login'),
      'C_Login',
      'final_try',
    );
    expect(final.messageVi).toContain('MỘT lần thử');
  });

  it('every CKR code maps to a code name for the log and a Vietnamese message', () => {
    const removed = fromPkcs11(
      new pkcs11.Pkcs11Error('x', pkcs11.CKR_DEVICE_REMOVED, 'C_Sign'),
      'C_Sign',
    );
    expect([removed.code, removed.messageVi]).toEqual([
      'CKR_DEVICE_REMOVED',
      'USB ký số đã bị rút ra trong khi ký.',
    ]);
    const odd = fromPkcs11(
      new pkcs11.Pkcs11Error('x', pkcs11.CKR_DATA_LEN_RANGE, 'C_Sign'),
      'C_Sign',
    );
    expect(odd.code).toBe('CKR_DATA_LEN_RANGE');
    expect(odd.messageVi).toContain('(CKR_DATA_LEN_RANGE)');
  });

  it('a key with CKA_ALWAYS_AUTHENTICATE needs the context-specific login, which the signer does', async () => {
    const session = module.login(module.findSlot('AlwaysAuth'), '777777');
    try {
      const signer = session.signer();
      expect(signer.alwaysAuthenticate).toBe(true);
      const data = Buffer.from('x');
      expect(verifies(signer.certificate.der, data, await signer.sign(data))).toBe(true);
      expect(verifies(signer.certificate.der, data, await signer.sign(data))).toBe(true);
      // Proof the token enforces it: the same key without the context-specific login fails.
      const p = module.api;
      const raw = p.C_OpenSession(module.findSlot('AlwaysAuth'), pkcs11.CKF_SERIAL_SESSION);
      try {
        p.C_FindObjectsInit(raw, [{ type: pkcs11.CKA_CLASS, value: pkcs11.CKO_PRIVATE_KEY }]);
        const [key] = p.C_FindObjects(raw, 1);
        p.C_FindObjectsFinal(raw);
        p.C_SignInit(raw, { mechanism: pkcs11.CKM_SHA256_RSA_PKCS }, key!);
        expect(() => p.C_Sign(raw, data, Buffer.alloc(512))).toThrow(/CKR_USER_NOT_LOGGED_IN/);
      } finally {
        p.C_CloseSession(raw);
      }
    } finally {
      session.close();
    }
  });
});

describe('certificate parsing', () => {
  it('a certificate without key usage extension allows any use', () => {
    expect(describeCertificate(pki.signerRsa.certDer).keyType).toBe('rsa');
    expect(describeCertificate(pki.root.certDer).keyUsage).toEqual(['keyCertSign', 'cRLSign']);
  });
});
