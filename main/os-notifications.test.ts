import { describe, expect, it } from 'vitest';
import type { DesktopEvent, NotificationView } from '../src/desktop/contract';
import { relayOsNotifications, type SystemNotifier } from './os-notifications';

const view = (title: string): NotificationView => ({
  key: `new_dossier:transfer:${title}:s`,
  kind: 'new_dossier',
  subject: 'transfer',
  objectId: title,
  title,
  place: 'official/outgoing',
  dueOn: null,
  raisedAt: '2026-03-02T09:00:00.000Z',
  seen: false,
});

const raised = (fresh: NotificationView[], os = true): DesktopEvent => ({
  type: 'notifications-raised',
  fresh,
  unseen: fresh.length,
  os,
});

describe('system notifications in Electron', () => {
  it('shows new notifications the user wants from the OS; a click brings the app up', () => {
    let emit: (e: DesktopEvent) => void = () => {};
    const shown: { title: string; body: string }[] = [];
    const clicks: (() => void)[] = [];
    let focused = 0;
    const notifier: SystemNotifier = {
      isSupported: () => true,
      show: (text, onClick) => {
        shown.push(text);
        clicks.push(onClick);
      },
    };
    relayOsNotifications(
      (listener) => {
        emit = listener;
        return () => {};
      },
      notifier,
      () => focused++,
    );
    emit({ type: 'dossiers-changed' });
    emit(raised([]));
    emit(raised([view('Nguyễn Văn An')], false));
    expect(shown).toEqual([]);
    emit(raised([view('Nguyễn Văn An')]));
    expect(shown).toEqual([
      { title: 'Hồ sơ mới chờ xử lý', body: 'Nguyễn Văn An · Chuyển sinh hoạt đảng' },
    ]);
    clicks[0]!();
    expect(focused).toBe(1);
  });

  it('shows nothing where the system has no notifications', () => {
    let emit: (e: DesktopEvent) => void = () => {};
    const shown: unknown[] = [];
    relayOsNotifications(
      (listener) => {
        emit = listener;
        return () => {};
      },
      { isSupported: () => false, show: (text) => shown.push(text) },
      () => {},
    );
    emit(raised([view('A')]));
    expect(shown).toEqual([]);
  });
});
