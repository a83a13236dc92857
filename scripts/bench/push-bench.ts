import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiClient } from '../../src/api/client';
import { openClientDb } from '../../src/db/client-db';
import type { ServerEngine } from '../../src/db/server-db';
import { SyncEngine } from '../../src/sync/sync-engine';
import { startPostgresCluster } from '../test-support/postgres-cluster';
import {
  FIXTURE_PASSWORD,
  officialToCell2,
  startPushServer,
  type PushTestServer,
} from '../test-support/push-server';
import { figureLine } from './stats';

/** Mutations pushed per engine: check + forward of n/2 dossiers (each counts as one). */
const MUTATIONS = 1000;

/**
 * The push of an outbox of unsigned forwards to the API on loopback: n/2 dossiers at a cell,
 * each checked then forwarded (two mutations, the forward rebased on the check's rev), timed
 * from `push()` to the empty outbox, client and server in this process. Baseline: the same
 * number of rows inserted into the same database, each in its own transaction (as the server
 * commits each mutation on its own).
 */
export async function benchPush(): Promise<string[]> {
  const lines: string[] = [];
  const cluster = await startPostgresCluster();
  try {
    for (const engine of ['sqlite', 'postgres'] as ServerEngine[]) {
      const server = await startPushServer(engine, cluster.url);
      try {
        const push = await timePush(server, MUTATIONS);
        const raw = await timeRawInserts(server, MUTATIONS);
        lines.push(
          figureLine(`push.${engine}`, {
            n: MUTATIONS,
            ms_per_mutation: (push / MUTATIONS).toFixed(2),
            raw_ms_per_row: (raw / MUTATIONS).toFixed(2),
            ratio_vs_raw: (push / raw).toFixed(2),
          }),
        );
      } finally {
        await server.close();
      }
    }
  } finally {
    cluster.stop();
  }
  return lines;
}

async function timePush(server: PushTestServer, mutations: number): Promise<number> {
  const member = await server.t.tokenFor('dv.duc');
  const dossiers = [];
  for (let i = 0; i < mutations / 2; i++) {
    dossiers.push(await server.t.submit(member, officialToCell2()));
  }
  const dir = mkdtempSync(join(tmpdir(), 'push-bench-'));
  const cache = await openClientDb(join(dir, 'cache.sqlite'));
  try {
    const session: { token?: string } = {};
    const api = createApiClient({ baseUrl: server.url, getAccessToken: () => session.token });
    session.token = (
      await api.login({ username: 'bithu.tdp1', password: FIXTURE_PASSWORD })
    ).accessToken;
    const sync = new SyncEngine({ handle: cache.handle, api });
    for (const d of dossiers) {
      const base = { entity: 'dossier' as const, entityId: d.id, baseRev: d.rev };
      sync.outbox.enqueue({
        id: randomUUID(),
        mutation: { ...base, action: { type: 'check', data: {}, nextOrgId: null } },
      });
      sync.outbox.enqueue({ id: randomUUID(), mutation: { ...base, action: { type: 'forward' } } });
    }
    const started = performance.now();
    const outcome = await sync.push();
    const elapsed = performance.now() - started;
    if (outcome.applied !== mutations || outcome.remaining !== 0)
      throw new Error(`push bench: ${JSON.stringify(outcome)}`);
    return elapsed;
  } finally {
    await cache.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function timeRawInserts(server: PushTestServer, rows: number): Promise<number> {
  const { db } = server.t.server;
  const ids = Array.from({ length: rows }, () => randomUUID());
  const secretary = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'bithu.tdp1')
    .executeTakeFirstOrThrow();
  const userId = secretary.id;
  const now = new Date().toISOString();
  const started = performance.now();
  for (const id of ids) {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('push_mutations')
        .values({ id, user_id: userId, result: null, created_at: now })
        .execute();
    });
  }
  const elapsed = performance.now() - started;
  await db.deleteFrom('push_mutations').where('id', 'in', ids).execute();
  return elapsed;
}
