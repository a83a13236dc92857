import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';

export const START_USAGE = `usage: npm start -- [--no-open] [--server URL] [--data-dir DIR] [--port N] [--browser]
  --no-open       print the app's URL, open no browser
  --server URL    use this central server (default: the demo server, in-process, on SQLite)
  --data-dir DIR  where the cache and the demo database live (default ~/.dangvu-desktop)
  --port N        port of the browser host (default: any free port)
  --browser       the browser host even when Electron is installed`;

const HttpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
  .transform((url) => url.replace(/\/+$/, ''));
const Port = z.coerce.number({ error: 'must be a number from 0 to 65535' }).int().min(0).max(65535);

export const StartOptions = z.object({
  open: z.boolean(),
  /** Absent: demo mode. */
  serverUrl: HttpUrl.optional(),
  dataDir: z.string().min(1),
  port: Port.optional(),
  forceBrowser: z.boolean(),
  help: z.boolean(),
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
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      browser: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: !lenient,
    allowPositionals: lenient,
  });
  const parsed = StartOptions.safeParse({
    open: !values['no-open'],
    serverUrl: values.server,
    dataDir: resolve(stringOr(values['data-dir'], defaultDataDir())),
    port: values.port,
    forceBrowser: values.browser === true,
    help: values.help === true,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const flag = { serverUrl: '--server', port: '--port', dataDir: '--data-dir' }[
      String(issue?.path[0]) as 'serverUrl' | 'port' | 'dataDir'
    ];
    throw new Error(`${flag ?? 'argument'} ${issue?.message ?? 'is invalid'}`);
  }
  return parsed.data;
}
