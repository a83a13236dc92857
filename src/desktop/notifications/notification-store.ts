import { jsonEach, prepareColumnQuery, prepareQuery, type Params } from '../../db/client-query';
import type { SqliteHandle } from '../../db/sqlite';
import {
  DEFAULT_NOTIFICATION_SETTINGS,
  NotificationKind,
  NotificationSettings,
  NotificationSubject,
  type UserNotification,
} from '../../domain/notifications/notifications';
import type { NotificationView } from '../contract-notifications';

/**
 * The notifications of this machine's users (client migration 0009): a key is kept once per user,
 * so raising is "insert what is not there yet", and what was seen stays seen across restarts.
 */
export function notificationStore(handle: SqliteHandle) {
  const insert = prepareQuery(
    handle,
    (
      db,
      p: Params<{
        userId: string;
        key: string;
        kind: string;
        subject: string;
        objectId: string;
        title: string;
        place: string;
        dueOn: string | null;
        at: string;
      }>,
    ) =>
      db
        .insertInto('notifications')
        .values({
          user_id: p.userId,
          key: p.key,
          kind: p.kind,
          subject: p.subject,
          object_id: p.objectId,
          title: p.title,
          place: p.place,
          due_on: p.dueOn,
          raised_at: p.at,
        })
        .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing()),
  );
  const existing = prepareColumnQuery(handle, (db, p: Params<{ userId: string; keys: string }>) =>
    db
      .selectFrom('notifications as n')
      .innerJoin(jsonEach(p.keys, 'k'), 'k.value', 'n.key')
      .select('n.key')
      .where('n.user_id', '=', p.userId),
  );
  const list = prepareQuery(
    handle,
    (db, p: Params<{ userId: string; kinds: string; limit: number }>) =>
      db
        .selectFrom('notifications as n')
        .innerJoin(jsonEach(p.kinds, 'k'), 'k.value', 'n.kind')
        .selectAll('n')
        .where('n.user_id', '=', p.userId)
        .orderBy('n.raised_at', 'desc')
        .orderBy('n.key')
        .limit(p.limit),
  );
  const unseen = prepareColumnQuery(handle, (db, p: Params<{ userId: string; kinds: string }>) =>
    db
      .selectFrom('notifications as n')
      .innerJoin(jsonEach(p.kinds, 'k'), 'k.value', 'n.kind')
      .select((s) => s.fn.countAll<number>().as('count'))
      .where('n.user_id', '=', p.userId)
      .where('n.seen_at', 'is', null),
  );
  const seenKeys = prepareQuery(
    handle,
    (db, p: Params<{ userId: string; keys: string; at: string }>) =>
      db
        .updateTable('notifications')
        .set({ seen_at: p.at })
        .where('user_id', '=', p.userId)
        .where('seen_at', 'is', null)
        .where((eb) => eb('key', 'in', eb.selectFrom(jsonEach(p.keys, 'k')).select('k.value'))),
  );
  const seenAll = prepareQuery(handle, (db, p: Params<{ userId: string; at: string }>) =>
    db
      .updateTable('notifications')
      .set({ seen_at: p.at })
      .where('user_id', '=', p.userId)
      .where('seen_at', 'is', null),
  );
  const seenUnlessKept = prepareQuery(
    handle,
    (db, p: Params<{ userId: string; keys: string; at: string }>) =>
      db
        .updateTable('notifications')
        .set({ seen_at: p.at })
        .where('user_id', '=', p.userId)
        .where('seen_at', 'is', null)
        .where((eb) => eb('key', 'not in', eb.selectFrom(jsonEach(p.keys, 'k')).select('k.value'))),
  );
  const settingsOf = prepareColumnQuery(handle, (db, p: Params<{ userId: string }>) =>
    db.selectFrom('notification_settings').select('data').where('user_id', '=', p.userId),
  );
  const putSettings = prepareQuery(handle, (db, p: Params<{ userId: string; data: string }>) =>
    db
      .insertInto('notification_settings')
      .values({ user_id: p.userId, data: p.data })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ data: p.data })),
  );

  return {
    /**
     * Stores the notifications not stored before for the user and returns those; the unseen
     * ones no longer called for (the case moved on, by this user or another) are marked seen.
     */
    raise(userId: string, current: readonly UserNotification[], at: string): UserNotification[] {
      return handle.transaction(() => {
        const keys = JSON.stringify(current.map((n) => n.key));
        const known = new Set(existing.all({ userId, keys }));
        const fresh = current.filter((n) => !known.has(n.key));
        for (const n of fresh) insert.run({ userId, ...n, at });
        seenUnlessKept.run({ userId, keys, at });
        return fresh;
      })();
    },
    list(userId: string, kinds: readonly NotificationKind[], limit: number): NotificationView[] {
      return list.all({ userId, kinds: JSON.stringify(kinds), limit }).map((row) => ({
        key: row.key,
        kind: NotificationKind.parse(row.kind),
        subject: NotificationSubject.parse(row.subject),
        objectId: row.object_id,
        title: row.title,
        place: row.place,
        dueOn: row.due_on,
        raisedAt: row.raised_at,
        seen: row.seen_at !== null,
      }));
    },
    unseen: (userId: string, kinds: readonly NotificationKind[]): number =>
      unseen.get({ userId, kinds: JSON.stringify(kinds) }) ?? 0,
    markSeen(userId: string, keys: readonly string[] | 'all', at: string): void {
      if (keys === 'all') seenAll.run({ userId, at });
      else seenKeys.run({ userId, keys: JSON.stringify(keys), at });
    },
    settings(userId: string): NotificationSettings {
      const data = settingsOf.get({ userId });
      if (data === undefined) return DEFAULT_NOTIFICATION_SETTINGS;
      const parsed = NotificationSettings.safeParse(JSON.parse(data));
      return parsed.success ? parsed.data : DEFAULT_NOTIFICATION_SETTINGS;
    },
    saveSettings(userId: string, settings: NotificationSettings): void {
      putSettings.run({ userId, data: JSON.stringify(settings) });
    },
  };
}

export type NotificationStore = ReturnType<typeof notificationStore>;
