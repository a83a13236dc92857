import { z } from 'zod';
import {
  NotificationKind,
  NotificationSettings,
  NotificationSubject,
} from '../domain/notifications/notifications';

/**
 * The DesktopApi calls of notifications (docs/decisions/0041): the bell's list, marking seen, and
 * the user's settings ("Cài đặt thông báo"), all on this machine's cache. Merged into
 * `desktopCalls` by contract.ts; the `notifications-raised` event tells of new ones.
 */

export {
  NotificationKind,
  notificationKindLabelVi,
  NotificationSettings,
  NotificationSubject,
  notificationSubjectLabelVi,
} from '../domain/notifications/notifications';

export const NotificationView = z.object({
  key: z.string(),
  kind: NotificationKind,
  subject: NotificationSubject,
  objectId: z.string(),
  title: z.string(),
  /** Where the app opens it: a transfer's "<variant>/<outgoing|incoming>" or "mine", an account request's kind. */
  place: z.string(),
  dueOn: z.string().nullable(),
  raisedAt: z.string(),
  seen: z.boolean(),
});
export type NotificationView = z.infer<typeof NotificationView>;

const Key = z.string().trim().min(1).max(500);

export const notificationCalls = {
  /** The user's notifications, newest first, of the kinds his settings keep. */
  notifications: {
    input: z.object({ limit: z.number().int().min(1).max(500).default(50) }),
    output: z.object({
      items: z.array(NotificationView),
      unseen: z.number().int().nonnegative(),
    }),
  },
  /** Marks the given notifications seen, or every one ("Đánh dấu đã xem tất cả"). */
  markNotificationsSeen: {
    input: z.union([
      z.object({ keys: z.array(Key).min(1).max(500) }),
      z.object({ all: z.literal(true) }),
    ]),
    output: z.object({ unseen: z.number().int().nonnegative() }),
  },
  notificationSettings: { input: z.object({}), output: NotificationSettings },
  saveNotificationSettings: { input: NotificationSettings, output: NotificationSettings },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
