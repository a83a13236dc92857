import type { Locator, Page } from 'playwright-core';
import type { SyncSummary } from '../../src/desktop/contract';
import { nextAppEvent } from '../support/app-events';

export type MenuItem =
  'Quản lý tổ chức Đảng' | 'Tra cứu đảng viên' | 'Quản lý người dùng' | 'Hồ sơ chờ gửi';

/** The frame around every screen: the menu, the sync indicator, the offline notice. */
export class AppShell {
  readonly syncIndicator: Locator;
  readonly offlineBanner: Locator;
  readonly currentUser: Locator;

  constructor(readonly page: Page) {
    this.syncIndicator = page.getByTestId('sync-indicator');
    this.offlineBanner = page.getByTestId('offline-banner');
    this.currentUser = page.getByTestId('current-user');
  }

  async waitUntilShown(): Promise<void> {
    await this.currentUser.waitFor();
  }

  /** "Đăng xuất" from the user menu, which opens on a click; resolves on the login screen. */
  async logOut(): Promise<void> {
    await this.currentUser.click();
    await this.page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
    await this.loginShown();
  }

  /**
   * "Đăng xuất" with the keyboard only: Shift+Tab back from where the focus is (the screen's
   * heading) to the user's name, Enter opens the menu, the arrow key reaches "Đăng xuất", Enter.
   */
  async logOutWithKeyboard(): Promise<void> {
    const keyboard = this.page.keyboard;
    for (let presses = 0; !(await this.focusIsOn(this.currentUser)); presses++) {
      if (presses === 60) throw new Error('Shift+Tab never reached the user menu');
      await keyboard.press('Shift+Tab');
    }
    await keyboard.press('Enter');
    const logout = this.page.getByRole('menuitem', { name: 'Đăng xuất' });
    await logout.waitFor();
    for (let presses = 0; !(await this.focusIsOn(logout)); presses++) {
      if (presses === 5) throw new Error('the arrow keys never reached "Đăng xuất"');
      await keyboard.press('ArrowDown');
    }
    await keyboard.press('Enter');
    await this.loginShown();
  }

  /** The element that has the keyboard focus is this one. */
  focusIsOn(locator: Locator): Promise<boolean> {
    return locator.evaluate((el) => el === document.activeElement).catch(() => false);
  }

  private async loginShown(): Promise<void> {
    await this.page.getByRole('heading', { name: 'Đăng nhập', exact: true }).waitFor();
  }

  /** The names of the side menu's entries in view (items and submenu titles). */
  async menuEntries(): Promise<string[]> {
    const entries = this.page.getByRole('menu', { name: 'Chức năng' }).getByRole('menuitem');
    return (await entries.allInnerTexts()).map((t) => t.trim());
  }

  async open(item: MenuItem): Promise<void> {
    await this.page.getByRole('menuitem', { name: item }).click();
  }

  /** Presses "Đồng bộ" and resolves when the app announces `sync-finished`; fails on `sync-failed`. */
  async syncNow(): Promise<SyncSummary> {
    const outcome = nextAppEvent(this.page, ['sync-finished', 'sync-failed']);
    await this.syncIndicator.getByRole('button', { name: 'Đồng bộ' }).click();
    const event = await outcome;
    if (event.type === 'sync-failed')
      throw new Error(`sync failed: ${event.error.code}: ${event.error.message}`);
    return event.summary;
  }

  /** Waits until no sync runs and one has finished at some point. */
  async waitForSynced(): Promise<void> {
    await this.page
      .locator('[data-testid="sync-indicator"][data-sync-state="idle"]:not([data-last-sync-at=""])')
      .waitFor();
  }

  /** The sync indicator's outbox counts: actions waiting to be sent, and those refused. */
  async outboxCounts(): Promise<{ waiting: number; refused: number }> {
    return {
      waiting: Number(await this.syncIndicator.getAttribute('data-outbox-waiting')),
      refused: Number(await this.syncIndicator.getAttribute('data-outbox-attention')),
    };
  }

  /** Waits until the indicator shows nothing waiting and nothing refused (after `outbox-empty`). */
  async waitForOutboxEmpty(timeoutMs = 60_000): Promise<void> {
    await this.page
      .locator('[data-testid="sync-indicator"][data-outbox-waiting="0"][data-outbox-attention="0"]')
      .waitFor({ timeout: timeoutMs });
  }

  /** Clicks "n thao tác chờ gửi" in the indicator: opens "Hồ sơ chờ gửi". */
  async openOutboxFromIndicator(): Promise<void> {
    await this.syncIndicator.getByTestId('outbox-count').click();
  }

  async isOnline(): Promise<string | null> {
    return this.syncIndicator.getAttribute('data-online');
  }
}
