import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../repositories/db';
import { logPaymentEvent, settlePayment } from '../repositories/fees-payments';
import { applyGatewayResult } from './apply';
import type { GatewayConfig } from './config';
import { queryGatewayPayment } from './gateway-client';

/**
 * Asks the gateway for the result of an unknown payment and applies it. A payment the gateway
 * still has not settled after `settleWithinMs` (2 days) is failed rather than left hanging.
 * Throws GatewayError when the gateway cannot be asked.
 */
export async function settleByQuery(
  db: Db,
  log: FastifyBaseLogger,
  gateway: GatewayConfig,
  settleWithinMs: number,
  payment: { id: string; reference: string; createdAt: string },
  now: Date,
): Promise<void> {
  const answer = await queryGatewayPayment(gateway, payment.reference);
  if (answer.status === 'success' || answer.status === 'failed') {
    await applyGatewayResult(
      db,
      log,
      'query',
      { ...answer, status: answer.status, amount: answer.amount ?? -1 },
      now,
    );
    return;
  }
  if (now.getTime() - Date.parse(payment.createdAt) <= settleWithinMs) return;
  const failed = await settlePayment(db, payment.id, {
    status: 'failed',
    via: 'timeout',
    by: null,
    bankReference: null,
    gatewayTxnId: null,
    at: now,
  });
  if (failed)
    await logPaymentEvent(db, {
      paymentId: payment.id,
      reference: payment.reference,
      source: 'timeout',
      outcome: 'applied',
      detail: { gateway: answer.status },
      actorUserId: null,
      at: now,
    });
}
