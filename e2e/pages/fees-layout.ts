import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { screenshot } from '../support/artifacts';

/** The office laptop first, then the large screen (issue 17). */
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;
/** What the journeys open with (e2e/support/journey.ts), restored after a check. */
const JOURNEY_SIZE = { width: 1440, height: 900 };

export interface ScreenCheck {
  /** Elements wider than their box at 1366 (the page itself, or a table's scroller). */
  overflow: string[];
  /** axe-core's serious and critical findings: rule id and the first offending element. */
  violations: string[];
}

// axe-core is evaluated into the page (the app's CSP refuses script tags; evaluation through the
// debugging protocol is not a script tag): @axe-core/playwright's builder needs a newer Node here.
const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** What scrolls sideways although it should not: the page, or a table's content. */
function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const wide: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) wide.push(`page ${root.scrollWidth}px`);
    for (const el of Array.from(document.querySelectorAll('.ant-table-content, .ant-table-body')))
      if (el.scrollWidth > el.clientWidth + 1) {
        const table = el.closest('[data-testid]')?.getAttribute('data-testid') ?? 'table';
        wide.push(`${table} ${el.scrollWidth}px in ${el.clientWidth}px`);
      }
    return wide;
  });
}

async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown) => Promise<AxeResults> } }).axe;
    interface AxeResults {
      violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[];
    }
    // The screen's own content and its dialogs; the frame (header, menu) is checked elsewhere.
    const include = ['.page-card', '.ant-modal-wrap']
      .filter((sel) => document.querySelector(sel))
      .map((sel) => [sel]);
    const results = await axe.run({ include });
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${JSON.stringify(v.nodes[0]?.target ?? [])} (${v.nodes.length})`);
  });
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
    if (size.width === 1366) overflow = await horizontalOverflow(page);
  }
  const violations = await seriousViolations(page);
  await page.setViewportSize(JOURNEY_SIZE);
  return { overflow, violations };
}
