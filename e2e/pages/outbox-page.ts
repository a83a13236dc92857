import type { Locator, Page } from 'playwright-core';
import { waitForTableSettled } from './table';

export interface OutboxRow {
  /** "Nguyễn Văn A — Chuyển sinh hoạt đảng chính thức" */
  label: string;
  /** The action's Vietnamese name ("Kiểm tra", "Ký số chuyển tiếp", …). */
  action: string;
  /** "Chờ gửi" | "Đang gửi" | "Cần xử lý" */
  status: string;
}

/** "Hồ sơ chờ gửi": what waits to be sent and what the server refused. */
export class OutboxPage {
  readonly table: Locator;
  readonly total: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByTestId('outbox-table');
    this.total = page.getByTestId('outbox-total');
  }

  /** Opens the screen from the menu ("Xử lý hồ sơ » Hồ sơ chờ gửi") and waits for the list. */
  async open(): Promise<void> {
    await this.page.getByRole('menuitem', { name: 'Hồ sơ chờ gửi' }).click();
    await this.waitUntilShown();
  }

  /** Waits until the list shows the answer of the last query. */
  async waitUntilShown(): Promise<void> {
    await this.page.locator('[data-testid="outbox-total"][data-settled="true"]').waitFor();
    await waitForTableSettled(this.table);
  }

  /** The rows in view (an outbox is short: all of them in practice). */
  async rows(): Promise<OutboxRow[]> {
    await this.waitUntilShown();
    const rows = this.table.locator('.ant-table-row');
    const out: OutboxRow[] = [];
    for (let i = 0; i < (await rows.count()); i++) {
      const row = rows.nth(i);
      out.push({
        label: (await row.getByTestId('outbox-label').innerText()).trim(),
        action: (await row.getByTestId('outbox-action').innerText()).trim(),
        status: (await row.getByTestId('outbox-status').innerText()).trim(),
      });
    }
    return out;
  }

  /** Entries waiting to be sent and entries that need the user's attention. */
  async counts(): Promise<{ waiting: number; refused: number }> {
    await this.waitUntilShown();
    return {
      waiting: Number(await this.total.getAttribute('data-waiting')),
      refused: Number(await this.total.getAttribute('data-refused')),
    };
  }

  /** Presses "Gửi ngay"; resolves with the result shown once the push is over. */
  async pushNow(): Promise<string> {
    await this.waitUntilShown();
    await this.page.getByRole('button', { name: 'Gửi ngay' }).click();
    await this.page.locator('[data-testid="outbox-total"][data-pushing="false"]').waitFor();
    const text = await this.page.getByTestId('outbox-push-result').innerText();
    await this.waitUntilShown();
    return text.replace(/^Lần gửi gần nhất:\s*/, '').trim();
  }

  /** "Bỏ thao tác" on the refused entry whose label contains `label`, confirmed. */
  async discard(label: string): Promise<void> {
    const row = this.table.locator('.ant-table-row').filter({ hasText: label }).first();
    await row.getByRole('button', { name: 'Bỏ thao tác' }).click();
    await this.page.locator('.ant-popconfirm').getByRole('button', { name: 'Bỏ thao tác' }).click();
    await row.waitFor({ state: 'detached' });
    await this.waitUntilShown();
  }

  /** Waits until nothing is left to send (e.g. after the server came back). */
  async waitUntilEmpty(): Promise<void> {
    await this.page
      .locator(
        '[data-testid="outbox-total"][data-settled="true"][data-waiting="0"][data-refused="0"]',
      )
      .waitFor({ timeout: 60_000 });
  }
}
