/**
 * One login at a time per slot, each request with its own PIN checked (real SoftHSM tokens): a
 * request with a wrong PIN is refused even while another request of the process is logged in.
 */
import { createVerify, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPki } from '../../../scripts/test-support/pki';
import { createSoftHsm, SOFTHSM_MODULE, useSoftHsm } from '../../../scripts/test-support/softhsm';
import { TokenError } from './errors';
import { Pkcs11Module } from './pkcs11-module';
import { RemoteTokenModule } from './remote-token';
import type { TokenSigner } from './token-session';

const RIGHT = '246810';
const WRONG = '97531';
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pin-sessions-'));
  const pki = createTestPki(join(dir, 'pki'));
  useSoftHsm(
    createSoftHsm(join(dir, 'hsm'), [
      { label: 'Bi thu', pin: RIGHT, keys: [{ id: '01', cert: pki.signerEc }] },
    ]),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DATA = Buffer.from('giấy giới thiệu');
const verifies = (signer: TokenSigner, signature: Buffer) =>
  createVerify('sha256')
    .update(DATA)
    .verify(new X509Certificate(signer.certificate.der).publicKey, signature);

/** The PIN appears nowhere in what an error carries. */
function expectNoPin(err: unknown) {
  const e = err as TokenError;
  const text = JSON.stringify({ ...e, message: e.message, vi: e.messageVi, stack: e.stack });
  expect(text).not.toContain(WRONG);
  expect(text).not.toContain(RIGHT);
}

describe('token sessions and PINs', () => {
  it('a login already held by another request is not a login: the wrong PIN is refused', async () => {
    const module = Pkcs11Module.open(SOFTHSM_MODULE);
    try {
      const slot = module.findSlot('Bi thu');
      const right = module.login(slot, RIGHT);
      // Before: C_Login answered CKR_USER_ALREADY_LOGGED_IN and that counted as success.
      const err = (() => {
        try {
          module.login(slot, WRONG).close();
          return null;
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(TokenError);
      expect((err as TokenError).code).toBe('CKR_PIN_INCORRECT');
      expect((err as TokenError).messageVi).toContain('Mã PIN không đúng');
      expectNoPin(err);
      right.close();
    } finally {
      module.close();
    }
  });

  it('two concurrent requests through the app’s token workers: wrong PIN refused, right one signs', async () => {
    // The app opens a worker (its own module handle) per call, so two calls run side by side.
    const [a, b] = await Promise.all([
      RemoteTokenModule.open(SOFTHSM_MODULE),
      RemoteTokenModule.open(SOFTHSM_MODULE),
    ]);
    try {
      const slot = await a.findSlot('Bi thu');
      const signWith = async (module: RemoteTokenModule, pin: string) => {
        const session = await module.login(slot, pin);
        try {
          const signer = await session.signer();
          // Hold the login a while: the other request arrives meanwhile.
          await new Promise((r) => setTimeout(r, 150));
          const signature = await signer.sign(DATA);
          return { signer, signature };
        } finally {
          await session.close();
        }
      };
      const [good, bad] = await Promise.allSettled([signWith(a, RIGHT), signWith(b, WRONG)]);
      expect(good.status).toBe('fulfilled');
      const done = (good as PromiseFulfilledResult<{ signer: TokenSigner; signature: Buffer }>)
        .value;
      expect(verifies(done.signer, done.signature)).toBe(true);
      expect(bad.status).toBe('rejected');
      const reason = (bad as PromiseRejectedResult).reason as TokenError;
      expect(reason.code).toBe('CKR_PIN_INCORRECT');
      expectNoPin(reason);

      // The wrong one first this time: it is refused, the right one still signs after it.
      const [bad2, good2] = await Promise.allSettled([signWith(b, WRONG), signWith(a, RIGHT)]);
      expect(bad2.status).toBe('rejected');
      expect(good2.status).toBe('fulfilled');
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('in-process requests wait for the slot, and sequential use keeps working', async () => {
    const module = Pkcs11Module.open(SOFTHSM_MODULE);
    try {
      const slot = module.findSlot('Bi thu');
      const order: string[] = [];
      const use = async (pin: string, name: string) => {
        const session = await module.loginExclusive(slot, pin);
        order.push(`${name} in`);
        try {
          await new Promise((r) => setTimeout(r, 50));
          const signer = session.signer();
          return verifies(signer, await signer.sign(DATA));
        } finally {
          order.push(`${name} out`);
          session.close();
        }
      };
      const results = await Promise.allSettled([use(RIGHT, 'a'), use(WRONG, 'b'), use(RIGHT, 'c')]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((results[1] as PromiseRejectedResult).reason).toMatchObject({
        code: 'CKR_PIN_INCORRECT',
      });
      // Never two logins at once: each request is out before the next is in.
      expect(order).toEqual(['a in', 'a out', 'c in', 'c out']);
      for (let i = 0; i < 3; i++) expect(await use(RIGHT, `again${i}`)).toBe(true);
    } finally {
      module.close();
    }
  });
});
