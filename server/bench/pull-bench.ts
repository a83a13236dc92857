/**
 * Times sync pulls on a generated database (`npm run gen -- --tier province …` first):
 *   npx tsx server/bench/pull-bench.ts --db FILE      (or DATABASE_URL=postgres://… without --db)
 * One line per figure, as `npm run bench` prints them.
 */
/* eslint-disable no-console -- a command-line tool: its output is the report */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { PullResponse } from '../../src/api/sync';
import { openServerDb } from '../../src/db/server-db';
import { buildServer } from '../app';
import { issueAccessToken } from '../auth/access-tokens';
import { userWithRoleAt } from './bench.repo';

const { values } = parseArgs({
  options: { db: { type: 'string' }, limit: { type: 'string' } },
});
const url = process.env.DATABASE_URL;
const config = values.db ? { sqliteFile: values.db } : url ? { databaseUrl: url } : null;
if (!config) {
  console.error('usage: tsx server/bench/pull-bench.ts --db FILE [--limit N] (or DATABASE_URL)');
  process.exit(2);
}
const limit = Number(values.limit ?? 1000);

const server = await openServerDb(config);
const secret = randomBytes(32);
const app = await buildServer({ db: server, tokenSecret: secret });

async function pullAll(userId: string, cursor?: string) {
  const token = issueAccessToken(secret, userId, new Date());
  let rows = 0;
  let pages = 0;
  let firstPageMs = 0;
  let serverMs = 0;
  const started = performance.now();
  for (;;) {
    const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
    const t0 = performance.now();
    const res = await app.inject({
      method: 'GET',
      url: `/v1/sync/pull?${query}`,
      headers: { authorization: `Bearer ${token}` },
    });
    if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body.slice(0, 300)}`);
    serverMs += performance.now() - t0;
    if (pages === 0) firstPageMs = performance.now() - t0;
    // What the client does with each page (src/api/client.ts checks every answer).
    const page = PullResponse.parse(res.json());
    rows += page.changes.length;
    pages++;
    cursor = page.nextCursor;
    if (!page.hasMore) break;
  }
  return { ms: performance.now() - started, serverMs, rows, pages, firstPageMs, cursor };
}

const who = {
  province: await userWithRoleAt(server.db, 'admin', 0),
  ward: await userWithRoleAt(server.db, 'admin', 1),
  cell: await userWithRoleAt(server.db, 'approver', 2),
};
for (const [name, userId] of Object.entries(who)) {
  const initial = await pullAll(userId);
  const ms = initial.ms.toFixed(0);
  const perS = Math.round((initial.rows / initial.ms) * 1000);
  console.log(
    `bench server.pull.${server.engine}.${name}.initial ms=${ms} server_ms=${initial.serverMs.toFixed(0)} rows=${initial.rows} pages=${initial.pages} first_page_ms=${initial.firstPageMs.toFixed(0)} rows_per_s=${perS} limit=${limit}`,
  );
  const again = await pullAll(userId, initial.cursor);
  console.log(
    `bench server.pull.${server.engine}.${name}.nothing_new ms=${again.ms.toFixed(1)} rows=${again.rows}`,
  );
}
await app.close();
await server.close();
