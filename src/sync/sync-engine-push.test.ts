import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiClientError, type ApiClient } from '../api/client';
import type { DossierMutationBody, PushRequest, PushResponse, PushResult } from '../api/push';
import type { PullChange } from '../api/sync';
import { openClientDb, type ClientDb } from '../db/client-db';
import { sha256Of } from './repositories/blob-cache';
import { SyncEngine, type OutboxChanged } from './sync-engine';
import { change, dossierWire, orgWire, uid, userRoleWire, userWire } from './test-support/wire';

// Push, blobs and prefetch against a scripted server; the real one is in
// server/push-faults.test.ts.

let cache: ClientDb;
let dir: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'engine-push-'));
  cache = await openClientDb(join(dir, 'cache.sqlite'));
});
afterEach(async () => {
  await cache.close();
  rmSync(dir, { recursive: true, force: true });
});

const identity = { userId: uid(300_001), serverUrl: 'http://127.0.0.1:1' };
const mutationId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const check = (entityId: string, baseRev: number): DossierMutationBody => ({
  entity: 'dossier',
  entityId,
  baseRev,
  action: { type: 'check', data: {}, nextOrgId: null },
});
const pdf = (text: string) => Buffer.from(`%PDF-1.7\n${text}\n%%EOF\n`);
const unreachable = () =>
  new ApiClientError({
    status: 0,
    code: 'unreachable',
    message: 'down',
    messageVi: 'Mất kết nối.',
  });

type Decide = (m: PushRequest['mutations'][number]) => Omit<PushResult, 'id'>;
const applied: Decide = (m) => ({
  status: 'applied',
  rev: m.baseRev + 100,
  code: null,
  message: 'applied',
  messageVi: 'Đã cập nhật hồ sơ.',
});

/** A scripted server: records what arrives, answers with `decide`, or fails when told. */
function scriptedApi(pages: PullChange[][] = []) {
  const log: string[] = [];
  const state = {
    decide: applied,
    failPush: undefined as (() => Error) | undefined,
    blobs: new Map<string, Buffer>(),
    served: new Map<string, Buffer>(),
  };
  let page = 0;
  const api: Pick<ApiClient, 'pull' | 'push' | 'putBlob' | 'getBlob'> = {
    async pull() {
      log.push('pull');
      const changes = pages[page] ?? [];
      page += 1;
      return { changes, nextCursor: `c${page}`, hasMore: page < pages.length };
    },
    async push(req): Promise<PushResponse> {
      log.push(`push ${req.mutations.map((m) => m.id.slice(-2)).join(',')}`);
      if (state.failPush) throw state.failPush();
      return { results: req.mutations.map((m) => ({ id: m.id, ...state.decide(m) })) };
    },
    async putBlob(sha256, bytes) {
      log.push(`put ${sha256.slice(0, 6)}`);
      state.blobs.set(sha256, Buffer.from(bytes));
      return { sha256, contentType: 'application/pdf', size: bytes.byteLength };
    },
    async getBlob(sha256) {
      log.push(`get ${sha256.slice(0, 6)}`);
      const bytes = state.served.get(sha256);
      if (!bytes)
        throw new ApiClientError({
          status: 404,
          code: 'not_found',
          message: 'no',
          messageVi: 'Không thấy.',
        });
      return { contentType: 'application/pdf', bytes };
    },
  };
  return { api, log, state };
}

const dossierA = uid(500_001);
const dossierB = uid(500_002);

