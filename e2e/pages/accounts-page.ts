import type { Locator, Page } from 'playwright-core';
import { stillModal } from './modal';
import { waitForTableSettled } from './table';

/** The staff's approval lists ("Tài khoản đảng viên" in the user guide, part 2). */
export type AccountsMenuItem =
  | 'Quản lý tài khoản đảng viên'
  | 'Phê duyệt đảng viên thay đổi thông tin'
  | 'Phê duyệt chức vụ trong chi bộ';

/** One row of a request's review: the declared (or new) value beside the record's. */
export interface ComparedRow {
  label: string;
  declared: string;
  onFile: string;
  differs: boolean;
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * "Quản lý tài khoản đảng viên", "Phê duyệt đảng viên thay đổi thông tin", "Phê duyệt chức vụ
 * trong chi bộ": the pending requests, a request's review beside the list, "Duyệt", and "Đăng ký
 * hộ". Waits are on what the user sees.
 */
export class AccountsPage {
  readonly screen: Locator;
  readonly table: Locator;
  readonly detail: Locator;

  constructor(readonly page: Page) {
    this.screen = page.getByTestId('accounts-screen');
    this.table = page.getByTestId('account-request-table');
    this.detail = page.getByTestId('account-request-detail');
  }

  /** The menu entry carries the number waiting after its title, hence a prefix match. */
  menuEntry(item: AccountsMenuItem): Locator {
    return this.page
      .getByRole('menu', { name: 'Chức năng' })
      .getByRole('menuitem', { name: new RegExp(`^${escaped(item)}`) });
  }

  async open(item: AccountsMenuItem): Promise<void> {
    await this.menuEntry(item).click();
    await this.page.getByRole('heading', { name: item, exact: true }).waitFor();
    await waitForTableSettled(this.table);
  }

  /** Searches (typed, then Enter); resolves once the list shows a row for `name`. */
  async find(query: string, name: string): Promise<Locator> {
    const search = this.screen.getByLabel('Tìm theo họ tên, số CCCD, số thẻ hoặc số lý lịch');
    await search.fill(query);
    await search.press('Enter');
    await this.page.locator('[data-testid="account-total"][data-settled="true"]').waitFor();
    const row = this.row(name);
    await row.waitFor();
    return row;
  }

  row(name: string): Locator {
    return this.table.locator('.ant-table-row').filter({ hasText: name });
  }

  /** "Xem chi tiết" on the member's row; resolves when the review shows its rows. */
  async openRequest(name: string): Promise<void> {
    await this.row(name).getByRole('button', { name: 'Xem chi tiết' }).click();
    await this.detail.getByTestId('compared-fields').waitFor();
  }

  /** The review's rows: label, declared (or new) value, the record's (or current) value. */
  async compared(): Promise<ComparedRow[]> {
    const registration = await this.detail
      .getByRole('columnheader', { name: 'Đảng viên khai báo' })
      .count();
    const rows = this.detail.getByTestId('compared-fields').locator('tbody tr.ant-table-row');
    const out: ComparedRow[] = [];
    for (const row of await rows.all()) {
      const [label, first, second] = (await row.locator('td').allInnerTexts()).map((t) =>
        t.replace(/\s+/g, ' ').trim(),
      );
      out.push({
        label: label ?? '',
        declared: (registration ? first : second) ?? '',
        onFile: (registration ? second : first) ?? '',
        differs: (await row.getAttribute('data-differs')) === 'true',
      });
    }
    return out;
  }

  /** A fact of the review's header ("Cấp phê duyệt", "Chi bộ", …). */
  async detailValue(label: string): Promise<string> {
    const cell = this.detail.locator(`th:has-text("${label}") + td`).first();
    return (await cell.innerText()).trim();
  }

  /** "Duyệt" under the open review; resolves once it is queued and the review has closed. */
  async approveOpen(): Promise<void> {
    await this.page.getByTestId('account-actions').getByRole('button', { name: 'Duyệt' }).click();
    await this.detail.waitFor({ state: 'detached' });
  }

  /** Ticks the members' rows and presses "Duyệt" above the list; resolves when they leave it. */
  async approveChecked(names: string[]): Promise<void> {
    for (const name of names)
      await this.table.getByRole('checkbox', { name: `Chọn ${name}` }).check();
    await this.screen.getByRole('button', { name: 'Duyệt' }).click();
    for (const name of names) await this.row(name).waitFor({ state: 'detached' });
  }

  /**
   * "Đăng ký hộ": the record found by the citizen id and card number, a username, "Đăng ký";
   * resolves with what the dialog shows once (the username and the initial password).
   */
  async registerOnBehalf(
    numbers: { citizenId: string; cardNo: string },
    username: string,
    beforeSubmit?: () => Promise<void>,
  ): Promise<{ text: string; password: string }> {
    await this.screen.getByRole('button', { name: 'Đăng ký hộ' }).click();
    const dialog = this.page.getByTestId('on-behalf-dialog');
    const modal = await stillModal(this.page, dialog);
    await dialog.getByLabel('Số CCCD').fill(numbers.citizenId);
    await dialog.getByLabel('Số thẻ đảng viên').fill(numbers.cardNo);
    await dialog.getByRole('button', { name: 'Lấy thông tin đảng viên' }).click();
    // The record's name fills in once it is found.
    const fullName = await dialog.getByLabel('Họ và tên').elementHandle();
    await this.page.waitForFunction((el) => (el as HTMLInputElement).value !== '', fullName);
    await dialog.getByLabel('Tên đăng nhập').fill(username);
    await beforeSubmit?.();
    await modal.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    const shown = dialog.getByTestId('initial-password');
    await shown.waitFor({ timeout: 30_000 });
    const password = (await shown.locator('code').innerText()).trim();
    return { text: (await shown.innerText()).replace(/\s+/g, ' ').trim(), password };
  }

  async closeOnBehalf(): Promise<void> {
    const dialog = this.page.getByTestId('on-behalf-dialog');
    await dialog.getByRole('button', { name: 'Đóng' }).click();
    await dialog.waitFor({ state: 'detached' });
  }
}
