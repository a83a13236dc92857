/** The matrix cases of the fee routes: profiles, approvals, payments, ledgers, statements. */
import { DEFAULT_FEE_RULES } from '../../../src/domain/fees/rules';
import { get, json, pick, type RouteCase } from './model';

const MONTH = '2026-01';
const NO_GATEWAY = 'no payment gateway is configured: 503 once authorized';
const PROFILE = {
  category: 'salaried',
  base: 8_500_000,
  fixedAmount: null,
  voluntaryExtra: 0,
  exemption: null,
};
const SETTLE = { status: 'success', bankReference: 'FT26010599999', note: 'Đối chiếu sao kê' };
const STATEMENT = {
  fileName: 'saoke.csv',
  dataBase64: Buffer.from(
    'Ngày,Số tiền,Nội dung,Số tham chiếu\n05/01/2026,50000,Ung ho,FTMATRIX1\n',
  ).toString('base64'),
};
const CELL2_ACCOUNT = '00000000-0000-4000-8000-000000000921';
const OTHER_ACCOUNT = '00000000-0000-4000-8000-000000000922';
const ACCOUNT = {
  accountNo: '1234567890123',
  holder: 'CHI BO TO DAN PHO SO 2',
  bankName: 'Agribank',
  citadCode: '01204001',
  isActive: true,
};

