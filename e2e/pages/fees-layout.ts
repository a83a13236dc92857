import type { Page } from 'playwright-core';
import { screenshot } from '../support/artifacts';
import { horizontalOverflows, seriousAxeViolations, VIEWPORTS } from '../support/ux-checks';

/** The office laptop first, then the large screen (issue 17). */
const SIZES = [VIEWPORTS.laptop, VIEWPORTS.wide] as const;
/** What the journeys open with (e2e/support/journey.ts), restored after a check. */
const JOURNEY_SIZE = { width: 1440, height: 900 };

export interface ScreenCheck {
  /** Elements wider than their box at 1366 (the page itself, or a table's scroller). */
  overflow: string[];
  /** axe-core's serious and critical findings: rule id and the first offending element. */
  violations: string[];
}

/**
 * Looks at a fee screen as the offices do: screenshots at 1366×768 and 1920×1080 (named
 * `${name}-1366`, `${name}-1920`), sideways overflow measured at 1366, axe-core run once.
 */
export async function checkFeeScreen(page: Page, name: string): Promise<ScreenCheck> {
  let overflow: string[] = [];
  for (const size of SIZES) {
    await page.setViewportSize(size);
    // Tables measure their columns after a resize: let two frames pass.
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
    await screenshot(page, `${name}-${size.width}`);
    if (size.width === 1366) overflow = await horizontalOverflows(page);
  }
  // The same checks as the ux journey (e2e/support/ux-checks.ts), on the fee screen's own states.
  const violations = (await seriousAxeViolations(page)).map(
    (v) => `${v.id}: ${v.targets[0] ?? ''} (${v.targets.length})`,
  );
  await page.setViewportSize(JOURNEY_SIZE);
  return { overflow, violations };
}
