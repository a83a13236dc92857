import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve, sep } from 'node:path';
import type { DesktopApi } from '../src/desktop/contract';
import { inProcessConnection, type DesktopConnection } from './desktop-connection';
import { createHostSession } from './host-session';
import { staticContentType } from './static-content-types';

/**
 * The browser host (DESIGN.md, Modes): the same DesktopApi as Electron's IPC, served on 127.0.0.1
 * behind a random per-launch secret (main/host-session.ts). The page is opened with a one-time
 * launch code in the URL fragment, which never leaves the browser; the page exchanges it at
 * `POST /api/session` for the secret as an HttpOnly cookie, which every API request then carries.
 */
export interface BrowserHost {
  /** Origin, e.g. http://127.0.0.1:41234 */
  origin: string;
  /** What to open in a browser: the origin with a one-time launch code in the fragment. */
  launchUrl: string;
  /** Another launch URL with a fresh code (the first one is used up once opened). */
  newLaunchUrl(): string;
  /** The secret, for a process we start ourselves (Electron's window in development). */
  token: string;
  close(): Promise<void>;
}

export const MAX_BODY = 1024 * 1024;
/** A body this far over the limit is not worth draining: the connection is cut instead. */
const MAX_DRAIN = 16 * MAX_BODY;
/**
 * The renderer's CSP: only our own origin, no inline scripts, no framing. 'wasm-unsafe-eval'
 * lets pdf.js compile its WebAssembly image decoders (served from 'self'); eval stays refused.
 */
export const RENDERER_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function hostError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  messageVi: string,
) {
  sendJson(res, status, { ok: false, error: { code, message, messageVi } });
}

