import type { Locator, Page } from 'playwright-core';
import { findRow, rowTexts, waitForTableSettled } from './table';

/** "Quản lý người dùng" (read-only) with the filters of the admin guide. */
export class UsersPage {
  readonly table: Locator;
  readonly total: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByTestId('user-table');
    this.total = page.getByTestId('user-total');
  }

  /** Waits until the list and its total show the answer to the current filters. */
  async waitUntilShown(): Promise<void> {
    await this.page.locator('[data-testid="user-total"][data-settled="true"]').waitFor();
    await waitForTableSettled(this.table);
  }

  names(): Promise<string[]> {
    return rowTexts(this.table, 'user-name');
  }

  /** Whether the list holds this full name, scrolling the virtual table to find it. */
  async has(fullName: string): Promise<boolean> {
    return findRow(this.table, 'user-name', fullName).then(
      () => true,
      () => false,
    );
  }

  async totalCount(): Promise<number> {
    await this.total.waitFor();
    const text = await this.total.innerText();
    return Number(/(\d[\d.]*)/.exec(text)?.[1]?.replaceAll('.', '') ?? NaN);
  }

  /** Types in the name filter and presses "Tìm kiếm". */
  async searchName(q: string): Promise<void> {
    await this.page.getByPlaceholder('Nhập họ tên hoặc tên đăng nhập').fill(q);
    await this.page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await this.waitUntilShown();
  }

  /** Picks a value of one of the select filters ("Trạng thái", "Vai trò", "Chức vụ"). */
  async filterBy(label: 'Trạng thái' | 'Vai trò' | 'Chức vụ', option: string): Promise<void> {
    await this.page.getByLabel(label).click();
    await this.page.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
    await this.waitUntilShown();
  }
}
