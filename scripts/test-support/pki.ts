/**
 * Test PKI made at test time: root → intermediate → signer certificates, written under `dir`.
 * Keys come from node:crypto (fast), certificates from the `openssl` CLI (`openssl ca`, because
 * only it can back-date a certificate on OpenSSL 3.0 for the "expired" case). With `revocation`
 * URLs, the certificates carry AIA (OCSP) and CRL distribution points on loopback, and the CA
 * database (`index.txt`) is the one `openssl ocsp -index` serves (scripts/test-support/ocsp.ts).
 */
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  /** RFC 3161 time-stamping unit: extendedKeyUsage critical timeStamping (scripts/test-support/tsa.ts). */
  tsa: IssuedCert;
  /** The CA database: one line per issued certificate, `R` once revoked. */
  indexFile: string;
  /** Issues one more certificate with the given extension lines (e.g. a rule-breaking one). */
  issue(name: string, commonName: string, options: IssueOptions): IssuedCert;
  /** Marks a certificate revoked in the CA database (openssl ca -revoke; the time is now). */
  revoke(cert: IssuedCert, reason?: CrlReason): void;
  /** A fresh DER CRL signed by `issuer` (openssl ca -gencrl) listing the revoked certificates. */
  crl(issuer: IssuedCert, hoursValid?: number): Buffer;
  /** Present when created with `revocation` URLs. */
  revocation?: RevocationFixtures;
}

export type CrlReason =
  | 'unspecified'
  | 'keyCompromise'
  | 'CACompromise'
  | 'affiliationChanged'
  | 'superseded'
  | 'cessationOfOperation';

export interface IssueOptions {
  /** Extension lines in openssl's x509v3 config syntax, one per line. */
  extensions: string;
  issuer?: IssuedCert;
  kind?: KeyKind;
  /** Default: from yesterday for a year. */
  validity?: { from: Date; to: Date };
}

export interface RevocationUrls {
  /** OCSP responder for certificates issued by the intermediate (AIA of signers and the TSA). */
  ocspUrl: string;
  /** Base URL of the CRLs: `${crlBaseUrl}/intermediate.crl` and `${crlBaseUrl}/root.crl`. */
  crlBaseUrl: string;
}

export interface RevocationFixtures extends RevocationUrls {
  /** Delegated OCSP responder of the intermediate: EKU id-kp-OCSPSigning, ocsp-nocheck. */
  ocspResponder: IssuedCert;
  /** Revoked (keyCompromise) when the PKI is made. */
  revokedSigner: IssuedCert;
  /** A signer with a CRL distribution point and no OCSP URL. */
  crlOnlySigner: IssuedCert;
}

export interface TestPkiOptions {
  revocation?: RevocationUrls;
}

const extensionSections = (urls?: RevocationUrls) => {
  const more = revocationLines(urls);
  return `
[intermediate_ext]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
${more.intermediate}
[crl_only_signer_ext]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature,nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
${more.endEntityCrlOnly}
[ocsp_responder_ext]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = critical,OCSPSigning
noCheck = ignored
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
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
${more.endEntity}
[tsa_ext]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature,nonRepudiation
extendedKeyUsage = critical,timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
${more.endEntity}
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
};

/** AIA/CRLDP lines appended to the extension sections when the PKI has revocation URLs. */
function revocationLines(urls: RevocationUrls | undefined) {
  if (!urls) return { endEntity: '', endEntityCrlOnly: '', intermediate: '' };
  const crl = (file: string) => `crlDistributionPoints = URI:${urls.crlBaseUrl}/${file}`;
  return {
    endEntity: `authorityInfoAccess = OCSP;URI:${urls.ocspUrl}\n${crl('intermediate.crl')}\n`,
    endEntityCrlOnly: `${crl('intermediate.crl')}\n`,
    intermediate: `${crl('root.crl')}\n`,
  };
}

function caConfig(dir: string, urls?: RevocationUrls): string {
  return `
[ca]
default_ca = ca_default
[ca_default]
database = ${dir}/index.txt
new_certs_dir = ${dir}/newcerts
serial = ${dir}/serial
crlnumber = ${dir}/crlnumber
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
${extensionSections(urls)}`;
}

/** openssl's ASN.1 time for `-startdate/-enddate`. */
function asn1Time(d: Date): string {
  return d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
}

const DAY = 86_400_000;

export function createTestPki(dir: string, options: TestPkiOptions = {}): TestPki {
  mkdirSync(join(dir, 'newcerts'), { recursive: true });
  const indexFile = join(dir, 'index.txt');
  writeFileSync(indexFile, '');
  writeFileSync(join(dir, 'serial'), '1000\n');
  writeFileSync(join(dir, 'crlnumber'), '01\n');
  const cnf = join(dir, 'ca.cnf');
  writeFileSync(cnf, caConfig(dir, options.revocation));
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
  writeFileSync(extFile, extensionSections(options.revocation));
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
    extFile?: string,
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
      ...(extFile ? ['-extfile', extFile] : []),
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
    'intermediate_ext',
    from,
    new Date(now + 3000 * DAY),
  );
  const issueCustom = (name: string, commonName: string, o: IssueOptions): IssuedCert => {
    const extFile = join(dir, `${name}.ext.cnf`);
    writeFileSync(extFile, `[custom_ext]\n${o.extensions}\n`);
    const { from: start, to: end } = o.validity ?? { from, to };
    const issuer = o.issuer ?? intermediate;
    return issue(name, o.kind ?? 'ec', commonName, issuer, 'custom_ext', start, end, extFile);
  };
  const caArgs = (issuer: IssuedCert) => [
    'ca',
    '-config',
    cnf,
    '-cert',
    issuer.certFile,
    '-keyfile',
    issuer.keyFile,
  ];
  const revoke = (cert: IssuedCert, reason: CrlReason = 'keyCompromise') => {
    openssl([...caArgs(root), '-revoke', cert.certFile, '-crl_reason', reason]);
  };
  const crl = (issuer: IssuedCert, hoursValid = 24): Buffer => {
    const pem = join(dir, `crl-${issuer.name}.pem`);
    openssl([...caArgs(issuer), '-gencrl', '-crlhours', String(hoursValid), '-out', pem]);
    const der = openssl(['crl', '-in', pem, '-outform', 'DER']);
    rmSync(pem, { force: true });
    return der;
  };
  const endEntity = (name: string, cn: string, ext: string) =>
    issue(name, 'ec', cn, intermediate, ext, from, to);
  const revocationFixtures = (urls: RevocationUrls): RevocationFixtures => {
    const revokedSigner = endEntity('revoked', 'Bùi Bị Thu Hồi', 'signer_ext');
    revoke(revokedSigner, 'keyCompromise');
    return {
      ...urls,
      ocspResponder: endEntity('ocsp', 'Test OCSP Responder', 'ocsp_responder_ext'),
      revokedSigner,
      crlOnlySigner: endEntity('crl-only', 'Hoàng Chỉ CRL', 'crl_only_signer_ext'),
    };
  };
  return {
    dir,
    indexFile,
    issue: issueCustom,
    revoke,
    crl,
    ...(options.revocation ? { revocation: revocationFixtures(options.revocation) } : {}),
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
