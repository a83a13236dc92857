import type { SessionUser } from '../../api/auth';
import { notificationsFor } from '../../domain/notifications/notifications';
import { cachedHolidayCalendar } from '../holidays/holiday-cache';
import type { notificationCalls } from '../contract-notifications';
import { fail, type HandlersFor, type ServiceContext } from '../service-context';
import { notificationStore } from './notification-store';
import { userCases } from './user-cases';

const requireUser = (ctx: ServiceContext): SessionUser =>
  ctx.currentUser() ?? fail('not_logged_in', 'not logged in', 'Bạn chưa đăng nhập.');

/**
 * Notifications on this machine (docs/decisions/0041): raised after each sync from the cache, kept
 * with seen/unseen in the cache, read by the bell.
 */
export function notificationService(ctx: ServiceContext, now: () => Date = () => new Date()) {
  const store = notificationStore(ctx.handle);

  /**
   * Computes the user's notifications from the cache, stores the new ones and tells the UI (and,
   * through it, the OS) of those of the kinds he keeps. Runs after every sync.
   */
  function raise(): void {
    const user = ctx.currentUser();
    if (!user) return;
    const at = now();
    const today = at.toISOString().slice(0, 10);
    const current = notificationsFor(
      userCases(ctx.handle, user),
      today,
      cachedHolidayCalendar(ctx.handle),
    );
    const fresh = store.raise(user.id, current, at.toISOString());
    const settings = store.settings(user.id);
    const kept = fresh.filter((n) => settings.kinds.includes(n.kind));
    ctx.emit({
      type: 'notifications-raised',
      fresh: kept.map((n) => ({ ...n, raisedAt: at.toISOString(), seen: false })),
      unseen: store.unseen(user.id, settings.kinds),
      os: settings.osNotifications,
    });
  }

  const handlers: HandlersFor<keyof typeof notificationCalls> = {
    notifications: ({ limit }) => {
      const user = requireUser(ctx);
      const { kinds } = store.settings(user.id);
      return { items: store.list(user.id, kinds, limit), unseen: store.unseen(user.id, kinds) };
    },
    markNotificationsSeen: (input) => {
      const user = requireUser(ctx);
      store.markSeen(user.id, 'all' in input ? 'all' : input.keys, now().toISOString());
      return { unseen: store.unseen(user.id, store.settings(user.id).kinds) };
    },
    notificationSettings: () => store.settings(requireUser(ctx).id),
    saveNotificationSettings: (settings) => {
      const user = requireUser(ctx);
      // Each kind once, in the order the domain lists them.
      const saved = { ...settings, kinds: [...new Set(settings.kinds)] };
      store.saveSettings(user.id, saved);
      return saved;
    },
  };
  return { raise, handlers };
}
