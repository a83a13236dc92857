/**
 * A real OpenID provider for tests (the `oidc-provider` package) on 127.0.0.1 at a random port:
 * one public native client with PKCE required and loopback redirects on any port (RFC 8252 7.3),
 * a second client (a token for someone else), accounts that carry a citizen id claim, and the
 * package's own login and consent pages. `driveProviderLogin` walks those pages with plain HTTP,
 * as a browser would, for tests that run no browser.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';
import Provider from 'oidc-provider';
import { beginOidcLogin, type OidcResult } from '../../src/desktop/oidc-login';

export const TEST_OIDC_CLIENT_ID = 'dangvu-desktop';
/** Another application registered at the same provider: its tokens are not for us. */
export const OTHER_OIDC_CLIENT_ID = 'other-app';
export const CITIZEN_ID_CLAIM = 'citizen_id';

export interface TestOidcAccount {
  /** What is typed into the provider's login form. */
  login: string;
  citizenId: string;
  name?: string;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  /** Adds (or replaces) an account the login form accepts. */
  addAccount(account: TestOidcAccount): void;
  /** A JWT signed with the provider's own key (RS256, its kid): for tokens the flow never makes. */
  signWithProviderKey(claims: JWTPayload): Promise<string>;
  close(): Promise<void>;
}

const nativeClient = (clientId: string) => ({
  client_id: clientId,
  application_type: 'native',
  token_endpoint_auth_method: 'none',
  // The port is ignored for native clients' loopback redirects: any port matches.
  redirect_uris: ['http://127.0.0.1/callback'],
  grant_types: ['authorization_code'],
  response_types: ['code'],
});

export async function startTestOidcProvider(
  accounts: readonly TestOidcAccount[] = [],
): Promise<TestOidcProvider> {
  const byLogin = new Map(accounts.map((a) => [a.login, a]));
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = {
    ...(await exportJWK(privateKey)),
    kid: 'test-rs256',
    alg: 'RS256',
    use: 'sig',
  };

  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [nativeClient(TEST_OIDC_CLIENT_ID), nativeClient(OTHER_OIDC_CLIENT_ID)],
    pkce: { required: () => true },
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    // The citizen id rides in the ID token under the openid scope (conformIdTokenClaims off).
    claims: { openid: ['sub', CITIZEN_ID_CLAIM, 'name'] },
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    // Seconds; set so the provider does not log a notice for each default.
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    findAccount: (_ctx: unknown, id: string) => {
      const account = byLogin.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: () => ({
          sub: id,
          [CITIZEN_ID_CLAIM]: account.citizenId,
          name: account.name ?? id,
        }),
      };
    },
  });
  server.on('request', provider.callback());

  return {
    issuer,
    clientId: TEST_OIDC_CLIENT_ID,
    addAccount: (account) => byLogin.set(account.login, account),
    signWithProviderKey: (claims) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: jwk.kid! }).sign(privateKey),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A tiny cookie jar: the provider's pages keep their interaction in cookies. */
function cookieJar() {
  const cookies = new Map<string, string>();
  return {
    take(res: Response) {
      for (const line of res.headers.getSetCookie()) {
        const [pair = '', ...attributes] = line.split(';');
        const eq = pair.indexOf('=');
        const name = pair.slice(0, eq).trim();
        const expired = attributes.some((a) => /^\s*expires=.*1970/i.test(a));
        if (expired || pair.slice(eq + 1) === '') cookies.delete(name);
        else cookies.set(name, pair.slice(eq + 1));
      }
    },
    header: () => [...cookies].map(([n, v]) => `${n}=${v}`).join('; '),
  };
}

/** The first POST form of a page: its action and its fields (hidden inputs, login, password). */
function formOf(html: string, pageUrl: string, login: string) {
  const form = /<form[^>]*action="([^"]+)"[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) throw new Error(`no form on the provider's page ${pageUrl}: ${html.slice(0, 300)}`);
  const fields = new URLSearchParams();
  for (const input of form[2]!.matchAll(/<input[^>]*>/gi)) {
    const name = /name="([^"]+)"/.exec(input[0])?.[1];
    if (!name) continue;
    const value = /value="([^"]*)"/.exec(input[0])?.[1] ?? '';
    fields.set(name, name === 'login' ? login : name === 'password' ? 'any password' : value);
  }
  return { action: new URL(form[1]!.replace(/&amp;/g, '&'), pageUrl).toString(), fields };
}

/**
 * Follows the authorization URL through the provider's login and consent pages as `login`, and
 * returns the URL the provider finally redirects to outside itself (the app's callback), without
 * requesting it.
 */
export async function driveProviderLogin(authorizationUrl: string, login: string): Promise<string> {
  const jar = cookieJar();
  const providerOrigin = new URL(authorizationUrl).origin;
  let request: { url: string; body?: URLSearchParams } = { url: authorizationUrl };
  for (let step = 0; step < 20; step++) {
    const res = await fetch(request.url, {
      method: request.body ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: jar.header(),
        ...(request.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(request.body ? { body: request.body.toString() } : {}),
    });
    jar.take(res);
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      const next = new URL(location, request.url).toString();
      if (new URL(next).origin !== providerOrigin) return next;
      request = { url: next };
      continue;
    }
    const html = await res.text();
    if (res.status !== 200)
      throw new Error(`provider answered ${res.status}: ${html.slice(0, 300)}`);
    const form = formOf(html, request.url, login);
    request = { url: form.action, body: form.fields };
  }
  throw new Error('the provider never redirected back to the app');
}

/**
 * An ID token made by the real flow, for the server's tests: the desktop's PKCE login, the
 * provider's pages walked as `login`, the callback delivered to the desktop's listener.
 */
export async function idTokenByDesktopFlow(
  provider: TestOidcProvider,
  login: string,
  clientId = TEST_OIDC_CLIENT_ID,
): Promise<OidcResult> {
  let result: OidcResult | undefined;
  const attempt = await beginOidcLogin(
    { issuer: provider.issuer, clientId, scope: 'openid' },
    async (r) => {
      result = r;
    },
  );
  const callback = await driveProviderLogin(attempt.authorizationUrl, login);
  const answer = await fetch(callback);
  if (answer.status !== 200) throw new Error(`the desktop's callback answered ${answer.status}`);
  await attempt.done;
  if (!result) throw new Error('the desktop finished the login without a result');
  return result;
}
