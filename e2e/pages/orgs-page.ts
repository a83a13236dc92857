import type { Locator, Page } from 'playwright-core';
import { findRow, rowTexts, waitForTableSettled } from './table';

/** "Quản lý tổ chức Đảng": the list level by level, its breadcrumb, the detail dialog, the tree. */
export class OrgsPage {
  readonly table: Locator;
  readonly breadcrumb: Locator;
  readonly total: Locator;
  readonly detail: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByTestId('org-table');
    this.breadcrumb = page.getByTestId('org-breadcrumb');
    this.total = page.getByTestId('org-total');
    this.detail = page.getByRole('dialog', { name: 'Xem chi tiết Danh mục cơ quan' });
  }

  async waitUntilShown(): Promise<void> {
    await waitForTableSettled(this.table);
  }

  /** Names of the rows currently rendered (the first screenful of a virtual table). */
  names(): Promise<string[]> {
    return rowTexts(this.table, 'org-name');
  }

  /** "Cơ quan cấp trên: A / B": the names, root first; empty at the top level. */
  async crumbs(): Promise<string[]> {
    if ((await this.breadcrumb.count()) === 0) return [];
    const text = await this.breadcrumb.innerText();
    return text
      .replace(/^Cơ quan cấp trên:\s*/, '')
      .split('/')
      .map((s) => s.trim())
      .filter(Boolean);
  }

  async waitForParent(name: string): Promise<void> {
    await this.breadcrumb.locator('strong', { hasText: name }).waitFor();
    await waitForTableSettled(this.table);
  }

  async showChildrenOf(name: string): Promise<void> {
    // The virtual table may draw its rows again (a re-measure, a refreshed answer) between finding
    // the row and clicking in it: then the row is found again in the table as it is now.
    for (let attempt = 1; ; attempt++) {
      const row = await findRow(this.table, 'org-name', name);
      try {
        await row.getByRole('button', { name: 'Xem cấp con' }).click({ timeout: 5_000 });
        break;
      } catch (err) {
        if (attempt === 3) throw err;
      }
    }
    await this.waitForParent(name);
  }

  /** Clicks a name of the breadcrumb: the list shows that org's children. */
  async backTo(name: string): Promise<void> {
    await this.breadcrumb.getByRole('button', { name, exact: true }).click();
    await this.waitForParent(name);
  }

  async goBack(): Promise<void> {
    await this.page.getByRole('button', { name: 'Quay lại' }).click();
    await waitForTableSettled(this.table);
  }

  async openDetail(name: string): Promise<Locator> {
    const row = await findRow(this.table, 'org-name', name);
    await row.getByRole('button', { name: 'Xem chi tiết' }).click();
    await this.detail.getByTestId('org-detail').waitFor();
    return this.detail;
  }

  async closeDetail(): Promise<void> {
    await this.detail.locator('.ant-modal-footer').getByRole('button', { name: 'Đóng' }).click();
    await this.detail.waitFor({ state: 'hidden' });
  }

  async openMembersOf(name: string): Promise<void> {
    const row = await findRow(this.table, 'org-name', name);
    await row.getByRole('button', { name: /^Đảng viên/ }).click();
  }

  async search(filters: { code?: string; name?: string }): Promise<void> {
    await this.page.getByPlaceholder('Nhập mã cơ quan').fill(filters.code ?? '');
    await this.page.getByPlaceholder('Nhập tên cơ quan').fill(filters.name ?? '');
    await this.page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await waitForTableSettled(this.table);
  }

  async openTree(): Promise<Locator> {
    await this.page.getByRole('tab', { name: 'Cây tổ chức' }).click();
    const tree = this.page.getByTestId('org-tree');
    // The tree keeps a hidden node for measuring; the visible ones are the org nodes.
    await tree.locator('.ant-tree-treenode:not([aria-hidden="true"])').first().waitFor();
    return tree;
  }

  async openList(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Danh sách' }).click();
    await waitForTableSettled(this.table);
  }
}
