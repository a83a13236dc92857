import { createPrivateKey, randomUUID, sign } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from '@cantoo/pdf-lib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { serverEngines } from '../../scripts/test-support/databases';
import { startFaultProxy, type FaultProxy } from '../../scripts/test-support/fault-proxy';
import { createTestPki, type TestPki } from '../../scripts/test-support/pki';
import {
  FIXTURE_PASSWORD,
  fixtureIds,
  officialToCell2,
  startPushServer,
  type PushTestServer,
} from '../../scripts/test-support/push-server';
import { expectedResidenceList } from '../../server/repositories/expected-residence';
import { findRequest } from '../../server/repositories/residence';
import { ApiClientError, createApiClient } from '../api/client';
import type { PushMutation } from '../api/push';
import type { DossierView } from '../api/transfers';
import { openClientDb, type ClientDb } from '../db/client-db';
import { signPdf } from '../signing/pdf/sign-pdf';
import { loadCertificates } from '../signing/verify/chain';
import { sha256Of } from './repositories/blob-cache';
import { SyncEngine } from './sync-engine';

// DESIGN.md's push, exactly once, with the real server on loopback behind a proxy that loses
// answers, fails with 500 or holds answers past the client's timeout, and with the client process
// killed between sending and recording the answer.

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'test-support', 'push-child.ts');

let pkiDir: string;
let pki: TestPki;
beforeAll(() => {
  pkiDir = mkdtempSync(join(tmpdir(), 'push-faults-pki-'));
  pki = createTestPki(join(pkiDir, 'pki'));
});
afterAll(() => rmSync(pkiDir, { recursive: true, force: true }));

