import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt } from 'jose';
import { z } from 'zod';
import { DesktopFailure, fail, toDesktopError } from './service-context';

/**
 * Sign-in with an OpenID provider (VNeID in production) as a native app does it (RFC 8252): the
 * authorization code flow with PKCE (S256), `state` and `nonce`, in the system browser, back to
 * a one-shot listener on 127.0.0.1 at a random port. The ID token goes to our central server,
 * which checks it and issues our session (docs/decisions/0020).
 */

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** https, or http to this machine only (development, tests). */
const secureUrl = (value: string) => {
  const u = new URL(value);
  return u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK.has(u.hostname));
};
const ProviderUrl = z.url().refine(secureUrl, { error: 'must be https:// (http:// on loopback)' });

export const OidcClientConfig = z.object({
  issuer: ProviderUrl,
  /** Our public client id at the provider (a native app has no secret). */
  clientId: z.string().min(1).max(200),
  /** Scopes that put the citizen id claim in the ID token; VNeID's are set per deployment. */
  scope: z.string().min(1).max(500).default('openid'),
});
export type OidcClientConfig = z.infer<typeof OidcClientConfig>;

const Discovery = z.object({
  issuer: z.string(),
  authorization_endpoint: ProviderUrl,
  token_endpoint: ProviderUrl,
});
const TokenAnswer = z.object({ id_token: z.string().min(20) });

/** What the central server needs from a finished flow. */
export interface OidcResult {
  idToken: string;
  nonce: string;
}

export interface OidcLoginAttempt {
  /** To open in the system browser. */
  authorizationUrl: string;
  redirectUri: string;
  /** Settles once: the session is made (resolves), or the flow failed (rejects, DesktopFailure). */
  done: Promise<void>;
  /** Stops listening; `done` rejects with `oidc_cancelled`. */
  cancel(): void;
}

export const OIDC_LOGIN_TIMEOUT_MS = 10 * 60_000;

const random = (bytes: number) => randomBytes(bytes).toString('base64url');
const sameSecret = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

const providerFailure = (code: string, message: string) =>
  new DesktopFailure({
    code,
    message,
    messageVi: 'Không đăng nhập được bằng VNeID: hệ thống định danh trả lời không hợp lệ.',
  });

async function discover(config: OidcClientConfig, fetchImpl: typeof fetch) {
  const base = config.issuer.replace(/\/+$/, '');
  let doc;
  try {
    const res = await fetchImpl(`${base}/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(15_000),
    });
    if (!res.ok) throw new Error(`discovery answered ${res.status}`);
    doc = Discovery.parse(await res.json());
  } catch (err) {
    return fail(
      'oidc_unreachable',
      `OpenID provider discovery failed: ${(err as Error).message}`,
      'Không kết nối được với hệ thống định danh (VNeID). Kiểm tra kết nối mạng rồi thử lại.',
    );
  }
  if (doc.issuer !== config.issuer)
    throw providerFailure('oidc_bad_provider', `discovery names issuer ${doc.issuer}`);
  return doc;
}

/** The small page the browser shows at the end: the user goes back to the app. */
function answerPage(res: ServerResponse, status: number, title: string, detail: string): void {
  const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const body = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body style="font-family:sans-serif;text-align:center;margin-top:15vh"><h1>${escape(title)}</h1><p>${escape(detail)}</p></body></html>`;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'referrer-policy': 'no-referrer',
    connection: 'close',
  });
  res.end(body);
}

