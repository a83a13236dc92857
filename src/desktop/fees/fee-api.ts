import axios from 'axios';
import { z } from 'zod';
import { ApiClientError, CLIENT_ERROR } from '../../api/client';
import { ApiError } from '../../api/errors';
import {
  feeAdminRouteSpecs,
  feeDocumentRouteSpecs,
  feeRouteSpecs,
  feeStatementRouteSpecs,
} from '../../api/fees';
import type { RouteSpec } from '../../api/routes';
import type { ServiceContext } from '../service-kit';

type Request = {
  params?: Record<string, string>;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
};

// The typed client (src/api/client.ts) has no generic call for routes with path parameters yet;
// this one speaks the same conventions (schemas both ways, ApiClientError, one refresh on 401).

const failure = (status: number, body: unknown): ApiClientError => {
  const parsed = ApiError.safeParse(body);
  if (parsed.success)
    return new ApiClientError({ status, ...parsed.data, code: parsed.data.error });
  return new ApiClientError({
    status,
    code: CLIENT_ERROR.http,
    message: `server answered HTTP ${status}`,
    messageVi: `Máy chủ báo lỗi (HTTP ${status}).`,
  });
};

const pathOf = (spec: RouteSpec, params: Record<string, string> = {}) =>
  spec.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));

/** The fee routes of the central API, with the session's token; outcomes update `online`. */
export function feeApi(ctx: Pick<ServiceContext, 'serverUrl' | 'session' | 'api' | 'tracked'>) {
  const http = axios.create({
    baseURL: ctx.serverUrl.replace(/\/+$/, ''),
    timeout: 30_000,
    validateStatus: () => true,
    headers: { Accept: 'application/json' },
  });

  async function send(spec: RouteSpec, req: Request) {
    const token = ctx.session.current?.accessToken;
    const query = Object.fromEntries(
      Object.entries(req.query ?? {}).filter(([, v]) => v !== undefined),
    );
    try {
      return await http.request({
        method: spec.method,
        url: pathOf(spec, req.params),
        params: query,
        // A POST without a body still says JSON (an empty object): the server takes no other type.
        data: req.body ?? (spec.method === 'POST' ? {} : undefined),
        headers: token ? { Authorization: `Bearer ${token}` } : {},
      });
    } catch (err) {
      throw new ApiClientError({
        status: 0,
        code: CLIENT_ERROR.unreachable,
        message: `server unreachable: ${err instanceof Error ? err.message : String(err)}`,
        messageVi: 'Không kết nối được máy chủ.',
      });
    }
  }

  async function call<S extends RouteSpec>(spec: S, req: Request = {}) {
    let res = await send(spec, req);
    if (res.status === 401 && (await ctx.session.refresh(ctx.api))) res = await send(spec, req);
    if (res.status !== spec.status) throw failure(res.status, res.data);
    const parsed = spec.response.safeParse(res.data);
    if (!parsed.success)
      throw new ApiClientError({
        status: res.status,
        code: CLIENT_ERROR.invalidResponse,
        message: `invalid answer from ${spec.path}: ${z.prettifyError(parsed.error)}`,
        messageVi: 'Máy chủ trả lời không đúng định dạng.',
      });
    return parsed.data as z.output<S['response']>;
  }

  const tracked = <S extends RouteSpec>(spec: S, req?: Request) => ctx.tracked(call(spec, req));
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
