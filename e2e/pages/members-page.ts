import type { Locator, Page } from 'playwright-core';
import { findRow, rowTexts, waitForTableSettled } from './table';

/** "Tra cứu đảng viên" and the members of one org, with the member dialog. */
export class MembersPage {
  readonly table: Locator;
  readonly total: Locator;
  readonly detail: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByTestId('member-table');
    this.total = page.getByTestId('member-total');
    this.detail = page.getByRole('dialog', { name: 'Thông tin đảng viên' });
  }

  /** Types the query and presses Enter; resolves when the results for it are shown. */
  async search(q: string): Promise<void> {
    const box = this.page.getByPlaceholder(/^Nhập họ tên, số CCCD/);
    await box.fill(q);
    await box.press('Enter');
    await this.waitForSettled();
  }

  /** Resolves when the list shows the answer to the current query (not an earlier one). */
  async waitForSettled(): Promise<void> {
    // The total is shown at once; it is marked settled only when the answer to this query is in.
    await this.page.locator('[data-testid="member-total"][data-settled="true"]').waitFor();
    await waitForTableSettled(this.table);
  }

  names(): Promise<string[]> {
    return rowTexts(this.table, 'member-name');
  }

  async totalCount(): Promise<number> {
    const text = await this.total.innerText();
    return Number(/(\d[\d.]*)/.exec(text)?.[1]?.replaceAll('.', '') ?? NaN);
  }

  async openMember(name: string): Promise<Locator> {
    const row = await findRow(this.table, 'member-name', name);
    await row.getByRole('button', { name: 'Xem chi tiết' }).click();
    await this.detail.getByTestId('member-detail').waitFor();
    return this.detail;
  }

  async closeMember(): Promise<void> {
    await this.detail.locator('.ant-modal-footer').getByRole('button', { name: 'Đóng' }).click();
    await this.detail.waitFor({ state: 'hidden' });
  }
}
