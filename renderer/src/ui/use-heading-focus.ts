import { useEffect, type RefObject } from 'react';

const HEADINGS = 'h1, h2, h3, h4';
/** A screen that loads slower than this keeps the focus where it was. */
const WAIT_FOR_HEADING_MS = 10_000;

/**
 * Puts the focus on the new screen's heading each time `place` changes, so a keyboard or
 * screen-reader user starts there (the heading is read out) instead of on a button that is gone.
 * Screens load lazily and show their heading after their data: it waits for one to appear. Focus
 * the user moved meanwhile (typing in a search box) is left alone.
 */
export function useHeadingFocus(container: RefObject<HTMLElement | null>, place: string): void {
  useEffect(() => {
    const root = container.current;
    if (!root) return;
    const before = document.activeElement;
    const focusMovedByUser = () => {
      const now = document.activeElement;
      return now !== before && now !== document.body && now !== null && now.isConnected;
    };
    const tryFocus = (): boolean => {
      const heading = root.querySelector<HTMLElement>(HEADINGS);
      if (!heading) return false;
      if (!focusMovedByUser()) {
        if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
        heading.focus({ preventScroll: true });
      }
      return true;
    };
    if (tryFocus()) return;
    const observer = new MutationObserver(() => {
      if (tryFocus()) stop();
    });
    const timer = setTimeout(() => stop(), WAIT_FOR_HEADING_MS);
    const stop = () => {
      observer.disconnect();
      clearTimeout(timer);
    };
    observer.observe(root, { childList: true, subtree: true });
    return stop;
  }, [container, place]);
}
