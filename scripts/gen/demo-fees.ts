import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ServerDatabase } from '../../src/db/server-schema';
import { computeMonthlyFee } from '../../src/domain/fees/compute';
import { cellMemberFees, saveApprovals } from '../../server/repositories/fees';
import { issueReceipt } from '../../server/repositories/fees-documents';
import {
  collectingAccount,
  insertPayment,
  settlePayment,
} from '../../server/repositories/fees-payments';
import { loadFeeRules } from '../../server/repositories/fees-rules';
import { demoFeeCells } from './fees-demo.repo';
import { Rng } from './prng';
import { startSandboxGateway } from './sandbox-gateway-server';

export interface DemoGateway {
  url: string;
  secret: string;
  merchantId: string;
  stop(): Promise<void>;
}

/**
 * Starts the sandbox payment gateway on a free loopback port, in this process, for the demo
 * server's FEES_GATEWAY_URL / FEES_GATEWAY_SECRET / FEES_GATEWAY_MERCHANT (and for tests). Not a
 * child process: the packaged app cannot run itself as Node (Electron's runAsNode fuse is off).
 */
export async function startDemoGateway(
  opts: { secret?: string; merchantId?: string } = {},
): Promise<DemoGateway> {
  const secret = opts.secret ?? randomBytes(24).toString('hex');
  const merchantId = opts.merchantId ?? 'DANGPHI';
  const server = await startSandboxGateway({ secret, merchant: merchantId });
  return { url: server.url, secret, merchantId, stop: () => server.close() };
}

/** Months the demo shows: January to October 2026 (342-QĐ/TW in January, 01-QĐ/TW after). */
const DEMO_MONTHS = Array.from({ length: 10 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);

/**
 * Most payments succeed, a few fail, and some of the last month's are still unknown for the
 * settling run to find. The draws happen in this order so that a seed gives the same demo.
 */
function demoOutcome(month: string, rng: Rng): 'unknown' | 'failed' | 'success' {
  if (month === '2026-09' && rng.chance(0.3)) return 'unknown';
  return rng.chance(0.08) ? 'failed' : 'success';
}

const anHourBefore = (d: Date) => new Date(d.getTime() - 3_600_000);

/**
 * Demo fee history for the demo ward: every cell's months approved up to September (October left
 * for the user to approve), payments mostly successful with receipts, a few failed, a few still
 * unknown (the "money left my account" case), and some members behind by 3 months or more.
 * Deterministic; call once on a freshly generated database with fee profiles.
 */
export async function seedDemoFees(
  db: Kysely<ServerDatabase>,
  opts: { seed?: number; now?: Date } = {},
): Promise<{ approvals: number; payments: number; receipts: number }> {
  const rng = new Rng(opts.seed ?? 1, 'demo-fees');
  const now = opts.now ?? new Date('2026-10-20T02:00:00Z');
  const rules = await loadFeeRules(db);
  const cells = await demoFeeCells(db);
  let approvals = 0;
  let payments = 0;
  let receipts = 0;
  for (const cell of cells) {
    const account = await collectingAccount(db, cell.path);
    if (!account) continue;
    const behind = new Set<string>();
    for (const month of DEMO_MONTHS.slice(0, 9)) {
      const lines = await cellMemberFees(db, cell.id, month);
      const planned = lines.flatMap((l) => {
        const fee = l.profile ? computeMonthlyFee(l.profile, month, rules) : null;
        return fee?.ok
          ? [
              {
                memberId: l.memberId,
                computedAmount: fee.value.amount,
                amount: fee.value.amount,
                adjustReason: null,
                ruleVersion: fee.value.ruleVersionId,
              },
            ]
          : [];
      });
      const at = new Date(`${month}-05T02:00:00Z`);
      await saveApprovals(db, cell.id, month, planned, cell.approverUserId, at);
      approvals += planned.length;
      if (month === DEMO_MONTHS[0]) {
        for (const p of planned) if (rng.chance(0.05)) behind.add(p.memberId);
      }
      const payable = planned.filter((p) => p.amount > 0 && !behind.has(p.memberId));
      if (payable.length === 0) continue;
      const outcome = demoOutcome(month, rng);
      const id = randomUUID();
      const reference = `DP${month.slice(2, 4)}${month.slice(5)}${rng.digits(12)}`;
      const paidAt = new Date(`${month}-12T03:00:00Z`);
      const inserted = await insertPayment(db, {
        id,
        reference,
        cellId: cell.id,
        payerUserId: cell.approverUserId,
        kind: 'cell',
        bankAccountId: account.id,
        amount: payable.reduce((s, p) => s + p.amount, 0),
        createdAt: (outcome === 'unknown' ? anHourBefore(now) : paidAt).toISOString(),
        items: payable.map((p) => ({ memberId: p.memberId, month, amount: p.amount })),
      });
      if (!inserted.ok) continue;
      payments++;
      if (outcome === 'unknown') continue;
      await settlePayment(db, id, {
        status: outcome,
        via: 'callback',
        by: null,
        bankReference: outcome === 'success' ? `FT${rng.digits(11)}` : null,
        gatewayTxnId: `demo-${rng.digits(10)}`,
        at: paidAt,
      });
      if (outcome === 'success' && rng.chance(0.5)) {
        await issueReceipt(db, id, account.orgId, paidAt);
        receipts++;
      }
    }
  }
  return { approvals, payments, receipts };
}
