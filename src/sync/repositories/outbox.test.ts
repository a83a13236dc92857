import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PushMutationBody, PushResult } from '../../api/push';
import { openClientDb, type ClientDb } from '../../db/client-db';
import { uid } from '../test-support/wire';
import { outboxRepo } from './outbox';

let cache: ClientDb;
let dir: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'outbox-'));
  cache = await openClientDb(join(dir, 'cache.sqlite'));
});
afterEach(async () => {
  await cache.close();
  rmSync(dir, { recursive: true, force: true });
});

const mutationId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const dossierA = uid(500_001);
const dossierB = uid(500_002);
type DossierBody = Extract<PushMutationBody, { entity: 'dossier' }>;
const check = (entityId: string, baseRev: number): DossierBody => ({
  entity: 'dossier',
  entityId,
  baseRev,
  action: { type: 'check', data: {}, nextOrgId: null },
});
const forward = (entityId: string, baseRev: number): DossierBody => ({
  entity: 'dossier',
  entityId,
  baseRev,
  action: { type: 'forward' },
});
const answer = (
  id: string,
  status: PushResult['status'],
  rev: number | null,
  code: string | null = null,
): PushResult => ({
  id,
  status,
  rev,
  code,
  message: status,
  messageVi: status === 'applied' ? 'Đã cập nhật hồ sơ.' : 'Hồ sơ đã được người khác xử lý.',
});

