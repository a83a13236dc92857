import type { Locator, Page } from 'playwright-core';

export interface NotificationRow {
  text: string;
  seen: boolean;
}

/** The bell in the header and its list ("Thông báo"), with "Cài đặt thông báo". */
export class NotificationsPage {
  readonly bell: Locator;
  readonly panel: Locator;

  constructor(readonly page: Page) {
    this.bell = page.getByTestId('notification-bell');
    this.panel = page.getByTestId('notification-panel');
  }

  /** The unseen count the bell shows. */
  async unseen(): Promise<number> {
    await this.bell.waitFor();
    return Number(await this.bell.getAttribute('data-unseen'));
  }

  /** Waits until the bell shows this unseen count (the list read again after an event). */
  async waitForUnseen(count: number): Promise<void> {
    await this.page
      .locator(`[data-testid="notification-bell"][data-unseen="${count}"]`)
      .waitFor({ timeout: 30_000 });
  }

  /** Opens the list; by the bell's state, not the panel's (a closing one is still visible). */
  async open(): Promise<void> {
    if ((await this.bell.getAttribute('aria-expanded')) === 'true') return;
    await this.bell.click();
    await this.page.locator('[data-testid="notification-bell"][aria-expanded="true"]').waitFor();
    await this.panel.waitFor();
  }

  /** The list as shown, newest first. */
  async rows(): Promise<NotificationRow[]> {
    await this.open();
    const items = this.panel.getByTestId('notification-item');
    const out: NotificationRow[] = [];
    for (const item of await items.all())
      out.push({
        text: (await item.innerText()).replace(/\s+/g, ' ').trim(),
        seen: (await item.getAttribute('data-seen')) === 'true',
      });
    return out;
  }

  /** Opens the first notification naming `title`: its screen comes up, it is marked seen. */
  async openItem(title: string): Promise<void> {
    await this.open();
    await this.panel.getByTestId('notification-item').filter({ hasText: title }).first().click();
  }

  async markAllSeen(): Promise<void> {
    await this.open();
    await this.panel.getByRole('button', { name: 'Đánh dấu đã xem tất cả' }).click();
    await this.waitForUnseen(0);
  }

  /** "Cài đặt thông báo": the dialog, open. */
  async openSettings(): Promise<Locator> {
    await this.open();
    await this.panel.getByRole('button', { name: /Cài đặt thông báo/ }).click();
    const dialog = this.page.getByRole('dialog').filter({ hasText: 'Thông báo cho tôi khi có' });
    // Shown with the user's settings read (every kind is on until he changes it).
    await dialog.getByRole('checkbox', { name: 'Hồ sơ mới chờ xử lý', checked: true }).waitFor();
    return dialog;
  }
}
