import { PushMutation, type PushMutationBody, type PushResult } from '../../api/push';
import { sql } from 'kysely';
import { prepareQuery, type Params } from '../../db/client-query';
import type { OutboxRow, OutboxTable } from '../../db/client-schema';
import type { SqliteHandle } from '../../db/sqlite';

// What the user did offline, in order (DESIGN.md, sync protocol). Entries leave only when the
// server applied them or the user discards them; refused ones wait with the server's message.
// An applied entry is kept out of sight ('applied', with the server's rev) until a pull has
// brought that rev, so the optimistic overlay still shows the action in between.

export type OutboxStatus = 'pending' | 'sending' | 'needs_attention' | 'applied';

export interface OutboxItem {
  seq: number;
  id: string;
  kind: string;
  entityId: string | null;
  mutation: PushMutationBody;
  baseRev: number | null;
  status: OutboxStatus;
  resultCode: string | null;
  message: string | null;
  createdAt: string;
  /** Set on an applied entry: the rev the server gave its entity. */
  appliedRev: number | null;
}

export interface OutboxCounts {
  total: number;
  needsAttention: number;
}

export interface OutboxRepo {
  /** Queues a mutation; the blobs it needs are blob_cache rows marked needs_upload. */
  enqueue(entry: { id: string; mutation: PushMutationBody; now?: Date }): void;
  /** What is still to be sent or decided (applied entries are not). */
  list(): OutboxItem[];
  forEntity(entityId: string): OutboxItem[];
  /**
   * The entries of one entity the server applied at a rev above the cached one: the overlay puts
   * them under the queued ones until the pull brings the server's state.
   */
  appliedAbove(kind: string, entityId: string, cachedRev: number): OutboxItem[];
  /** The entities of a kind with applied entries held (a list created here, not pulled yet). */
  appliedEntityIds(kind: string): string[];
  get(id: string): OutboxItem | undefined;
  /** Only entries not being sent; returns false when it was not there or is sending. */
  discard(id: string): boolean;
  counts(): OutboxCounts;
}

/** The push side of the outbox: what the sync engine needs besides OutboxRepo. */
export interface OutboxSender {
  /**
   * The next entries to send, in seq order, at most `limit`: pending or sending (a crash may
   * have left them sending), and only the first entry of each entity.
   */
  nextBatch(limit: number): { id: string; mutation: PushMutation }[];
  markSending(ids: readonly string[]): void;
  /**
   * Records the server's answers in one transaction: applied entries leave (those queued on top
   * of them are rebased on the new rev), others wait for the user with the server's message.
   */
  record(results: readonly PushResult[]): { applied: number; notApplied: number };
  /** After a failed request: the entries are sent again next time. */
  release(ids: readonly string[]): void;
  /** The applied entries held now; after a pull that started later, `forget` them. */
  appliedIds(): string[];
  forget(ids: readonly string[]): void;
}

const UNREADABLE = {
  code: 'unreadable',
  messageVi:
    'Thao tác này không còn hợp lệ với phiên bản ứng dụng hiện tại. Vui lòng hủy và thực hiện lại.',
};

