import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ACCOUNT_ROLES, CELL_FEE_ROLES, FEE_STAFF_ROLES } from '../../src/api/access';
import { feePaymentRouteSpecs, UNAPPROVED_NOTE_VI, type Payment } from '../../src/api/fees';
import type { OrgWire } from '../../src/api/sync';
import type { Caller } from '../auth/caller';
import { badRequest, forbidden, HttpError, notFound } from '../errors';
import type { Register } from '../http/register-route';
import { applyGatewayResult } from '../payments/apply';
import { callbackGuard } from '../payments/callback-guard';
import { callbackBase } from '../payments/callback-url';
import type { GatewayConfig } from '../payments/config';
import { createGatewayPayment, GatewayError } from '../payments/gateway-client';
import { verifySignature } from '../payments/protocol';
import { settleByQuery } from '../payments/settle-by-query';
import { cellMemberFees, type CellMemberFeeRow } from '../repositories/fees';
import {
  findPayment,
  insertPayment,
  listPayments,
  logPaymentEvent,
  setGatewayTxnId,
  settlePayment,
  unknownPayments,
  type PaymentRecord,
} from '../repositories/fees-payments';
import { findOrg } from '../repositories/orgs';
import { subtreesOfRole } from '../scope/scope';
import { checkRoles } from '../scope/route-access';
import { cellFor, hasRoleOver, homeCellOf, visiblePayment, type FeeRouteDeps } from './fees-access';
import { collectingAccountFor } from './fees-collecting';
import { paymentView as paymentViewOf } from './fees-payment-view';
import { conflict, heldConflict } from './fees-refusals';

const gatewayDown = (message: string) =>
  new HttpError(502, {
    error: 'gateway_error',
    message,
    messageVi: 'Cổng thanh toán không phản hồi hợp lệ. Vui lòng thử lại sau.',
  });
const noGateway = () =>
  new HttpError(503, {
    error: 'gateway_not_configured',
    message: 'No payment gateway is configured on this server',
    messageVi: 'Máy chủ chưa cấu hình cổng thanh toán.',
  });

/** Letters and digits only: banks strip the rest from transfer descriptions. */
const paymentReference = (month: string) =>
  `DP${month.slice(2, 4)}${month.slice(5)}${randomBytes(6).toString('hex').toUpperCase()}`;

/** Refuses chosen members that are not in the cell, not approved, or held by another payment. */
function checkChosenMembers(
  memberIds: readonly string[],
  lines: readonly CellMemberFeeRow[],
): void {
  const found = new Set(lines.map((l) => l.memberId));
  const missing = memberIds.find((id) => !found.has(id));
  if (missing)
    throw badRequest(
      'memberIds',
      `member ${missing} is not in the cell`,
      'Đảng viên không thuộc chi bộ.',
    );
  const unapproved = lines.find((l) => !l.approval);
  if (unapproved)
    throw conflict(
      `${unapproved.memberId}: not approved`,
      `${unapproved.fullName}: ${UNAPPROVED_NOTE_VI}`,
    );
  const held = lines.find((l) => l.paidStatus);
  if (held)
    throw conflict(
      `${held.memberId}: ${held.paidStatus === 'success' ? 'already paid' : 'a payment is pending'}`,
      held.paidStatus === 'success'
        ? `${held.fullName} đã nộp đảng phí tháng này.`
        : `${held.fullName} có giao dịch chưa xác định trạng thái cho tháng này.`,
    );
}

/**
 * Payments through the gateway: starting one, the gateway's signed callback, asking the gateway
 * about an unknown payment (one, or all in scope), settling by hand, the transactions list.
 */
