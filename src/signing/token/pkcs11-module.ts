/**
 * A loaded PKCS#11 module: slots, tokens, their certificates, and login into a `TokenSession`.
 * Listing needs no PIN (certificates are public objects).
 */
import pkcs11 from 'pkcs11js';
import { fromPkcs11, pinWarningVi, signError, type PinStatus, TokenError } from './errors';
import { acquireSlot } from './slot-lock';
import { TokenSession } from './token-session';
import { listCertificatesIn, pinStatusOf, trimPad, type TokenCertificate } from './token-objects';

export type { TokenCertificate };

export interface TokenDescription {
  slotId: string;
  slotDescription: string;
  label: string;
  serialNumber: string;
  manufacturer: string;
  model: string;
  flags: number;
  pinStatus: PinStatus;
  loginRequired: boolean;
  /** PIN entered on the reader's own keypad: call `login` without a PIN. */
  protectedAuthenticationPath: boolean;
}

/** Decided from the flags read before login: a locked token is never tried. */
export function assertCanTryPin(token: TokenDescription, pin: string | undefined): void {
  if (token.pinStatus === 'locked') {
    throw new TokenError(
      'CKR_PIN_LOCKED',
      pinWarningVi('locked') ?? '',
      `token ${token.label}: user PIN locked (flags)`,
    );
  }
  if (pin === undefined && !token.protectedAuthenticationPath) {
    throw signError('SIGN_PIN_REQUIRED', 'no PIN given');
  }
}

export class Pkcs11Module {
  private constructor(
    private readonly p: pkcs11.PKCS11,
    readonly path: string,
    /** False when someone else in this process had initialised the module: we must not finalise. */
    private readonly ownsInitialization: boolean,
  ) {}

  static open(path: string): Pkcs11Module {
    const p = new pkcs11.PKCS11();
    try {
      p.load(path);
    } catch (err) {
      throw new TokenError(
        'SIGN_MODULE_LOAD_FAILED',
        'Không nạp được thư viện điều khiển USB ký số.',
        `load ${path}: ${(err as Error).message}`,
      );
    }
    try {
      p.C_Initialize();
      return new Pkcs11Module(p, path, true);
    } catch (err) {
      if (
        err instanceof pkcs11.Pkcs11Error &&
        err.code === pkcs11.CKR_CRYPTOKI_ALREADY_INITIALIZED
      ) {
        return new Pkcs11Module(p, path, false);
      }
      throw fromPkcs11(err, 'C_Initialize');
    }
  }

  get api(): pkcs11.PKCS11 {
    return this.p;
  }

  listTokens(): TokenDescription[] {
    try {
      return this.p.C_GetSlotList(true).map((slot) => this.describe(slot));
    } catch (err) {
      throw fromPkcs11(err, 'C_GetSlotList');
    }
  }

  /** The slot whose token has this label (or the only token when no label is given). */
  findSlot(label?: string): Buffer {
    let slots: Buffer[];
    try {
      slots = this.p.C_GetSlotList(true);
    } catch (err) {
      throw fromPkcs11(err, 'C_GetSlotList');
    }
    const labelOf = (s: Buffer) => {
      try {
        return trimPad(this.p.C_GetTokenInfo(s).label);
      } catch {
        return undefined; // a token pulled out (or deleted) while we enumerate: not a match
      }
    };
    const match = slots.filter((s) => label === undefined || labelOf(s) === label);
    const slot = match[0];
    if (!slot || (label === undefined && match.length > 1)) {
      throw signError(
        'SIGN_TOKEN_NOT_FOUND',
        label ? `no token labelled ${label}` : `${match.length} tokens present, give a label`,
      );
    }
    return slot;
  }

  describe(slot: Buffer): TokenDescription {
    try {
      const s = this.p.C_GetSlotInfo(slot);
      const t = this.p.C_GetTokenInfo(slot);
      return {
        slotId: slot.toString('hex'),
        slotDescription: trimPad(s.slotDescription),
        label: trimPad(t.label),
        serialNumber: trimPad(t.serialNumber),
        manufacturer: trimPad(t.manufacturerID),
        model: trimPad(t.model),
        flags: t.flags,
        pinStatus: pinStatusOf(t.flags),
        loginRequired: (t.flags & pkcs11.CKF_LOGIN_REQUIRED) !== 0,
        protectedAuthenticationPath: (t.flags & pkcs11.CKF_PROTECTED_AUTHENTICATION_PATH) !== 0,
      };
    } catch (err) {
      throw fromPkcs11(err, 'C_GetTokenInfo');
    }
  }

  /** Certificates visible without login. */
  listCertificates(slot: Buffer): TokenCertificate[] {
    let session: Buffer | undefined;
    try {
      session = this.p.C_OpenSession(slot, pkcs11.CKF_SERIAL_SESSION);
      return listCertificatesIn(this.p, session);
    } catch (err) {
      throw fromPkcs11(err, 'listCertificates');
    } finally {
      if (session) this.p.C_CloseSession(session);
    }
  }

  /**
   * Logs in once with `pin`. The PIN flags are read first: a locked token is refused without
   * trying, and a wrong PIN is reported with what the token says is left. Never retried here.
   */
  login(slot: Buffer, pin: string | undefined): TokenSession {
    assertCanTryPin(this.describe(slot), pin);
    let session: Buffer;
    try {
      session = this.p.C_OpenSession(slot, pkcs11.CKF_SERIAL_SESSION);
    } catch (err) {
      throw fromPkcs11(err, 'C_OpenSession');
    }
    try {
      this.loginWithOwnPin(session, pin);
    } catch (err) {
      let after: PinStatus | undefined;
      try {
        after = this.describe(slot).pinStatus;
      } catch {
        after = undefined;
      }
      try {
        this.p.C_CloseSession(session);
      } catch {
        // the token may be gone; the login error is what matters
      }
      throw fromPkcs11(err, 'C_Login', after);
    }
    return new TokenSession(this.p, slot, session, pin);
  }

  /**
   * C_Login with this request's PIN. The login state is shared by every session of the process:
   * CKR_USER_ALREADY_LOGGED_IN means someone else's login, never that this PIN is right, so the
   * token is logged out and this PIN presented again (callers hold the slot, see slot-lock.ts).
   */
  private loginWithOwnPin(session: Buffer, pin: string | undefined): void {
    try {
      this.p.C_Login(session, pkcs11.CKU_USER, pin);
      return;
    } catch (err) {
      const alreadyIn =
        err instanceof pkcs11.Pkcs11Error && err.code === pkcs11.CKR_USER_ALREADY_LOGGED_IN;
      if (!alreadyIn) throw err;
    }
    this.p.C_Logout(session);
    this.p.C_Login(session, pkcs11.CKU_USER, pin);
  }

  /**
   * `login` once the slot is free of other requests of this process (one login at a time per
   * slot); the slot is released when the session closes.
   */
  async loginExclusive(slot: Buffer, pin: string | undefined): Promise<TokenSession> {
    const release = await acquireSlot(`${this.path}#${slot.toString('hex')}`);
    try {
      const session = this.login(slot, pin);
      session.onClose(release);
      return session;
    } catch (err) {
      release();
      throw err;
    }
  }

  close(): void {
    if (this.ownsInitialization) {
      try {
        this.p.C_Finalize();
      } catch {
        // already finalised
      }
    }
    this.p.close();
  }
}
