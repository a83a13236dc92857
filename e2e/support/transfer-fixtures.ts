/**
 * The world of the transfer journeys: a central server on a SQLite file (the generated ward with
 * the demo transfers) that a journey stops and starts again on the same port, a test PKI with a
 * SoftHSM2 token per approving officer, a loopback TSA, the member's side through the API
 * (`npm run demo:member`), and pdfsig for the final letter. Test support only.
 */
import { generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { DEMO_PASSWORD } from '../../scripts/gen/demo-accounts';
import { memberApplicationPdf } from '../../scripts/gen/demo-application';
import {
  demoTransferOrgs,
  seedDemoTransfers,
  type DemoTransfersSummary,
} from '../../scripts/gen/demo-transfers';
import { staffWithRoleAt, type DemoOrgRow } from '../../scripts/gen/demo-transfers.repo';
import { runDemoMember } from '../../scripts/demo-member';
import {
  createNssDb,
  createTestPki,
  type IssuedCert,
  type TestPki,
} from '../../scripts/test-support/pki';
import { loginAs } from '../../scripts/test-support/login';
import { createSoftHsm, SOFTHSM_MODULE } from '../../scripts/test-support/softhsm';
import { generatedServerDb } from '../../scripts/test-support/sync-server';
import { startTestTsa, type TestTsa } from '../../scripts/test-support/tsa';
import { buildServer } from '../../server/app';
import { hashPassword } from '../../server/auth/passwords';
import { findOrg } from '../../server/repositories/orgs';
import { insertRegistration } from '../../server/repositories/user-certificates';
import { findActiveAccount, findLoginAccount } from '../../server/repositories/users';
import { apiRoutes } from '../../src/api/routes';
import { transferRoutes } from '../../src/api/transfers';
import { pdfsig, type PdfsigSignature } from '../../src/signing/test-support/corpus';
import { openServerDb, type ServerDb } from '../../src/db/server-db';
import type { TransferVariant } from '../../src/domain/procedures/transfer-route';

/** Cheap scrypt for the generated accounts: logins in the journeys cost no time. */
export const CHEAP_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };

/**
 * The central API on a SQLite file, stoppable and restartable on the same port. It keeps one
 * token key across restarts, as a deployment with TOKEN_SECRET does, so a restart logs nobody out.
 */
export class CentralServer {
  private app: FastifyInstance | null = null;
  private db: ServerDb | null = null;
  private port = 0;
  private readonly tokenSecret = randomBytes(32);

  constructor(
    readonly sqliteFile: string,
    private readonly trustAnchors: X509Certificate[],
  ) {}

  get url(): string {
    if (this.port === 0) throw new Error('the central server never started');
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.app !== null;
  }

  async start(): Promise<void> {
    if (this.app) return;
    this.db = await openServerDb({ sqliteFile: this.sqliteFile });
    this.app = await buildServer({
      db: this.db,
      logger: false,
      tokenSecret: this.tokenSecret,
      transfers: { trustAnchors: this.trustAnchors },
    });
    await this.app.listen({ host: '127.0.0.1', port: this.port });
    const address = this.app.server.address();
    if (typeof address === 'object' && address) this.port = address.port;
  }

  async stop(): Promise<void> {
    await this.app?.close();
    await this.db?.close();
    this.app = null;
    this.db = null;
  }
}

/** One officer's USB token: a SoftHSM2 configuration of its own with one signing certificate. */
export interface OfficerToken {
  username: string;
  /** The certificate's subject common name (the officer's name). */
  signerName: string;
  orgName: string;
  label: string;
  pin: string;
  softhsmConf: string;
  /** The signing certificate, registered to the officer's account before the server starts. */
  certificate: X509Certificate;
}

/** A signer certificate in `fullName`'s name for `orgName`, issued by the test intermediate. */
function issueOfficerCert(
  pki: TestPki,
  key: string,
  fullName: string,
  orgName: string,
): IssuedCert {
  const dir = pki.dir;
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const keyFile = join(dir, `${key}.key.pem`);
  writeFileSync(keyFile, keyPem);
  const csr = join(dir, `${key}.csr`);
  const certFile = join(dir, `${key}.cert.pem`);
  const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  const subject = `/C=VN/O=${orgName}/CN=${fullName}`;
  openssl(['req', '-new', '-key', keyFile, '-utf8', '-subj', subject, '-out', csr]);
  const day = 86_400_000;
  const asn1 = (d: Date) => d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
  const issuer = ['-cert', pki.intermediate.certFile, '-keyfile', pki.intermediate.keyFile];
  const from = asn1(new Date(Date.now() - day));
  const until = asn1(new Date(Date.now() + 365 * day));
  const config = ['-config', join(dir, 'ca.cnf'), '-extensions', 'signer_ext'];
  const ca = ['ca', '-batch', '-notext', '-utf8', ...config, ...issuer];
  openssl([...ca, '-startdate', from, '-enddate', until, '-in', csr, '-out', certFile]);
  const certPem = readFileSync(certFile, 'utf8');
  return {
    name: key,
    kind: 'ec',
    keyPem,
    keyDer: privateKey.export({ type: 'pkcs8', format: 'der' }),
    certPem,
    certDer: Buffer.from(new X509Certificate(certPem).raw),
    keyFile,
    certFile,
    commonName: fullName,
  };
}

