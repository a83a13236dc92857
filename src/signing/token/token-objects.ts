/** Reading objects (certificates, keys) and flags from an open PKCS#11 session. */
import pkcs11 from 'pkcs11js';
import { describeCertificate, type CertificateInfo } from './certificate';
import type { PinStatus } from './errors';

export interface TokenCertificate {
  /** CKA_ID in hex: pairs the certificate with its private key. */
  id: string;
  label: string;
  info: CertificateInfo;
}

export function pinStatusOf(flags: number): PinStatus {
  if (flags & pkcs11.CKF_USER_PIN_LOCKED) return 'locked';
  if (flags & pkcs11.CKF_USER_PIN_FINAL_TRY) return 'final_try';
  if (flags & pkcs11.CKF_USER_PIN_COUNT_LOW) return 'count_low';
  return 'ok';
}

export const trimPad = (s: string) => s.replace(/[\s\0]+$/, '');

export function readAttributes(
  p: pkcs11.PKCS11,
  session: Buffer,
  obj: Buffer,
  types: number[],
): (Buffer | undefined)[] {
  return types.map((type) => {
    try {
      const [attr] = p.C_GetAttributeValue(session, obj, [{ type }]);
      return attr?.value as Buffer | undefined;
    } catch {
      return undefined; // an attribute the token does not expose
    }
  });
}

export function findObjects(
  p: pkcs11.PKCS11,
  session: Buffer,
  template: pkcs11.Template,
): Buffer[] {
  p.C_FindObjectsInit(session, template);
  try {
    const all: Buffer[] = [];
    for (;;) {
      const batch = p.C_FindObjects(session, 64);
      all.push(...batch);
      if (batch.length < 64) return all;
    }
  } finally {
    p.C_FindObjectsFinal(session);
  }
}

export function listCertificatesIn(p: pkcs11.PKCS11, session: Buffer): TokenCertificate[] {
  const certs = findObjects(p, session, [
    { type: pkcs11.CKA_CLASS, value: pkcs11.CKO_CERTIFICATE },
    { type: pkcs11.CKA_CERTIFICATE_TYPE, value: pkcs11.CKC_X_509 },
  ]);
  const out: TokenCertificate[] = [];
  for (const obj of certs) {
    const [id, label, value] = readAttributes(p, session, obj, [
      pkcs11.CKA_ID,
      pkcs11.CKA_LABEL,
      pkcs11.CKA_VALUE,
    ]);
    if (!value) continue;
    try {
      out.push({
        id: (id ?? Buffer.alloc(0)).toString('hex'),
        label: (label ?? Buffer.alloc(0)).toString('utf8'),
        info: describeCertificate(Buffer.from(value)),
      });
    } catch {
      // an unparsable certificate object is skipped, not fatal for the others
    }
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}
