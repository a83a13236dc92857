/**
 * A second, independent signer for interop tests: an NSS database holding a signer's key and
 * certificate (and the test root, trusted), for poppler's `pdfsig -add-signature`. Test support.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createNssDb, type IssuedCert } from '../../../scripts/test-support/pki';

const run = promisify(execFile);

export interface NssSigner {
  dir: string;
  nick: string;
  password: string;
}

/**
 * An NSS database trusting `root` and holding `signer`'s key under `nick`. poppler 22 signs
 * reliably with RSA keys only (its ECDSA signatures come out with a digest mismatch).
 */
export function createNssSigner(
  dir: string,
  root: IssuedCert,
  signer: IssuedCert,
  chain: IssuedCert[],
  nick = 'second-signer',
): NssSigner {
  mkdirSync(dir, { recursive: true });
  createNssDb(dir, root);
  const p12 = join(dir, `${nick}.p12`);
  const password = 'nss-test';
  const certFile = join(dir, `${nick}.chain.pem`);
  writeFileSync(certFile, chain.map((c) => c.certPem).join(''));
  execFileSync(
    'openssl',
    [
      'pkcs12',
      '-export',
      '-inkey',
      signer.keyFile,
      '-in',
      signer.certFile,
      '-certfile',
      certFile,
      '-name',
      nick,
      '-passout',
      `pass:${password}`,
      '-out',
      p12,
    ],
    { stdio: 'pipe' },
  );
  // The database itself has an empty password (createNssDb); -K gives it for the import.
  execFileSync('pk12util', ['-i', p12, '-d', `sql:${dir}`, '-W', password, '-K', ''], {
    stdio: 'pipe',
  });
  return { dir, nick, password: '' };
}

/**
 * `pdfsig -add-signature`: a new signature field signed with the NSS key (adbe.pkcs7.detached, or
 * ETSI with `etsi`).
 */
export async function pdfsigAddSignature(
  signer: NssSigner,
  input: string,
  output: string,
  options: { reason?: string; fieldName?: string; etsi?: boolean } = {},
): Promise<void> {
  const args = [
    '-nssdir',
    `sql:${signer.dir}`,
    '-add-signature',
    '-nick',
    signer.nick,
    '-digest',
    'SHA256',
  ];
  if (signer.password) args.push('-nss-pwd', signer.password);
  if (options.reason) args.push('-reason', options.reason);
  if (options.fieldName) args.push('-new-signature-field-name', options.fieldName);
  if (options.etsi) args.push('-etsi');
  await run('pdfsig', [...args, input, output], { timeout: 30_000 });
}
