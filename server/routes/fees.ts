import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import {
  feeDocumentRouteSpecs,
  feeRouteSpecs,
  UNAPPROVED_NOTE_VI,
  type ApprovalSheet,
  type DocumentFile,
  type LedgerQuery,
  type Payment,
} from '../../src/api/fees';
import { planApprovals } from '../../src/domain/fees/approve';
import { buildCellLedger } from '../../src/domain/fees/ledger';
import { ledgerPdf } from '../../src/documents/ledger/ledger-pdf';
import { ledgerWorkbook } from '../../src/documents/ledger/ledger-xlsx';
import { receiptNumber, receiptPdf } from '../../src/documents/receipts/receipt-pdf';
import { ruleFor } from '../../src/domain/fees/rules';
import type { OrgWire } from '../../src/api/sync';
import type { Caller } from '../auth/caller';
import type { ServerContext } from '../context';
import { badRequest, forbidden, HttpError, notFound } from '../errors';
import type { Register } from '../http/register-route';
import { applyGatewayResult } from '../payments/apply';
import { callbackGuard } from '../payments/callback-guard';
import { callbackBase } from '../payments/callback-url';
import { feesConfigFromEnv, type FeesConfig, type GatewayConfig } from '../payments/config';
import { createGatewayPayment, GatewayError } from '../payments/gateway-client';
import { verifySignature } from '../payments/protocol';
import { startSettleScheduler, type SettleScheduler } from '../payments/scheduler';
import { settleByQuery } from '../payments/settle-by-query';
import {
  cellMemberFees,
  memberHomeOrgId,
  saveApprovals,
  upsertFeeProfile,
} from '../repositories/fees';
import { loadFeeRules } from '../repositories/fees-rules';
import { approvalSheetOf } from '../repositories/fees-sheet';
import {
  collectingAccount,
  findPayment,
  insertPayment,
  listPayments,
  logPaymentEvent,
  setGatewayTxnId,
  settlePayment,
  unknownPayments,
  type HeldMonth,
  type PaymentRecord,
} from '../repositories/fees-payments';
import { cellFor, CELL_FEE_ROLES, hasRoleOver, STAFF_ROLES } from './fees-access';
import { feeAdminRoutes } from './fees-admin';
import { paymentView as paymentViewOf } from './fees-payment-view';
import {
  accountOrgId,
  issueReceipt,
  ledgerAmounts,
  namesOf,
  userName,
} from '../repositories/fees-documents';
import { findVisibleMember } from '../repositories/members';
import { findOrg } from '../repositories/orgs';
import { subtreesOfRole } from '../scope/scope';

/** Roles that may settle an unknown payment by hand. */
const SETTLE_ROLES = ['fee_officer', 'admin'];

const conflict = (message: string, messageVi: string) =>
  new HttpError(409, { error: 'conflict', message, messageVi });
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

/**
 * Fee routes; the gateway and limits come from the environment unless given (tests). With a
 * gateway and a settling interval, the settling run starts here; `onClose` gets its stop.
 */
