import axios, { type AxiosInstance, type AxiosRequestConfig } from 'axios';
import { z } from 'zod';
import {
  accountRoutes,
  type CellSearchResponse,
  type RegistrationLookupRequest,
  type RegistrationLookupResponse,
  type RegistrationReceipt,
  type RegistrationRequest,
} from './accounts';
import type { LoginRequest, Session } from './auth';
import { blobRoutes, type BlobInfo } from './blobs';
import { ApiError } from './errors';
import { pushRoutes, type PushRequest, type PushResponse } from './push';
import { apiRoutes, type HealthResponse, type RouteSpec } from './routes';
import type { PullQuery, PullResponse } from './sync';

/** Codes the client itself gives to failures that carry no server error body. */
export const CLIENT_ERROR = {
  unreachable: 'unreachable',
  invalidResponse: 'invalid_response',
  invalidRequest: 'invalid_request',
  http: 'http_error',
} as const;

/** Every failure of an API call: a server ApiError body, a network failure or a bad answer. */
export class ApiClientError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageVi: string;
  readonly field: string | undefined;
  /** Why an unreachable server was unreachable: the network error's code (ECONNREFUSED, …). */
  readonly networkCode: string | undefined;
  /** The server's whole error body, for answers that carry more than ApiError (a 409's holder). */
  readonly body: unknown;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    messageVi: string;
    field?: string | undefined;
    networkCode?: string | undefined;
    body?: unknown;
  }) {
    super(init.message);
    this.name = 'ApiClientError';
    this.status = init.status;
    this.code = init.code;
    this.messageVi = init.messageVi;
    this.field = init.field;
    this.networkCode = init.networkCode;
    this.body = init.body;
  }
}

export interface ApiClientOptions {
  /** e.g. http://127.0.0.1:8080 (no trailing /v1). */
  baseUrl: string;
  /** The current access token, or undefined when logged out. */
  getAccessToken: () => string | undefined;
  /**
   * Called once when an authenticated call answers 401 (expired access token). Resolve true after
   * getting a new access token, and the call is retried once with it.
   */
  onUnauthorized?: () => Promise<boolean>;
  timeoutMs?: number;
  /** Blob downloads go in ranges of this size, each retried from where it broke (default 4 MB). */
  blobChunkBytes?: number;
}

const BLOB_CHUNK_BYTES = 4 * 1024 * 1024;
/** Broken connections tolerated in a row while downloading one blob. */
const BLOB_RETRIES = 3;

/** `bytes 0-99/1000` → its parts. */
function contentRangeOf(value: unknown): { start: number; end: number; size: number } | null {
  const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(value ?? ''));
  return m ? { start: Number(m[1]), end: Number(m[2]), size: Number(m[3]) } : null;
}

export interface ApiClient {
  readonly baseUrl: string;
  login(req: LoginRequest): Promise<Session>;
  refresh(refreshToken: string): Promise<Session>;
  /** Revokes the refresh token on the server. */
  logout(refreshToken: string): Promise<void>;
  /** A short `timeoutMs` suits a heartbeat: a server that does not answer quickly counts as gone. */
  health(options?: { timeoutMs?: number }): Promise<HealthResponse>;
  pull(query: PullQuery): Promise<PullResponse>;
  /** Sends outbox entries; each is applied at most once, whatever the retries. */
  push(req: PushRequest): Promise<PushResponse>;
  /** Uploads bytes under their SHA-256 (idempotent: the same bytes again change nothing). */
  putBlob(sha256: string, bytes: Uint8Array): Promise<BlobInfo>;
  /** Downloads the bytes of a blob the caller may see, with the type the server sniffed. */
  getBlob(sha256: string): Promise<DownloadedBlob>;
  /** Before registering (no session): the member database's record to prefill the form. */
  registrationLookup(req: RegistrationLookupRequest): Promise<RegistrationLookupResponse>;
  /** Before registering (no session): cells by name. */
  registrationCells(query: { q: string; limit?: number }): Promise<CellSearchResponse>;
  /** Registers a member account; a number another account holds answers 409 with its holder. */
  register(req: RegistrationRequest): Promise<RegistrationReceipt>;
  /**
   * Any route of the route table, for the route groups that have no method here (fees): its
   * `:params` filled in, the request checked before sending and the answer after.
   */
  request<S extends RouteSpec>(spec: S, req?: RouteRequest): Promise<z.output<S['response']>>;
}

/** What a call of `ApiClient.request` sends; undefined query values are left out. */
export interface RouteRequest {
  params?: Record<string, string>;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
}

export interface DownloadedBlob {
  contentType: string;
  bytes: Buffer;
}

