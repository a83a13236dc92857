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

/** Links the app may hand to the system browser: http(s) only, never file:, javascript:, smb: … */
export function isExternalWebUrl(url: string): boolean {
  const u = parse(url);
  return u !== undefined && (u.protocol === 'https:' || u.protocol === 'http:') && u.host !== '';
}