export function feeRoutes(
  route: Register,
  ctx: ServerContext,
  config: FeesConfig = feesConfigFromEnv(process.env),
  onClose?: (stop: () => Promise<void>) => void,
  log?: FastifyBaseLogger,
): { scheduler: SettleScheduler | null } {
  const s = feeRouteSpecs;
  const scheduler =
    config.gateway && config.settleEveryMs > 0 && log
      ? startSettleScheduler({
          db: ctx.db,
          log,
          gateway: config.gateway,
          settleWithinMs: config.settleWithinMs,
          everyMs: config.settleEveryMs,
          now: ctx.now,
        })
      : null;
  if (scheduler) onClose?.(() => scheduler.stop());

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

  async function sheet(cellId: string, month: string): Promise<ApprovalSheet> {
    return (await approvalSheetOf(ctx.db, cellId, month, await loadFeeRules(ctx.db))).sheet;
  }

  route(s.putFeeProfile, async ({ params, body, caller }) => {
    const member = await findVisibleMember(ctx.db, caller.scope, params.memberId);
    if (!member) throw notFound();
    const home = await findOrg(ctx.db, member.homeOrgId);
    if (!home || !hasRoleOver(caller, CELL_FEE_ROLES, home.path)) throw forbidden();
    if (body.base !== null && body.base > config.amountCeiling * 100)
      throw badRequest(
        'base',
        'base is beyond any plausible salary',
        'Mức lương làm căn cứ không hợp lệ.',
      );
    return upsertFeeProfile(ctx.db, member.id, body, caller.user.id, ctx.now());
  });

  route(s.approvalSheet, async ({ params, query, caller }) => {
    const cell = await cellFor(ctx, params.cellId);
    if (!hasRoleOver(caller, CELL_FEE_ROLES, cell.path)) throw forbidden();
    return sheet(cell.id, query.month);
  });

  route(s.approve, async ({ params, body, caller }) => {
    const cell = await cellFor(ctx, params.cellId);
    if (!hasRoleOver(caller, CELL_FEE_ROLES, cell.path)) throw forbidden();
    const rules = await loadFeeRules(ctx.db);
    const rule = ruleFor(body.month, rules);
    if (!rule.ok) throw badRequest('month', rule.message, rule.messageVi);
    const { candidates } = await approvalSheetOf(ctx.db, cell.id, body.month, rules);
    const plan = planApprovals(candidates, body, { ceiling: config.amountCeiling });
    if (!plan.ok) {
      if (plan.code === 'already_paid') throw conflict(plan.message, plan.messageVi);
      throw badRequest(plan.field ?? 'items', plan.message, plan.messageVi);
    }
    await saveApprovals(
      ctx.db,
      cell.id,
      body.month,
      plan.value.map((p) => ({ ...p, ruleVersion: rule.value.id })),
      caller.user.id,
      ctx.now(),
    );
    return sheet(cell.id, body.month);
  });

  route(s.memberDue, async ({ params, query, caller }) => {
    const own = caller.user.memberId === params.memberId;
    const member = own
      ? { id: params.memberId }
      : await findVisibleMember(ctx.db, caller.scope, params.memberId);
    if (!member) throw notFound();
    const home = await homeCellOf(params.memberId);
    const [line] = await cellMemberFees(ctx.db, home, query.month, [params.memberId]);
    if (!line) throw notFound();
    return {
      memberId: line.memberId,
      month: query.month,
      amount: line.approval?.amount ?? 0,
      approved: line.approval !== null,
      paid: line.paidStatus === 'success',
      note: line.approval ? null : UNAPPROVED_NOTE_VI,
    };
  });

  async function homeCellOf(memberId: string): Promise<string> {
    const home = await memberHomeOrgId(ctx.db, memberId);
    if (!home) throw notFound();
    return home;
  }

  const callbackUrl = (request: FastifyRequest) =>
    `${callbackBase(config.publicUrl, request.server)}${s.gatewayCallback.path}`;
  const callbacks = callbackGuard(config.badCallbacksPerMinute);

  route(s.startPayment, async ({ body, caller, request }) => {
    const gateway = requireGateway();
    let cell: OrgWire;
    let memberIds: string[] | undefined = body.memberIds;
    if (body.cellId) {
      cell = await cellFor(ctx, body.cellId);
      if (!hasRoleOver(caller, CELL_FEE_ROLES, cell.path)) throw forbidden();
    } else {
      const self = caller.user.memberId;
      if (!self)
        throw badRequest(
          'cellId',
          'the caller is not a member: pay for a cell instead',
          'Tài khoản không gắn với đảng viên nào.',
        );
      if (memberIds && memberIds.some((id) => id !== self)) throw forbidden();
      memberIds = [self];
      cell = await cellFor(ctx, await homeCellOf(self));
    }
    const lines = await cellMemberFees(ctx.db, cell.id, body.month, memberIds);
    if (memberIds) {
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
    const payable = lines.filter((l) => l.approval && l.approval.amount > 0 && !l.paidStatus);
    const amount = payable.reduce((sum, l) => sum + (l.approval?.amount ?? 0), 0);
    const pending = lines.find((l) => l.paidStatus === 'unknown');
    if (amount === 0 && pending)
      throw heldConflict({ memberId: pending.memberId, month: body.month, status: 'unknown' }, lines); // prettier-ignore
    if (amount === 0)
      throw conflict(
        'nothing to pay',
        `Không có khoản đảng phí nào cần nộp. ${UNAPPROVED_NOTE_VI}?`,
      );
    if (amount > config.amountCeiling)
      throw badRequest(
        'memberIds',
        `total ${amount} exceeds ${config.amountCeiling}`,
        'Tổng số tiền vượt quá mức tối đa cho phép; chia thành nhiều lần nộp.',
      );
    const account = await collectingAccount(ctx.db, cell.path);
    if (!account)
      throw conflict(
        'no active bank account above the cell',
        'Tổ chức đảng chưa có tài khoản thụ hưởng đang sử dụng.',
      );
    const now = ctx.now();
    const id = randomUUID();
    // Letters and digits only: banks strip the rest from transfer descriptions.
    const reference = `DP${body.month.slice(2, 4)}${body.month.slice(5)}${randomBytes(6).toString('hex').toUpperCase()}`;
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

  async function visiblePayment(caller: Caller, id: string): Promise<PaymentRecord> {
    const payment = await findPayment(ctx.db, id);
    if (!payment) throw notFound();
    const cell = await findOrg(ctx.db, payment.cellId);
    const mine =
      payment.payerUserId === caller.user.id ||
      payment.items.some((i) => i.memberId === caller.user.memberId);
    if (!mine && !(cell && hasRoleOver(caller, STAFF_ROLES, cell.path))) throw notFound();
    return payment;
  }

  route(s.queryPayment, async ({ params, caller, request }) => {
    const gateway = requireGateway();
    const payment = await visiblePayment(caller, params.id);
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
    if (!caller.scope.grants.some((g) => SETTLE_ROLES.includes(g.role))) throw forbidden();
    const now = ctx.now();
    const roots = SETTLE_ROLES.flatMap((role) => subtreesOfRole(caller.scope, role));
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
    const staffRoots = STAFF_ROLES.flatMap((role) => subtreesOfRole(caller.scope, role));
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
    if (!cell || !hasRoleOver(caller, SETTLE_ROLES, cell.path)) throw forbidden();
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

  feeDocumentRoutes(route, ctx, visiblePayment);
  feeAdminRoutes(route, ctx, config);
  return { scheduler };
}

/** Another payment started first (a moment ago, or long since): say whose month and why. */
function heldConflict(held: HeldMonth, lines: readonly { memberId: string; fullName: string }[]) {
  const name = lines.find((l) => l.memberId === held.memberId)?.fullName ?? held.memberId;
  const month = `${held.month.slice(5)}/${held.month.slice(0, 4)}`;
  return conflict(
    `${held.memberId} ${held.month} is held by a ${held.status} payment`,
    held.status === 'success'
      ? `${name} đã nộp đảng phí tháng ${month}.`
      : `${name} đang có giao dịch nộp đảng phí tháng ${month} chưa xác định trạng thái; không thể nộp lần nữa cho đến khi giao dịch đó có kết quả.`,
  );
}

/** Receipts and the cell ledger. */
function feeDocumentRoutes(
  route: Register,
  ctx: ServerContext,
  visiblePayment: (caller: Caller, id: string) => Promise<PaymentRecord>,
): void {
  route(feeDocumentRouteSpecs.receipt, async ({ params, caller }) => {
    const payment = await visiblePayment(caller, params.id);
    if (payment.status !== 'success')
      throw conflict(
        `payment is ${payment.status}`,
        'Chỉ in biên lai cho giao dịch nộp đảng phí thành công.',
      );
    const orgId = await accountOrgId(ctx.db, payment.bankAccountId);
    const org = orgId ? await findOrg(ctx.db, orgId) : null;
    const cell = await findOrg(ctx.db, payment.cellId);
    if (!org || !cell) throw notFound();
    const superior = org.parentId ? await findOrg(ctx.db, org.parentId) : null;
    const receipt = await issueReceipt(ctx.db, payment.id, org.id, ctx.now());
    const names = await namesOf(
      ctx.db,
      payment.items.map((i) => i.memberId),
    );
    const number = receiptNumber(receipt.seq, receipt.year);
    const bytes = await receiptPdf({
      number,
      superiorOrgName: superior?.name,
      orgName: org.name,
      place: org.province ?? '',
      issuedAt: new Date(receipt.issuedAt),
      payerName: (await userName(ctx.db, payment.payerUserId)) ?? '',
      kind: payment.kind,
      cellName: cell.name,
      items: payment.items.map((i) => ({ ...i, fullName: names.get(i.memberId) ?? i.memberId })),
      total: payment.amount,
      paymentReference: payment.reference,
      bankReference: payment.bankReference,
      reprint: receipt.printCount > 1,
    });
    return {
      fileName: `bien-lai-${number.replace('/', '-')}.pdf`,
      contentType: 'application/pdf',
      dataBase64: Buffer.from(bytes).toString('base64'),
    };
  });

  route(feeDocumentRouteSpecs.ledger, async ({ params, query, caller }) => {
    const cell = await cellFor(ctx, params.cellId);
    if (!hasRoleOver(caller, STAFF_ROLES, cell.path)) throw forbidden();
    const members = await cellMemberFees(ctx.db, cell.id, `${query.year}-01`);
    const amounts = await ledgerAmounts(ctx.db, cell.id, query.year);
    const ledger = buildCellLedger({
      year: query.year,
      upToMonth: query.upTo,
      members: members.map((m) => ({ memberId: m.memberId, fullName: m.fullName })),
      ...amounts,
    });
    return {
      cellId: cell.id,
      year: query.year,
      ...ledger,
      file: await ledgerFile(cell, query, ledger),
    };
  });

  /** The ledger as the file the query asks for: Excel, the PDF document, or none for JSON. */
  async function ledgerFile(
    cell: OrgWire,
    { format, year }: LedgerQuery,
    ledger: ReturnType<typeof buildCellLedger>,
  ): Promise<DocumentFile | null> {
    const fileName = `so-dang-phi-${cell.code}-${year}.${format}`;
    if (format === 'xlsx')
      return {
        fileName,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        dataBase64: (await ledgerWorkbook({ cellName: cell.name, year, ...ledger })).toString(
          'base64',
        ),
      };
    if (format !== 'pdf') return null;
    const superior = cell.parentId ? await findOrg(ctx.db, cell.parentId) : null;
    const bytes = await ledgerPdf({
      cellName: cell.name,
      superiorOrgName: superior?.name,
      place: cell.province ?? superior?.province ?? '',
      date: ctx.now(),
      year,
      ...ledger,
    });
    return {
      fileName,
      contentType: 'application/pdf',
      dataBase64: Buffer.from(bytes).toString('base64'),
    };
  }
}