describe('outbox repository', () => {
  it('queues mutations in order with their columns, and lists them per entity', () => {
    const outbox = outboxRepo(cache.handle);
    const now = new Date('2026-01-05T09:00:00Z');
    outbox.enqueue({ id: mutationId(1), mutation: check(dossierA, 7), now });
    outbox.enqueue({ id: mutationId(2), mutation: check(dossierB, 9), now });
    outbox.enqueue({ id: mutationId(3), mutation: forward(dossierA, 7), now });
    expect(outbox.list().map((i) => i.id)).toEqual([mutationId(1), mutationId(2), mutationId(3)]);
    expect(outbox.get(mutationId(2))).toEqual({
      seq: expect.any(Number),
      id: mutationId(2),
      kind: 'dossier',
      entityId: dossierB,
      mutation: check(dossierB, 9),
      baseRev: 9,
      status: 'pending',
      resultCode: null,
      message: null,
      createdAt: '2026-01-05T09:00:00.000Z',
      appliedRev: null,
    });
    expect(outbox.forEntity(dossierA).map((i) => i.mutation.action.type)).toEqual([
      'check',
      'forward',
    ]);
    expect(outbox.counts()).toEqual({ total: 3, needsAttention: 0 });
  });

  it('refuses a mutation the push contract refuses, and a reused id, writing nothing', () => {
    const outbox = outboxRepo(cache.handle);
    expect(() => outbox.enqueue({ id: 'not-a-uuid', mutation: check(dossierA, 1) })).toThrow();
    expect(() =>
      outbox.enqueue({ id: mutationId(1), mutation: { ...check(dossierA, 1), baseRev: -1 } }),
    ).toThrow();
    outbox.enqueue({ id: mutationId(1), mutation: check(dossierA, 1) });
    expect(() => outbox.enqueue({ id: mutationId(1), mutation: check(dossierB, 1) })).toThrow();
    expect(outbox.counts().total).toBe(1);
  });

  it('sends only the first entry of an entity, and rebases the next on the applied rev', () => {
    const outbox = outboxRepo(cache.handle);
    outbox.enqueue({ id: mutationId(1), mutation: check(dossierA, 7) });
    outbox.enqueue({ id: mutationId(2), mutation: check(dossierB, 9) });
    outbox.enqueue({ id: mutationId(3), mutation: forward(dossierA, 7) });
    expect(outbox.nextBatch(10).map((e) => e.id)).toEqual([mutationId(1), mutationId(2)]);
    expect(outbox.nextBatch(1).map((e) => e.id)).toEqual([mutationId(1)]);

    outbox.markSending([mutationId(1), mutationId(2)]);
    expect(outbox.get(mutationId(1))?.status).toBe('sending');
    // Entries being sent may not be discarded; the answer decides.
    expect(outbox.discard(mutationId(1))).toBe(false);
    const answers = [answer(mutationId(1), 'applied', 12), answer(mutationId(2), 'applied', 13)];
    expect(outbox.record(answers)).toEqual({ applied: 2, notApplied: 0 });

    const [next] = outbox.nextBatch(10);
    expect(next?.mutation).toEqual({ id: mutationId(3), ...forward(dossierA, 12) });
    const rebased = { baseRev: 12, mutation: forward(dossierA, 12) };
    expect(outbox.get(mutationId(3))).toMatchObject(rebased);
  });

  it('keeps an applied entry out of sight until a pull has brought its rev', () => {
    const outbox = outboxRepo(cache.handle);
    outbox.enqueue({ id: mutationId(1), mutation: check(dossierA, 7) });
    outbox.enqueue({ id: mutationId(2), mutation: forward(dossierA, 7) });
    outbox.markSending([mutationId(1)]);
    outbox.record([answer(mutationId(1), 'applied', 12)]);

    // Not to send, count, list or discard: only the overlay still sees it, above the cached rev.
    expect(outbox.list().map((i) => i.id)).toEqual([mutationId(2)]);
    expect(outbox.forEntity(dossierA).map((i) => i.id)).toEqual([mutationId(2)]);
    expect(outbox.counts()).toEqual({ total: 1, needsAttention: 0 });
    expect(outbox.discard(mutationId(1))).toBe(false);
    // It does not hold back the entry queued on top of it, which now rests on its rev.
    expect(outbox.nextBatch(10).map((e) => e.id)).toEqual([mutationId(2)]);
    expect(outbox.get(mutationId(2))?.baseRev).toBe(12);
    expect(outbox.appliedAbove('dossier', dossierA, 7).map((i) => [i.id, i.appliedRev])).toEqual([
      [mutationId(1), 12],
    ]);
    expect(outbox.appliedAbove('dossier', dossierA, 12)).toEqual([]);
    expect(outbox.appliedAbove('residenceForm', dossierA, 7)).toEqual([]);
    expect(outbox.appliedEntityIds('dossier')).toEqual([dossierA]);

    // A pull that started after it was applied lets it go; one applied later stays.
    const settled = outbox.appliedIds();
    outbox.markSending([mutationId(2)]);
    outbox.record([answer(mutationId(2), 'applied', 13)]);
    outbox.forget(settled);
    expect(outbox.appliedAbove('dossier', dossierA, 0).map((i) => i.id)).toEqual([mutationId(2)]);
    expect(outbox.counts()).toEqual({ total: 0, needsAttention: 0 });
  });

  it('keeps a refused entry with the server message; it holds back its entity, not others', () => {
    const outbox = outboxRepo(cache.handle);
    outbox.enqueue({ id: mutationId(1), mutation: check(dossierA, 7) });
    outbox.enqueue({ id: mutationId(2), mutation: forward(dossierA, 7) });
    outbox.enqueue({ id: mutationId(3), mutation: check(dossierB, 9) });
    outbox.markSending([mutationId(1), mutationId(3)]);
    outbox.record([answer(mutationId(1), 'conflict', 20, 'stale')]);
    outbox.release([mutationId(3)]);
    expect(outbox.get(mutationId(1))).toMatchObject({
      status: 'needs_attention',
      resultCode: 'stale',
      message: 'Hồ sơ đã được người khác xử lý.',
      // Not rebased: the conflict's rev is not a state the next entry was decided on.
    });
    expect(outbox.get(mutationId(2))).toMatchObject({ status: 'pending', baseRev: 7 });
    expect(outbox.get(mutationId(3))?.status).toBe('pending');
    expect(outbox.nextBatch(10).map((e) => e.id)).toEqual([mutationId(3)]);
    expect(outbox.counts()).toEqual({ total: 3, needsAttention: 1 });

    expect(outbox.discard(mutationId(1))).toBe(true);
    expect(outbox.discard(mutationId(1))).toBe(false);
    expect(outbox.nextBatch(10).map((e) => e.id)).toEqual([mutationId(2), mutationId(3)]);
  });

  it('sends entries left `sending` by a crash again', () => {
    const outbox = outboxRepo(cache.handle);
    outbox.enqueue({ id: mutationId(1), mutation: check(dossierA, 7) });
    outbox.markSending([mutationId(1)]);
    // A new process on the same file.
    expect(
      outboxRepo(cache.handle)
        .nextBatch(10)
        .map((e) => e.id),
    ).toEqual([mutationId(1)]);
  });

  it('sets aside an entry it cannot read (another app version) for the user, sending the rest', () => {
    const outbox = outboxRepo(cache.handle);
    cache.handle
      .prepare(
        `insert into outbox (id, kind, payload, entity_id, base_rev, status, created_at)
         values (?, 'dossier', '{"entity":"dossier","action":{"type":"teleport"}}', ?, 7, 'pending', '2026-01-05T09:00:00Z')`,
      )
      .run(mutationId(1), dossierA);
    outbox.enqueue({ id: mutationId(2), mutation: check(dossierA, 7) });
    outbox.enqueue({ id: mutationId(3), mutation: check(dossierB, 9) });
    expect(outbox.nextBatch(10).map((e) => e.id)).toEqual([mutationId(3)]);
    expect(outbox.get(mutationId(1))).toMatchObject({
      status: 'needs_attention',
      resultCode: 'unreadable',
    });
    outbox.discard(mutationId(1));
    expect(outbox.nextBatch(10).map((e) => e.id)).toEqual([mutationId(2), mutationId(3)]);
  });
});