export function feePaymentRoutes(route: Register, { ctx, config, scheduler }: FeeRouteDeps): void {
  const s = feePaymentRouteSpecs;

  const paymentView = (p: PaymentRecord): Payment =>
    paymentViewOf(p, {
      settleDeadline:
        p.status === 'unknown'
          ? new Date(Date.parse(p.createdAt) + config.settleWithinMs).toISOString()
          : null,
      nextAutoCheckAt: p.status === 'unknown' && scheduler ? scheduler.nextRunAt() : null,
    });

  const requireGateway = (): GatewayConfig => {
    if (!config.gateway) throw noGateway();
    return config.gateway;
  };

  const callbackUrl = (request: FastifyRequest) =>
    `${callbackBase(config.publicUrl, request.server)}${s.gatewayCallback.path}`;
  const callbacks = callbackGuard(config.badCallbacksPerMinute);

  /** The cell paid for and the members chosen: the caller's own month when no cell is named. */
  async function payerCell(
    caller: Caller,
    body: { cellId?: string; memberIds?: string[] },
  ): Promise<{ cell: OrgWire; memberIds: string[] | undefined }> {
    if (body.cellId) {
      const cell = await cellFor(ctx, body.cellId);
      if (!hasRoleOver(caller, CELL_FEE_ROLES, cell.path)) throw forbidden();
      return { cell, memberIds: body.memberIds };
    }
    const self = caller.user.memberId;
    if (!self)
      throw badRequest(
        'cellId',
        'the caller is not a member: pay for a cell instead',
        'Tài khoản không gắn với đảng viên nào.',
      );
    if (body.memberIds && body.memberIds.some((id) => id !== self)) throw forbidden();
    return { cell: await cellFor(ctx, await homeCellOf(ctx, self)), memberIds: [self] };
  }

  route(s.startPayment, async ({ body, caller, request }) => {
    const gateway = requireGateway();
    const { cell, memberIds } = await payerCell(caller, body);
    const lines = await cellMemberFees(ctx.db, cell.id, body.month, memberIds);
    if (memberIds) checkChosenMembers(memberIds, lines);
    const payable = lines.filter((l) => l.approval && l.approval.amount > 0 && !l.paidStatus);
    const amount = payable.reduce((sum, l) => sum + (l.approval?.amount ?? 0), 0);
    const pending = lines.find((l) => l.paidStatus === 'unknown');
    if (amount === 0 && pending) {
      const held = { memberId: pending.memberId, month: body.month, status: 'unknown' as const };
      throw heldConflict(held, lines);
    }
    if (amount === 0)
      throw conflict(
        'nothing to pay',
        `Không có khoản đảng phí nào cần nộp. ${UNAPPROVED_NOTE_VI}?`,
      );
    const account = await collectingAccountFor(ctx.db, cell, amount, config.amountCeiling);
    const now = ctx.now();
    const id = randomUUID();
    const reference = paymentReference(body.month);
    const inserted = await insertPayment(ctx.db, {
      id,
      reference,
      cellId: cell.id,
      payerUserId: caller.user.id,
      kind: body.cellId ? 'cell' : 'self',
      bankAccountId: account.id,
      amount,
      createdAt: now.toISOString(),
      items: payable.map((l) => ({
        memberId: l.memberId,
        month: body.month,
        amount: l.approval?.amount ?? 0,
      })),
    });
    if (!inserted.ok) throw heldConflict(inserted.held, payable);
    let started: { gatewayTxnId: string; paymentUrl: string };
    try {
      started = await createGatewayPayment(gateway, {
        reference,
        amount,
        accountNo: account.accountNo,
        bankName: account.bankName,
        description: `${reference} Dang phi ${body.month}`,
        callbackUrl: callbackUrl(request),
      });
    } catch (err) {
      if (!(err instanceof GatewayError)) throw err;
      // The payer never reached the gateway: nothing can have been debited.
      await settlePayment(ctx.db, id, {
        status: 'failed',
        via: 'start',
        by: null,
        bankReference: null,
        gatewayTxnId: null,
        at: now,
      });
      await logPaymentEvent(ctx.db, {
        paymentId: id,
        reference,
        source: 'start',
        outcome: 'gateway_error',
        detail: { message: err.message },
        actorUserId: caller.user.id,
        at: now,
      });
      throw gatewayDown(err.message);
    }
    await setGatewayTxnId(ctx.db, id, started.gatewayTxnId);
    const payment = await findPayment(ctx.db, id);
    if (!payment) throw notFound();
    return { ...paymentView(payment), paymentUrl: started.paymentUrl };
  });

  route(s.gatewayCallback, async ({ body, request }) => {
    const gateway = requireGateway();
    const now = ctx.now();
    // Bad signatures are counted and limited per address, never stored (one row each would let
    // anyone fill the payment log).
    await callbacks.admit(request);
    if (body.merchantId !== gateway.merchantId || !verifySignature(gateway.secret, body)) {
      await callbacks.badSignature(request, body.reference);
      return { code: '97' as const, message: 'Invalid signature' };
    }
    const { outcome } = await applyGatewayResult(ctx.db, request.log, 'callback', body, now);
    switch (outcome) {
      case 'applied':
        return { code: '00' as const, message: 'Confirm success' };
      case 'unknown_reference':
        return { code: '01' as const, message: 'Order not found' };
      case 'wrong_amount':
        return { code: '04' as const, message: 'Invalid amount' };
      case 'already_settled':
      case 'conflicting_result':
        return { code: '02' as const, message: 'Order already confirmed' };
    }
  });

  route(s.queryPayment, async ({ params, caller, request }) => {
    const gateway = requireGateway();
    const payment = await visiblePayment(ctx, caller, params.id);
    if (payment.status !== 'unknown') return paymentView(payment);
    try {
      await settleByQuery(ctx.db, request.log, gateway, config.settleWithinMs, payment, ctx.now());
    } catch (err) {
      if (err instanceof GatewayError) throw gatewayDown(err.message);
      throw err;
    }
    return paymentView((await findPayment(ctx.db, payment.id)) ?? payment);
  });

  route(s.settleUnknown, async ({ caller, request }) => {
    const gateway = requireGateway();
    checkRoles(caller, ACCOUNT_ROLES);
    const now = ctx.now();
    const roots = ACCOUNT_ROLES.flatMap((role) => subtreesOfRole(caller.scope, role));
    const pending = await unknownPayments(ctx.db, roots, now, 500);
    let failures = 0;
    for (const payment of pending) {
      try {
        await settleByQuery(ctx.db, request.log, gateway, config.settleWithinMs, payment, now);
      } catch (err) {
        if (!(err instanceof GatewayError)) throw err;
        failures++;
      }
    }
    const still = await unknownPayments(ctx.db, roots, now, 500);
    return {
      checked: pending.length,
      settled: pending.length - still.length,
      gatewayErrors: failures,
    };
  });

  route(s.transactions, async ({ query, caller }) => {
    const staffRoots = FEE_STAFF_ROLES.flatMap((role) => subtreesOfRole(caller.scope, role));
    const items = await listPayments(ctx.db, {
      subtreePaths: staffRoots,
      own: { userId: caller.user.id, memberId: caller.user.memberId },
      month: query.month,
      cellId: query.cellId,
      memberId: query.memberId,
      status: query.status,
      limit: query.limit,
    });
    return {
      items: items.map(paymentView),
      autoSettle: scheduler
        ? {
            everyMs: scheduler.everyMs,
            settleWithinMs: config.settleWithinMs,
            nextRunAt: scheduler.nextRunAt(),
          }
        : null,
    };
  });

  route(s.settlePayment, async ({ params, body, caller }) => {
    const payment = await findPayment(ctx.db, params.id);
    if (!payment) throw notFound();
    const cell = await findOrg(ctx.db, payment.cellId);
    if (!cell || !hasRoleOver(caller, ACCOUNT_ROLES, cell.path)) throw forbidden();
    const now = ctx.now();
    const applied = await settlePayment(ctx.db, payment.id, {
      status: body.status,
      via: 'manual',
      by: caller.user.id,
      bankReference: body.bankReference,
      gatewayTxnId: null,
      at: now,
    });
    await logPaymentEvent(ctx.db, {
      paymentId: payment.id,
      reference: payment.reference,
      source: 'manual',
      outcome: applied ? 'applied' : 'already_settled',
      detail: body,
      actorUserId: caller.user.id,
      at: now,
    });
    if (!applied)
      throw conflict(
        `payment is already ${payment.status}`,
        'Giao dịch đã có trạng thái cuối, không thể xử lý thủ công.',
      );
    return paymentView((await findPayment(ctx.db, payment.id)) ?? payment);
  });
}