describe('sync engine push', () => {
  it('uploads blobs first, sends in seq order in batches, and empties the outbox', async () => {
    const server = scriptedApi();
    const engine = new SyncEngine({ handle: cache.handle, api: server.api, pushBatchSize: 2 });
    const letter = pdf('signed here');
    engine.blobs.put({
      sha256: sha256Of(letter),
      contentType: 'application/pdf',
      bytes: letter,
      needsUpload: true,
    });
    for (let n = 1; n <= 3; n++)
      engine.outbox.enqueue({ id: mutationId(n), mutation: check(uid(500_000 + n), n) });
    const changes: OutboxChanged[] = [];
    let empties = 0;
    engine.on('outbox-changed', (c) => changes.push(c));
    engine.on('outbox-empty', () => (empties += 1));

    expect(await engine.push()).toEqual({ applied: 3, notApplied: 0, remaining: 0 });
    expect(server.log).toEqual([`put ${sha256Of(letter).slice(0, 6)}`, 'push 01,02', 'push 03']);
    expect(engine.blobs.needingUpload()).toEqual([]);
    expect(changes.at(-1)).toEqual({ outboxCount: 0, outboxNeedsAttention: 0 });
    expect(empties).toBe(1);
    // Nothing to send: no request, no outbox-empty.
    expect(await engine.push()).toEqual({ applied: 0, notApplied: 0, remaining: 0 });
    expect(server.log).toHaveLength(3);
    expect(empties).toBe(1);
  });

  it('keeps refused entries with the message; the same dossier waits, others go on', async () => {
    const server = scriptedApi();
    server.state.decide = (m) =>
      m.entityId === dossierA
        ? {
            status: 'conflict',
            rev: 50,
            code: 'stale',
            message: 'stale',
            messageVi: 'Hồ sơ đã được Ngô Văn Minh kiểm tra trước bạn.',
          }
        : applied(m);
    const engine = new SyncEngine({ handle: cache.handle, api: server.api });
    engine.outbox.enqueue({ id: mutationId(1), mutation: check(dossierA, 7) });
    engine.outbox.enqueue({
      id: mutationId(2),
      mutation: { ...check(dossierA, 7), action: { type: 'forward' } },
    });
    engine.outbox.enqueue({ id: mutationId(3), mutation: check(dossierB, 9) });
    let empties = 0;
    engine.on('outbox-empty', () => (empties += 1));

    expect(await engine.push()).toEqual({ applied: 1, notApplied: 1, remaining: 2 });
    expect(server.log).toEqual(['push 01,03']);
    expect(engine.outbox.get(mutationId(1))).toMatchObject({
      status: 'needs_attention',
      resultCode: 'stale',
      message: 'Hồ sơ đã được Ngô Văn Minh kiểm tra trước bạn.',
    });
    expect(engine.outbox.get(mutationId(2))?.status).toBe('pending');
    expect(engine.outboxCounts()).toEqual({ total: 2, needsAttention: 1 });
    expect(empties).toBe(0);
    // The blocked entry stays unsent until the user discards the refused one.
    await engine.push();
    expect(server.log).toEqual(['push 01,03']);
    engine.outbox.discard(mutationId(1));
    server.state.decide = applied;
    expect(await engine.push()).toEqual({ applied: 1, notApplied: 0, remaining: 0 });
    expect(server.log.at(-1)).toBe('push 02');
    expect(empties).toBe(1);
  });

  it('a failed request puts the batch back to pending and rejects; the next push resends it', async () => {
    const server = scriptedApi();
    const engine = new SyncEngine({ handle: cache.handle, api: server.api });
    engine.outbox.enqueue({ id: mutationId(1), mutation: check(dossierA, 7) });
    server.state.failPush = unreachable;
    await expect(engine.push()).rejects.toThrow(/down/);
    expect(engine.outbox.get(mutationId(1))?.status).toBe('pending');
    server.state.failPush = () =>
      new ApiClientError({ status: 500, code: 'internal', message: 'boom', messageVi: 'Lỗi.' });
    await expect(engine.push()).rejects.toThrow(/boom/);
    server.state.failPush = undefined;
    expect(await engine.push()).toEqual({ applied: 1, notApplied: 0, remaining: 0 });
    expect(server.log).toEqual(['push 01', 'push 01', 'push 01']);
  });

  it('joins a running push instead of sending twice', async () => {
    const server = scriptedApi();
    const engine = new SyncEngine({ handle: cache.handle, api: server.api });
    engine.outbox.enqueue({ id: mutationId(1), mutation: check(dossierA, 7) });
    const [a, b] = await Promise.all([engine.push(), engine.push()]);
    expect(a).toBe(b);
    expect(server.log).toEqual(['push 01']);
  });

  it('sync pushes what is queued before pulling, and reports it', async () => {
    const server = scriptedApi([[]]);
    const engine = new SyncEngine({ handle: cache.handle, api: server.api });
    await engine.sync(identity);
    engine.outbox.enqueue({ id: mutationId(1), mutation: check(dossierA, 7) });
    const summary = await engine.sync(identity);
    expect(server.log).toEqual(['pull', 'push 01', 'pull']);
    expect(summary).toMatchObject({ pushed: 1, dossiers: 0, pulled: 0, entities: [] });
    await engine.sync(identity);
    expect(server.log.slice(3)).toEqual(['pull']);
  });

  it("never sends a previous user's entries under another user", async () => {
    const server = scriptedApi([[]]);
    const engine = new SyncEngine({ handle: cache.handle, api: server.api });
    await engine.sync(identity);
    engine.outbox.enqueue({ id: mutationId(1), mutation: check(dossierA, 7) });
    const other = { ...identity, userId: uid(300_002) };
    expect(await engine.push(other.userId)).toEqual({ applied: 0, notApplied: 0, remaining: 1 });
    await engine.sync(other);
    expect(server.log).toEqual(['pull', 'pull']);
    expect(engine.outbox.get(mutationId(1))).toMatchObject({
      status: 'needs_attention',
      resultCode: 'other_user',
    });
    await engine.push(other.userId);
    expect(server.log).toEqual(['pull', 'pull']);
  });

  it('fetches a blob once, checking its SHA-256', async () => {
    const server = scriptedApi();
    const engine = new SyncEngine({ handle: cache.handle, api: server.api });
    const bytes = pdf('attachment');
    const sha = sha256Of(bytes);
    server.state.served.set(sha, bytes);
    const first = await engine.fetchBlob(sha);
    expect(Buffer.compare(first.bytes, bytes)).toBe(0);
    await engine.fetchBlob(sha);
    expect(server.log).toEqual([`get ${sha.slice(0, 6)}`]);

    const wrong = sha256Of(pdf('other'));
    server.state.served.set(wrong, bytes);
    await expect(engine.fetchBlob(wrong)).rejects.toThrow(/refused/);
    expect(engine.blobs.has(wrong)).toBe(false);
  });

  it('after a pull, prefetches the blobs of dossiers waiting at orgs where the user acts', async () => {
    const root = orgWire(1, null);
    const cell = orgWire(2, root);
    const otherRoot = orgWire(3, null);
    const otherCell = orgWire(4, otherRoot);
    const user = userWire(1, cell.id, { id: identity.userId });
    const grant = { ...userRoleWire(1, user.id, root.id), role: 'processor' as const };
    const blob = (n: number) => pdf(`attachment ${n}`);
    const attachment = (n: number) => ({
      sha256: sha256Of(blob(n)),
      fileName: `tep-${n}.pdf`,
      contentType: 'application/pdf' as const,
      size: blob(n).length,
    });
    const waitingHere = dossierWire(1, uid(100_001), [cell.id, root.id], 1, {
      attachments: [attachment(1)],
      letterSha256: sha256Of(blob(2)),
    });
    const elsewhere = dossierWire(2, uid(100_002), [otherCell.id, otherRoot.id], 1, {
      attachments: [attachment(3)],
    });
    const done = dossierWire(3, uid(100_003), [cell.id, root.id], 1, {
      attachments: [attachment(4)],
      status: 'completed',
    });
    const missing = dossierWire(4, uid(100_004), [cell.id, root.id], 1, {
      attachments: [attachment(5)],
    });
    const server = scriptedApi([
      [root, cell, otherRoot, otherCell].map((o) => change.org(o)),
      [
        change.user(user),
        change.userRole(grant),
        ...[waitingHere, elsewhere, done, missing].map((d) => change.dossier(d)),
      ],
    ]);
    for (const n of [1, 2, 3, 4]) server.state.served.set(sha256Of(blob(n)), blob(n));
    const engine = new SyncEngine({ handle: cache.handle, api: server.api });
    const summary = await engine.sync(identity);
    expect(summary.dossiers).toBe(4);
    const fetched = server.log.filter((l) => l.startsWith('get')).sort();
    // Blob 5 is not on the server: its failure is logged, the sync still succeeds.
    expect(fetched).toEqual([1, 2, 5].map((n) => `get ${sha256Of(blob(n)).slice(0, 6)}`).sort());
    expect(engine.blobs.has(sha256Of(blob(1)))).toBe(true);
    expect(engine.blobs.has(sha256Of(blob(2)))).toBe(true);
    expect(engine.blobs.has(sha256Of(blob(3)))).toBe(false);
  });
});
