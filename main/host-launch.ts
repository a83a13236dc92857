/**
 * The browser host as a program (DESIGN.md, Modes): the app runtime behind a browser host on
 * loopback, the URL line on stdout, Chromium when asked for. Shared by `npm start` (from sources,
 * main/start.ts) and the production bundle's entry (main/host-main.ts); they differ only in where
 * the built renderer is.
 */
import { startBrowserHost, type BrowserHost } from './browser-host';
import { chromiumInstalled, openChromiumApp } from './chromium';
import { forkRuntime } from './runtime-process';
import type { StartOptions } from './start-args';

export type Log = (line: string) => void;

export const logToStderr: Log = (line) => process.stderr.write(`${line}\n`);

export interface LaunchedHost {
  host: BrowserHost;
  /** Closes the host and the runtime, then exits with `code`; once. */
  stop(code: number): void;
}

/**
 * The app's DesktopApi behind the browser host; stopped on Ctrl+C or when `stop` is called. The
 * runtime runs in a child process (docs/decisions/0042), so a sync never stalls the server that
 * serves the page, and the host reaches it the way Electron's window does.
 */
export async function launchBrowserHost(
  options: StartOptions,
  staticDir: string,
  log: Log = logToStderr,
): Promise<LaunchedHost> {
  const runtime = await forkRuntime({
    dataDir: options.dataDir,
    ...(options.serverUrl ? { serverUrl: options.serverUrl } : { demo: options.demo }),
    ...(options.oidc ? { oidc: options.oidc } : {}),
  });
  const host = await startBrowserHost({
    desktop: runtime.desktop,
    staticDir,
    ...(options.port !== undefined ? { port: options.port } : {}),
  });
  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    Promise.all([host.close(), runtime.close()]).then(
      () => process.exit(code),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop(0));
  process.once('SIGTERM', () => stop(0));

  if (runtime.demo) {
    log(`demo server ${runtime.serverUrl} (data in ${options.dataDir})`);
    // From the runtime's process: the demo server (and the generator behind it) loads only there.
    log(runtime.demo.accountsNote);
  } else {
    log(`central server ${runtime.serverUrl}`);
  }
  // On a line of its own on stdout, so people and scripts can pick it up.
  process.stdout.write(`${host.launchUrl}\n`);
  return { host, stop };
}

/** Opens the host's page in Debian's Chromium when asked for and installed; else says where. */
export function openInBrowser(
  { host, stop }: LaunchedHost,
  options: StartOptions,
  log: Log = logToStderr,
): void {
  if (!options.open) return;
  if (chromiumInstalled()) {
    log('opening Chromium; closing its window stops the app');
    openChromiumApp(
      host.launchUrl,
      () => stop(0),
      (reason) => log(`${reason}: open the address above in a browser; Ctrl+C stops the app`),
    );
  } else {
    log('open the address above in a browser; Ctrl+C stops the app');
  }
}
