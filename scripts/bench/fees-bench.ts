import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildServer } from '../../server/app';
import type { BulkApprovalProfile } from '../../server/repositories/fees-bulk-approve';
import { loadFeeRules } from '../../server/repositories/fees-rules';
import { orgReportRows } from '../../server/repositories/fees-report';
import { openServerDb, type ServerDb } from '../../src/db/server-db';
import { buildOrgReport } from '../../src/domain/fees/org-report';
import { DEMO_PASSWORD } from '../gen/demo-accounts';
import { feeProfilesFor } from '../gen/fees-profiles';
import { writeFeeProfiles } from '../gen/fees-profiles.repo';
import { buildModel } from '../gen/model';
import { freshServerDatabase } from '../test-support/databases';
import { startPostgresCluster } from '../test-support/postgres-cluster';
import { BENCH_DIR, removeSqlite, serverDbFile, type Tier } from './fixture';
import {
  approvalRowsOf,
  copyApprovalTables,
  deleteApprovals,
  demoWard,
  feeProfileCount,
  rawApprovalInsert,
  rawWardSelect,
  tierRootAdmin,
} from './fees-bench.repo';
import { figureLine, ms, timed } from './stats';

const MONTH = '2026-10';

/**
 * fees.approve.<tier>: the tier's top admin approves one month for every cell under the top org
 * in one request (POST /v1/fees/orgs/:orgId/approvals, the bulk path), against a raw insert of
 * the same rows in one transaction; `.postgres`: the same on PostgreSQL, the tables the path reads
 * copied there first. fees.ledger.ward: the demo ward's yearly report (per cell, up the tree,
 * split), against a raw select of the same approval rows. On a scratch copy of the tier's file.
 */
export async function benchFees(tier: Tier, seed: number): Promise<string[]> {
  const source = await serverDbFile(tier, seed);
  const scratch = join(BENCH_DIR, `fees-${process.pid}.sqlite`);
  copyFileSync(source, scratch);
  const server = await openServerDb({ sqliteFile: scratch });
  try {
    const db = server.db;
    // Tier files generated before fee profiles existed get them here, as generate() writes them.
    if ((await feeProfileCount(db)) === 0)
      await writeFeeProfiles(db, feeProfilesFor(seed, buildModel(tier, seed, 'x').members));
    const lines = [
      await approveFigure(server, `fees.approve.${tier}`),
      await postgresApproveFigure(server, `fees.approve.${tier}.postgres`),
    ];

    const rules = await loadFeeRules(db);
    const ward = await demoWard(db);
    const year = Number(MONTH.slice(0, 4));
    const monthOfYear = (m: number) => `${year}-${String(m).padStart(2, '0')}`;
    const months = Array.from({ length: 12 }, (_, i) => monthOfYear(i + 1));
    const ledgerRuns: number[] = [];
    const rawRuns: number[] = [];
    for (let i = 0; i < 5; i++) {
      ledgerRuns.push(
        await timed(async () => {
          const rows = await orgReportRows(db, ward, `${year}-01`, `${year}-12`);
          buildOrgReport({ ...rows, rootId: ward.id, months, rules });
        }),
      );
      rawRuns.push(await timed(() => rawWardSelect(db, ward.path, year)));
    }
    const best = (t: number[]) => Math.min(...t);
    return [
      ...lines,
      figureLine('fees.ledger.ward', {
        ms: ms(best(ledgerRuns)),
        ratio: (best(ledgerRuns) / best(rawRuns)).toFixed(2),
        raw_ms: ms(best(rawRuns)),
      }),
    ];
  } finally {
    await server.close();
    removeSqlite(scratch);
  }
}

/** The SQLite tier's approval tables on a throw-away PostgreSQL cluster, then the same figure. */
async function postgresApproveFigure(sqlite: ServerDb, name: string): Promise<string> {
  const cluster = await startPostgresCluster();
  try {
    const fresh = await freshServerDatabase('postgres', cluster.url);
    const pg = await openServerDb(fresh.config);
    try {
      const loadMs = await timed(() => copyApprovalTables(sqlite.db, pg.db));
      console.error(`# ${name}: tables copied from SQLite in ${ms(loadMs)} ms`);
      return await approveFigure(pg, name);
    } finally {
      await pg.close();
      await fresh.drop();
    }
  } finally {
    cluster.stop();
  }
}

/** The bulk approval through the API, then its rows again raw from an empty month. */
async function approveFigure(server: ServerDb, name: string): Promise<string> {
  // The route logs where its time went; keep that line, drop the rest.
  let logged: BulkApprovalProfile | undefined;
  const stream = {
    write(line: string) {
      const entry = JSON.parse(line) as { msg?: string; fees?: { profile?: BulkApprovalProfile } };
      if (entry.msg === 'bulk fee approval') logged = entry.fees?.profile;
    },
  };
  const app = await buildServer({ db: server, logger: { stream } });
  try {
    const db = server.db;
    const root = await tierRootAdmin(db);
    const login = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { username: root.username, password: DEMO_PASSWORD },
    });
    const token = (login.json() as { accessToken: string }).accessToken;
    let answer: { members: number; approved: number; cells: number } | undefined;
    const approveMs = await timed(async () => {
      const res = await app.inject({
        method: 'POST',
        url: `/v1/fees/orgs/${root.id}/approvals`,
        headers: { authorization: `Bearer ${token}` },
        payload: { month: MONTH, all: true },
      });
      if (res.statusCode !== 200) throw new Error(`bulk approval: ${res.statusCode} ${res.body}`);
      answer = res.json();
    });
    if (!answer) throw new Error('no answer from the bulk approval');
    // The same rows again, written raw from an empty month: the floor of any approval path.
    const rows = await approvalRowsOf(db, MONTH);
    await deleteApprovals(db, MONTH);
    const rawMs = await timed(() => rawApprovalInsert(db, rows));
    if (logged) {
      const { readMs, planMs, writeMs } = logged;
      console.error(
        `# ${name}: read_ms=${ms(readMs)} plan_ms=${ms(planMs)} write_ms=${ms(writeMs)}`,
        `commit_and_rest_ms=${ms(approveMs - readMs - planMs - writeMs)}`,
      );
    }
    return figureLine(name, {
      members: answer.members,
      approved: answer.approved,
      cells: answer.cells,
      ms: ms(approveMs),
      ratio: (approveMs / rawMs).toFixed(2),
      raw_ms: ms(rawMs),
    });
  } finally {
    await app.close();
  }
}
