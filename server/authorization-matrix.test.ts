/**
 * Every route × role × object in and out of scope, against the declared authorization matrix.
 * One file over 400 lines: most of it is the world the matrix runs in (openWorld), built for this
 * test only; it stays next to the cases it serves rather than as a kit in a production folder.
 */
import { createHash, randomUUID, X509Certificate } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { PDFDocument } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serverEngines } from '../scripts/test-support/databases';
import { PushMutation, PushResponse, pushMutationAccess } from '../src/api/push';
import { PullResponse, type PullChange } from '../src/api/sync';
import type { ServerEngine } from '../src/db/server-db';
import { Org } from '../src/domain/org/org';
import { BankAccount } from '../src/domain/org/org';
import { User, type Role } from '../src/domain/people/user';
import { hashPassword } from './auth/passwords';
import type { Db } from './repositories/db';
import { feesConfigFromEnv } from './payments/config';
import { insertPayment, type NewPayment } from './repositories/fees-payments';
import { statementLineId } from './repositories/fees-statement-match';
import { importStatementLines } from './repositories/fees-statements';
import { insertBankAccount, insertOrg } from './repositories/orgs';
import { insertRegistration } from './repositories/user-certificates';
import { grantRole, insertUser } from './repositories/users';
import {
  ACTORS,
  matrixRows,
  MUTATION_CASES,
  mutationKey,
  renderMatrixMarkdown,
  ROUTE_CASES,
  routeTable,
  type Answer,
  type MatrixRequest,
  type World,
} from './test-support/authorization-matrix';
import { ids, orgs, PASSWORD, seedFixture, TEST_SCRYPT } from './test-support/fixture';
import { insertForms, insertRequest } from './repositories/residence';
import { insertAccountRequest } from './repositories/accounts';
import { newResidenceForm } from '../src/domain/procedures/residence-form';
import { openTestServer } from './test-support/harness';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const NOW = new Date('2026-01-05T08:00:00Z');
const [m1, m2, m3, m4] = ids.members;

/** Accounts of the matrix: one per role at the ward, and member accounts. */
const accounts = {
  admin: { id: uuid(801), roles: [{ role: 'admin', orgId: ids.ward }] },
  processor: { id: uuid(802), roles: [{ role: 'processor', orgId: ids.ward }] },
  approver: { id: uuid(803), roles: [{ role: 'approver', orgId: ids.ward }] },
  fee_officer: { id: uuid(804), roles: [{ role: 'fee_officer', orgId: ids.ward }] },
  clerk: { id: uuid(805), roles: [{ role: 'clerk', orgId: ids.ward }] },
  member: { id: uuid(806), roles: [{ role: 'member', orgId: ids.cell1 }], memberId: m1 },
  cellmate: { id: uuid(807), roles: [{ role: 'member', orgId: ids.cell1 }], memberId: m2 },
  outsider: {
    id: uuid(808),
    roles: [{ role: 'member', orgId: ids.otherCell }],
    memberId: ids.outsider,
    orgId: ids.otherCell,
  },
  /** Approver of cell 2 and, as a member, registered in cell 3: both scopes at once. */
  mixed: {
    id: uuid(809),
    roles: [
      { role: 'approver', orgId: ids.cell2 },
      { role: 'member', orgId: ids.cell3 },
    ],
    memberId: m4,
    orgId: ids.cell2,
  },
} satisfies Record<
  string,
  { id: string; roles: { role: Role; orgId: string }[]; memberId?: string; orgId?: string }
>;
const usernameOf = (key: string) => `mx.${key}`;
/** The root's admin of the fixture. */
const TOP_ADMIN = 'qt.thanhpho';
const otherCell2 = uuid(810);
const otherAccount = uuid(811);

const org = orgs.find((o) => o.id === ids.otherCell)!;
const OTHER_CELL_2 = Org.parse({
  ...org,
  id: otherCell2,
  code: '2256203',
  name: 'Chi bộ Tổ dân phố số 10',
});
const OTHER_ACCOUNT = BankAccount.parse({
  id: otherAccount,
  orgId: ids.otherWard,
  accountNo: '0011004567891',
  holder: 'Đảng ủy Phường Phúc Lợi',
  bankName: 'Vietcombank',
  citadCode: '01203001',
  isActive: true,
});

/** A self-signed certificate, for registrations the matrix revokes and lists. */
function selfSigned(cn: string): X509Certificate {
  const pem = execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      '/dev/null',
      '-subj',
      `/CN=${cn}`,
      '-days',
      '30',
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
  return new X509Certificate(pem);
}

