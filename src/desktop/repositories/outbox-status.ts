import type { SqliteHandle } from '../../db/sqlite';

export function outboxStatusRepo(handle: SqliteHandle) {
  const counts = handle.prepare<[], { total: number; attention: number }>(
    `select count(*) as total, coalesce(sum(status = 'needs_attention'), 0) as attention from outbox`,
  );
  return {
    counts(): { total: number; needsAttention: number } {
      const row = counts.get() ?? { total: 0, attention: 0 };
      return { total: row.total, needsAttention: row.attention };
    },
  };
}