/**
 * The officer's token: the signing key and certificate, and the intermediate CA certificate as
 * vendors ship it on their tokens (the app puts it in the signature so verifiers reach the root).
 */
function officerToken(
  pki: TestPki,
  dir: string,
  officer: { username: string; fullName: string; orgName: string },
): OfficerToken {
  const key = officer.username.replace(/[^a-z0-9]/gi, '-');
  const cert = issueOfficerCert(pki, key, officer.fullName, officer.orgName);
  const label = `VNPT-CA ${key}`.slice(0, 32);
  const pin = '246810';
  const hsmDir = join(dir, `hsm-${key}`);
  const hsm = createSoftHsm(hsmDir, [{ label, pin, keys: [{ id: '01', cert }] }]);
  const caFile = join(hsmDir, 'intermediate.der');
  writeFileSync(caFile, pki.intermediate.certDer);
  const token = ['--module', SOFTHSM_MODULE, '--token-label', label, '--login', '--pin', pin];
  const object = ['--type', 'cert', '--id', '0a', '--label', 'Test Intermediate CA'];
  execFileSync('pkcs11-tool', [...token, '--write-object', caFile, ...object], {
    env: hsm.env,
    stdio: 'pipe',
  });
  return {
    username: officer.username,
    signerName: officer.fullName,
    orgName: officer.orgName,
    label,
    pin,
    softhsmConf: hsm.conf,
    certificate: new X509Certificate(cert.certPem),
  };
}

export interface TransferWorldOptions {
  /**
   * The officers who sign in the journeys, each with a token of their own: a username, or an org
   * key of the demo ('thcs2') for that org's first approver.
   */
  officers: string[];
  /** Officers who register their certificate in the token dialog themselves (not beforehand). */
  registerInApp?: string[];
}

/** The officer's name and the org of their account, for the certificate's subject. */
async function officerOf(db: ServerDb, username: string) {
  const login = await findLoginAccount(db.db, username);
  const account = login ? await findActiveAccount(db.db, login.id) : null;
  if (!account) throw new Error(`no active account ${username}`);
  const org = await findOrg(db.db, account.user.orgId);
  return {
    userId: account.user.id,
    username,
    fullName: account.user.fullName,
    orgName: org?.name ?? 'Test',
  };
}

export interface TransferWorld {
  dir: string;
  server: CentralServer;
  demo: DemoTransfersSummary;
  pki: TestPki;
  tsa: TestTsa;
  /** NSS database trusting the test root, for pdfsig. */
  nssDir: string;
  /** PEM file of the trust anchor (the test root), as the operator configures it. */
  trustAnchorsFile: string;
  tokens: Map<string, OfficerToken>;
  /** The demo ward's orgs by key ('chibo1', 'thcs2', 'phuong', …). */
  orgs: Map<string, DemoOrgRow>;
  /** The username of the first approver (secretary) of each keyed org. */
  approvers: Map<string, string>;
  /** The app's environment for `username`: their token, the trust anchor, the TSA. */
  appEnv(username: string): NodeJS.ProcessEnv;
  close(): Promise<void>;
}

