import { APP_HOST, APP_SCHEME } from './ipc-channels';

const parse = (url: string): URL | undefined => {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
};

/**
 * Whether a URL is our renderer's (app://renderer/…). IPC from any other frame (a navigated-away
 * window, an injected iframe) is refused, as Electron's security checklist asks.
 */
export function isRendererUrl(url: string): boolean {
  const u = parse(url);
  return u !== undefined && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
}

/** The browser host's own origin: plain http on 127.0.0.1 with a port, nothing else. */
export function isLoopbackHostOrigin(origin: string): boolean {
  const u = parse(origin);
  if (u === undefined || u.origin !== origin) return false;
  return u.protocol === 'http:' && u.hostname === '127.0.0.1' && u.port !== '';
}

/** Links the app may hand to the system browser: http(s) only, never file:, javascript:, smb: … */
export function isExternalWebUrl(url: string): boolean {
  const u = parse(url);
  return u !== undefined && (u.protocol === 'https:' || u.protocol === 'http:') && u.host !== '';
}

/** Sites the Party's procedures send users to (the national portal, VNeID, the payment gateway). */
export const TRUSTED_EXTERNAL_HOSTS = ['dichvucong.dcs.vn', 'vneid.gov.vn'];

/**
 * The trusted list plus the configured OpenID provider's host (https only), so its sign-in page
 * opens in the system browser without a question (docs/decisions/0020).
 */
export function trustedHostsWithIssuer(issuer: string | undefined): readonly string[] {
  const u = issuer === undefined ? undefined : parse(issuer);
  if (u?.protocol !== 'https:') return TRUSTED_EXTERNAL_HOSTS;
  return [...TRUSTED_EXTERNAL_HOSTS, u.hostname];
}

/**
 * What to do with a link leaving the app: https to a trusted host (or one of its subdomains)
 * opens in the system browser; any other web link only after the user confirms; anything else
 * (file:, smb:, javascript:, custom schemes) never.
 */
export function externalLinkAction(
  url: string,
  trustedHosts: readonly string[] = TRUSTED_EXTERNAL_HOSTS,
): 'open' | 'confirm' | 'deny' {
  if (!isExternalWebUrl(url)) return 'deny';
  const { protocol, hostname } = new URL(url);
  const trusted = trustedHosts.some((h) => hostname === h || hostname.endsWith(`.${h}`));
  return protocol === 'https:' && trusted ? 'open' : 'confirm';
}