describe.each(serverEngines)('push under faults on %s', (engine) => {
  let server: PushTestServer;
  let proxy: FaultProxy;
  let dir: string;
  let dossier: DossierView;
  let attachmentSha: string;
  const caches: ClientDb[] = [];

  beforeEach(async () => {
    server = await startPushServer(engine, inject('postgresUrl'), {
      trustAnchors: loadCertificates(pki.root.certPem),
    });
    proxy = await startFaultProxy(server.url, '/v1/sync/push');
    dir = mkdtempSync(join(tmpdir(), 'push-faults-'));
    // The member submits with one scanned PDF attachment.
    const doc = await PDFDocument.create();
    doc.addPage();
    const scan = Buffer.from(await doc.save({ useObjectStreams: false }));
    const member = await server.t.tokenFor('dv.duc');
    attachmentSha = await server.t.upload(member, scan);
    dossier = await server.t.submit(
      member,
      officialToCell2([
        {
          sha256: attachmentSha,
          fileName: 'don.pdf',
          contentType: 'application/pdf',
          size: scan.length,
        },
      ]),
    );
  });
  afterEach(async () => {
    for (const cache of caches.splice(0)) if (cache.handle.open) await cache.close();
    await proxy?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A desktop cache and sync engine of one user, talking to the server through the proxy. */
  async function client(
    username: string,
    file = join(dir, `${username}.sqlite`),
    timeoutMs?: number,
  ) {
    const cache = await openClientDb(file);
    caches.push(cache);
    const held: { token?: string } = {};
    const api = createApiClient({
      baseUrl: proxy.url,
      getAccessToken: () => held.token,
      ...(timeoutMs ? { timeoutMs } : {}),
    });
    const session = await api.login({ username, password: FIXTURE_PASSWORD });
    held.token = session.accessToken;
    const sync = new SyncEngine({ handle: cache.handle, api });
    return {
      cache,
      sync,
      token: session.accessToken,
      identity: { userId: session.user.id, serverUrl: proxy.url },
    };
  }

  /** Check and forward, decided offline on the rev the user saw: two outbox entries. */
  function queueCheckAndForward(sync: SyncEngine): string[] {
    const ids = [randomUUID(), randomUUID()];
    const base = { entity: 'dossier' as const, entityId: dossier.id, baseRev: dossier.rev };
    sync.outbox.enqueue({
      id: ids[0]!,
      mutation: { ...base, action: { type: 'check', data: {}, nextOrgId: null } },
    });
    sync.outbox.enqueue({ id: ids[1]!, mutation: { ...base, action: { type: 'forward' } } });
    return ids;
  }

  async function expectAppliedOnce(sync: SyncEngine, ids: string[]) {
    expect(await server.applications(ids)).toEqual({ events: 2, claims: 2 });
    expect(sync.outboxCounts()).toEqual({ total: 0, needsAttention: 0 });
    const now = await server.t.dossier(await server.t.tokenFor('bithu.tdp1'), dossier.id);
    expect(now).toMatchObject({ status: 'pending_check', currentOrgId: fixtureIds.ward });
  }

  it('the answer is lost after the server applied: sent again, applied once', async () => {
    const c = await client('bithu.tdp1');
    const ids = queueCheckAndForward(c.sync);
    proxy.inject('drop-answer');
    await expect(c.sync.push()).rejects.toMatchObject({ code: 'unreachable' });
    expect(c.sync.outbox.list().map((e) => e.status)).toEqual(['pending', 'pending']);
    expect(await server.applications(ids)).toEqual({ events: 1, claims: 1 });

    expect(await c.sync.push()).toEqual({ applied: 2, notApplied: 0, remaining: 0 });
    await expectAppliedOnce(c.sync, ids);
  });

  it('an injected 500 applies nothing; the next push applies everything once', async () => {
    const c = await client('bithu.tdp1');
    const ids = queueCheckAndForward(c.sync);
    proxy.inject('answer-500');
    const failed = await c.sync.push().catch((err: unknown) => err);
    expect(failed).toBeInstanceOf(ApiClientError);
    expect((failed as ApiClientError).status).toBe(500);
    expect(await server.applications(ids)).toEqual({ events: 0, claims: 0 });

    expect(await c.sync.push()).toEqual({ applied: 2, notApplied: 0, remaining: 0 });
    await expectAppliedOnce(c.sync, ids);
  });

  it('an answer later than the client timeout: the retry gets the stored result', async () => {
    const c = await client('bithu.tdp1', undefined, 1500);
    const ids = queueCheckAndForward(c.sync);
    const held = proxy.inject('hold-answer');
    await expect(c.sync.push()).rejects.toMatchObject({ code: 'unreachable' });
    await held.upstreamAnswered;

    expect(await c.sync.push()).toEqual({ applied: 2, notApplied: 0, remaining: 0 });
    await expectAppliedOnce(c.sync, ids);
  });

  it('the client process dies between sending and recording: a new one sends again', async () => {
    const file = join(dir, 'crash.sqlite');
    const first = await client('bithu.tdp1', file);
    const ids = queueCheckAndForward(first.sync);
    const held = proxy.inject('hold-answer');
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, proxy.url, file], {
      env: { ...process.env, PUSH_ACCESS_TOKEN: first.token },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, signal) => resolve(signal)),
    );
    await Promise.race([
      held.upstreamAnswered,
      exited.then(() => {
        throw new Error(`push child exited early: ${stderr}`);
      }),
    ]);
    // The server applied the check; the answer has not reached the process: kill it now.
    expect(first.sync.outbox.get(ids[0]!)?.status).toBe('sending');
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    await first.cache.close();

    const restarted = await client('bithu.tdp1', file);
    expect(restarted.sync.outbox.list().map((e) => e.status)).toEqual(['sending', 'pending']);
    expect(await restarted.sync.push()).toEqual({ applied: 2, notApplied: 0, remaining: 0 });
    await expectAppliedOnce(restarted.sync, ids);
  });

  it('a residence list made offline, its answer lost: sent again, applied once, then pulled', async () => {
    const c = await client('bithu.tdp1');
    const listId = randomUUID();
    const ids = [randomUUID(), randomUUID()];
    c.sync.outbox.enqueue({
      id: ids[0]!,
      mutation: {
        entity: 'residenceRequest',
        entityId: listId,
        baseRev: 0,
        action: {
          type: 'create',
          campaignYear: 2026,
          workplaceOrgId: fixtureIds.cell1,
          kind: 'introduce_and_comment',
          items: [
            {
              memberId: fixtureIds.members[0],
              residenceOrgId: fixtureIds.cell2,
              reportRequired: true,
              exemption: null,
            },
          ],
        },
      },
    });
    proxy.inject('drop-answer');
    await expect(c.sync.push()).rejects.toMatchObject({ code: 'unreachable' });
    expect(await server.applications(ids.slice(0, 1))).toEqual({ events: 1, claims: 1 });
    expect(await c.sync.push()).toEqual({ applied: 1, notApplied: 0, remaining: 0 });
    expect(await server.applications(ids.slice(0, 1))).toEqual({ events: 1, claims: 1 });

    // The list arrives in the cache; the next step is decided on the rev pulled.
    await c.sync.sync(c.identity);
    const cached = c.cache.handle
      .prepare<[string], { rev: number; status: string }>(
        'select rev, status from residence_requests where id = ?',
      )
      .get(listId);
    expect(cached?.status).toBe('draft');
    c.sync.outbox.enqueue({
      id: ids[1]!,
      mutation: {
        entity: 'residenceRequest',
        entityId: listId,
        baseRev: cached!.rev,
        action: { type: 'submit' },
      },
    });
    proxy.inject('answer-500');
    await expect(c.sync.push()).rejects.toBeInstanceOf(ApiClientError);
    expect(await c.sync.push()).toEqual({ applied: 1, notApplied: 0, remaining: 0 });
    expect(await server.applications(ids)).toEqual({ events: 2, claims: 2 });
  });

  it('a residence list signed offline, its answer lost: the upload and the signed step applied once', async () => {
    // The test PKI's certificates are valid from the real today on.
    server.t.clock.now = new Date();
    const listId = randomUUID();
    const workplace = await server.t.tokenFor('bithu.tdp1');
    const step = async (
      baseRev: number,
      action: Extract<PushMutation, { entity: 'residenceRequest' }>['action'],
    ) =>
      (
        await server.t.push(workplace, [
          { id: randomUUID(), entity: 'residenceRequest', entityId: listId, baseRev, action },
        ])
      )[0]!.rev!;
    const made = await step(0, {
      type: 'create',
      campaignYear: 2026,
      workplaceOrgId: fixtureIds.cell1,
      kind: 'comment',
      items: [
        {
          memberId: fixtureIds.members[0],
          residenceOrgId: fixtureIds.cell2,
          reportRequired: false,
          exemption: null,
        },
      ],
    });
    const submitted = await step(made, { type: 'submit' });

    // The deputy secretary signs the list offline: the signed PDF waits in the blob cache.
    const c = await client('phobithu.tdp1');
    const registered = await server.t.request('POST', '/v1/me/certificates', c.token, {
      certificate: pki.signerEc.certPem,
      chain: [pki.intermediate.certPem],
    });
    expect(registered.statusCode, registered.body).toBe(201);
    const list = (await findRequest(server.t.server.db, listId))!.value;
    const key = createPrivateKey(pki.signerEc.keyPem);
    const signed = await signPdf(
      await expectedResidenceList(server.t.server.db, list, server.t.clock.now),
      {
        certificate: pki.signerEc.certDer,
        keyType: 'ec',
        sign: async (d) => sign('sha256', d, key),
      },
      { signerName: pki.signerEc.commonName, time: server.t.clock.now },
      { chain: [pki.intermediate.certDer] },
    );
    const sha = sha256Of(signed);
    c.sync.blobs.put({
      sha256: sha,
      contentType: 'application/pdf',
      bytes: signed,
      needsUpload: true,
    });
    const id = randomUUID();
    c.sync.outbox.enqueue({
      id,
      mutation: {
        entity: 'residenceRequest',
        entityId: listId,
        baseRev: submitted,
        action: { type: 'sign_and_approve', signedPdfSha256: sha },
      },
    });
    proxy.inject('drop-answer');
    await expect(c.sync.push()).rejects.toMatchObject({ code: 'unreachable' });
    expect(await server.applications([id])).toEqual({ events: 1, claims: 1 });
    expect(await c.sync.push()).toEqual({ applied: 1, notApplied: 0, remaining: 0 });
    expect(await server.applications([id])).toEqual({ events: 1, claims: 1 });
    expect((await findRequest(server.t.server.db, listId))?.value).toMatchObject({
      status: 'approved',
      listPdfSha256: sha,
    });
    expect(c.sync.blobs.needingUpload()).toEqual([]);
  });

  it('two users of one org act on the same dossier: one applied, the other told who was first', async () => {
    const minh = await client('bithu.tdp1');
    const hanh = await client('phobithu.tdp1');
    for (const c of [minh, hanh]) {
      const summary = await c.sync.sync(c.identity);
      expect(summary.dossiers).toBeGreaterThan(0);
    }
    // The pulled dossier, with its route, and its attachment read ahead for offline review.
    const cached = hanh.cache.handle
      .prepare<[string], { rev: number; current_org_id: string }>(
        'select rev, current_org_id from dossiers where id = ?',
      )
      .get(dossier.id);
    expect(cached).toEqual({ rev: dossier.rev, current_org_id: fixtureIds.cell1 });
    const blob = hanh.sync.blobs.get(attachmentSha);
    expect(blob && sha256Of(blob.bytes)).toBe(attachmentSha);

    const check = {
      entity: 'dossier' as const,
      entityId: dossier.id,
      baseRev: cached!.rev,
      action: { type: 'check' as const, data: {}, nextOrgId: null },
    };
    const minhId = randomUUID();
    const hanhId = randomUUID();
    minh.sync.outbox.enqueue({ id: minhId, mutation: check });
    hanh.sync.outbox.enqueue({ id: hanhId, mutation: check });
    expect(await minh.sync.push()).toEqual({ applied: 1, notApplied: 0, remaining: 0 });
    expect(await hanh.sync.push()).toEqual({ applied: 0, notApplied: 1, remaining: 1 });

    const refused = hanh.sync.outbox.get(hanhId);
    expect(refused).toMatchObject({ status: 'needs_attention', resultCode: 'stale' });
    expect(refused?.message).toContain('Ngô Văn Minh');
    expect(hanh.sync.outboxCounts()).toEqual({ total: 1, needsAttention: 1 });
    // It stays until the user acts: another push sends nothing.
    const before = proxy.matched;
    await hanh.sync.push();
    expect(proxy.matched).toBe(before);
    expect(hanh.sync.outbox.discard(hanhId)).toBe(true);
    expect(hanh.sync.outboxCounts()).toEqual({ total: 0, needsAttention: 0 });
    expect(await server.applications([minhId, hanhId])).toEqual({ events: 1, claims: 2 });
  });
});