const unreachable = (message: string, networkCode?: string) =>
  new ApiClientError({
    status: 0,
    code: CLIENT_ERROR.unreachable,
    networkCode,
    message: `server unreachable: ${message}`,
    messageVi: 'Không kết nối được máy chủ.',
  });

function errorFromAnswer(status: number, body: unknown): ApiClientError {
  const parsed = ApiError.safeParse(body);
  if (parsed.success)
    return new ApiClientError({ status, ...parsed.data, code: parsed.data.error, body });
  return new ApiClientError({
    status,
    code: CLIENT_ERROR.http,
    message: `server answered HTTP ${status}`,
    messageVi: `Máy chủ báo lỗi (HTTP ${status}).`,
  });
}

/** The request fails the route's own schema: it is not sent. */
function checkRequest(spec: RouteSpec, schema: z.ZodType, value: unknown): unknown {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join('.');
  throw new ApiClientError({
    status: 0,
    code: CLIENT_ERROR.invalidRequest,
    message: `invalid request to ${spec.path}: ${z.prettifyError(parsed.error)}`,
    messageVi: 'Dữ liệu gửi lên không hợp lệ.',
    field: field || undefined,
  });
}

type Request = {
  query?: Record<string, string | number>;
  body?: unknown;
  /** The path with its `:params` filled in; the spec's path otherwise. */
  url?: string;
  headers?: Record<string, string>;
  /** Blob downloads answer bytes, not JSON. */
  binary?: boolean;
  /** Overrides the client's timeout for this request. */
  timeoutMs?: number;
};

type Answer = { status: number; data: unknown; headers: Record<string, unknown> };

/** Fills a route's `:name` parameters (values are checked by the caller). */
const pathOf = (spec: RouteSpec, params: Record<string, string>) =>
  spec.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));

/** An error answer to a binary request arrives as bytes: read it as the JSON it is. */
function jsonOfBytes(data: unknown): unknown {
  if (!(data instanceof ArrayBuffer) && !Buffer.isBuffer(data)) return data;
  try {
    return JSON.parse(Buffer.from(data as ArrayBuffer).toString('utf8'));
  } catch {
    return null;
  }
}