/** Builds everything the transfer journeys share; the server is started. */
export async function openTransferWorld(opts: TransferWorldOptions): Promise<TransferWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'dangvu-e2e-transfers-'));
  const generated = await generatedServerDb('ward', 1);
  const seedDb = await openServerDb(generated.config);
  let demo: DemoTransfersSummary | null;
  let officers;
  let orgs: Map<string, DemoOrgRow>;
  const approvers = new Map<string, string>();
  try {
    demo = await seedDemoTransfers(seedDb.db, {
      passwordHash: await hashPassword(DEMO_PASSWORD, CHEAP_SCRYPT),
    });
    orgs = await demoTransferOrgs(seedDb.db);
    for (const [key, org] of orgs) {
      const [approver] = await staffWithRoleAt(seedDb.db, org.id, 'approver');
      if (approver) approvers.set(key, approver.username);
    }
    officers = await Promise.all(
      opts.officers.map((o) => officerOf(seedDb, approvers.get(o) ?? o)),
    );
  } finally {
    await seedDb.close();
  }
  if (!demo) throw new Error('the generated ward held dossiers already');

  const pki = createTestPki(join(dir, 'pki'));
  const trustAnchorsFile = join(dir, 'trust-anchors.pem');
  writeFileSync(trustAnchorsFile, pki.root.certPem);
  const nssDir = createNssDb(join(dir, 'nss'), pki.root);
  const tsa = await startTestTsa(join(dir, 'tsa'), pki);
  const tokens = new Map(
    officers.map((o) => [o.username, officerToken(pki, join(dir, 'tokens'), o)]),
  );
  // Each officer registered their token's certificate once, as the token dialog offers it: the
  // server accepts a signed letter only from a certificate registered to the acting user.
  const registryDb = await openServerDb(generated.config);
  try {
    for (const o of officers.filter((o) => !opts.registerInApp?.includes(o.username))) {
      const certificate = tokens.get(o.username)!.certificate;
      const registration = { userId: o.userId, certificate, registeredBy: o.userId };
      await insertRegistration(registryDb.db, registration, new Date());
    }
  } finally {
    await registryDb.close();
  }
  const server = new CentralServer(generated.config.sqliteFile, [
    new X509Certificate(pki.root.certPem),
  ]);
  await server.start();
  return {
    dir,
    server,
    demo,
    pki,
    tsa,
    nssDir,
    trustAnchorsFile,
    tokens,
    orgs,
    approvers,
    appEnv(username) {
      const token = tokens.get(username);
      return {
        PKCS11_MODULE: SOFTHSM_MODULE,
        ...(token ? { SOFTHSM2_CONF: token.softhsmConf } : {}),
        SIGNING_TRUST_ANCHORS: trustAnchorsFile,
        SIGNING_TSA_URL: tsa.url,
        // The ward committee has a seal but no registered image here: the stand-in seal.
        SIGNING_DEMO_SEALS: '1',
      };
    },
    async close() {
      await server.stop();
      await tsa.close();
      generated.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The member side: submits through the API as `npm run demo:member` does, with an application. */
export async function submitAsMember(
  world: TransferWorld,
  username: string,
  form: {
    variant: TransferVariant;
    toCellId: string;
    toCellName: string;
    reason: string;
    temporary?: { startOn: string; endOn: string };
  },
): Promise<{ id: string; fileName: string }> {
  const member = world.demo.members.find((m) => m.username === username);
  if (!member) throw new Error(`no demo member account ${username}`);
  const fileName = `Don de nghi - ${member.username}.pdf`;
  const file = join(world.dir, fileName);
  mkdirSync(world.dir, { recursive: true });
  writeFileSync(
    file,
    await memberApplicationPdf({
      variant: form.variant,
      fullName: member.fullName,
      birthDate: member.birthDate,
      fromCellName: member.cellName,
      toCellName: form.toCellName,
      reason: form.reason,
      date: new Date(),
      temporary: form.temporary ?? null,
    }),
  );
  const args = ['submit-transfer', '--server', world.server.url, '--username', username];
  args.push('--password', DEMO_PASSWORD, '--to', form.toCellId, '--variant', form.variant);
  args.push('--reason', form.reason, '--attach', file);
  if (form.temporary) args.push('--start', form.temporary.startOn, '--end', form.temporary.endOn);
  const out = (await runDemoMember(args)) as { id: string };
  return { id: out.id, fileName };
}

/** Reads the API as `username` (a member or an officer), through the typed client. */
export async function apiAs(world: TransferWorld, username: string) {
  const { client } = await loginAs(world.server.url, username, DEMO_PASSWORD);
  const byId = (id: string) => ({ params: { id } });
  return {
    dossier: (id: string) => client.request(transferRoutes.getTransfer, byId(id)),
    member: (id: string) => client.request(apiRoutes.getMember, byId(id)),
    /** Where completed temporary transfers put the member. */
    temporaryMemberships: async (id: string) =>
      (await client.request(apiRoutes.memberTemporaryMemberships, byId(id))).items,
    blob: async (sha256: string) => (await client.getBlob(sha256)).bytes,
  };
}

/** pdfsig's verdict on every signature of `file`, trusting the test root. */
export function pdfsigReport(world: TransferWorld, file: string): Promise<PdfsigSignature[]> {
  return pdfsig(file, world.nssDir);
}
