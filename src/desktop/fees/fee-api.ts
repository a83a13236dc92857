import type { z } from 'zod';
import type { RouteRequest } from '../../api/client';
import { feeRouteSpecs } from '../../api/fees';
import type { RouteSpec } from '../../api/routes';
import type { ServiceContext } from '../service-context';

/** The fee routes of the central API, with the session's token; outcomes update `online`. */
export function feeApi(ctx: Pick<ServiceContext, 'api' | 'tracked'>) {
  const tracked = <S extends RouteSpec>(spec: S, req?: RouteRequest) =>
    ctx.tracked(ctx.api.request(spec, req));
  const s = feeRouteSpecs;
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
    memberDue: (memberId: string, month: string) =>
      tracked(s.memberDue, { params: { memberId }, query: { month } }),
    transactions: (query: Query<typeof s.transactions>) => tracked(s.transactions, { query }),
    queryPayment: (id: string) => tracked(s.queryPayment, { params: { id } }),
    settlePayment: (id: string, body: Body<typeof s.settlePayment>) =>
      tracked(s.settlePayment, { params: { id }, body }),
    receipt: (id: string) => tracked(s.receipt, { params: { id } }),
    ledger: (cellId: string, query: Query<typeof s.ledger>) =>
      tracked(s.ledger, { params: { cellId }, query }),
    orgReport: (orgId: string, query: { year: number; format: 'json' | 'xlsx' | 'pdf' }) =>
      tracked(s.orgReport, { params: { orgId }, query }),
    vietQr: (cellId: string, month: string, memberIds?: readonly string[]) =>
      tracked(s.vietqr, {
        params: { cellId },
        query: { month, ...(memberIds ? { memberIds: memberIds.join(',') } : {}) },
      }),
    rules: () => tracked(s.rules),
    appendRule: (body: Body<typeof s.appendRule>) => tracked(s.appendRule, { body }),
    importStatement: (orgId: string, body: Body<typeof s.importStatement>) =>
      tracked(s.importStatement, { params: { orgId }, body }),
    statementLines: (orgId: string, status: 'unmatched' | 'matched') =>
      tracked(s.statementLines, { params: { orgId }, query: { status, limit: 1000 } }),
    matchStatementLine: (lineId: string, body: Body<typeof s.matchStatementLine>) =>
      tracked(s.matchStatementLine, { params: { lineId }, body }),
    subordinateBankAccounts: (orgId: string) =>
      tracked(s.subordinateBankAccounts, { params: { orgId } }),
    putBankAccount: (orgId: string, accountId: string, body: Body<typeof s.putBankAccount>) =>
      tracked(s.putBankAccount, { params: { id: orgId, accountId }, body }),
  };
}
export type FeeApi = ReturnType<typeof feeApi>;
