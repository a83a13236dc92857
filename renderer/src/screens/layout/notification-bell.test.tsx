// @vitest-environment jsdom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NotificationSettings, NotificationView } from '../../../../src/desktop/contract';
import { NavigationContext, type Screen } from '../../navigation';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import { NotificationBell } from './notification-bell';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

const DOSSIER = '00000000-0000-4000-8000-000000000001';

const item = (over: Partial<NotificationView> = {}): NotificationView => ({
  key: `new_dossier:transfer:${DOSSIER}:pending_check@cell#1`,
  kind: 'new_dossier',
  subject: 'transfer',
  objectId: DOSSIER,
  title: 'Nguyễn Văn An',
  place: 'official/outgoing',
  dueOn: null,
  raisedAt: '2026-03-02T09:00:00.000Z',
  seen: false,
  ...over,
});

/** A bridge whose store marks seen as the desktop does; `items` may grow as syncs raise more. */
function desktop(items: NotificationView[]) {
  let settings: NotificationSettings = {
    kinds: ['new_dossier', 'returned', 'approval_waiting', 'deadline_due'],
    osNotifications: true,
  };
  const unseen = () => items.filter((n) => !n.seen).length;
  const bridge = new FakeDesktopBridge()
    .answer('notifications', () => ({ items: items.map((n) => ({ ...n })), unseen: unseen() }))
    .answer('markNotificationsSeen', (input) => {
      for (const n of items) if ('all' in input || input.keys.includes(n.key)) n.seen = true;
      return { unseen: unseen() };
    })
    .answer('notificationSettings', () => settings)
    .answer('saveNotificationSettings', (input) => {
      settings = { kinds: input.kinds, osNotifications: input.osNotifications };
      return settings;
    });
  return bridge;
}

function renderBell(bridge: FakeDesktopBridge) {
  const went: Screen[] = [];
  renderWithDesktop(
    <NavigationContext.Provider value={{ screen: { name: 'orgs' }, go: (s) => went.push(s) }}>
      <NotificationBell />
    </NavigationContext.Provider>,
    bridge,
  );
  return went;
}

const bell = () => screen.getByTestId('notification-bell');

describe('NotificationBell', () => {
  it('counts the unseen, lists them, and opens one on its screen, seen', async () => {
    const items = [
      item(),
      item({
        key: 'deadline_due:transfer:x:2026-03-04',
        kind: 'deadline_due',
        title: 'Trần Đức Nam',
        dueOn: '2026-03-04',
        place: 'official/incoming',
      }),
      item({ key: 'old', title: 'Lê Thị Hoa', seen: true }),
    ];
    const bridge = desktop(items);
    const went = renderBell(bridge);
    await waitFor(() => expect(bell().getAttribute('aria-label')).toBe('Thông báo: 2 chưa xem'));

    await userEvent.click(bell());
    const rows = await screen.findAllByTestId('notification-item');
    expect(rows.map((r) => r.getAttribute('data-seen'))).toEqual(['false', 'false', 'true']);
    expect(rows[0]!.textContent).toContain('Hồ sơ mới chờ xử lý');
    expect(rows[0]!.textContent).toContain('Nguyễn Văn An');
    expect(rows[1]!.textContent).toContain('Sắp đến hạn xử lý');
    expect(rows[1]!.textContent).toContain('Hạn 04/03/2026');

    await userEvent.click(rows[0]!);
    expect(bridge.callsOf('markNotificationsSeen')).toEqual([{ keys: [items[0]!.key] }]);
    expect(went).toEqual([
      { name: 'transfers', variant: 'official', side: 'outgoing', dossierId: DOSSIER },
    ]);
    await waitFor(() => expect(bell().getAttribute('aria-label')).toBe('Thông báo: 1 chưa xem'));
  });

  it('marks every one seen at once', async () => {
    const bridge = desktop([item(), item({ key: 'k2', title: 'Trần Đức Nam' })]);
    renderBell(bridge);
    await waitFor(() => expect(bell().getAttribute('data-unseen')).toBe('2'));
    await userEvent.click(bell());
    await userEvent.click(await screen.findByRole('button', { name: 'Đánh dấu đã xem tất cả' }));
    expect(bridge.callsOf('markNotificationsSeen')).toEqual([{ all: true }]);
    await waitFor(() => expect(bell().getAttribute('aria-label')).toBe('Thông báo'));
    expect(
      screen.getByRole('button', { name: 'Đánh dấu đã xem tất cả' }).hasAttribute('disabled'),
    ).toBe(true);
  });

  it('reads again when a sync raises new ones, and shows them through the browser', async () => {
    const shown: { title: string; body?: string }[] = [];
    class FakeNotification {
      static permission = 'granted';
      static requestPermission = vi.fn(async () => 'granted');
      onclick: (() => void) | null = null;
      constructor(title: string, options?: { body?: string }) {
        shown.push({ title, body: options?.body });
      }
    }
    vi.stubGlobal('Notification', FakeNotification);
    const items: NotificationView[] = [];
    const bridge = desktop(items);
    renderBell(bridge);
    await waitFor(() => expect(bridge.callsOf('notifications')).toHaveLength(1));
    expect(bell().getAttribute('data-unseen')).toBe('0');

    const fresh = item();
    items.push(fresh);
    act(() => bridge.emit({ type: 'notifications-raised', fresh: [fresh], unseen: 1, os: true }));
    await waitFor(() => expect(bell().getAttribute('data-unseen')).toBe('1'));
    expect(shown).toEqual([
      { title: 'Hồ sơ mới chờ xử lý', body: 'Nguyễn Văn An · Chuyển sinh hoạt đảng' },
    ]);

    // The user turned the system's notifications off: the bell only.
    act(() =>
      bridge.emit({
        type: 'notifications-raised',
        fresh: [item({ key: 'k3' })],
        unseen: 2,
        os: false,
      }),
    );
    expect(shown).toHaveLength(1);
  });

  it('asks the browser for permission once, on a click of the bell', async () => {
    const requestPermission = vi.fn(async () => 'granted');
    vi.stubGlobal('Notification', { permission: 'default', requestPermission });
    renderBell(desktop([]));
    await userEvent.click(bell());
    await userEvent.click(bell());
    await userEvent.click(bell());
    expect(requestPermission).toHaveBeenCalledTimes(1);
  });

  it('saves the settings: the kinds kept and the system notifications', async () => {
    const bridge = desktop([item()]);
    renderBell(bridge);
    await userEvent.click(bell());
    await userEvent.click(await screen.findByRole('button', { name: /Cài đặt thông báo/ }));
    await screen.findByText('Thông báo cho tôi khi có');
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByText('Cài đặt thông báo')).toBeTruthy();
    const returned = await within(dialog).findByRole('checkbox', { name: 'Hồ sơ bị trả lại' });
    await waitFor(() => expect((returned as HTMLInputElement).checked).toBe(true));
    await userEvent.click(returned);
    await userEvent.click(within(dialog).getByRole('switch'));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Lưu' }));
    await waitFor(() =>
      expect(bridge.callsOf('saveNotificationSettings')).toEqual([
        {
          kinds: ['new_dossier', 'approval_waiting', 'deadline_due'],
          osNotifications: false,
        },
      ]),
    );
    expect(await screen.findByText('Đã lưu cài đặt thông báo.')).toBeTruthy();
  });
});
