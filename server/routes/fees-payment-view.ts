import { paymentStatusLabelVi, type Payment } from '../../src/api/fees';
import type { PaymentRecord } from '../repositories/fees-payments';

/**
 * A payment as the API answers it. When an unknown payment is settled automatically is the
 * caller's to say (a payment matched by hand is final: neither).
 */
export const paymentView = (
  p: PaymentRecord,
  autoSettle: Pick<Payment, 'settleDeadline' | 'nextAutoCheckAt'>,
): Payment => ({
  id: p.id,
  reference: p.reference,
  cellId: p.cellId,
  payerUserId: p.payerUserId,
  kind: p.kind,
  amount: p.amount,
  status: p.status,
  statusVi: paymentStatusLabelVi[p.status],
  bankReference: p.bankReference,
  createdAt: p.createdAt,
  settledAt: p.settledAt,
  settledVia: p.settledVia,
  failureCode: p.failureCode,
  settleDeadline: autoSettle.settleDeadline,
  nextAutoCheckAt: autoSettle.nextAutoCheckAt,
  channel: p.channel,
  items: p.items,
});
