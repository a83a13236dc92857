import { mkdirSync } from 'node:fs';
import { ensureRendererBuilt } from '../../main/renderer-build';
import { ARTIFACTS_DIR } from './artifacts';

/** Builds the renderer once, before any journey starts an app (they would race to build it). */
export default async function setup(): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await ensureRendererBuilt((line) => console.log(`e2e: ${line}`));
}
