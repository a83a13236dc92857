import type { DesktopEvent } from '../src/desktop/contract';
import { osNotificationText } from '../src/domain/notifications/notifications';

/**
 * The system notifications of the Electron app (docs/decisions/0041): the main process shows them
 * with Electron's `Notification`, from the `notifications-raised` events it relays to the window;
 * the browser host's page shows its own with the Notifications API instead.
 */

/** What the system shows for an event: only new notifications the user wants from the OS. */
export function osNotificationFor(event: DesktopEvent): { title: string; body: string } | null {
  if (event.type !== 'notifications-raised' || !event.os) return null;
  return osNotificationText(event.fresh);
}

/** Electron's Notification as this module uses it (so the wiring is typed and testable). */
export interface SystemNotifier {
  isSupported(): boolean;
  show(text: { title: string; body: string }, onClick: () => void): void;
}

/** Shows a system notification for each event that calls for one; clicking brings the app up. */
export function relayOsNotifications(
  subscribe: (listener: (event: DesktopEvent) => void) => () => void,
  notifier: SystemNotifier,
  focusApp: () => void,
): () => void {
  return subscribe((event) => {
    const text = osNotificationFor(event);
    if (text && notifier.isSupported()) notifier.show(text, focusApp);
  });
}