export const FEE_ROUTE_CASES: Record<string, RouteCase> = {
  'PUT /v1/fees/profiles/:memberId': {
    success: 'ok',
    in: (w, a) => json('PUT', `/v1/fees/profiles/${pick(a, w.ids.cellmate, w.ids.self)}`, PROFILE),
    out: (w, a) =>
      json('PUT', `/v1/fees/profiles/${pick(a, w.ids.outsider, w.ids.cellmate)}`, PROFILE),
  },
  'GET /v1/fees/cells/:cellId/approvals': {
    success: 'ok',
    in: (w) => get(`/v1/fees/cells/${w.ids.cell1}/approvals?month=${MONTH}`),
    out: (w) => get(`/v1/fees/cells/${w.ids.otherCell}/approvals?month=${MONTH}`),
  },
  'POST /v1/fees/cells/:cellId/approvals': {
    success: 'pass',
    why: 'approving again what is approved or paid may be refused (409)',
    in: (w) =>
      json('POST', `/v1/fees/cells/${w.ids.cell1}/approvals`, { month: '2026-03', all: true }),
    out: (w) =>
      json('POST', `/v1/fees/cells/${w.ids.otherCell}/approvals`, { month: '2026-03', all: true }),
  },
  'GET /v1/fees/members/:memberId/due': {
    success: 'ok',
    in: (w, a) => get(`/v1/fees/members/${pick(a, w.ids.cellmate, w.ids.self)}/due?month=${MONTH}`),
    out: (w, a) =>
      get(`/v1/fees/members/${pick(a, w.ids.outsider, w.ids.cellmate)}/due?month=${MONTH}`),
  },
  'POST /v1/fees/payments': {
    success: 'pass',
    why: NO_GATEWAY,
    in: () => json('POST', '/v1/fees/payments', { month: MONTH }),
  },
  'POST /v1/fees/gateway/callback': {
    success: 'pass',
    why: NO_GATEWAY,
    in: () =>
      json('POST', '/v1/fees/gateway/callback', {
        merchantId: 'DANGPHI',
        reference: 'DP2601X',
        gatewayTxnId: 'T1',
        amount: 1000,
        status: 'success',
        bankReference: null,
        paidAt: '2026-01-05T08:00:00Z',
        signature: 'x',
      }),
  },
  'POST /v1/fees/payments/:id/query': {
    success: 'pass',
    why: NO_GATEWAY,
    in: (w, a) =>
      json(
        'POST',
        `/v1/fees/payments/${pick(a, w.ids.cellmatePayment, w.ids.ownPayment)}/query`,
        undefined,
      ),
    out: (w, a) =>
      json(
        'POST',
        `/v1/fees/payments/${pick(a, w.ids.otherPayment, w.ids.cellmatePayment)}/query`,
        undefined,
      ),
  },
  'POST /v1/fees/payments/settle-unknown': {
    success: 'pass',
    why: NO_GATEWAY,
    in: () => json('POST', '/v1/fees/payments/settle-unknown', undefined),
  },
  'GET /v1/fees/transactions': { success: 'ok', in: () => get('/v1/fees/transactions') },
  'POST /v1/fees/payments/:id/settle': {
    success: 'pass',
    why: 'settled by the first officer (200), final for the next (409)',
    in: (w) => json('POST', `/v1/fees/payments/${w.ids.ownUnknownPayment}/settle`, SETTLE),
    out: (w) => json('POST', `/v1/fees/payments/${w.ids.otherUnknownPayment}/settle`, SETTLE),
  },
  'GET /v1/fees/payments/:id/receipt': {
    success: 'ok',
    in: (w, a) =>
      get(`/v1/fees/payments/${pick(a, w.ids.cellmatePayment, w.ids.ownPayment)}/receipt`),
    out: (w, a) =>
      get(`/v1/fees/payments/${pick(a, w.ids.otherPayment, w.ids.cellmatePayment)}/receipt`),
  },
  'GET /v1/fees/cells/:cellId/ledger': {
    success: 'ok',
    in: (w) => get(`/v1/fees/cells/${w.ids.cell1}/ledger?year=2026`),
    out: (w) => get(`/v1/fees/cells/${w.ids.otherCell}/ledger?year=2026`),
  },
  'GET /v1/fees/rules': { success: 'ok', in: () => get('/v1/fees/rules') },
  'POST /v1/fees/rules': {
    success: 'pass',
    why: 'a copy of the first built-in version: refused as taken (409) once authorized',
    in: () => json('POST', '/v1/fees/rules', DEFAULT_FEE_RULES[0]),
  },
  'GET /v1/fees/cells/:cellId/vietqr': {
    success: 'pass',
    why: 'nothing approved to pay (409) once authorized',
    in: (w) => get(`/v1/fees/cells/${w.ids.cell1}/vietqr?month=2026-05`),
    out: (w, a) =>
      get(`/v1/fees/cells/${pick(a, w.ids.otherCell, w.ids.cell2)}/vietqr?month=2026-05`),
  },
  'POST /v1/fees/orgs/:orgId/statements': {
    success: 'pass',
    why: 'a one-line statement: accepted (200) or the org has no account of its own (409)',
    in: (w) => json('POST', `/v1/fees/orgs/${w.ids.ward}/statements`, STATEMENT),
    out: (w) => json('POST', `/v1/fees/orgs/${w.ids.otherWard}/statements`, STATEMENT),
  },
  'GET /v1/fees/orgs/:orgId/report': {
    success: 'ok',
    in: (w) => get(`/v1/fees/orgs/${w.ids.ward}/report?month=${MONTH}`),
    out: (w) => get(`/v1/fees/orgs/${w.ids.otherWard}/report?month=${MONTH}`),
  },
  'POST /v1/fees/orgs/:orgId/approvals': {
    success: 'ok',
    in: (w) =>
      json('POST', `/v1/fees/orgs/${w.ids.ward}/approvals`, { month: '2026-04', all: true }),
    out: (w) =>
      json('POST', `/v1/fees/orgs/${w.ids.otherWard}/approvals`, { month: '2026-04', all: true }),
  },
  'GET /v1/fees/orgs/:orgId/bank-accounts': {
    success: 'ok',
    in: (w) => get(`/v1/fees/orgs/${w.ids.ward}/bank-accounts`),
    out: (w) => get(`/v1/fees/orgs/${w.ids.otherWard}/bank-accounts`),
  },
  'PUT /v1/orgs/:id/bank-accounts/:accountId': {
    success: 'ok',
    in: (w) => json('PUT', `/v1/orgs/${w.ids.cell2}/bank-accounts/${CELL2_ACCOUNT}`, ACCOUNT),
    out: (w) => json('PUT', `/v1/orgs/${w.ids.otherCell}/bank-accounts/${OTHER_ACCOUNT}`, ACCOUNT),
  },
  'GET /v1/fees/orgs/:orgId/statement-lines': {
    success: 'ok',
    in: (w) => get(`/v1/fees/orgs/${w.ids.ward}/statement-lines`),
    out: (w) => get(`/v1/fees/orgs/${w.ids.otherWard}/statement-lines`),
  },
  'POST /v1/fees/statement-lines/:lineId/match': {
    success: 'pass',
    why: 'the payment named is not one the line can prove (409) once authorized',
    in: (w) =>
      json('POST', `/v1/fees/statement-lines/${w.ids.wardLine}/match`, {
        paymentId: w.ids.cellmatePayment,
      }),
    out: (w) =>
      json('POST', `/v1/fees/statement-lines/${w.ids.otherLine}/match`, {
        paymentId: w.ids.otherPayment,
      }),
  },
};
