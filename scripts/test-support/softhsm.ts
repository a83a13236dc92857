/**
 * SoftHSM2 tokens for tests, in a temporary directory. SoftHSM reads `SOFTHSM2_CONF` when the
 * module is initialised, so call `useSoftHsm` before the first `C_Initialize` of the process.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IssuedCert } from './pki';

export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

export interface TokenSpec {
  label: string;
  pin: string;
  soPin?: string;
  keys: { id: string; cert: IssuedCert; alwaysAuthenticate?: boolean; withoutCert?: boolean }[];
  /**
   * CA certificates stored on the token without a key (as CA tokens carry their intermediate),
   * with CKA_ID `c0`, `c1`, … so they never pair with a signing key.
   */
  caCerts?: IssuedCert[];
}

export interface SoftHsm {
  conf: string;
  tokenDir: string;
  env: NodeJS.ProcessEnv;
}

export function createSoftHsm(dir: string, tokens: TokenSpec[]): SoftHsm {
  const tokenDir = join(dir, 'tokens');
  mkdirSync(tokenDir, { recursive: true });
  const conf = join(dir, 'softhsm2.conf');
  writeFileSync(
    conf,
    `directories.tokendir = ${tokenDir}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = true\n`,
  );
  const env = { ...process.env, SOFTHSM2_CONF: conf };
  const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { env, stdio: 'pipe' });
  for (const t of tokens) {
    run('softhsm2-util', [
      '--init-token',
      '--free',
      '--label',
      t.label,
      '--pin',
      t.pin,
      '--so-pin',
      t.soPin ?? '87654321',
    ]);
    for (const k of t.keys) {
      const keyFile = join(dir, `${t.label}-${k.id}.key.der`);
      const certFile = join(dir, `${t.label}-${k.id}.cert.der`);
      writeFileSync(keyFile, k.cert.keyDer);
      writeFileSync(certFile, k.cert.certDer);
      const common = [
        '--module',
        SOFTHSM_MODULE,
        '--token-label',
        t.label,
        '--login',
        '--pin',
        t.pin,
        '--id',
        k.id,
      ];
      run('pkcs11-tool', [
        ...common,
        '--write-object',
        keyFile,
        '--type',
        'privkey',
        '--label',
        k.cert.name,
        '--usage-sign',
        ...(k.alwaysAuthenticate ? ['--always-auth'] : []),
      ]);
      if (!k.withoutCert) {
        run('pkcs11-tool', [
          ...common,
          '--write-object',
          certFile,
          '--type',
          'cert',
          '--label',
          k.cert.name,
        ]);
      }
    }
    for (const [i, ca] of (t.caCerts ?? []).entries()) {
      const certFile = join(dir, `${t.label}-ca${i}.cert.der`);
      writeFileSync(certFile, ca.certDer);
      run('pkcs11-tool', [
        '--module',
        SOFTHSM_MODULE,
        '--token-label',
        t.label,
        '--login',
        '--pin',
        t.pin,
        '--id',
        `c${i.toString(16)}`,
        '--write-object',
        certFile,
        '--type',
        'cert',
        '--label',
        ca.name,
      ]);
    }
  }
  return { conf, tokenDir, env };
}

/** Points this process at the SoftHSM configuration (before the module is initialised). */
export function useSoftHsm(hsm: SoftHsm): void {
  process.env.SOFTHSM2_CONF = hsm.conf;
}
