import { useCallback } from 'react';
import { osNotificationText } from '../../../../src/domain/notifications/notifications';
import { useDesktopEvents } from '../../desktop-context';

/** Set once the browser was asked for permission: it is never asked again from here. */
const ASKED_KEY = 'dangvu.notifications.permission-asked';

/** In Electron the main process shows system notifications itself (main/os-notifications.ts). */
const inElectron = () => (window as { desktop?: unknown }).desktop !== undefined;

const browserNotifications = (): typeof Notification | undefined =>
  inElectron() ? undefined : (globalThis as { Notification?: typeof Notification }).Notification;

/**
 * The browser host's system notifications (docs/decisions/0041): the Notifications API shows
 * what a sync raised, when the user keeps them on. Returns `askPermission`, called from a click
 * (the bell, saving the settings): the browser asks the user once, the answer is kept by it.
 */
export function useOsNotifications(onClick: () => void): { askPermission(): void } {
  useDesktopEvents((event) => {
    if (event.type !== 'notifications-raised' || !event.os) return;
    const api = browserNotifications();
    const text = osNotificationText(event.fresh);
    if (!api || !text || api.permission !== 'granted') return;
    const shown = new api(text.title, { body: text.body, tag: 'dangvu-notifications' });
    shown.onclick = () => {
      window.focus();
      onClick();
    };
  });

  const askPermission = useCallback(() => {
    const api = browserNotifications();
    if (!api || api.permission !== 'default' || localStorage.getItem(ASKED_KEY)) return;
    localStorage.setItem(ASKED_KEY, new Date().toISOString());
    void api.requestPermission().catch(() => undefined);
  }, []);
  return { askPermission };
}
