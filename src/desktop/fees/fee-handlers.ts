import { ACCOUNT_ROLES, CELL_FEE_ROLES, FEE_STAFF_ROLES } from '../../api/access';
import {
  ApprovalSheet as sheetSchema,
  LedgerResponse as ledgerSchema,
  OrgReportResponse as reportSchema,
  TransactionsResponse as transactionsSchema,
} from '../../api/fees';
import { isCell, type OrgType } from '../../domain/org/org-types';
import {
  PAYMENT_NEEDS_CONNECTION_VI,
  type FeeCell,
  type FeeOrg,
  type FeeDataSource,
  type FeeSheet,
  type feeCalls,
} from '../contract-fees';
import { dossiersRepo } from '../repositories/dossiers';
import { orgNameOrder } from '../repositories/org-tree';
import { fail, type HandlersFor, type ServiceContext } from '../service-context';
import { feeAccountHandlers } from './fee-account-handlers';
import { feeHandlerSupport, isOffline } from './fee-handler-support';
import { feeApprovalOutbox } from './fee-outbox';
import { feeStatementHandlers } from './fee-statement-handlers';

/** Handlers of the party-fee calls. */
export function feeHandlers(ctx: ServiceContext): HandlersFor<keyof typeof feeCalls> {
  const support = feeHandlerSupport(ctx);
  const { api, cache, user, grantPaths, covers, kept, online, named, namedOne, noNet } = support;
  const outbox = feeApprovalOutbox(ctx.handle);

  /** The sheet with the approvals still waiting in the outbox. */
  function withPending(
    sheet: Omit<FeeSheet, 'pendingAll' | 'lines' | keyof FeeDataSource> & {
      lines: Omit<FeeSheet['lines'][number], 'pending'>[];
    },
    source: FeeDataSource,
  ): FeeSheet {
    const pending = outbox.pendingFor(sheet.cellId, sheet.month);
    return {
      ...sheet,
      ...source,
      pendingAll: pending.all !== null,
      lines: sheet.lines.map((l) => ({ ...l, pending: pending.items.get(l.memberId) ?? null })),
    };
  }

  return {
    feeCells() {
      // The same roles as the server's access table (src/api/access.ts).
      const staff = grantPaths(FEE_STAFF_ROLES);
      const approve = grantPaths(CELL_FEE_ROLES);
      const settle = grantPaths(ACCOUNT_ROLES);
      const seen = new Map<string, FeeCell>();
      const orgs = new Map<string, FeeOrg>();
      for (const root of staff) {
        for (const org of cache.orgsUnder(root)) {
          if (!isCell(org.type as OrgType)) {
            orgs.set(org.id, { id: org.id, name: org.name, depth: org.depth });
            continue;
          }
          if (seen.has(org.id)) continue;
          seen.set(org.id, {
            id: org.id,
            code: org.code,
            name: org.name,
            parentName: org.parentName,
            canApprove: covers(approve, org.path),
            canSettle: covers(settle, org.path),
          });
        }
      }
      const items = [...seen.values()].sort(
        (a, b) =>
          Number(b.canApprove) - Number(a.canApprove) || orgNameOrder.compare(a.name, b.name),
      );
      return { items, orgs: [...orgs.values()].sort((a, b) => a.depth - b.depth) };
    },

    async feeApprovalSheet({ cellId, month }) {
      const { value, ...source } = await kept(`sheet|${cellId}|${month}`, sheetSchema, () =>
        api.approvalSheet(cellId, month),
      );
      return withPending(value, source);
    },

    async approveFees({ cellId, month, all, items }) {
      try {
        ctx.requireServerSession();
        const sheet = await api.approve(cellId, { month, all, items });
        const fetchedAt = new Date().toISOString();
        cache.saveAnswer(`${user().id}|sheet|${cellId}|${month}`, sheet, fetchedAt);
        return {
          queued: false,
          outboxId: null,
          sheet: withPending(sheet, { source: 'server', fetchedAt }),
        };
      } catch (err) {
        if (!isOffline(err)) throw err;
      }
      // Unreachable: the approval waits in the outbox and goes with the next push.
      const outboxId = outbox.enqueue({ cellId, month, all, items });
      ctx.emit({ type: 'outbox-changed', ...outbox.counts() });
      return { queued: true, outboxId, sheet: null };
    },

    startFeePayment: ({ cellId, month, memberIds }) =>
      online(PAYMENT_NEEDS_CONNECTION_VI, async () => {
        const started = await api.startPayment({
          month,
          cellId,
          ...(memberIds ? { memberIds } : {}),
        });
        const { paymentUrl, ...payment } = started;
        return { payment: namedOne(payment), paymentUrl };
      }),

    myFeeDue: ({ month }) =>
      online(noNet('xem số đảng phí phải nộp'), async () => {
        const memberId = dossiersRepo(ctx.handle).memberIdOfUser(user().id);
        if (!memberId)
          return fail(
            'no_member_record',
            'the account is not linked to a member record',
            'Tài khoản chưa gắn với hồ sơ đảng viên.',
          );
        const due = await api.memberDue(memberId, month);
        return {
          month: due.month,
          amount: due.amount,
          approved: due.approved,
          paid: due.paid,
          note: due.note,
        };
      }),

    // No cell: the server makes it the member's own payment (kind self).
    startOwnFeePayment: ({ month }) =>
      online(PAYMENT_NEEDS_CONNECTION_VI, async () => {
        const { paymentUrl, ...payment } = await api.startPayment({ month });
        return { payment: namedOne(payment), paymentUrl };
      }),

    feePayment: ({ paymentId, cellId, month }) =>
      online(noNet('xem kết quả giao dịch'), async () => {
        const { items } = await api.transactions({ cellId, month, limit: 500 });
        const found = items.find((p) => p.id === paymentId);
        return { payment: found ? namedOne(found) : null };
      }),

    async feeTransactions(filters) {
      const key = `tx|${filters.month ?? ''}|${filters.cellId ?? ''}|${filters.memberId ?? ''}|${filters.status ?? ''}|${filters.limit}`;
      const { value, ...source } = await kept(key, transactionsSchema, () =>
        api.transactions(filters),
      );
      return { ...source, items: named(value.items) };
    },

    queryFeePayment: ({ paymentId }) =>
      online(noNet('tra cứu kết quả giao dịch'), async () =>
        namedOne(await api.queryPayment(paymentId)),
      ),

    settleFeePayment: ({ paymentId, status, bankReference, note }) =>
      online(noNet('xử lý giao dịch'), async () =>
        namedOne(await api.settlePayment(paymentId, { status, bankReference, note })),
      ),

    feeReceipt: ({ paymentId }) => online(noNet('in biên lai'), () => api.receipt(paymentId)),

    async feeLedger({ cellId, year, upTo }) {
      const { value, ...source } = await kept(
        `ledger|${cellId}|${year}|${upTo}`,
        ledgerSchema,
        () => api.ledger(cellId, { year, upTo, format: 'json' }),
      );
      const { file: _file, ...ledger } = value;
      return { ...ledger, ...source };
    },

    exportFeeLedger: ({ cellId, year, upTo, format }) =>
      online(noNet('xuất sổ thu nộp đảng phí'), async () => {
        const { file } = await api.ledger(cellId, { year, upTo, format });
        return (
          file ??
          fail(
            'invalid_response',
            'the ledger came without its file',
            `Máy chủ không trả về tệp ${format === 'pdf' ? 'PDF' : 'Excel'}.`,
          )
        );
      }),

    async feeOrgReport({ orgId, year }) {
      const { value, ...source } = await kept(`report|${orgId}|${year}`, reportSchema, () =>
        api.orgReport(orgId, { year, format: 'json' }),
      );
      const { file: _file, ...report } = value;
      return { ...report, ...source };
    },

    exportFeeOrgReport: ({ orgId, year, format }) =>
      online(noNet('xuất báo cáo đảng phí'), async () => {
        const { file } = await api.orgReport(orgId, { year, format });
        return (
          file ??
          fail('invalid_response', 'the report came without its file', 'Máy chủ không trả về tệp.')
        );
      }),

    feeVietQr: ({ cellId, month, memberIds }) =>
      online(noNet('tạo mã VietQR'), () => api.vietQr(cellId, month, memberIds)),

    ...feeAccountHandlers(support),
    ...feeStatementHandlers(support),
  };
}
