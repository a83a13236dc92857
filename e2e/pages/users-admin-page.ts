import type { Locator, Page } from 'playwright-core';
import { stillModal } from './modal';
import { UsersPage } from './users-page';

/** A row action of "Quản lý người dùng". */
export type UserRowAction =
  | 'Xem chi tiết'
  | 'Sửa'
  | 'Khóa'
  | 'Mở khóa'
  | 'Đặt lại mật khẩu'
  | 'Phân quyền'
  | 'Lịch sử chỉnh sửa';

export interface NewUser {
  citizenId: string;
  fullName: string;
  /** dd/mm/yyyy, as the guide's field asks. */
  birthDate: string;
  username: string;
  /** A role's label ("Cán bộ xử lý TTHC"), granted at the member's unit the form prefills. */
  role: string;
}

/**
 * The writes of "Quản lý người dùng" (docs/decisions/0033): "Thêm người dùng" from the member
 * database, and each row's "Thao tác". Waits are on what the user sees.
 */
export class UsersAdminPage extends UsersPage {
  readonly addDialog: Locator;

  constructor(page: Page) {
    super(page);
    this.addDialog = page.getByTestId('add-user-dialog');
  }

  /** Picks `option` of the antd select labelled `label` inside `scope`. */
  private async choose(scope: Locator, label: string, option: string): Promise<void> {
    await scope.getByLabel(label, { exact: true }).click();
    await this.page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: option })
      .first()
      .click();
  }

  /** Opens "Thêm người dùng" and looks the member up; resolves once the record fills the form. */
  async lookUp(user: Pick<NewUser, 'citizenId' | 'fullName' | 'birthDate'>): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Thêm người dùng' }).click();
    const modal = await stillModal(this.page, this.addDialog);
    await modal.getByLabel('Số CCCD').fill(user.citizenId);
    await modal.getByLabel('Họ và tên').fill(user.fullName);
    await modal.getByLabel('Ngày sinh').fill(user.birthDate);
    await modal.getByRole('button', { name: 'Tìm kiếm' }).click();
    await modal.getByTestId('found-member').waitFor();
    return modal;
  }

  /** Fills the account and presses "Lưu"; resolves with the initial password shown once. */
  async finishAdding(modal: Locator, user: Pick<NewUser, 'username' | 'role'>): Promise<string> {
    await this.choose(modal, 'Vai trò 1', user.role);
    await modal.getByLabel('Tên đăng nhập').fill(user.username);
    await modal.getByRole('button', { name: 'Lưu' }).click();
    const shown = modal.getByTestId('initial-password');
    await shown.waitFor();
    return (await shown.locator('code').innerText()).trim();
  }

  /** "Đóng" under the password (the dialog's corner button has the same name). */
  async closeAddDialog(): Promise<void> {
    await this.addDialog.getByRole('button', { name: 'Đóng' }).click();
    await this.addDialog.waitFor({ state: 'detached' });
  }

  /** Finds the user by his user name, then opens one of his row's actions. */
  async openAction(username: string, action: UserRowAction): Promise<void> {
    await this.searchName(username);
    await this.page.getByRole('button', { name: `Thao tác với ${username}` }).click();
    await this.page.getByRole('menuitem', { name: action, exact: true }).click();
  }

  /** "Phân quyền": grants `role` at the org found by typing `orgQuery`; waits for its row. */
  async grantRole(role: string, orgQuery: string, orgName: string): Promise<Locator> {
    const modal = await stillModal(this.page, this.page.getByTestId('role-grants-dialog'));
    await this.choose(modal, 'Vai trò', role);
    await modal.getByLabel('Đơn vị', { exact: true }).fill(orgQuery);
    await this.page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: orgName })
      .first()
      .click();
    await modal.getByRole('button', { name: 'Cấp quyền' }).click();
    await modal.getByRole('row').filter({ hasText: role }).filter({ hasText: orgName }).waitFor();
    return modal;
  }

  /** "Lịch sử chỉnh sửa": the entries' texts, newest first, once at least `atLeast` show. */
  async history(atLeast: number): Promise<string[]> {
    const drawer = this.page.getByTestId('user-history');
    await drawer
      .getByTestId('user-history-entry')
      .nth(atLeast - 1)
      .waitFor();
    return drawer.getByTestId('user-history-entry').allInnerTexts();
  }
}