/** The body, or 'too_large' once it is over MAX_BODY (read to its end, so the 413 arrives). */
function readBody(req: IncomingMessage): Promise<Buffer | 'too_large'> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_DRAIN) {
        req.destroy();
        resolvePromise('too_large');
      } else if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => resolvePromise(size > MAX_BODY ? 'too_large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The `code` of a JSON body `{"code": "…"}`, or undefined. */
function launchCodeIn(body: Buffer): unknown {
  try {
    return (JSON.parse(body.toString('utf8')) as { code?: unknown } | null)?.code;
  } catch {
    return undefined;
  }
}

/** The file under staticDir that a URL path names, or undefined (outside, missing, malformed). */
export function staticFileFor(staticDir: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const root = resolve(staticDir);
  const file = resolve(join(root, decoded));
  if (!file.startsWith(root + sep)) return undefined;
  try {
    return statSync(file).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

export async function startBrowserHost(
  opts: (
    | {
        /** The data layer in its own process (main/runtime-process.ts), as the app runs it. */
        desktop: DesktopConnection;
      }
    | {
        /** The DesktopApi in this process: tests and benchmarks over a prepared cache. */
        api: DesktopApi;
      }
  ) & {
    /** Built renderer (index.html and assets). */
    staticDir: string;
    port?: number;
  },
): Promise<BrowserHost> {
  const desktop = 'desktop' in opts ? opts.desktop : inProcessConnection(opts.api);
  const session = createHostSession();
  let origin = '';

  const authorized = (req: IncomingMessage): boolean => session.authorized(req.headers);
  // Another site in the same browser could reach 127.0.0.1 through DNS rebinding: only our own
  // Host and Origin are served.
  const sameOrigin = (req: IncomingMessage): boolean =>
    `http://${req.headers.host ?? ''}` === origin &&
    (req.headers.origin === undefined || req.headers.origin === origin);

  async function handleCall(req: IncomingMessage, res: ServerResponse, name: string) {
    const body = await readBody(req);
    if (body === 'too_large')
      return hostError(
        res,
        413,
        'payload_too_large',
        'request body over 1 MiB',
        'Dữ liệu gửi lên quá lớn.',
      );
    let input: unknown = {};
    if (body.length > 0) {
      try {
        input = JSON.parse(body.toString('utf8'));
      } catch {
        return hostError(
          res,
          400,
          'invalid_json',
          'request body is not JSON',
          'Dữ liệu không hợp lệ.',
        );
      }
    }
    sendJson(res, 200, await desktop.call(name, input));
  }

  /** The page's one-time launch code → the session cookie. */
  async function handleSession(req: IncomingMessage, res: ServerResponse) {
    const body = await readBody(req);
    const cookie = session.exchange(body === 'too_large' ? undefined : launchCodeIn(body));
    if (!cookie)
      return hostError(
        res,
        401,
        'bad_launch_code',
        'launch code missing, used or expired',
        'Đường dẫn mở ứng dụng đã được dùng hoặc đã hết hạn. Hãy mở lại ứng dụng.',
      );
    res.writeHead(204, { ...SECURITY_HEADERS, 'set-cookie': cookie, 'cache-control': 'no-store' });
    res.end();
  }

  function handleEvents(req: IncomingMessage, res: ServerResponse) {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    const unsubscribe = desktop.subscribe((event) =>
      res.write(`data: ${JSON.stringify(event)}\n\n`),
    );
    const keepAlive = setInterval(() => res.write(': ping\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
    });
  }

  function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string) {
    const file = staticFileFor(opts.staticDir, pathname);
    if (!file) {
      res.writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found');
      return;
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': staticContentType(file),
      'content-security-policy': RENDERER_CSP,
      'x-frame-options': 'DENY',
      // Vite names assets by content hash: they never change under the same name.
      'cache-control': file.includes(`${sep}assets${sep}`)
        ? 'max-age=31536000, immutable'
        : 'no-store',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  }

  function route(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!sameOrigin(req))
      return hostError(
        res,
        403,
        'forbidden_origin',
        'foreign Host or Origin',
        'Truy cập bị từ chối.',
      );
    if (url.pathname === '/api/session' && req.method === 'POST') {
      handleSession(req, res).catch((err: unknown) => {
        console.error('browser host session failed', err);
        if (!res.headersSent)
          hostError(res, 500, 'internal', 'internal error', 'Đã xảy ra lỗi. Vui lòng thử lại.');
      });
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      if (!authorized(req))
        return hostError(
          res,
          401,
          'bad_host_token',
          'missing or wrong host token',
          'Phiên làm việc không hợp lệ. Hãy mở lại ứng dụng.',
        );
      const call = /^\/api\/call\/([A-Za-z0-9_]{1,64})$/.exec(url.pathname);
      if (call && req.method === 'POST') {
        handleCall(req, res, call[1] ?? '').catch((err: unknown) => {
          console.error('browser host call failed', err);
          if (!res.headersSent)
            hostError(res, 500, 'internal', 'internal error', 'Đã xảy ra lỗi. Vui lòng thử lại.');
        });
        return;
      }
      if (url.pathname === '/api/events' && req.method === 'GET') return handleEvents(req, res);
      return hostError(
        res,
        404,
        'unknown_call',
        `no host route ${req.method} ${url.pathname}`,
        'Chức năng không tồn tại.',
      );
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, SECURITY_HEADERS).end();
      return;
    }
    serveStatic(req, res, url.pathname);
  }

  const server = createServer((req, res) => {
    // Whatever a request contains, the host answers it and stays up.
    try {
      route(req, res);
    } catch (err) {
      console.error('browser host request failed', err);
      if (!res.headersSent)
        hostError(res, 500, 'internal', 'internal error', 'Đã xảy ra lỗi. Vui lòng thử lại.');
      else res.destroy();
    }
  });
  server.on('clientError', (_err, socket) => socket.destroy());

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolvePromise());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  const newLaunchUrl = () => `${origin}/#code=${session.issueLaunchCode()}`;
  return {
    origin,
    launchUrl: newLaunchUrl(),
    newLaunchUrl,
    token: session.secret,
    close: () =>
      new Promise((resolvePromise) => {
        server.closeAllConnections();
        server.close(() => resolvePromise());
      }),
  };
}
