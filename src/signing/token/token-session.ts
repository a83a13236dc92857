/**
 * A logged-in token session and the signers it hands out. The PIN lives only in this object's
 * private field (needed again for keys with CKA_ALWAYS_AUTHENTICATE) and is dropped on `close()`.
 * C_Sign runs through pkcs11js's async variant (a libuv worker thread), so a slow token does not
 * block the event loop; operations on one session are serialised because PKCS#11 allows one
 * active operation per session.
 */
import { createHash } from 'node:crypto';
import pkcs11 from 'pkcs11js';
import { assertUsableForSigning, type CertificateInfo } from './certificate';
import { rawEcdsaToDer, SHA256_DIGEST_INFO_PREFIX } from './ecdsa';
import { fromPkcs11, signError } from './errors';
import {
  findObjects,
  listCertificatesIn,
  readAttributes,
  type TokenCertificate,
} from './token-objects';

export type RsaMechanismChoice = 'auto' | 'sha256-rsa-pkcs' | 'rsa-pkcs';

export interface SignerOptions {
  /** CKA_ID (hex) of the key/certificate; default: the only usable certificate. */
  keyId?: string;
  now?: Date;
  /** Forces a mechanism (tests; tokens that lie about their mechanism list). */
  rsaMechanism?: RsaMechanismChoice;
}

export interface TokenSigner {
  certificate: CertificateInfo;
  keyId: string;
  keyType: 'rsa' | 'ec';
  /** Which PKCS#11 mechanism signs. */
  mechanism: 'CKM_SHA256_RSA_PKCS' | 'CKM_RSA_PKCS' | 'CKM_ECDSA';
  alwaysAuthenticate: boolean;
  /** Signs SHA-256(data): PKCS#1 v1.5 bytes for RSA, DER ECDSA-Sig-Value for EC. */
  sign(data: Buffer): Promise<Buffer>;
  /** Milliseconds spent inside C_SignInit/C_Sign so far (benchmarks). */
  readonly tokenMs: number;
}

interface PrivateKeyRef {
  handle: Buffer;
  keyType: number;
  alwaysAuthenticate: boolean;
}

export class TokenSession {
  #pin: string | undefined;
  #open = true;
  #queue: Promise<unknown> = Promise.resolve();
  #onClose: (() => void)[] = [];
  private readonly mechanisms: Set<number>;

  constructor(
    private readonly p: pkcs11.PKCS11,
    readonly slot: Buffer,
    private readonly session: Buffer,
    pin: string | undefined,
  ) {
    this.#pin = pin;
    let mechs: number[] = [];
    try {
      mechs = p.C_GetMechanismList(slot);
    } catch {
      mechs = []; // some tokens refuse the list; 'auto' then uses raw RSA, supported by all
    }
    this.mechanisms = new Set(mechs);
  }

  get isOpen(): boolean {
    return this.#open;
  }

  /** Certificates that have a private key with the same CKA_ID. */
  listSigningCertificates(): TokenCertificate[] {
    this.assertOpen();
    try {
      const keys = this.privateKeys();
      return listCertificatesIn(this.p, this.session).filter((c) => keys.has(c.id));
    } catch (err) {
      throw fromPkcs11(err, 'listSigningCertificates');
    }
  }

  signer(options: SignerOptions = {}): TokenSigner {
    this.assertOpen();
    let certs: TokenCertificate[];
    let keys: Map<string, PrivateKeyRef>;
    try {
      keys = this.privateKeys();
      certs = listCertificatesIn(this.p, this.session);
    } catch (err) {
      throw fromPkcs11(err, 'signer');
    }
    const candidates = options.keyId
      ? certs.filter((c) => c.id === options.keyId)
      : certs.filter((c) => keys.has(c.id));
    if (candidates.length === 0) {
      throw signError(
        'SIGN_NO_CERTIFICATE',
        options.keyId
          ? `no certificate with CKA_ID ${options.keyId}`
          : 'no certificate with a private key',
      );
    }
    // Without an explicit id, prefer a certificate usable now (tokens often keep expired ones).
    const now = options.now ?? new Date();
    const usable = candidates.filter((c) => {
      try {
        assertUsableForSigning(c.info, now);
        return true;
      } catch {
        return false;
      }
    });
    const cert = (options.keyId ? candidates[0] : (usable[0] ?? candidates[0])) as TokenCertificate;
    assertUsableForSigning(cert.info, now);
    const key = keys.get(cert.id);
    if (!key) throw signError('SIGN_NO_PRIVATE_KEY', `no private key with CKA_ID ${cert.id}`);
    return this.makeSigner(cert, key, options.rsaMechanism ?? 'auto');
  }

