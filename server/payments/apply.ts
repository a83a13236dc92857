import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../repositories/db';
import {
  findPaymentByReference,
  logPaymentEvent,
  settlePayment,
  type PaymentRecord,
} from '../repositories/fees-payments';

/** A final result the gateway reported, by callback or by status query. */
export interface GatewayResult {
  reference: string;
  status: 'success' | 'failed';
  amount: number;
  gatewayTxnId: string | null;
  bankReference: string | null;
  /** Why it failed, by the gateway's answer code. */
  responseCode?: string | null | undefined;
}

export type ApplyOutcome =
  'applied' | 'unknown_reference' | 'wrong_amount' | 'already_settled' | 'conflicting_result';

/**
 * Applies a gateway result at most once. Unknown references, wrong amounts and anything arriving
 * after the payment is settled (duplicates, replays, late answers) change nothing and are logged.
 */
export async function applyGatewayResult(
  db: Db,
  log: FastifyBaseLogger,
  source: 'callback' | 'query',
  result: GatewayResult,
  now: Date,
): Promise<{ outcome: ApplyOutcome; payment: PaymentRecord | null }> {
  const payment = await findPaymentByReference(db, result.reference);
  const record = async (outcome: ApplyOutcome) => {
    await logPaymentEvent(db, {
      paymentId: payment?.id ?? null,
      reference: result.reference,
      source,
      outcome,
      detail: result,
      actorUserId: null,
      at: now,
    });
    if (outcome !== 'applied')
      log.warn(
        { fees: { source, outcome, reference: result.reference } },
        'gateway result not applied',
      );
    return { outcome, payment };
  };
  if (!payment) return record('unknown_reference');
  if (payment.amount !== result.amount) return record('wrong_amount');
  const applied = await settlePayment(db, payment.id, {
    status: result.status,
    via: source,
    by: null,
    bankReference: result.bankReference,
    gatewayTxnId: result.gatewayTxnId,
    failureCode: result.status === 'failed' ? (result.responseCode ?? null) : null,
    at: now,
  });
  if (applied) return record('applied');
  const current = await findPaymentByReference(db, result.reference);
  return record(current?.status === result.status ? 'already_settled' : 'conflicting_result');
}
