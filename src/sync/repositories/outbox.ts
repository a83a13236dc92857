import { PushMutation, type PushMutationBody, type PushResult } from '../../api/push';
import type { SqliteHandle } from '../../db/sqlite';
import type { OutboxTable } from '../../db/client-schema';

// What the user did offline, in order (DESIGN.md, sync protocol). Entries leave only when the
// server applied them or the user discards them; refused ones wait with the server's message.

export type OutboxStatus = 'pending' | 'sending' | 'needs_attention';

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
}

export interface OutboxCounts {
  total: number;
  needsAttention: number;
}

export interface OutboxRepo {
  /** Queues a mutation; the blobs it needs are blob_cache rows marked needs_upload. */
  enqueue(entry: { id: string; mutation: PushMutationBody; now?: Date }): void;
  list(): OutboxItem[];
  forEntity(entityId: string): OutboxItem[];
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
}

const UNREADABLE = {
  code: 'unreadable',
  messageVi:
    'Thao tác này không còn hợp lệ với phiên bản ứng dụng hiện tại. Vui lòng hủy và thực hiện lại.',
};

function readMutation(row: OutboxTable): PushMutation | undefined {
  try {
    const parsed = PushMutation.safeParse({ ...(JSON.parse(row.payload) as object), id: row.id });
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const toItem = (row: OutboxTable): OutboxItem => ({
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
});

export function outboxRepo(handle: SqliteHandle): OutboxRepo & OutboxSender {
  const insert = handle.prepare(
    `insert into outbox (id, kind, payload, entity_id, base_rev, status, created_at)
     values (@id, @kind, @payload, @entity_id, @base_rev, 'pending', @created_at)`,
  );
  const all = handle.prepare<[], OutboxTable>('select * from outbox order by seq');
  const ofEntity = handle.prepare<[string], OutboxTable>(
    'select * from outbox where entity_id = ? order by seq',
  );
  const one = handle.prepare<[string], OutboxTable>('select * from outbox where id = ?');
  const remove = handle.prepare<[string]>(
    `delete from outbox where id = ? and status <> 'sending'`,
  );
  const countRow = handle.prepare<[], { total: number; attention: number }>(
    `select count(*) as total, coalesce(sum(status = 'needs_attention'), 0) as attention
     from outbox`,
  );
  // Only the first entry of an entity goes out: a later one was decided on top of it (its
  // baseRev is rebased once the first is applied), and waits while it needs attention.
  const sendable = handle.prepare<[number], OutboxTable>(
    `select o.* from outbox o
     where o.status in ('pending', 'sending')
       and (o.entity_id is null or not exists (
         select 1 from outbox b
         where b.kind = o.kind and b.entity_id = o.entity_id and b.seq < o.seq))
     order by o.seq limit ?`,
  );
  const setStatus = handle.prepare<[string, string]>('update outbox set status = ? where id = ?');
  const deleteApplied = handle.prepare<[string]>('delete from outbox where id = ?');
  const chained = handle.prepare<[string, string, number, number], OutboxTable>(
    `select * from outbox where kind = ? and entity_id = ? and base_rev = ? and seq > ?`,
  );
  const rebase = handle.prepare<[number, string, string]>(
    'update outbox set base_rev = ?, payload = ? where id = ?',
  );
  /**
   * Entries queued on top of an applied one were decided on the state it produced: they now
   * rest on the rev the server gave it.
   */
  function rebaseAfter(applied: OutboxTable, rev: number): void {
    if (applied.entity_id === null || applied.base_rev === null) return;
    for (const row of chained.all(applied.kind, applied.entity_id, applied.base_rev, applied.seq)) {
      const payload = { ...(JSON.parse(row.payload) as object), baseRev: rev };
      rebase.run(rev, JSON.stringify(payload), row.id);
    }
  }
  const needsAttention = handle.prepare<[string | null, string, string]>(
    `update outbox set status = 'needs_attention', result_code = ?, message = ? where id = ?`,
  );

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
    forEntity: (entityId) => ofEntity.all(entityId).map(toItem),
    get(id) {
      const row = one.get(id);
      return row ? toItem(row) : undefined;
    },
    discard: (id) => remove.run(id).changes === 1,
    counts() {
      const row = countRow.get() ?? { total: 0, attention: 0 };
      return { total: row.total, needsAttention: row.attention };
    },

    nextBatch(limit) {
      for (;;) {
        const rows = sendable.all(limit);
        const batch = [];
        let unreadable = false;
        for (const row of rows) {
          const mutation = readMutation(row);
          if (mutation) batch.push({ id: row.id, mutation });
          else {
            // Written by another version of the app: the user decides, as for a refusal.
            needsAttention.run(UNREADABLE.code, UNREADABLE.messageVi, row.id);
            unreadable = true;
          }
        }
        // Set aside, they may have held back later entries of their entity: select again.
        if (!unreadable) return batch;
      }
    },
    markSending: handle.transaction((ids: readonly string[]) => {
      for (const id of ids) setStatus.run('sending', id);
    }),
    record: handle.transaction((results: readonly PushResult[]) => {
      let applied = 0;
      let notApplied = 0;
      for (const r of results) {
        const row = one.get(r.id);
        // An answer about an id we no longer hold (none is expected) changes nothing.
        if (!row) continue;
        if (r.status === 'applied') {
          deleteApplied.run(r.id);
          if (r.rev !== null) rebaseAfter(row, r.rev);
          applied += 1;
        } else {
          needsAttention.run(r.code ?? r.status, r.messageVi, r.id);
          notApplied += 1;
        }
      }
      return { applied, notApplied };
    }),
    release: handle.transaction((ids: readonly string[]) => {
      for (const id of ids) setStatus.run('pending', id);
    }),
  };
}
