/**
 * `npm start`: builds the user interface when needed and starts the app — in Electron when its
 * binary is installed, else in the browser host (DESIGN.md, Modes), opening Debian's Chromium.
 * With --demo (which `npm start` passes) and no --server, the demo server runs in-process on the
 * demo ward.
 */
import { bundleElectronMain, runElectron, usableElectronBinary } from './electron-launch';
import { launchBrowserHost, logToStderr as log, openInBrowser } from './host-launch';
import { ensureRendererBuilt, RENDERER_DIST } from './renderer-build';
import { startOptionsOrExit, type StartOptions } from './start-args';

async function startInElectron(binary: string, options: StartOptions): Promise<void> {
  const bundle = await bundleElectronMain();
  const { host, stop } = await launchBrowserHost(options, RENDERER_DIST);
  log('opening the Electron window; closing it stops the app');
  stop(await runElectron(binary, bundle, host));
}

async function startInBrowserHost(options: StartOptions): Promise<void> {
  openInBrowser(await launchBrowserHost(options, RENDERER_DIST), options);
}

async function main(): Promise<void> {
  const options = startOptionsOrExit(process.argv.slice(2));
  if (!options) return;
  await ensureRendererBuilt(log);
  const electron = options.forceBrowser ? undefined : usableElectronBinary();
  if (electron) await startInElectron(electron, options);
  else await startInBrowserHost(options);
}

main().catch((err: unknown) => {
  console.error(`error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
