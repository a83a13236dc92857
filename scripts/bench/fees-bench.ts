import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadFeeRules } from '../../server/repositories/fees-rules';
import { saveApprovals } from '../../server/repositories/fees';
import { orgReportRows } from '../../server/repositories/fees-report';
import { approvalSheetOf } from '../../server/repositories/fees-sheet';
import { openServerDb } from '../../src/db/server-db';
import { planApprovals } from '../../src/domain/fees/approve';
import { DEFAULT_AMOUNT_CEILING } from '../../src/domain/fees/money';
import { buildOrgReport } from '../../src/domain/fees/org-report';
import { feeProfilesFor } from '../gen/fees-profiles';
import { writeFeeProfiles } from '../gen/fees-profiles.repo';
import { buildModel } from '../gen/model';
import { BENCH_DIR, removeSqlite, serverDbFile, type Tier } from './fixture';
import {
  benchCells,
  demoWard,
  feeProfileCount,
  rawApprovalInsert,
  rawWardSelect,
} from './fees-bench.repo';
import { ms, timed } from './stats';

const MONTH = '2026-10';

/**
 * fees.approve.<tier>: compute and approve one month for every cell of the tier (what the cells'
 * secretaries do between them), against a raw insert of the same number of approval rows.
 * fees.ledger.ward: the demo ward's yearly report (per cell, up the tree, split), against a raw
 * select of the same approval rows. On a scratch copy of the tier's server file.
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
    const rules = await loadFeeRules(db);
    const ward = await demoWard(db);
    const cells = await benchCells(db);
    let members = 0;
    const approved: { memberId: string; cellId: string; amount: number }[] = [];
    const approveMs = await timed(async () => {
      for (const cell of cells) {
        const { candidates } = await approvalSheetOf(db, cell.id, MONTH, rules);
        const plan = planApprovals(candidates, { all: true, items: [] }, { ceiling: DEFAULT_AMOUNT_CEILING }); // prettier-ignore
        if (!plan.ok) throw new Error(plan.message);
        members += candidates.length;
        await saveApprovals(db, cell.id, MONTH, plan.value.map((p) => ({ ...p, ruleVersion: '01-QD-TW' })), ward.userId, new Date()); // prettier-ignore
        for (const p of plan.value) approved.push({ memberId: p.memberId, cellId: cell.id, amount: p.amount }); // prettier-ignore
      }
    });
    const rawMs = await timed(() => rawApprovalInsert(db, approved, '2026-11', ward.userId));

    const year = Number(MONTH.slice(0, 4));
    const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`); // prettier-ignore
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
      `bench fees.approve.${tier} members=${members} approved=${approved.length} cells=${cells.length} ms=${ms(approveMs)} ratio=${(approveMs / rawMs).toFixed(2)} raw_ms=${ms(rawMs)}`,
      `bench fees.ledger.ward ms=${ms(best(ledgerRuns))} ratio=${(best(ledgerRuns) / best(rawRuns)).toFixed(2)} raw_ms=${ms(best(rawRuns))}`,
    ];
  } finally {
    await server.close();
    removeSqlite(scratch);
  }
}
