import type { Page } from 'playwright-core';
import type { DesktopEvent } from '../../src/desktop/contract';

/**
 * Resolves with the next app event of one of these types (the renderer re-dispatches every
 * DesktopEvent as a `desktop-event` DOM event). Call it before the action that causes the event.
 */
export function nextAppEvent<T extends DesktopEvent['type']>(
  page: Page,
  type: T | readonly T[],
  timeoutMs = 60_000,
): Promise<Extract<DesktopEvent, { type: T }>> {
  const types: readonly string[] = typeof type === 'string' ? [type] : type;
  return page.evaluate(
    ({ types, timeoutMs }) =>
      new Promise<Extract<DesktopEvent, { type: T }>>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no ${types.join(' or ')} event`)),
          timeoutMs,
        );
        const onEvent = (e: Event) => {
          const detail = (e as CustomEvent<DesktopEvent>).detail;
          if (!types.includes(detail.type)) return;
          clearTimeout(timer);
          window.removeEventListener('desktop-event', onEvent);
          resolve(detail as Extract<DesktopEvent, { type: T }>);
        };
        window.addEventListener('desktop-event', onEvent);
      }),
    { types, timeoutMs },
  );
}
