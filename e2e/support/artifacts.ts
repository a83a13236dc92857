import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';

/** Screenshots of every screen, for people to look at (ignored by git). */
export const ARTIFACTS_DIR = resolve(import.meta.dirname, '..', 'artifacts');

export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  // Finished transitions: the picture shows the state the test reached, not a fade in between.
  await page.screenshot({ path, fullPage: false, animations: 'disabled' });
  return path;
}