async function pdfNamed(title: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.addPage();
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The fixture, another cell with its bank account, and one account per matrix actor. */
async function seedWorld(db: Db) {
  await seedFixture(db);
  const passwordHash = await hashPassword(PASSWORD, TEST_SCRYPT);
  await db.transaction().execute(async (trx) => {
    await insertOrg(trx, OTHER_CELL_2, NOW);
    await insertBankAccount(trx, OTHER_ACCOUNT, NOW);
    let serial = 800;
    for (const [key, a] of Object.entries(accounts)) {
      const user = User.parse({
        id: a.id,
        username: usernameOf(key),
        fullName: `Tài khoản ${key}`,
        citizenId: `00108000${String(serial++).padStart(4, '0')}`,
        phone: '0912345678',
        email: null,
        position: null,
        orgId: ('orgId' in a ? a.orgId : undefined) ?? a.roles[0]!.orgId,
        status: 'active',
        roles: a.roles,
      });
      const memberId = 'memberId' in a ? a.memberId : null;
      await insertUser(trx, { user, passwordHash, memberId }, NOW);
    }
  });
}

/**
 * Residence comments, sent: a list of cell 1 with a form about the member actor (living in cell 2),
 * and one of the other ward about the outsider.
 */
async function seedResidence(db: Db) {
  const sent = (id: string, workplaceOrgId: string, memberId: string, residenceOrgId: string) => ({
    id,
    campaignYear: 2026,
    workplaceOrgId,
    kind: 'comment' as const,
    items: [{ memberId, residenceOrgId, reportRequired: true, exemption: null }],
    status: 'sent' as const,
    listPdfSha256: null,
    reason: null,
    createdAt: NOW.toISOString(),
    sentAt: NOW.toISOString(),
  });
  const form = (request: ReturnType<typeof sent>, committeeOrgId: string) =>
    newResidenceForm({
      id: randomUUID(),
      requestId: request.id,
      campaignYear: 2026,
      memberId: request.items[0]!.memberId,
      workplaceOrgId: request.workplaceOrgId,
      residenceOrgId: request.items[0]!.residenceOrgId,
      committeeOrgId,
      reportRequired: true,
    });
  const ward = sent(randomUUID(), ids.cell1, m1, ids.cell2);
  const other = sent(randomUUID(), ids.otherCell, ids.outsider, otherCell2);
  const ownForm = form(ward, ids.ward);
  const otherForm = form(other, ids.otherWard);
  const event = {
    type: 'send',
    actorId: ids.secretary,
    actorName: 'Ngô Văn Minh',
    at: NOW.toISOString(),
    reason: null,
    signedPdfSha256: null,
  };
  await db.transaction().execute(async (trx) => {
    for (const list of [ward, other])
      await insertRequest(trx, list, ids.secretary, event, NOW, randomUUID());
    await insertForms(trx, [ownForm, otherForm], NOW);
  });
  return {
    wardResidenceList: ward.id,
    otherResidenceList: other.id,
    ownResidenceForm: ownForm.id,
    otherResidenceForm: otherForm.id,
  };
}

/**
 * Info-change requests filed by the member actor, by his cellmate and by the outsider (another
 * ward), pending.
 */
async function seedAccountRequests(db: Db) {
  const filed = (requesterUserId: string, memberId: string, decidingOrgId: string) => ({
    id: randomUUID(),
    status: 'pending' as const,
    requesterUserId,
    filedByUserId: requesterUserId,
    decidingOrgId,
    reason: null,
    createdAt: NOW.toISOString(),
    decidedAt: null,
    kind: 'info_change' as const,
    memberId,
    changes: [{ field: 'phone' as const, before: null, after: '0912000111' }],
  });
  const own = filed(accounts.member.id, m1, ids.cell1);
  const cellmate = filed(accounts.cellmate.id, m2, ids.cell1);
  const other = filed(accounts.outsider.id, ids.outsider, ids.otherCell);
  await db.transaction().execute(async (trx) => {
    for (const r of [own, cellmate, other])
      await insertAccountRequest(
        trx,
        r,
        {
          type: 'filed',
          actorUserId: r.requesterUserId,
          actorName: 'Đảng viên',
          at: NOW.toISOString(),
          reason: null,
        },
        NOW,
      );
  });
  return {
    ownAccountRequest: own.id,
    cellmateAccountRequest: cellmate.id,
    otherAccountRequest: other.id,
  };
}

/** The world on one engine: the fixture, the accounts, dossiers, payments, lines, blobs. */
async function openWorld(engine: ServerEngine, postgresUrl: string) {
  const t = await openTestServer({
    engine,
    postgresUrl,
    seed: seedWorld,
    server: { fees: { ...feesConfigFromEnv({}), gateway: null }, transfers: { trustAnchors: [] } },
  });
  const { app, server, url: base } = t;

  const login = async (username: string) => (await t.loginAs(username)).session;
  const tokens: Record<string, string> = {};
  for (const actor of ACTORS) {
    if (actor.group === 'none') continue;
    const username = actor.group === 'top' ? TOP_ADMIN : usernameOf(actor.key);
    tokens[actor.key] = (await login(username)).accessToken;
  }
  for (const key of ['cellmate', 'outsider', 'mixed'])
    tokens[key] = (await login(usernameOf(key))).accessToken;

  async function call(req: MatrixRequest, token: string | undefined) {
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    let body: RequestInit['body'];
    if (req.bytes) {
      headers['content-type'] = req.bytes.contentType;
      body = new Uint8Array(req.bytes.data);
    } else if (req.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(req.body);
    }
    const res = await fetch(`${base}${req.url}`, { method: req.method, headers, body });
    const text = await res.text();
    return { status: res.status, text };
  }
  const json = async (req: MatrixRequest, who: string) => {
    const res = await call(req, tokens[who]);
    if (res.status >= 300) throw new Error(`${req.method} ${req.url}: ${res.status} ${res.text}`);
    return JSON.parse(res.text) as Record<string, unknown> & { id: string };
  };

  const attachment = await pdfNamed('Đơn xin chuyển sinh hoạt đảng');
  const ownAttachment = sha256(attachment);
  await json(
    {
      method: 'PUT',
      url: `/v1/blobs/${ownAttachment}`,
      bytes: { data: attachment, contentType: 'application/pdf' },
    },
    'member',
  );
  const submit = (who: string, destinationOrgId: string, attachments: object[] = []) =>
    json(
      {
        method: 'POST',
        url: '/v1/transfers',
        body: {
          id: randomUUID(),
          variant: 'official',
          form: {
            destinationOrgId,
            reason: 'Chuyển nơi cư trú',
            movedOn: '2026-01-02',
            newAddress: 'Số 5 ngõ 12',
            temporary: null,
          },
          attachments,
        },
      },
      who,
    );
  const attached = {
    sha256: ownAttachment,
    fileName: 'don.pdf',
    contentType: 'application/pdf',
    size: attachment.length,
  };
  const ownDossier = (await submit('member', ids.cell2, [attached])).id;
  const cellmateDossier = (await submit('cellmate', ids.cell3)).id;
  const otherDossier = (await submit('outsider', otherCell2)).id;

  const residence = await seedResidence(server.db);
  const accountRequests = await seedAccountRequests(server.db);

  const blobOf: Record<string, string> = {};
  for (const key of [...Object.keys(tokens)]) {
    const data = await pdfNamed(`own ${key}`);
    const sha = sha256(data);
    await json(
      { method: 'PUT', url: `/v1/blobs/${sha}`, bytes: { data, contentType: 'application/pdf' } },
      key,
    );
    blobOf[key] = sha;
  }
  const newBlobs: Record<string, { sha256: string; data: Buffer }> = {};
  for (const key of Object.keys(tokens)) {
    const data = await pdfNamed(`new ${key}`);
    newBlobs[key] = { sha256: sha256(data), data };
  }
  const anonymousBlob = await pdfNamed('anonymous');

  const payment = async (
    p: Omit<NewPayment, 'id' | 'reference' | 'createdAt' | 'kind'>,
    settled: boolean,
  ) => {
    const id = randomUUID();
    const reference = `DP2601${id.slice(0, 8).toUpperCase()}`;
    const row: NewPayment = { ...p, id, reference, kind: 'self', createdAt: NOW.toISOString() };
    const done = await insertPayment(
      server.db,
      row,
      settled
        ? {
            status: 'success',
            via: 'statement',
            by: p.payerUserId,
            bankReference: `FT${id.slice(0, 6)}`,
          }
        : undefined,
    );
    if (!done.ok) throw new Error('payment seed');
    return id;
  };
  const item = (memberId: string, month: string) => [{ memberId, month, amount: 85_000 }];
  const wardPay = { cellId: ids.cell1, bankAccountId: ids.account, amount: 85_000 };
  const otherPay = { cellId: ids.otherCell, bankAccountId: otherAccount, amount: 85_000 };
  const world: World = {
    ids: {
      ward: ids.ward,
      otherWard: ids.otherWard,
      cell1: ids.cell1,
      cell2: ids.cell2,
      otherCell: ids.otherCell,
      self: m1,
      cellmate: m2,
      outsider: ids.outsider,
      selfUser: accounts.member.id,
      cellUser: ids.secretary,
      otherUser: ids.otherAdmin,
      ownDossier,
      cellmateDossier,
      otherDossier,
      ...residence,
      ...accountRequests,
      ownPayment: await payment(
        { ...wardPay, payerUserId: accounts.member.id, items: item(m1, '2026-01') },
        true,
      ),
      cellmatePayment: await payment(
        { ...wardPay, payerUserId: accounts.cellmate.id, items: item(m2, '2026-01') },
        true,
      ),
      otherPayment: await payment(
        { ...otherPay, payerUserId: accounts.outsider.id, items: item(ids.outsider, '2026-01') },
        true,
      ),
      ownUnknownPayment: await payment(
        { ...wardPay, payerUserId: accounts.member.id, items: item(m1, '2026-02') },
        false,
      ),
      otherUnknownPayment: await payment(
        { ...otherPay, payerUserId: accounts.outsider.id, items: item(ids.outsider, '2026-02') },
        false,
      ),
      wardLine: statementLineId(ids.account, 'FTWARD1'),
      otherLine: statementLineId(otherAccount, 'FTOTHER1'),
      ownCertificate: await insertRegistration(
        server.db,
        {
          userId: accounts.member.id,
          certificate: selfSigned('own'),
          registeredBy: accounts.member.id,
        },
        NOW,
      ),
      cellCertificate: await insertRegistration(
        server.db,
        { userId: ids.secretary, certificate: selfSigned('cell'), registeredBy: ids.secretary },
        NOW,
      ),
      otherCertificate: await insertRegistration(
        server.db,
        { userId: ids.otherAdmin, certificate: selfSigned('other'), registeredBy: ids.otherAdmin },
        NOW,
      ),
      otherBlob: blobOf.outsider!,
      ownAttachment,
    },
    blobOf,
    newBlobFor: (key) => newBlobs[key] ?? { sha256: sha256(anonymousBlob), data: anonymousBlob },
    freshRefreshToken: async () => (await login(usernameOf('member'))).refreshToken,
    username: { member: usernameOf('member') },
    password: PASSWORD,
  };
  const line = (bankReference: string) => ({
    lineNo: 2,
    date: '2026-01-05',
    amount: 12_345,
    description: 'Ung ho quy',
    bankReference,
  });
  await importStatementLines(
    server.db,
    { id: ids.account },
    [line('FTWARD1')],
    { userId: accounts.admin.id },
    NOW,
  );
  await importStatementLines(
    server.db,
    { id: otherAccount },
    [line('FTOTHER1')],
    { userId: ids.otherAdmin },
    NOW,
  );

  return {
    app,
    server,
    world,
    tokens,
    call,
    json,
    close: t.close,
  };
}

/** The class of an answer: push results stand for their mutation (forbidden ↔ 403). */
function answerOf(status: number, text: string, isMutation: boolean): Answer | string {
  if (isMutation && status === 200) {
    const [result] = PushResponse.parse(JSON.parse(text)).results;
    return result?.status === 'forbidden' ? '403' : 'pass';
  }
  if (status === 401 || status === 403 || status === 404) return String(status) as Answer;
  if (status >= 200 && status < 300) return 'ok';
  return `pass:${status}`;
}

const matches = (expected: Answer, got: string) =>
  expected === 'pass' ? got === 'ok' || got.startsWith('pass') : got === expected;

const ENTITY_OPTIONS = PushMutation.options.map((o) => o.shape.entity.value);

describe('the authorization matrix covers every route and mutation type', () => {
  it('has a case for every route of the table and every push mutation type, and no other', () => {
    expect(Object.keys(ROUTE_CASES).sort()).toEqual(Object.keys(routeTable()).sort());
    expect(Object.keys(pushMutationAccess).sort()).toEqual([...ENTITY_OPTIONS].sort());
    expect(Object.keys(MUTATION_CASES).sort()).toEqual(ENTITY_OPTIONS.map(mutationKey).sort());
  });

  it('is documented in docs/authorization-matrix.md exactly as the declarations say', () => {
    const doc = readFileSync(new URL('../docs/authorization-matrix.md', import.meta.url), 'utf8');
    expect(doc).toBe(renderMatrixMarkdown());
  });
});

describe.each(serverEngines)('authorization matrix on %s', (engine) => {
  let w: Awaited<ReturnType<typeof openWorld>>;
  beforeAll(async () => {
    w = await openWorld(engine, inject('postgresUrl'));
  });
  afterAll(() => w?.close());

  it('registers exactly the routes of the table', async () => {
    const doc = w.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const served = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/v1/'))
      .flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
      );
    expect(served.sort()).toEqual(Object.keys(routeTable()).sort());
  });

  it('answers every route × role × object in and out of scope as declared', async () => {
    const rows = matrixRows();
    expect(rows.length).toBeGreaterThan(500);
    const wrong: string[] = [];
    for (const row of rows) {
      const req = await row.build(w.world, row.actor);
      const res = await w.call(req, w.tokens[row.actor.key]);
      const got = answerOf(res.status, res.text, row.key.startsWith('push '));
      if (!matches(row.expected, got))
        wrong.push(
          `${row.key} as ${row.actor.key} (${row.kase}): expected ${row.expected}, got ${got} ${res.text.slice(0, 160)}`,
        );
    }
    expect(wrong).toEqual([]);
  });

  const pullAll = async (who: string) => {
    const changes: PullChange[] = [];
    let cursor: string | undefined;
    for (;;) {
      const q = new URLSearchParams({ limit: '5000', ...(cursor ? { cursor } : {}) });
      const page = PullResponse.parse(
        await w.json({ method: 'GET', url: `/v1/sync/pull?${q}` }, who),
      );
      changes.push(...page.changes);
      cursor = page.nextCursor;
      if (!page.hasMore) return { changes, cursor };
    }
  };
  const idsOf = (changes: PullChange[], entity: string) =>
    changes
      .filter((c) => c.entity === entity && c.op === 'upsert')
      .map((c) => c.id)
      .sort();

  it('shows a member himself only: his record, account, grants, dossiers; org names', async () => {
    const list = await w.json({ method: 'GET', url: '/v1/members' }, 'member');
    expect((list.items as { id: string }[]).map((m) => m.id)).toEqual([m1]);
    const { changes } = await pullAll('member');
    expect(idsOf(changes, 'member')).toEqual([m1]);
    expect(idsOf(changes, 'user')).toEqual([accounts.member.id]);
    const roles = changes.filter((c) => c.entity === 'userRole' && c.op === 'upsert');
    expect(
      roles.map((c) => (c.op === 'upsert' ? (c.data as { userId: string }).userId : '')),
    ).toEqual([accounts.member.id]);
    expect(idsOf(changes, 'bankAccount')).toEqual([]);
    // His dossiers only (the matrix may have submitted another one of his).
    const dossiers = changes.filter((c) => c.entity === 'dossier' && c.op === 'upsert');
    expect(dossiers.map((c) => c.id)).toContain(w.world.ids.ownDossier);
    for (const d of dossiers)
      expect(d.op === 'upsert' && (d.data as { memberId: string }).memberId).toBe(m1);
    expect(idsOf(changes, 'org')).toEqual([ids.province, ids.ward, ids.cell1].sort());
    const body = JSON.stringify(changes);
    for (const other of [m2, m3, ids.outsider, '001190000002', ids.secretary])
      expect(body).not.toContain(other);
  });

  it('gives staff and member grants together the staff subtree and the member self-scope', async () => {
    const list = await w.json({ method: 'GET', url: '/v1/members?limit=200' }, 'mixed');
    expect((list.items as { id: string }[]).map((m) => m.id).sort()).toEqual([m3, m4].sort());
    const { changes } = await pullAll('mixed');
    expect(idsOf(changes, 'member')).toEqual([m3, m4].sort());
    expect(idsOf(changes, 'user')).toEqual([ids.inactive, accounts.mixed.id].sort());
    expect(idsOf(changes, 'org')).toEqual([ids.province, ids.ward, ids.cell2, ids.cell3].sort());
    // Cell 3's org is a name only: its people stay out, and so do cell 1's (only dossiers that
    // come to cell 2 name their member).
    const body = JSON.stringify(changes);
    for (const other of [ids.secretary, accounts.cellmate.id, '001190000002'])
      expect(body).not.toContain(other);
  });

  it('invalidates a member’s cursor when the scope changes shape (a staff grant)', async () => {
    const { cursor } = await pullAll('member');
    await w.server.db
      .transaction()
      .execute((trx) =>
        grantRole(trx, accounts.member.id, { role: 'clerk', orgId: ids.cell1 }, NOW),
      );
    const res = await w.call(
      { method: 'GET', url: `/v1/sync/pull?cursor=${cursor}` },
      w.tokens.member,
    );
    expect(res.status).toBe(409);
    const { changes } = await pullAll('member');
    expect(idsOf(changes, 'member')).toEqual([m1, m2]);
  });
});
