import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_QUIET_FLAGS } from '../../main/chromium';

/** Debian's Chromium through playwright-core, with the app's flags and a fresh profile. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    // Tests run as root: Playwright passes --no-sandbox itself when chromiumSandbox is false.
    args: CHROMIUM_QUIET_FLAGS,
    chromiumSandbox: false,
    headless: true,
  });
}

/** Collects the page's console errors and uncaught exceptions, for the journeys to assert on. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  return errors;
}