function readMutation(row: OutboxRow): PushMutation | undefined {
  try {
    const parsed = PushMutation.safeParse({ ...(JSON.parse(row.payload) as object), id: row.id });
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const toItem = (row: OutboxRow): OutboxItem => ({
  seq: row.seq,
  id: row.id,
  kind: row.kind,
  entityId: row.entity_id,
  mutation: JSON.parse(row.payload) as PushMutationBody,
  baseRev: row.base_rev,
  status: row.status as OutboxStatus,
  resultCode: row.result_code,
  message: row.message,
  createdAt: row.created_at,
  appliedRev: row.applied_rev,
});

export function outboxRepo(handle: SqliteHandle): OutboxRepo & OutboxSender {
  const insert = prepareQuery(
    handle,
    (
      db,
      p: Params<
        Pick<OutboxTable, 'id' | 'kind' | 'payload' | 'entity_id' | 'base_rev' | 'created_at'>
      >,
    ) =>
      db.insertInto('outbox').values({
        id: p.id,
        kind: p.kind,
        payload: p.payload,
        entity_id: p.entity_id,
        base_rev: p.base_rev,
        status: 'pending',
        created_at: p.created_at,
      }),
  );
  const all = prepareQuery(handle, (db) =>
    db.selectFrom('outbox').selectAll().where('status', '<>', 'applied').orderBy('seq'),
  );
  const ofEntity = prepareQuery(handle, (db, p: Params<{ entityId: string }>) =>
    db
      .selectFrom('outbox')
      .selectAll()
      .where('entity_id', '=', p.entityId)
      .where('status', '<>', 'applied')
      .orderBy('seq'),
  );
  const applied = prepareQuery(
    handle,
    (db, p: Params<{ kind: string; entityId: string; cachedRev: number }>) =>
      db
        .selectFrom('outbox')
        .selectAll()
        .where('status', '=', 'applied')
        .where('kind', '=', p.kind)
        .where('entity_id', '=', p.entityId)
        .where('applied_rev', '>', p.cachedRev)
        .orderBy('seq'),
  );
  const appliedEntities = prepareQuery(handle, (db, p: Params<{ kind: string }>) =>
    db
      .selectFrom('outbox')
      .select('entity_id')
      .distinct()
      .where('status', '=', 'applied')
      .where('kind', '=', p.kind)
      .where('entity_id', 'is not', null),
  );
  const appliedIds = prepareQuery(handle, (db) =>
    db.selectFrom('outbox').select('id').where('status', '=', 'applied'),
  );
  const forgetApplied = prepareQuery(handle, (db, p: Params<{ id: string }>) =>
    db.deleteFrom('outbox').where('id', '=', p.id).where('status', '=', 'applied'),
  );
  const one = prepareQuery(handle, (db, p: Params<{ id: string }>) =>
    db.selectFrom('outbox').selectAll().where('id', '=', p.id),
  );
  const remove = prepareQuery(handle, (db, p: Params<{ id: string }>) =>
    db
      .deleteFrom('outbox')
      .where('id', '=', p.id)
      .where('status', 'not in', ['sending', 'applied']),
  );
  const countRow = prepareQuery(handle, (db) =>
    db
      .selectFrom('outbox')
      .where('status', '<>', 'applied')
      .select((eb) => [
        eb.fn.countAll<number>().as('total'),
        sql<number>`coalesce(sum(${eb.ref('status')} = 'needs_attention'), 0)`.as('attention'),
      ]),
  );
  // Only the first entry of an entity goes out: a later one was decided on top of it (its
  // baseRev is rebased once the first is applied), and waits while it needs attention.
  const sendable = prepareQuery(handle, (db, p: Params<{ limit: number }>) =>
    db
      .selectFrom('outbox as o')
      .selectAll('o')
      .where('o.status', 'in', ['pending', 'sending'])
      .where((eb) =>
        eb.or([
          eb('o.entity_id', 'is', null),
          eb.not(
            eb.exists(
              eb
                .selectFrom('outbox as b')
                .select(eb.lit(1).as('one'))
                .whereRef('b.kind', '=', 'o.kind')
                .whereRef('b.entity_id', '=', 'o.entity_id')
                .whereRef('b.seq', '<', 'o.seq')
                .where('b.status', '<>', 'applied'),
            ),
          ),
        ]),
      )
      .orderBy('o.seq')
      .limit(p.limit),
  );
  const setStatus = prepareQuery(handle, (db, p: Params<{ id: string; status: OutboxStatus }>) =>
    db.updateTable('outbox').set({ status: p.status }).where('id', '=', p.id),
  );
  const deleteApplied = prepareQuery(handle, (db, p: Params<{ id: string }>) =>
    db.deleteFrom('outbox').where('id', '=', p.id),
  );
  const markApplied = prepareQuery(handle, (db, p: Params<{ id: string; rev: number }>) =>
    db
      .updateTable('outbox')
      .set({ status: 'applied', applied_rev: p.rev, result_code: null, message: null })
      .where('id', '=', p.id),
  );
  const chained = prepareQuery(
    handle,
    (db, p: Params<{ kind: string; entityId: string; baseRev: number; seq: number }>) =>
      db
        .selectFrom('outbox')
        .selectAll()
        .where('kind', '=', p.kind)
        .where('entity_id', '=', p.entityId)
        .where('base_rev', '=', p.baseRev)
        .where('seq', '>', p.seq)
        .where('status', '<>', 'applied'),
  );
  const rebase = prepareQuery(
    handle,
    (db, p: Params<{ id: string; baseRev: number; payload: string }>) =>
      db
        .updateTable('outbox')
        .set({ base_rev: p.baseRev, payload: p.payload })
        .where('id', '=', p.id),
  );
  /**
   * Entries queued on top of an applied one were decided on the state it produced: they now
   * rest on the rev the server gave it.
   */
  function rebaseAfter(applied: OutboxRow, rev: number): void {
    const { kind, seq, entity_id: entityId, base_rev: baseRev } = applied;
    if (entityId === null || baseRev === null) return;
    for (const row of chained.all({ kind, entityId, baseRev, seq })) {
      const payload = { ...(JSON.parse(row.payload) as object), baseRev: rev };
      rebase.run({ id: row.id, baseRev: rev, payload: JSON.stringify(payload) });
    }
  }
  const needsAttention = prepareQuery(
    handle,
    (db, p: Params<{ id: string; code: string | null; message: string }>) =>
      db
        .updateTable('outbox')
        .set({ status: 'needs_attention', result_code: p.code, message: p.message })
        .where('id', '=', p.id),
  );
  const setAside = (id: string, code: string | null, message: string) =>
    needsAttention.run({ id, code, message });

  return {
    enqueue({ id, mutation, now = new Date() }) {
      // Parsed as it will be pushed: an entry the server's contract refuses never gets in.
      const parsed = PushMutation.parse({ ...mutation, id });
      const { id: _id, ...body } = parsed;
      insert.run({
        id,
        kind: body.entity,
        payload: JSON.stringify(body),
        entity_id: body.entityId,
        base_rev: body.baseRev,
        created_at: now.toISOString(),
      });
    },
    list: () => all.all().map(toItem),
    forEntity: (entityId) => ofEntity.all({ entityId }).map(toItem),
    get(id) {
      const row = one.get({ id });
      return row ? toItem(row) : undefined;
    },
    appliedAbove: (kind, entityId, cachedRev) =>
      applied.all({ kind, entityId, cachedRev }).map(toItem),
    appliedEntityIds: (kind) =>
      appliedEntities.all({ kind }).flatMap((r) => (r.entity_id === null ? [] : [r.entity_id])),
    discard: (id) => remove.run({ id }).changes === 1,
    counts() {
      const row = countRow.get() ?? { total: 0, attention: 0 };
      return { total: row.total, needsAttention: row.attention };
    },

    nextBatch(limit) {
      for (;;) {
        const rows = sendable.all({ limit });
        const batch = [];
        let unreadable = false;
        for (const row of rows) {
          const mutation = readMutation(row);
          if (mutation) batch.push({ id: row.id, mutation });
          else {
            // Written by another version of the app: the user decides, as for a refusal.
            setAside(row.id, UNREADABLE.code, UNREADABLE.messageVi);
            unreadable = true;
          }
        }
        // Set aside, they may have held back later entries of their entity: select again.
        if (!unreadable) return batch;
      }
    },
    markSending: handle.transaction((ids: readonly string[]) => {
      for (const id of ids) setStatus.run({ id, status: 'sending' });
    }),
    record: handle.transaction((results: readonly PushResult[]) => {
      let appliedCount = 0;
      let notApplied = 0;
      for (const r of results) {
        const row = one.get({ id: r.id });
        // An answer about an id we no longer hold (none is expected) changes nothing.
        if (!row) continue;
        if (r.status === 'applied') {
          // Kept until a pull brings its rev (an entry of no entity has none to wait for).
          if (r.rev !== null && row.entity_id !== null) markApplied.run({ id: r.id, rev: r.rev });
          else deleteApplied.run({ id: r.id });
          if (r.rev !== null) rebaseAfter(row, r.rev);
          appliedCount += 1;
        } else {
          setAside(r.id, r.code ?? r.status, r.messageVi);
          notApplied += 1;
        }
      }
      return { applied: appliedCount, notApplied };
    }),
    release: handle.transaction((ids: readonly string[]) => {
      for (const id of ids) setStatus.run({ id, status: 'pending' });
    }),
    appliedIds: () => appliedIds.all().map((r) => r.id),
    forget: handle.transaction((ids: readonly string[]) => {
      for (const id of ids) forgetApplied.run({ id });
    }),
  };
}
