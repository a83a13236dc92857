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

  /** "Đăng xuất" from the user menu; resolves on the login screen. */
  async logOut(): Promise<void> {
    await this.currentUser.hover();
    await this.page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
    await this.page.getByRole('heading', { name: 'Đăng nhập', exact: true }).waitFor();
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
