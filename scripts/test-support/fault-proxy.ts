import { request as httpRequest, createServer, type IncomingMessage } from 'node:http';

/**
 * Test double of a bad network between the app and the server (no user meets it): an HTTP proxy
 * on loopback that passes every request through, except that the next requests matching
 * `faultPath` meet the faults queued with `inject`, in order:
 * - `drop-answer`: the request reaches the server, which applies it; the connection is then cut
 *   before the answer gets back (the server "killed" mid-request, as the client sees it);
 * - `answer-500`: an HTTP 500 without forwarding anything;
 * - `hold-answer`: the request reaches the server; its answer is held until the client goes away
 *   (its own timeout, or its process killed), then dropped.
 */
export type Fault = 'drop-answer' | 'answer-500' | 'hold-answer';

export interface FaultProxy {
  url: string;
  /** Queues a fault; resolves when the server has answered the faulty request (never for 500). */
  inject(fault: Fault): { upstreamAnswered: Promise<void>; clientGone: Promise<void> };
  /** Requests that matched `faultPath`, faulty or not. */
  readonly matched: number;
  close(): Promise<void>;
}

interface Pending {
  fault: Fault;
  answered: () => void;
  gone: () => void;
}

export async function startFaultProxy(upstream: string, faultPath: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  const queue: Pending[] = [];
  let matched = 0;

  /** Forwards the request; resolves with the server's whole answer. */
  const forward = (req: IncomingMessage) =>
    new Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }>(
      (resolve, reject) => {
        const out = httpRequest(
          {
            host: target.hostname,
            port: target.port,
            method: req.method,
            path: req.url,
            headers: { ...req.headers, host: target.host },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            const status = res.statusCode ?? 502;
            res.on('end', () =>
              resolve({ status, headers: res.headers, body: Buffer.concat(chunks) }),
            );
            res.on('error', reject);
          },
        );
        out.on('error', reject);
        req.pipe(out);
      },
    );

  const server = createServer((req, res) => {
    const isTarget = req.url?.split('?')[0] === faultPath;
    if (isTarget) matched += 1;
    const pending = isTarget ? queue.shift() : undefined;
    res.on('close', () => pending?.gone());
    if (pending?.fault === 'answer-500') {
      req.resume();
      res.writeHead(500, { 'content-type': 'application/json' });
      const failure = { error: 'internal', message: 'injected failure', messageVi: 'Lỗi máy chủ.' };
      res.end(JSON.stringify(failure));
      return;
    }
    forward(req).then(
      (answer) => {
        pending?.answered();
        if (!pending) {
          res.writeHead(answer.status, answer.headers);
          res.end(answer.body);
          return;
        }
        // Cut now, or leave the client waiting until it gives up: either way no answer.
        if (pending.fault === 'drop-answer') res.socket?.destroy();
      },
      () => res.socket?.destroy(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    inject(fault) {
      let answered!: () => void;
      let gone!: () => void;
      const upstreamAnswered = new Promise<void>((r) => (answered = r));
      const clientGone = new Promise<void>((r) => (gone = r));
      queue.push({ fault, answered, gone });
      return { upstreamAnswered, clientGone };
    },
    get matched() {
      return matched;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
