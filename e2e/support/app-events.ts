import type { Page } from 'playwright-core';
import type { DesktopEvent } from '../../src/desktop/contract';

/**
 * Resolves with the next app event of this type (the renderer re-dispatches every DesktopEvent as
 * a `desktop-event` DOM event). Call it before the action that causes the event.
 */
export function nextAppEvent<T extends DesktopEvent['type']>(
  page: Page,
  type: T,
  timeoutMs = 60_000,
): Promise<Extract<DesktopEvent, { type: T }>> {
  return page.evaluate(
    ({ type, timeoutMs }) =>
      new Promise<Extract<DesktopEvent, { type: T }>>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${type} event`)), timeoutMs);
        const onEvent = (e: Event) => {
          const detail = (e as CustomEvent<DesktopEvent>).detail;
          if (detail.type !== type) return;
          clearTimeout(timer);
          window.removeEventListener('desktop-event', onEvent);
          resolve(detail as Extract<DesktopEvent, { type: T }>);
        };
        window.addEventListener('desktop-event', onEvent);
      }),
    { type, timeoutMs },
  );
}
