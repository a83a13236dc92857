/**
 * The production bundle's browser host (dist/main/host-main.mjs): plain `node` runs it, with the
 * built renderer beside it in dist/renderer and only the production dependencies installed —
 * machines without Electron, and the smoke test of the bundle (main/production-bundle.test.ts).
 * Same arguments as `npm start` (no --demo by default: a central server must be given).
 */
import { rendererDir } from '../src/runtime/asset-paths';
import { launchBrowserHost, openInBrowser } from './host-launch';
import { startOptionsOrExit } from './start-args';

async function main(): Promise<void> {
  const options = startOptionsOrExit(process.argv.slice(2));
  if (!options) return;
  const launched = await launchBrowserHost(options, rendererDir());
  openInBrowser(launched, options);
}

main().catch((err: unknown) => {
  console.error(`error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
