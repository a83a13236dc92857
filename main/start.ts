/**
 * `npm start`: builds the user interface when needed and starts the app — in Electron when its
 * binary is installed, else in the browser host (DESIGN.md, Modes), opening Debian's Chromium.
 * With --demo (which `npm start` passes) and no --server, the demo server runs in-process on the
 * demo ward.
 */
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../scripts/gen/demo-accounts';
import { startAppRuntime } from './app-runtime';
import { startBrowserHost } from './browser-host';
import { chromiumInstalled, openChromiumApp } from './chromium';
import { bundleElectronMain, runElectron, usableElectronBinary } from './electron-launch';
import { ensureRendererBuilt, RENDERER_DIST } from './renderer-build';
import { parseStartArgs, START_USAGE, type StartOptions } from './start-args';

const log = (line: string) => process.stderr.write(`${line}\n`);

/** The app's DesktopApi behind the browser host; stopped on Ctrl+C or when `stop` is called. */
async function startHost(options: StartOptions) {
  const runtime = await startAppRuntime({
    dataDir: options.dataDir,
    ...(options.serverUrl ? { serverUrl: options.serverUrl } : { demo: options.demo }),
    ...(options.oidc ? { oidc: options.oidc } : {}),
  });
  const host = await startBrowserHost({
    api: runtime.api,
    staticDir: RENDERER_DIST,
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
    log(
      `demo accounts, password ${DEMO_PASSWORD}: ${DEMO_ACCOUNTS.map((a) => a.username).join(', ')}`,
    );
  } else {
    log(`central server ${runtime.serverUrl}`);
  }
  // On a line of its own on stdout, so people and scripts can pick it up.
  process.stdout.write(`${host.launchUrl}\n`);
  return { host, stop };
}

async function startInElectron(binary: string, options: StartOptions): Promise<void> {
  const bundle = await bundleElectronMain();
  const { host, stop } = await startHost(options);
  log('opening the Electron window; closing it stops the app');
  stop(await runElectron(binary, bundle, host));
}

async function startInBrowserHost(options: StartOptions): Promise<void> {
  const { host, stop } = await startHost(options);
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

async function main(): Promise<void> {
  let options: StartOptions;
  try {
    options = parseStartArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`error: ${(err as Error).message}\n${START_USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    process.stdout.write(`${START_USAGE}\n`);
    return;
  }
  await ensureRendererBuilt(log);
  const electron = options.forceBrowser ? undefined : usableElectronBinary();
  if (electron) await startInElectron(electron, options);
  else await startInBrowserHost(options);
}

main().catch((err: unknown) => {
  console.error(`error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
