import type { z } from 'zod';
import type { RouteRequest } from '../../api/client';
import {
  feeAdminRouteSpecs,
  feeDocumentRouteSpecs,
  feeRouteSpecs,
  feeStatementRouteSpecs,
} from '../../api/fees';
import type { RouteSpec } from '../../api/routes';
import type { ServiceContext } from '../service-context';

/** The fee routes of the central API, with the session's token; outcomes update `online`. */
export function feeApi(ctx: Pick<ServiceContext, 'api' | 'tracked'>) {
  const tracked = <S extends RouteSpec>(spec: S, req?: RouteRequest) =>
    ctx.tracked(ctx.api.request(spec, req));
  const s = feeRouteSpecs;
  const d = feeDocumentRouteSpecs;
  const a = feeAdminRouteSpecs;
  const st = feeStatementRouteSpecs;
  type Body<S extends RouteSpec> = S['body'] extends z.ZodType ? z.input<S['body']> : never;
  /** Queries as the schema gives them (its coerced fields are numbers), defaults optional. */
  type Query<S extends RouteSpec> = S['querystring'] extends z.ZodType
    ? Partial<z.output<S['querystring']>>
    : never;

  return {
    approvalSheet: (cellId: string, month: string) =>
      tracked(s.approvalSheet, { params: { cellId }, query: { month } }),
    approve: (cellId: string, body: Body<typeof s.approve>) =>
      tracked(s.approve, { params: { cellId }, body }),
    startPayment: (body: Body<typeof s.startPayment>) => tracked(s.startPayment, { body }),
    transactions: (query: Query<typeof s.transactions>) => tracked(s.transactions, { query }),
    queryPayment: (id: string) => tracked(s.queryPayment, { params: { id } }),
    settlePayment: (id: string, body: Body<typeof s.settlePayment>) =>
      tracked(s.settlePayment, { params: { id }, body }),
    receipt: (id: string) => tracked(d.receipt, { params: { id } }),
    ledger: (cellId: string, query: Query<typeof d.ledger>) =>
      tracked(d.ledger, { params: { cellId }, query }),
    orgReport: (orgId: string, query: { year: number; format: 'json' | 'xlsx' | 'pdf' }) =>
      tracked(a.orgReport, { params: { orgId }, query }),
    vietQr: (cellId: string, month: string, memberIds?: readonly string[]) =>
      tracked(a.vietqr, {
        params: { cellId },
        query: { month, ...(memberIds ? { memberIds: memberIds.join(',') } : {}) },
      }),
    rules: () => tracked(a.rules),
    appendRule: (body: Body<typeof a.appendRule>) => tracked(a.appendRule, { body }),
    importStatement: (orgId: string, body: Body<typeof a.importStatement>) =>
      tracked(a.importStatement, { params: { orgId }, body }),
    statementLines: (orgId: string, status: 'unmatched' | 'matched') =>
      tracked(st.statementLines, { params: { orgId }, query: { status, limit: 1000 } }),
    matchStatementLine: (lineId: string, body: Body<typeof st.matchStatementLine>) =>
      tracked(st.matchStatementLine, { params: { lineId }, body }),
    subordinateBankAccounts: (orgId: string) =>
      tracked(a.subordinateBankAccounts, { params: { orgId } }),
    putBankAccount: (orgId: string, accountId: string, body: Body<typeof a.putBankAccount>) =>
      tracked(a.putBankAccount, { params: { id: orgId, accountId }, body }),
  };
}
export type FeeApi = ReturnType<typeof feeApi>;