  /** Called once when the session closes (the slot lock is released then). */
  onClose(listener: () => void): void {
    if (this.#open) this.#onClose.push(listener);
    else listener();
  }

  /** Logs out (the login is the process's, not only this session's) and closes the session. */
  close(): void {
    if (!this.#open) return;
    this.#open = false;
    this.#pin = undefined;
    try {
      this.p.C_Logout(this.session);
    } catch {
      // token removed or already logged out
    }
    try {
      this.p.C_CloseSession(this.session);
    } catch {
      // same
    }
    for (const listener of this.#onClose.splice(0)) listener();
  }

  private assertOpen(): void {
    if (!this.#open) throw signError('SIGN_SESSION_CLOSED', 'session closed');
  }

  private privateKeys(): Map<string, PrivateKeyRef> {
    const map = new Map<string, PrivateKeyRef>();
    for (const h of findObjects(this.p, this.session, [
      { type: pkcs11.CKA_CLASS, value: pkcs11.CKO_PRIVATE_KEY },
    ])) {
      const [id, keyType, always] = readAttributes(this.p, this.session, h, [
        pkcs11.CKA_ID,
        pkcs11.CKA_KEY_TYPE,
        pkcs11.CKA_ALWAYS_AUTHENTICATE,
      ]);
      if (!id || !keyType) continue;
      map.set(id.toString('hex'), {
        handle: h,
        keyType: Number(keyType.readUIntLE(0, Math.min(6, keyType.length))),
        alwaysAuthenticate: (always?.[0] ?? 0) !== 0,
      });
    }
    return map;
  }

  private makeSigner(
    cert: TokenCertificate,
    key: PrivateKeyRef,
    rsa: RsaMechanismChoice,
  ): TokenSigner {
    const isRsa = key.keyType === pkcs11.CKK_RSA;
    if (!isRsa && key.keyType !== pkcs11.CKK_EC)
      throw signError('SIGN_UNSUPPORTED_KEY', `CKK ${key.keyType}`);
    const mechanism: TokenSigner['mechanism'] = !isRsa
      ? 'CKM_ECDSA'
      : rsa === 'rsa-pkcs' || (rsa === 'auto' && !this.mechanisms.has(pkcs11.CKM_SHA256_RSA_PKCS))
        ? 'CKM_RSA_PKCS'
        : 'CKM_SHA256_RSA_PKCS';
    let tokenMs = 0;
    const signOnce = async (data: Buffer): Promise<Buffer> => {
      this.assertOpen();
      const digest = createHash('sha256').update(data).digest();
      const input =
        mechanism === 'CKM_SHA256_RSA_PKCS'
          ? data
          : mechanism === 'CKM_RSA_PKCS'
            ? Buffer.concat([SHA256_DIGEST_INFO_PREFIX, digest])
            : digest;
      const t0 = performance.now();
      try {
        this.p.C_SignInit(this.session, { mechanism: pkcs11[mechanism] }, key.handle);
        if (key.alwaysAuthenticate) {
          // Context-specific login right after C_SignInit, as PKCS#11 §5.1 requires.
          this.p.C_Login(this.session, pkcs11.CKU_CONTEXT_SPECIFIC, this.#pin);
        }
        const out = await this.p.C_SignAsync(this.session, input, Buffer.alloc(1024));
        return mechanism === 'CKM_ECDSA' ? rawEcdsaToDer(out) : Buffer.from(out);
      } catch (err) {
        throw fromPkcs11(err, mechanism);
      } finally {
        tokenMs += performance.now() - t0;
      }
    };
    return {
      certificate: cert.info,
      keyId: cert.id,
      keyType: isRsa ? 'rsa' : 'ec',
      mechanism,
      alwaysAuthenticate: key.alwaysAuthenticate,
      sign: (data) => {
        const run = this.#queue.then(() => signOnce(data));
        this.#queue = run.catch(() => undefined);
        return run;
      },
      get tokenMs() {
        return tokenMs;
      },
    };
  }
}
