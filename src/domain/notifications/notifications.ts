import { z } from 'zod';
import { addWorkingDays, type HolidayCalendar } from '../calendar/working-days';

/**
 * What the app tells a user about the cases in his cache (issue 14, "Thông báo";
 * docs/decisions/0041). Computed on the client after each sync from the cases as the cache holds
 * them; each notification has a key made of what caused it, so the store raises it once and a
 * notification seen is never raised again, while a case that comes back in a new state is.
 */

export const NotificationKind = z.enum([
  /** A case now waits for the user's action (check, comment, process). */
  'new_dossier',
  /** A case the user filed or answers for was returned to him. */
  'returned',
  /** A case waits for the user's approval or decision. */
  'approval_waiting',
  /** A case that waits for the user is due within DUE_WITHIN_WORKING_DAYS working days. */
  'deadline_due',
]);
export type NotificationKind = z.infer<typeof NotificationKind>;

export const notificationKindLabelVi = {
  new_dossier: 'Hồ sơ mới chờ xử lý',
  returned: 'Hồ sơ bị trả lại',
  approval_waiting: 'Chờ phê duyệt',
  deadline_due: 'Sắp đến hạn xử lý',
} as const satisfies Record<NotificationKind, string>;

/** The cases a notification may point to, each opened on its own screen. */
export const NotificationSubject = z.enum(['transfer', 'residence_form', 'account_request']);
export type NotificationSubject = z.infer<typeof NotificationSubject>;

export const notificationSubjectLabelVi = {
  transfer: 'Chuyển sinh hoạt đảng',
  residence_form: 'Phiếu nhận xét nơi cư trú',
  account_request: 'Yêu cầu tài khoản',
} as const satisfies Record<NotificationSubject, string>;

/** Deadlines are announced this many working days ahead (the "3 working days"). */
export const DUE_WITHIN_WORKING_DAYS = 3;

/** What the user is asked to do about a case, as each procedure's "chờ tôi xử lý" filter says. */
export type CaseAsk = 'act' | 'approve' | 'returned';

/** One case of the cache as it stands for the user, procedure-neutral. */
export interface UserCase {
  subject: NotificationSubject;
  id: string;
  /** What the list shows of it: the member's name. */
  title: string;
  /**
   * Where the app opens it, as its procedure says (a transfer's "official/incoming", an account
   * request's kind): the screen the bell links to.
   */
  place: string;
  /**
   * The state that asks the user something (status and where the case is). A case that comes
   * back to the user in a new state is announced again; the same state never is.
   */
  state: string;
  /** What the case asks of the user now; null: nothing. */
  ask: CaseAsk | null;
  /** The date it must be handled by, when it has one. */
  dueOn: string | null;
}

export const UserNotification = z.object({
  /** kind:subject:id:state: the store keeps each key once. */
  key: z.string().min(1).max(500),
  kind: NotificationKind,
  subject: NotificationSubject,
  objectId: z.string().min(1),
  title: z.string(),
  place: z.string(),
  dueOn: z.iso.date().nullable(),
});
export type UserNotification = z.infer<typeof UserNotification>;

const KIND_OF_ASK = {
  act: 'new_dossier',
  approve: 'approval_waiting',
  returned: 'returned',
} as const satisfies Record<CaseAsk, NotificationKind>;

const keyOf = (kind: NotificationKind, c: UserCase, state: string) =>
  `${kind}:${c.subject}:${c.id}:${state}`;

/**
 * The notifications the cases call for today, in the order of the cases. A deadline is keyed by
 * its date: moved, it is announced again; passed without being seen, it stays in the list.
 */
export function notificationsFor(
  cases: readonly UserCase[],
  today: string,
  calendar: HolidayCalendar,
): UserNotification[] {
  const dueLimit = addWorkingDays(today, DUE_WITHIN_WORKING_DAYS, calendar);
  const out: UserNotification[] = [];
  for (const c of cases) {
    if (c.ask === null) continue;
    const base = { subject: c.subject, objectId: c.id, title: c.title, place: c.place };
    const kind = KIND_OF_ASK[c.ask];
    out.push({ ...base, kind, key: keyOf(kind, c, c.state), dueOn: c.dueOn });
    // A returned case waits on someone else's answer: its deadline is not the user's to keep.
    if (c.ask !== 'returned' && c.dueOn !== null && c.dueOn <= dueLimit)
      out.push({
        ...base,
        kind: 'deadline_due',
        key: keyOf('deadline_due', c, c.dueOn),
        dueOn: c.dueOn,
      });
  }
  return out;
}

/** Which kinds the user wants, and whether the OS shows them too ("Cài đặt thông báo"). */
export const NotificationSettings = z.object({
  kinds: z.array(NotificationKind).max(NotificationKind.options.length),
  osNotifications: z.boolean(),
});
export type NotificationSettings = z.infer<typeof NotificationSettings>;

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = {
  kinds: [...NotificationKind.options],
  osNotifications: true,
};

/** The system notification for what a sync raised: one names its case, several are counted. */
export function osNotificationText(
  fresh: readonly Pick<UserNotification, 'kind' | 'subject' | 'title'>[],
): { title: string; body: string } | null {
  const [first] = fresh;
  if (!first) return null;
  if (fresh.length === 1)
    return {
      title: notificationKindLabelVi[first.kind],
      body: `${first.title} · ${notificationSubjectLabelVi[first.subject]}`,
    };
  const names = fresh.slice(0, 3).map((n) => n.title);
  return {
    title: `${fresh.length} thông báo mới`,
    body: fresh.length > 3 ? `${names.join(', ')}, …` : names.join(', '),
  };
}