async function exchangeCode(
  endpoint: string,
  form: Record<string, string>,
  fetchImpl: typeof fetch,
): Promise<string> {
  let res;
  try {
    res = await fetchImpl(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (err) {
    return fail(
      'oidc_unreachable',
      `token endpoint unreachable: ${(err as Error).message}`,
      'Không kết nối được với hệ thống định danh (VNeID). Kiểm tra kết nối mạng rồi thử lại.',
    );
  }
  const answer = TokenAnswer.safeParse(await res.json().catch(() => null));
  if (!res.ok || !answer.success)
    throw providerFailure('oidc_token_failed', `token endpoint answered ${res.status}`);
  return answer.data.id_token;
}

/** The ID token came from the token endpoint over TLS; the server checks its signature. */
function checkIdToken(idToken: string, config: OidcClientConfig, nonce: string): void {
  let claims;
  try {
    claims = decodeJwt(idToken);
  } catch {
    throw providerFailure('oidc_token_failed', 'the ID token is not a JWT');
  }
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (claims.iss !== config.issuer || !audiences.includes(config.clientId))
    throw providerFailure('oidc_token_failed', 'the ID token is for another issuer or client');
  if (typeof claims.nonce !== 'string' || !sameSecret(claims.nonce, nonce))
    throw providerFailure('oidc_token_failed', 'the ID token does not carry our nonce');
}

/**
 * Starts one sign-in: discovery, a fresh PKCE verifier, state and nonce, and the loopback
 * listener. The listener answers exactly one callback carrying our `state` (others get 400 and
 * change nothing), exchanges its code with the verifier, hands the ID token to `complete` (the
 * central server's session), tells the browser how it went, and closes.
 */
export async function beginOidcLogin(
  config: OidcClientConfig,
  complete: (result: OidcResult) => Promise<void>,
  options: { timeoutMs?: number; fetchImpl?: typeof fetch } = {},
): Promise<OidcLoginAttempt> {
  const fetchImpl = options.fetchImpl ?? fetch;
  const provider = await discover(config, fetchImpl);
  const verifier = random(32);
  const state = random(24);
  const nonce = random(24);
  const challenge = createHash('sha256').update(verifier).digest('base64url');

  let settle!: { resolve: () => void; reject: (err: unknown) => void };
  const done = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  // Nobody may be waiting on `done` (the renderer learns through events): no unhandled rejection.
  done.catch(() => undefined);
  let handled = false;

  const server = createServer((req, res) => {
    void onRequest(req, res).catch((err: unknown) => {
      console.error('OIDC callback failed', err);
      if (!res.headersSent) answerPage(res, 500, 'Đăng nhập không thành công', 'Lỗi nội bộ.');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const redirectUri = `http://127.0.0.1:${port}/callback`;

  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    server.close();
    server.closeAllConnections();
  };
  const finish = (err?: unknown) => {
    close();
    if (err === undefined) settle.resolve();
    else settle.reject(err);
  };
  const timer = setTimeout(
    () =>
      finish(
        new DesktopFailure({
          code: 'oidc_timeout',
          message: 'no answer from the browser in time',
          messageVi: 'Đã hết thời gian chờ đăng nhập bằng VNeID. Vui lòng thử lại.',
        }),
      ),
    options.timeoutMs ?? OIDC_LOGIN_TIMEOUT_MS,
  );
  timer.unref();

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', redirectUri);
    if (req.method !== 'GET' || url.pathname !== '/callback') {
      answerPage(res, 404, 'Không tìm thấy', 'Địa chỉ này không thuộc ứng dụng.');
      return;
    }
    const given = url.searchParams.get('state') ?? '';
    if (!sameSecret(given, state)) {
      answerPage(
        res,
        400,
        'Yêu cầu đăng nhập không hợp lệ',
        'Kết quả này không thuộc lần đăng nhập đang chờ. Hãy quay lại ứng dụng và thử lại.',
      );
      return;
    }
    if (handled) {
      answerPage(res, 409, 'Đã xử lý', 'Kết quả đăng nhập này đã được dùng.');
      return;
    }
    handled = true;
    try {
      const providerError = url.searchParams.get('error');
      if (providerError !== null)
        fail(
          providerError === 'access_denied' ? 'oidc_denied' : 'oidc_provider_error',
          `the provider answered ${providerError}`,
          providerError === 'access_denied'
            ? 'Bạn đã từ chối hoặc hủy đăng nhập bằng VNeID.'
            : 'Hệ thống định danh (VNeID) từ chối yêu cầu đăng nhập.',
        );
      const code = url.searchParams.get('code');
      if (!code) throw providerFailure('oidc_provider_error', 'the callback has no code');
      const idToken = await exchangeCode(
        provider.token_endpoint,
        {
          grant_type: 'authorization_code',
          code,
          redirect_uri: redirectUri,
          client_id: config.clientId,
          code_verifier: verifier,
        },
        fetchImpl,
      );
      checkIdToken(idToken, config, nonce);
      await complete({ idToken, nonce });
      answerPage(res, 200, 'Đăng nhập thành công', 'Đăng nhập thành công, hãy quay lại ứng dụng.');
      finish();
    } catch (err) {
      const error = toDesktopError(err);
      answerPage(res, 400, 'Đăng nhập không thành công', error.messageVi);
      finish(err);
    }
  }

  const authorizationUrl = new URL(provider.authorization_endpoint);
  const query = {
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri,
    scope: config.scope,
    state,
    nonce,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    // An office machine's browser may hold someone else's provider session: always ask.
    prompt: 'login',
  };
  for (const [name, value] of Object.entries(query)) authorizationUrl.searchParams.set(name, value);

  return {
    authorizationUrl: authorizationUrl.toString(),
    redirectUri,
    done,
    cancel: () =>
      finish(
        new DesktopFailure({
          code: 'oidc_cancelled',
          message: 'sign-in replaced or cancelled',
          messageVi: 'Lần đăng nhập bằng VNeID này đã bị hủy.',
        }),
      ),
  };
}