/** Typed axios client of the central API; every answer is checked against its zod schema. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const http: AxiosInstance = axios.create({
    baseURL: baseUrl,
    timeout: options.timeoutMs ?? 30_000,
    // Statuses are interpreted below, so that every failure becomes one ApiClientError.
    validateStatus: () => true,
    headers: { Accept: 'application/json' },
  });

  async function send(spec: RouteSpec, req: Request): Promise<Answer> {
    const config: AxiosRequestConfig = {
      method: spec.method,
      url: req.url ?? spec.path,
      params: req.query,
      data: req.body,
      headers: { ...req.headers },
      ...(req.binary ? { responseType: 'arraybuffer' } : {}),
      ...(req.timeoutMs !== undefined ? { timeout: req.timeoutMs } : {}),
    };
    if (spec.auth) {
      const token = options.getAccessToken();
      if (token) config.headers = { ...config.headers, Authorization: `Bearer ${token}` };
    }
    try {
      const res = await http.request(config);
      // A 204 has no body; the route table says z.null() for it.
      return {
        status: res.status,
        data: res.status === 204 ? null : res.data,
        headers: res.headers as Record<string, unknown>,
      };
    } catch (err) {
      // No HTTP answer at all: refused, reset, DNS, timeout.
      const networkCode = axios.isAxiosError(err) ? err.code : undefined;
      throw unreachable(err instanceof Error ? err.message : String(err), networkCode);
    }
  }

  /** Sends once, and once more after a refreshed token when the first answer is 401. */
  async function sendAuthed(spec: RouteSpec, req: Request) {
    const res = await send(spec, req);
    if (res.status === 401 && spec.auth && options.onUnauthorized) {
      if (await options.onUnauthorized()) return send(spec, req);
    }
    return res;
  }

  /** A status other than the route's success status becomes an ApiClientError. */
  function expectStatus(spec: RouteSpec, res: Answer): void {
    if (res.status !== spec.status) {
      if (res.status >= 200 && res.status < 300) {
        throw new ApiClientError({
          status: res.status,
          code: CLIENT_ERROR.invalidResponse,
          message: `${spec.path} answered ${res.status}, expected ${spec.status}`,
          messageVi: 'Máy chủ trả lời không đúng định dạng.',
        });
      }
      throw errorFromAnswer(res.status, jsonOfBytes(res.data));
    }
  }

  /** One call of the route table: the request is checked before sending, the answer after. */
  async function call<S extends RouteSpec>(
    spec: S,
    req: Request = {},
  ): Promise<z.output<S['response']>> {
    if (spec.body) req = { ...req, body: checkRequest(spec, spec.body, req.body) };
    if (spec.querystring) checkRequest(spec, spec.querystring, req.query ?? {});
    if (spec.params && req.url === undefined) throw new Error(`${spec.path} needs its params`);
    const res = await sendAuthed(spec, req);
    expectStatus(spec, res);
    const parsed = spec.response.safeParse(res.data);
    if (!parsed.success) {
      throw new ApiClientError({
        status: res.status,
        code: CLIENT_ERROR.invalidResponse,
        message: `invalid answer from ${spec.path}: ${z.prettifyError(parsed.error)}`,
        messageVi: 'Máy chủ trả lời không đúng định dạng.',
      });
    }
    return parsed.data as z.output<S['response']>;
  }

  return {
    baseUrl,
    login: (req) => call(apiRoutes.login, { body: req }),
    refresh: (refreshToken) => call(apiRoutes.refresh, { body: { refreshToken } }),
    logout: async (refreshToken) => {
      await call(apiRoutes.logout, { body: { refreshToken } });
    },
    health: (options) => call(apiRoutes.health, { timeoutMs: options?.timeoutMs }),
    pull: (query) => {
      const query_: Record<string, string | number> = { limit: query.limit };
      if (query.cursor !== undefined) query_.cursor = query.cursor;
      return call(apiRoutes.pull, { query: query_ });
    },
    push: (req) => call(pushRoutes.push, { body: req }),
    putBlob: (sha256, bytes) => {
      const params = checkRequest(blobRoutes.putBlob, blobRoutes.putBlob.params, { sha256 });
      return call(blobRoutes.putBlob, {
        url: pathOf(blobRoutes.putBlob, params as Record<string, string>),
        body: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        headers: { 'Content-Type': 'application/octet-stream' },
      });
    },
    getBlob: async (sha256) => {
      const spec = blobRoutes.getBlob;
      const params = checkRequest(spec, spec.params, { sha256 });
      const url = pathOf(spec, params as Record<string, string>);
      const chunk = options.blobChunkBytes ?? BLOB_CHUNK_BYTES;
      // Range by range: a connection lost mid-file costs one range, not the whole download.
      const parts: Buffer[] = [];
      let received = 0;
      let size: number | undefined;
      let contentType = 'application/octet-stream';
      let broken = 0;
      while (size === undefined || received < size) {
        let res: Answer;
        try {
          res = await sendAuthed(spec, {
            url,
            binary: true,
            headers: { Range: `bytes=${received}-${received + chunk - 1}` },
          });
        } catch (err) {
          const lost = err instanceof ApiClientError && err.code === CLIENT_ERROR.unreachable;
          if (lost && ++broken <= BLOB_RETRIES) continue;
          throw err;
        }
        contentType = String(res.headers['content-type'] ?? contentType);
        // A server that ignores ranges sends the whole file.
        if (res.status === 200) return { contentType, bytes: Buffer.from(res.data as ArrayBuffer) };
        if (res.status !== 206) expectStatus(spec, res);
        const range = contentRangeOf(res.headers['content-range']);
        const data = Buffer.from(res.data as ArrayBuffer);
        if (!range || range.start !== received || data.length !== range.end - range.start + 1)
          throw new ApiClientError({
            status: res.status,
            code: CLIENT_ERROR.invalidResponse,
            message: `${spec.path} answered range ${String(res.headers['content-range'])} for bytes=${received}-`,
            messageVi: 'Máy chủ trả lời không đúng định dạng.',
          });
        parts.push(data);
        received = range.end + 1;
        size = range.size;
        broken = 0;
      }
      return { contentType, bytes: Buffer.concat(parts) };
    },
    registrationLookup: (req) => call(accountRoutes.registrationLookup, { body: req }),
    registrationCells: (query) =>
      call(accountRoutes.registrationCells, {
        query: query.limit === undefined ? { q: query.q } : { q: query.q, limit: query.limit },
      }),
    register: (req) => call(accountRoutes.register, { body: req }),
    request: (spec, req = {}) => {
      const params = spec.params ? checkRequest(spec, spec.params, req.params ?? {}) : {};
      const query: Record<string, string | number> = {};
      for (const [key, value] of Object.entries(req.query ?? {}))
        if (value !== undefined) query[key] = value;
      return call(spec, {
        url: pathOf(spec, params as Record<string, string>),
        query,
        // A POST without a body still says JSON (an empty object): the server takes no other type.
        body: req.body ?? (spec.method === 'POST' ? {} : undefined),
      });
    },
  };
}
