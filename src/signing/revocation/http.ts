/**
 * The one place revocation data is fetched over the network: plain HTTP(S) GET/POST with a hard
 * timeout and a size cap, so an unreachable or hostile responder costs at most `timeoutMs`.
 */
export const DEFAULT_TIMEOUT_MS = 5_000;
/** Large national CRLs run to a few MB; anything past this is refused. */
const MAX_RESPONSE_BYTES = 20 * 1024 * 1024;

export class RevocationFetchError extends Error {
  override readonly name = 'RevocationFetchError';
}

export interface FetchOptions {
  timeoutMs?: number;
  body?: Buffer;
  contentType?: string;
  accept: string;
}

const failure = (err: Error, timeoutMs: number) =>
  err.name === 'TimeoutError' ? `no answer in ${timeoutMs} ms` : err.message;

export async function fetchBytes(url: string, options: FetchOptions): Promise<Buffer> {
  if (!/^https?:\/\//i.test(url)) throw new RevocationFetchError(`unsupported URL ${url}`);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.body ? 'POST' : 'GET',
      headers: {
        accept: options.accept,
        ...(options.contentType ? { 'content-type': options.contentType } : {}),
      },
      ...(options.body ? { body: new Uint8Array(options.body) } : {}),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new RevocationFetchError(`${url}: ${failure(err as Error, timeoutMs)}`);
  }
  if (!response.ok) throw new RevocationFetchError(`${url}: HTTP ${response.status}`);
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_RESPONSE_BYTES) throw new RevocationFetchError(`${url}: response too large`);
  const body = Buffer.from(await response.arrayBuffer());
  if (body.length > MAX_RESPONSE_BYTES)
    throw new RevocationFetchError(`${url}: response too large`);
  return body;
}
