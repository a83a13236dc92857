/**
 * Test PKI made at test time: root → intermediate → signer certificates, written under `dir`.
 * Keys come from node:crypto (fast), certificates from the `openssl` CLI (`openssl ca`, because
 * only it can back-date a certificate on OpenSSL 3.0 for the "expired" case).
 */
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type KeyKind = 'rsa' | 'ec';

export interface IssuedCert {
  name: string;
  kind: KeyKind;
  keyPem: string;
  /** PKCS#8 DER of the private key, as pkcs11-tool imports it. */
  keyDer: Buffer;
  certPem: string;
  certDer: Buffer;
  keyFile: string;
  certFile: string;
  commonName: string;
}

export interface TestPki {
  dir: string;
  root: IssuedCert;
  intermediate: IssuedCert;
  signerRsa: IssuedCert;
  signerEc: IssuedCert;
  /** A third valid signer (RSA) for the context-specific-login token. */
  signerAlwaysAuth: IssuedCert;
  expired: IssuedCert;
  notYetValid: IssuedCert;
  /** Valid dates, but key usage keyEncipherment / keyAgreement only. */
  noSigningUsage: IssuedCert;
  /** RFC 3161 time-stamping unit: extendedKeyUsage critical timeStamping (scripts/test/tsa.ts). */
  tsa: IssuedCert;
}

const EXTENSIONS = `
[ca_ext]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[signer_ext]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature,nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[tsa_ext]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature,nonRepudiation
extendedKeyUsage = critical,timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[encipher_ext]
basicConstraints = critical,CA:false
keyUsage = critical,keyEncipherment
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[agreement_ext]
basicConstraints = critical,CA:false
keyUsage = critical,keyAgreement
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;

function caConfig(dir: string): string {
  return `
[ca]
default_ca = ca_default
[ca_default]
database = ${dir}/index.txt
new_certs_dir = ${dir}/newcerts
serial = ${dir}/serial
default_md = sha256
policy = policy_any
unique_subject = no
copy_extensions = none
email_in_dn = no
preserve = yes
[policy_any]
countryName = optional
organizationName = optional
commonName = supplied
${EXTENSIONS}`;
}

/** openssl's ASN.1 time for `-startdate/-enddate`. */
function asn1Time(d: Date): string {
  return d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
}

const DAY = 86_400_000;

export function createTestPki(dir: string): TestPki {
  mkdirSync(join(dir, 'newcerts'), { recursive: true });
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '1000\n');
  const cnf = join(dir, 'ca.cnf');
  writeFileSync(cnf, caConfig(dir));
  const openssl = (args: string[]) =>
    execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });

  const makeKey = (name: string, kind: KeyKind) => {
    const { privateKey } =
      kind === 'rsa'
        ? generateKeyPairSync('rsa', { modulusLength: 2048 })
        : generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const keyDer = privateKey.export({ type: 'pkcs8', format: 'der' });
    const keyFile = join(dir, `${name}.key.pem`);
    writeFileSync(keyFile, keyPem);
    return { keyPem, keyDer, keyFile };
  };

  const finish = (
    name: string,
    kind: KeyKind,
    commonName: string,
    key: ReturnType<typeof makeKey>,
    certFile: string,
  ): IssuedCert => {
    const certPem = readFileSync(certFile, 'utf8');
    const certDer = Buffer.from(new X509Certificate(certPem).raw);
    return { name, kind, commonName, ...key, certPem, certDer, certFile };
  };

  const subject = (cn: string) => `/C=VN/O=Test PKI Dang Vu/CN=${cn}`;

  // Root: self-signed by `openssl req -x509`.
  const rootKey = makeKey('root', 'ec');
  const rootCertFile = join(dir, 'root.cert.pem');
  const extFile = join(dir, 'ext.cnf');
  writeFileSync(extFile, EXTENSIONS);
  openssl([
    'req',
    '-x509',
    '-new',
    '-key',
    rootKey.keyFile,
    '-sha256',
    '-days',
    '3650',
    '-utf8',
    '-subj',
    subject('Test Root CA'),
    '-config',
    cnf,
    '-extensions',
    'ca_ext',
    '-out',
    rootCertFile,
  ]);
  const root = finish('root', 'ec', 'Test Root CA', rootKey, rootCertFile);

  const issue = (
    name: string,
    kind: KeyKind,
    commonName: string,
    issuer: IssuedCert,
    ext: string,
    start: Date,
    end: Date,
  ): IssuedCert => {
    const key = makeKey(name, kind);
    const csr = join(dir, `${name}.csr`);
    openssl([
      'req',
      '-new',
      '-key',
      key.keyFile,
      '-utf8',
      '-subj',
      subject(commonName),
      '-out',
      csr,
    ]);
    const certFile = join(dir, `${name}.cert.pem`);
    openssl([
      'ca',
      '-batch',
      '-notext',
      '-utf8',
      '-config',
      cnf,
      '-cert',
      issuer.certFile,
      '-keyfile',
      issuer.keyFile,
      '-extensions',
      ext,
      '-startdate',
      asn1Time(start),
      '-enddate',
      asn1Time(end),
      '-in',
      csr,
      '-out',
      certFile,
    ]);
    return finish(name, kind, commonName, key, certFile);
  };

  const now = Date.now();
  const from = new Date(now - DAY);
  const to = new Date(now + 365 * DAY);
  const intermediate = issue(
    'intermediate',
    'ec',
    'Test Intermediate CA',
    root,
    'ca_ext',
    from,
    new Date(now + 3000 * DAY),
  );
  return {
    dir,
    root,
    intermediate,
    signerRsa: issue('signer-rsa', 'rsa', 'Nguyễn Văn An', intermediate, 'signer_ext', from, to),
    signerEc: issue('signer-ec', 'ec', 'Trần Thị Bình', intermediate, 'signer_ext', from, to),
    signerAlwaysAuth: issue(
      'signer-aa',
      'rsa',
      'Lê Văn Cường',
      intermediate,
      'signer_ext',
      from,
      to,
    ),
    expired: issue(
      'expired',
      'ec',
      'Phạm Hết Hạn',
      intermediate,
      'signer_ext',
      new Date(now - 400 * DAY),
      new Date(now - 30 * DAY),
    ),
    notYetValid: issue(
      'future',
      'ec',
      'Võ Chưa Tới',
      intermediate,
      'signer_ext',
      new Date(now + 30 * DAY),
      new Date(now + 400 * DAY),
    ),
    noSigningUsage: issue('no-ku', 'rsa', 'Đỗ Không Ký', intermediate, 'encipher_ext', from, to),
    tsa: issue('tsa', 'ec', 'Test TSA', intermediate, 'tsa_ext', from, to),
  };
}

/** An NSS database (for `pdfsig -nssdir`) that trusts `root` for signing. */
export function createNssDb(dir: string, root: IssuedCert): string {
  mkdirSync(dir, { recursive: true });
  execFileSync('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password'], { stdio: 'pipe' });
  execFileSync(
    'certutil',
    ['-A', '-d', `sql:${dir}`, '-n', 'test-root', '-t', 'CT,C,C', '-i', root.certFile],
    { stdio: 'pipe' },
  );
  return dir;
}
