/**
 * The sandbox payment gateway (server/payments/protocol.ts) for tests and the demo: an HTTP server
 * on loopback. Each payment completes by itself according to the current mode:
 *   success    the payer pays; the callback says success
 *   failure    the payment fails; the callback says failed
 *   late       no answer for `lateMs`; then success (status query says pending until then)
 *   duplicate  success, and the callback is sent three times (two at once, one later)
 *   forged     success, but the callback is signed with a wrong key (the query tells the truth)
 *   lost       success, but the callback never comes (only the status query finds out)
 * Control: POST /control/mode {mode, lateMs?}; GET /control/callbacks lists what the server
 * answered to each callback. The demo runs it in its own process (no child: the packaged app
 * cannot run itself as Node); `npm run sandbox-gateway` runs it alone.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { z } from 'zod';
import {
  CreatePaymentRequest,
  QueryRequest,
  signed,
  verifySignature,
} from '../../server/payments/protocol';

const Mode = z.enum(['success', 'failure', 'late', 'duplicate', 'forged', 'lost']);
type Mode = z.infer<typeof Mode>;
const ModeRequest = z.object({
  mode: Mode,
  lateMs: z.number().int().min(0).max(600_000).optional(),
});

interface SandboxPayment {
  reference: string;
  amount: number;
  gatewayTxnId: string;
  callbackUrl: string;
  mode: Mode;
  createdAt: number;
  lateMs: number;
  bankReference: string;
}

const finalStatus = (p: SandboxPayment): 'success' | 'failed' | 'pending' =>
  p.mode === 'failure'
    ? 'failed'
    : p.mode === 'late' && Date.now() - p.createdAt < p.lateMs
      ? 'pending'
      : 'success';

/** The answer code a bank gives: a failed sandbox payment is one without enough balance (51). */
const responseCodeOf = (status: 'success' | 'failed' | 'pending') =>
  status === 'success' ? '00' : status === 'failed' ? '51' : null;

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface SandboxGatewayServer {
  url: string;
  close(): Promise<void>;
}

export function startSandboxGateway(opts: {
  secret: string;
  merchant: string;
  port?: number;
}): Promise<SandboxGatewayServer> {
  const { secret, merchant } = opts;
  let mode: Mode = 'success';
  let lateMs = 1_000;
  const payments = new Map<string, SandboxPayment>();
  const callbackAnswers: { reference: string; status: number; body: unknown }[] = [];

  async function sendCallback(p: SandboxPayment, key: string): Promise<void> {
    const status = finalStatus(p);
    if (status === 'pending') return;
    const body = signed(key, {
      merchantId: merchant,
      reference: p.reference,
      gatewayTxnId: p.gatewayTxnId,
      amount: p.amount,
      status,
      bankReference: p.bankReference,
      responseCode: responseCodeOf(status),
      paidAt: new Date().toISOString(),
    });
    try {
      const res = await fetch(p.callbackUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      callbackAnswers.push({ reference: p.reference, status: res.status, body: await res.json() });
    } catch (err) {
      callbackAnswers.push({ reference: p.reference, status: 0, body: String(err) });
    }
  }

  function complete(p: SandboxPayment): void {
    switch (p.mode) {
      case 'success':
      case 'failure':
        void sendCallback(p, secret);
        break;
      case 'late':
        setTimeout(() => void sendCallback(p, secret), p.lateMs).unref();
        break;
      case 'duplicate':
        void Promise.all([sendCallback(p, secret), sendCallback(p, secret)]).then(() =>
          sendCallback(p, secret),
        );
        break;
      case 'forged':
        void sendCallback(p, `${secret}-forged`);
        break;
      case 'lost':
        break;
    }
  }

  /** The page the payer's browser lands on: what the sandbox did with the payment. */
  function payPage(res: ServerResponse, gatewayTxnId: string): void {
    const p = [...payments.values()].find((x) => x.gatewayTxnId === gatewayTxnId);
    const status = p ? finalStatus(p) : null;
    const text = !p
      ? 'Không tìm thấy giao dịch.'
      : status === 'success'
        ? 'Thanh toán thành công. Bạn có thể đóng cửa sổ này.'
        : status === 'failed'
          ? 'Thanh toán không thành công.'
          : 'Giao dịch đang được xử lý.';
    const amount = p ? `${new Intl.NumberFormat('vi-VN').format(p.amount)} đ` : '';
    res
      .writeHead(p ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' })
      .end(
        `<!doctype html><html lang="vi"><meta charset="utf-8"><title>Cổng thanh toán thử nghiệm</title>` +
          `<body style="font-family:sans-serif;max-width:32rem;margin:3rem auto">` +
          `<h1>Cổng thanh toán thử nghiệm</h1>` +
          (p
            ? `<p>Mã thanh toán: <b>${escapeHtml(p.reference)}</b><br>Số tiền: <b>${amount}</b></p>`
            : '') +
          `<p data-testid="sandbox-result">${text}</p></body></html>`,
      );
  }

  const server = createServer((req, res) => {
    void (async () => {
      try {
        if (req.method === 'GET' && req.url === '/control/callbacks')
          return send(res, 200, callbackAnswers);
        const pay = req.method === 'GET' ? /^\/pay\/([\w-]{1,100})$/.exec(req.url ?? '') : null;
        if (pay) return payPage(res, pay[1]!);
        const body = req.method === 'POST' ? await readJson(req) : null;
        if (req.url === '/control/mode') {
          const m = ModeRequest.parse(body);
          mode = m.mode;
          lateMs = m.lateMs ?? lateMs;
          return send(res, 200, { mode, lateMs });
        }
        if (req.url === '/payments') {
          const p = CreatePaymentRequest.parse(body);
          if (p.merchantId !== merchant || !verifySignature(secret, p))
            return send(res, 401, { error: 'bad signature' });
          const payment: SandboxPayment = {
            reference: p.reference,
            amount: p.amount,
            gatewayTxnId: randomUUID(),
            callbackUrl: p.callbackUrl,
            mode,
            createdAt: Date.now(),
            lateMs,
            bankReference: `FT${Date.now()}${Math.floor(Math.random() * 1000)}`,
          };
          payments.set(p.reference, payment);
          send(
            res,
            200,
            signed(secret, {
              reference: p.reference,
              gatewayTxnId: payment.gatewayTxnId,
              paymentUrl: `http://${req.headers.host ?? 'localhost'}/pay/${payment.gatewayTxnId}`,
            }),
          );
          // The payer "pays" right after the redirect.
          setTimeout(() => complete(payment), 20).unref();
          return;
        }
        if (req.url === '/query') {
          const q = QueryRequest.parse(body);
          if (q.merchantId !== merchant || !verifySignature(secret, q))
            return send(res, 401, { error: 'bad signature' });
          const p = payments.get(q.reference);
          return send(
            res,
            200,
            signed(secret, {
              reference: q.reference,
              status: p ? finalStatus(p) : 'not_found',
              amount: p?.amount ?? null,
              gatewayTxnId: p?.gatewayTxnId ?? null,
              bankReference: p && finalStatus(p) === 'success' ? p.bankReference : null,
              responseCode: p ? responseCodeOf(finalStatus(p)) : null,
            }),
          );
        }
        send(res, 404, { error: 'not found' });
      } catch (err) {
        send(res, 400, { error: String(err) });
      }
    })();
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
