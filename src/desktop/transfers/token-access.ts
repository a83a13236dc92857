import { createHash } from 'node:crypto';
import { caCertificatesOn } from '../../signing/token/ca-chain';
import { assertUsableForSigning } from '../../signing/token/certificate';
import { pinWarningVi, SIGN_ERRORS, TokenError } from '../../signing/token/errors';
import { findInstalledModules } from '../../signing/token/known-modules';
import { RemoteTokenModule } from '../../signing/token/remote-token';
import type { TokenSigner } from '../../signing/token/token-session';
import { TimestampError } from '../../signing/tsa/tsa-client';
import type { TokenInfo } from '../contract-transfers';
import { DesktopFailure, type DesktopSigningOptions } from '../service-context';

// The token dialog's side of the desktop service. Every PKCS#11 call runs in the token worker
// thread (RemoteTokenModule), so a slow vendor module never stalls the process serving the UI.
// The module is opened per call and closed after it: a token plugged in or pulled out between two
// dialogs is simply seen as it is now. The PIN goes to the worker once and is never kept.

/** CKF_TOKEN_INITIALIZED: SoftHSM and some readers show an empty, uninitialised slot too. */
const CKF_TOKEN_INITIALIZED = 0x400;

/** The configured module, else the first vendor module installed on this machine. */
export function modulePathOf(signing: DesktopSigningOptions): string | null {
  return signing.pkcs11Module ?? findInstalledModules()[0]?.path ?? null;
}

/** Token and timestamp errors as the failure the UI shows (code for logs, Vietnamese text). */
export function signingFailure(err: unknown): unknown {
  if (err instanceof TokenError || err instanceof TimestampError)
    return new DesktopFailure({ code: err.code, message: err.message, messageVi: err.messageVi });
  return err;
}

async function withModule<T>(
  signing: DesktopSigningOptions,
  use: (module: RemoteTokenModule) => Promise<T>,
): Promise<T> {
  const path = modulePathOf(signing);
  if (path === null)
    throw new DesktopFailure({
      code: 'SIGN_MODULE_NOT_FOUND',
      message: 'no PKCS#11 module configured or installed',
      messageVi: SIGN_ERRORS.SIGN_MODULE_NOT_FOUND,
    });
  let module: RemoteTokenModule | undefined;
  try {
    module = await RemoteTokenModule.open(path);
    return await use(module);
  } catch (err) {
    throw signingFailure(err);
  } finally {
    await module?.close().catch(() => undefined);
  }
}

function problemOf(info: Parameters<typeof assertUsableForSigning>[0], now: Date): string | null {
  try {
    assertUsableForSigning(info, now);
    return null;
  } catch (err) {
    return err instanceof TokenError ? err.messageVi : 'Chứng thư số không dùng được để ký.';
  }
}

/** Tokens plugged in, with their certificates and PIN status (no PIN needed to list). */
export async function listTokens(
  signing: DesktopSigningOptions,
  now: Date,
): Promise<{ modulePath: string | null; tokens: TokenInfo[] }> {
  const modulePath = modulePathOf(signing);
  if (modulePath === null) return { modulePath, tokens: [] };
  const tokens = await withModule(signing, async (module) => {
    const out: TokenInfo[] = [];
    for (const t of await module.listTokens()) {
      if ((t.flags & CKF_TOKEN_INITIALIZED) === 0) continue;
      const certs = await module.listCertificates(Buffer.from(t.slotId, 'hex'));
      out.push({
        slotId: t.slotId,
        label: t.label,
        manufacturer: t.manufacturer,
        serialNumber: t.serialNumber,
        pinStatus: t.pinStatus,
        pinWarningVi: pinWarningVi(t.pinStatus) ?? null,
        certificates: certs.map((c) => {
          const problemVi = problemOf(c.info, now);
          return {
            id: c.id,
            label: c.label,
            subjectName: c.info.subject,
            issuerName: c.info.issuer,
            serialNumber: c.info.serialNumber,
            validFrom: c.info.notBefore.toISOString(),
            validTo: c.info.notAfter.toISOString(),
            usable: problemVi === null,
            problemVi,
            fingerprintSha256: createHash('sha256').update(c.info.der).digest('hex'),
          };
        }),
      });
    }
    return out;
  });
  return { modulePath, tokens };
}

/** What signing gets: the token's signer and the CA certificates the token holds. */
export interface TokenSigning {
  signer: TokenSigner;
  /** CA certificates stored on the token (DER), for the CMS chain. */
  caCertificates: Buffer[];
}

/**
 * Logs in to the token in `slotId` with the PIN (once: a wrong PIN is reported with what the token
 * says is left, never retried) and lends the signer of certificate `certificateId` to `use`.
 */
export async function withTokenSigner<T>(
  signing: DesktopSigningOptions,
  req: { slotId: string; certificateId: string; pin: string; now: Date },
  use: (s: TokenSigning) => Promise<T>,
): Promise<T> {
  return withModule(signing, async (module) => {
    const slot = Buffer.from(req.slotId, 'hex');
    const present = (await module.listTokens()).some((t) => t.slotId === req.slotId);
    if (!present)
      throw new TokenError(
        'SIGN_TOKEN_NOT_FOUND',
        SIGN_ERRORS.SIGN_TOKEN_NOT_FOUND,
        `no token in slot ${req.slotId}`,
      );
    const certs = await module.listCertificates(slot);
    const session = await module.login(slot, req.pin);
    try {
      const signer = await session.signer({ keyId: req.certificateId.toLowerCase(), now: req.now });
      const caCertificates = caCertificatesOn(certs, signer.keyId);
      return await use({ signer, caCertificates });
    } finally {
      await session.close().catch(() => undefined);
    }
  });
}

/**
 * A token certificate and the CA certificates the token holds (DER), read without the PIN
 * (certificates are public objects): what registering the certificate sends to the server.
 */
export async function readTokenCertificate(
  signing: DesktopSigningOptions,
  req: { slotId: string; certificateId: string },
): Promise<{ der: Buffer; caCertificates: Buffer[] }> {
  return withModule(signing, async (module) => {
    const certs = await module.listCertificates(Buffer.from(req.slotId, 'hex'));
    const keyId = req.certificateId.toLowerCase();
    const cert = certs.find((c) => c.id === keyId);
    if (!cert)
      throw new TokenError(
        'SIGN_NO_CERTIFICATE',
        SIGN_ERRORS.SIGN_NO_CERTIFICATE,
        `no certificate ${keyId} in slot ${req.slotId}`,
      );
    return { der: cert.info.der, caCertificates: caCertificatesOn(certs, keyId) };
  });
}
