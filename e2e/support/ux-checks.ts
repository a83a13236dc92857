import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/**
 * What every screen must be at the office laptop's 1366×768 and at 1920×1080 (issue 17,
 * docs/ui-guidelines.md): nothing wider than the window, the header in view whatever the content
 * scrolled, and no serious or critical accessibility violation. Journeys call these on any screen.
 */
export const VIEWPORTS = {
  laptop: { width: 1366, height: 768 },
  wide: { width: 1920, height: 1080 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

/**
 * Elements that scroll sideways: the document, the content area, and every table's scrolling
 * parts (classic tables scroll `.ant-table-content`/`.ant-table-body`; virtual ones are as wide
 * as their header's table). One line per element, empty when everything fits.
 */
export async function horizontalOverflows(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const check = (el: Element, what: string) => {
      if (!(el instanceof HTMLElement) || el.offsetParent === null) return;
      if (el.scrollWidth > el.clientWidth + 1)
        found.push(`${what}: ${el.scrollWidth} > ${el.clientWidth}`);
    };
    check(document.documentElement, 'document');
    document.querySelectorAll('.page').forEach((el) => check(el, 'content'));
    const tables = '.ant-table-content, .ant-table-body, .ant-table-header';
    document.querySelectorAll(tables).forEach((el) => {
      const name = el.closest('[data-testid]')?.getAttribute('data-testid') ?? 'table';
      check(el, `${name} ${el.className.split(' ')[0] ?? ''}`);
    });
    return found;
  });
}

/**
 * Scrolls the content (and the window, should it scroll) to the bottom and tells whether the
 * header and the sync indicator are still wholly in view.
 */
export async function headerStaysInView(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    document.querySelectorAll('.page').forEach((el) => el.scrollTo(0, el.scrollHeight));
    window.scrollTo(0, document.documentElement.scrollHeight);
    await new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
    const inView = (selector: string) => {
      const el = document.querySelector(selector);
      if (!el) return false;
      const r = el.getBoundingClientRect();
      return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
    };
    const shown = inView('.app-header') && inView('[data-testid="sync-indicator"]');
    document.querySelectorAll('.page').forEach((el) => el.scrollTo(0, 0));
    window.scrollTo(0, 0);
    return shown;
  });
}

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  /** The first few offending elements, as CSS selectors. */
  targets: string[];
}

/** axe-core's serious and critical violations of WCAG 2.1 A/AA on the page as it is. */
export async function seriousAxeViolations(page: Page): Promise<AxeFinding[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    // The virtual tables' measuring rows are hidden from users but not from axe's role checks.
    .exclude('[aria-hidden="true"]')
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact ?? '',
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
}

export interface UxReport {
  overflows: string[];
  headerInView: boolean;
  axe: AxeFinding[];
}

/** The three checks at once, on the screen as it is now. */
export async function checkScreen(page: Page): Promise<UxReport> {
  const overflows = await horizontalOverflows(page);
  const headerInView = await headerStaysInView(page);
  const axe = await seriousAxeViolations(page);
  return { overflows, headerInView, axe };
}
