import type { z } from 'zod';
import { ApiClientError, CLIENT_ERROR } from '../../api/client';
import {
  ApprovalSheet as sheetSchema,
  LedgerResponse as ledgerSchema,
  OrgReportResponse as reportSchema,
  TransactionsResponse as transactionsSchema,
  type Payment,
} from '../../api/fees';
import { isCell, type OrgType } from '../../domain/org/org-types';
import type { SessionUser } from '../../api/auth';
import {
  PAYMENT_NEEDS_CONNECTION_VI,
  type FeeBankAccountRow,
  type FeeCell,
  type FeeOrg,
  type FeeDataSource,
  type FeePayment,
  type FeeSheet,
  type feeCalls,
} from '../contract-fees';
import { orgNameOrder } from '../repositories/org-tree';
import { DesktopFailure, fail, type HandlersFor, type ServiceContext } from '../service-kit';
import { accountFlags, orgAccountFlags } from './bank-account-flags';
import { feeApi } from './fee-api';
import { feeCacheRepo } from './fee-cache.repo';
import { feeApprovalOutbox } from './fee-outbox';

/** Roles that approve a cell's month and pay for it (the server's CELL_FEE_ROLES). */
const APPROVE_ROLES = ['approver', 'fee_officer'];
/** Roles that settle an unknown payment by hand. */
const SETTLE_ROLES = ['fee_officer', 'admin'];
/** Roles that see a subtree's fee screens (transactions, ledger). */
const STAFF_ROLES = ['approver', 'fee_officer', 'admin', 'processor'];
/** Roles that cross-check the bank accounts of the orgs below. */
const ACCOUNT_ROLES = ['admin', 'fee_officer'];
/** Orgs that collect fees and so hold a beneficiary account. */
const COLLECTING: ReadonlySet<string> = new Set<OrgType>([
  'province_committee',
  'superior_committee',
  'grassroots_committee',
  'grassroots_cell',
]);

/** No server to ask: unreachable, or logged in offline. */
const isOffline = (err: unknown) =>
  (err instanceof ApiClientError && err.code === CLIENT_ERROR.unreachable) ||
  (err instanceof DesktopFailure && err.error.code === 'offline_session');

/** Handlers of the party-fee calls. */
export function feeHandlers(ctx: ServiceContext): HandlersFor<keyof typeof feeCalls> {
  const api = feeApi(ctx);
  const cache = feeCacheRepo(ctx.handle);
  const outbox = feeApprovalOutbox(ctx.handle);

  const user = (): SessionUser =>
    ctx.currentUser() ?? fail('not_logged_in', 'not logged in', 'Bạn chưa đăng nhập.');

  /** Paths of the orgs where the user holds one of `roles`. */
  function grantPaths(roles: readonly string[]): string[] {
    return user()
      .roles.filter((g) => roles.includes(g.role))
      .map((g) => cache.pathOf(g.orgId))
      .filter((p): p is string => p !== null);
  }
  const covers = (paths: readonly string[], path: string) => paths.some((p) => path.startsWith(p));

  /** The server's answer, kept for offline use; offline, the kept answer of the same query. */
  async function kept<T>(
    key: string,
    schema: z.ZodType<T>,
    fetch: () => Promise<T>,
  ): Promise<{ value: T } & FeeDataSource> {
    const fullKey = `${user().id}|${key}`;
    try {
      ctx.requireServerSession();
      const value = await fetch();
      const fetchedAt = new Date().toISOString();
      cache.saveAnswer(fullKey, value, fetchedAt);
      return { value, source: 'server', fetchedAt };
    } catch (err) {
      if (!isOffline(err)) throw err;
      const saved = cache.readAnswer(fullKey);
      const parsed = saved ? schema.safeParse(saved.payload) : undefined;
      if (!saved || !parsed?.success)
        return fail(
          'offline_not_cached',
          `offline and ${key} was never fetched`,
          'Không kết nối được máy chủ và dữ liệu này chưa từng được tải về máy.',
        );
      return { value: parsed.data, source: 'cache', fetchedAt: saved.fetchedAt };
    }
  }

  /** A call that changes something at the server: offline it fails with `offlineVi`. */
  async function online<T>(offlineVi: string, run: () => Promise<T>): Promise<T> {
    try {
      ctx.requireServerSession();
      return await run();
    } catch (err) {
      if (isOffline(err))
        return fail('offline', 'needs the server, which is unreachable', offlineVi);
      throw err;
    }
  }

  /** Names from the cache for what the server answers with ids. */
  function named(payments: readonly Payment[]): FeePayment[] {
    const members = cache.memberNames(payments.flatMap((p) => p.items.map((i) => i.memberId)));
    const users = cache.userNames(payments.map((p) => p.payerUserId));
    const cells = cache.orgNames(payments.map((p) => p.cellId));
    return payments.map((p) => ({
      ...p,
      cellName: cells.get(p.cellId) ?? p.cellId,
      payerName: users.get(p.payerUserId) ?? null,
      items: p.items.map((i) => ({ ...i, fullName: members.get(i.memberId) ?? i.memberId })),
    }));
  }
  const namedOne = (p: Payment): FeePayment => named([p])[0] as FeePayment;

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

  const noNet = (what: string) => `Cần kết nối mạng để ${what}.`;

  return {
    feeCells() {
      const staff = grantPaths(STAFF_ROLES);
      const approve = grantPaths(APPROVE_ROLES);
      const settle = grantPaths(SETTLE_ROLES);
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

    exportFeeLedger: ({ cellId, year, upTo }) =>
      online(noNet('xuất sổ thu nộp đảng phí'), async () => {
        const { file } = await api.ledger(cellId, { year, upTo, format: 'xlsx' });
        return (
          file ??
          fail(
            'invalid_response',
            'the ledger came without its file',
            'Máy chủ không trả về tệp Excel.',
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

    feeBankAccounts({ onlyFlagged }) {
      const rows: FeeBankAccountRow[] = [];
      const seen = new Set<string>();
      for (const root of grantPaths(ACCOUNT_ROLES)) {
        for (const org of cache.orgsUnder(root)) {
          if (!COLLECTING.has(org.type) || seen.has(org.id)) continue;
          seen.add(org.id);
          const accounts = cache.accountsOf(org.id).map((a) => ({
            id: a.id,
            orgId: a.org_id,
            accountNo: a.account_no,
            holder: a.holder,
            bankName: a.bank_name,
            citadCode: a.citad_code,
            isActive: a.is_active === 1,
          }));
          const orgLevel = orgAccountFlags(accounts);
          const base = { orgId: org.id, orgName: org.name, orgPath: org.path, depth: org.depth };
          if (accounts.length === 0)
            rows.push({
              ...base,
              id: null,
              accountNo: null,
              holder: null,
              bankName: null,
              citadCode: null,
              isActive: false,
              flags: orgLevel,
            });
          for (const a of accounts)
            rows.push({ ...base, ...a, flags: [...orgLevel, ...accountFlags(a)] });
        }
      }
      return { items: onlyFlagged ? rows.filter((r) => r.flags.length > 0) : rows };
    },
  };
}
