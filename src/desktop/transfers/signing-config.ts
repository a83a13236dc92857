import { existsSync, readFileSync } from 'node:fs';
import { TsaUrl } from '../../signing/tsa/tsa-client';
import { loadCertificates } from '../../signing/verify/chain';
import type { DesktopSigningOptions } from '../service-context';

/**
 * The app's signing set-up from the environment: PKCS11_MODULE (the token's PKCS#11 library;
 * absent: the first known vendor library installed), SIGNING_TRUST_ANCHORS (a PEM file of the
 * roots, and intermediates, signatures must chain to), SIGNING_TSA_URL (RFC 3161 timestamps),
 * SIGNING_SEAL_DIR (registered seal images) and SIGNING_DEMO_SEALS=1 (the stand-in seal for orgs
 * with none registered: demo and tests).
 * A variable that is set but unusable stops the start with a message naming it.
 */
export function signingOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): DesktopSigningOptions {
  const options: DesktopSigningOptions = {};
  const module = env.PKCS11_MODULE?.trim();
  if (module) options.pkcs11Module = module;
  const anchorsFile = env.SIGNING_TRUST_ANCHORS?.trim();
  if (anchorsFile) {
    let pem: string;
    try {
      pem = readFileSync(anchorsFile, 'utf8');
      loadCertificates(pem);
    } catch (err) {
      const reason = (err as Error).message;
      throw new Error(
        `SIGNING_TRUST_ANCHORS: cannot read certificates from ${anchorsFile}: ${reason}`,
      );
    }
    options.trustAnchorsPem = pem;
  }
  const tsa = env.SIGNING_TSA_URL?.trim();
  if (tsa) {
    const parsed = TsaUrl.safeParse(tsa);
    if (!parsed.success) throw new Error(`SIGNING_TSA_URL: not an http(s) URL: ${tsa}`);
    options.tsaUrl = parsed.data;
  }
  const sealDir = env.SIGNING_SEAL_DIR?.trim();
  if (sealDir) {
    if (!existsSync(sealDir)) throw new Error(`SIGNING_SEAL_DIR: no such directory: ${sealDir}`);
    options.sealDir = sealDir;
  }
  if (env.SIGNING_DEMO_SEALS === '1') options.demoSeals = true;
  return options;
}
