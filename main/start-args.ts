import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { OidcClientConfig } from '../src/desktop/oidc-login';

export const START_USAGE = `usage: npm start -- [--no-open] [--server URL | --demo] [--data-dir DIR] [--port N] [--browser]
  --no-open       print the app's URL, open no browser
  --server URL    the central server: https://…, or http:// on this machine (127.0.0.1, localhost)
  --demo          without --server: the demo server, in-process, on SQLite (npm start passes it)
  --data-dir DIR  where the cache and the demo database live (default ~/.dangvu-desktop)
  --port N        port of the browser host (default: any free port)
  --browser       the browser host even when Electron is installed
  --oidc-issuer URL     the OpenID provider to offer sign-in with (VNeID); with --demo, the demo
                        server accepts its ID tokens too
  --oidc-client-id ID   this app's client id there (default dangvu-desktop)
  --oidc-scope SCOPES   the scopes to ask for (default "openid")`;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const isLoopback = (url: string): boolean => {
  try {
    return LOOPBACK_HOSTS.has(new URL(url).hostname);
  } catch {
    return false;
  }
};

/**
 * A central server URL the app may send passwords, PINs' results and signed documents to: https,
 * or plain http only to this machine (development, tests, the demo).
 */
export const CentralServerUrl = z
  .url({ protocol: /^https?$/, error: 'must be an https:// URL' })
  .refine((url) => url.startsWith('https:') || isLoopback(url), {
    error: 'must be an https:// URL (http:// only for 127.0.0.1 or localhost)',
  })
  .transform((url) => url.replace(/\/+$/, ''));
const Port = z.coerce.number({ error: 'must be a number from 0 to 65535' }).int().min(0).max(65535);

export const StartOptions = z.object({
  open: z.boolean(),
  serverUrl: CentralServerUrl.optional(),
  /** The in-process demo server, when no central server is given. */
  demo: z.boolean(),
  dataDir: z.string().min(1),
  port: Port.optional(),
  forceBrowser: z.boolean(),
  help: z.boolean(),
  /** Sign-in with an OpenID provider (docs/decisions/0020). */
  oidc: OidcClientConfig.optional(),
});
export type StartOptions = z.infer<typeof StartOptions>;

// Lenient parsing types every value as string | boolean.
const stringOr = (value: unknown, fallback: string): string =>
  typeof value === 'string' ? value : fallback;

export const defaultDataDir = (): string => join(homedir(), '.dangvu-desktop');

/**
 * Parses `npm start -- …`; throws an Error with a message for the person at the terminal.
 * `lenient` ignores what is not ours (Electron and Chromium add their own switches).
 */
export function parseStartArgs(
  argv: readonly string[],
  { lenient = false }: { lenient?: boolean } = {},
): StartOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'no-open': { type: 'boolean' },
      server: { type: 'string' },
      demo: { type: 'boolean' },
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      browser: { type: 'boolean' },
      'oidc-issuer': { type: 'string' },
      'oidc-client-id': { type: 'string' },
      'oidc-scope': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: !lenient,
    allowPositionals: lenient,
  });
  const parsed = StartOptions.safeParse({
    open: !values['no-open'],
    serverUrl: values.server,
    demo: values.demo === true && values.server === undefined,
    dataDir: resolve(stringOr(values['data-dir'], defaultDataDir())),
    port: values.port,
    forceBrowser: values.browser === true,
    help: values.help === true,
    oidc:
      typeof values['oidc-issuer'] === 'string'
        ? {
            issuer: values['oidc-issuer'],
            clientId: stringOr(values['oidc-client-id'], 'dangvu-desktop'),
            scope: stringOr(values['oidc-scope'], 'openid'),
          }
        : undefined,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const flag = { serverUrl: '--server', port: '--port', dataDir: '--data-dir', oidc: '--oidc-*' }[
      String(issue?.path[0]) as 'serverUrl' | 'port' | 'dataDir' | 'oidc'
    ];
    throw new Error(`${flag ?? 'argument'} ${issue?.message ?? 'is invalid'}`);
  }
  if (!parsed.data.help && !parsed.data.serverUrl && !parsed.data.demo)
    throw new Error('no central server: give --server https://… (or --demo for the demo server)');
  return parsed.data;
}

/**
 * The options of a command line, for an entry's main: bad arguments print the usage and exit 2;
 * --help prints it and answers null (nothing to start).
 */
export function startOptionsOrExit(argv: readonly string[]): StartOptions | null {
  let options: StartOptions;
  try {
    options = parseStartArgs(argv);
  } catch (err) {
    console.error(`error: ${(err as Error).message}\n${START_USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    process.stdout.write(`${START_USAGE}\n`);
    return null;
  }
  return options;
}
