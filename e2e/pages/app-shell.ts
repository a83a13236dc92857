import type { Locator, Page } from 'playwright-core';
import type { SyncSummary } from '../../src/desktop/contract';
import { nextAppEvent } from '../support/app-events';

export type MenuItem = 'Quản lý tổ chức Đảng' | 'Tra cứu đảng viên' | 'Quản lý người dùng';

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

  async open(item: MenuItem): Promise<void> {
    await this.page.getByRole('menuitem', { name: item }).click();
  }

  /** Presses "Đồng bộ" and resolves when the app announces `sync-finished`. */
  async syncNow(): Promise<SyncSummary> {
    const finished = nextAppEvent(this.page, 'sync-finished');
    await this.syncIndicator.getByRole('button', { name: 'Đồng bộ' }).click();
    return (await finished).summary;
  }

  /** Waits until no sync runs and one has finished at some point. */
  async waitForSynced(): Promise<void> {
    await this.page
      .locator('[data-testid="sync-indicator"][data-sync-state="idle"]:not([data-last-sync-at=""])')
      .waitFor();
  }

  async isOnline(): Promise<string | null> {
    return this.syncIndicator.getAttribute('data-online');
  }
}
