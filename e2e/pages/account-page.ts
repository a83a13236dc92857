import type { Locator, Page } from 'playwright-core';

export type AccountMenuItem = 'Thông tin tài khoản' | 'Thay đổi thông tin tài khoản';

/** One row of "Yêu cầu đã gửi" as the member reads it. */
export interface AccountRequestRow {
  request: string;
  decidingOrg: string;
  status: string;
  reason: string;
}

/** Picks a cell by typing part of its name in a cell picker (the server's cells by name). */
export async function chooseCell(
  page: Page,
  picker: Locator,
  query: string,
  name: string | RegExp,
) {
  await picker.click();
  await picker.fill(query);
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await open.locator('.ant-select-item-option').filter({ hasText: name }).first().click();
  // The list folds away once the cell is chosen: what comes next is not hidden under it.
  await open.waitFor({ state: 'hidden' });
}

/**
 * The member's own account pages ("Thông tin tài khoản" in the user guide): his data and his
 * requests, and "Thay đổi thông tin tài khoản" with its three sections.
 */
export class MemberAccountPage {
  constructor(readonly page: Page) {}

  async open(item: AccountMenuItem): Promise<void> {
    await this.page
      .getByRole('menu', { name: 'Chức năng' })
      .getByRole('menuitem', { name: item, exact: true })
      .click();
    await this.page.getByRole('heading', { name: item, exact: true }).waitFor();
    await this.page
      .getByTestId(item === 'Thông tin tài khoản' ? 'account-info' : 'info-change-form')
      .waitFor();
  }

  /** A value of "Thông tin tài khoản" by its label ("Số điện thoại", "Chi bộ sinh hoạt", …). */
  async value(label: string): Promise<string> {
    const info = this.page.getByTestId('account-info');
    const cell = info.locator(`th:has-text("${label}") + td`).first();
    return (await cell.innerText()).trim();
  }

  /** "Yêu cầu đã gửi", newest first. */
  async requests(): Promise<AccountRequestRow[]> {
    const rows = this.page.getByTestId('account-requests').locator('tbody tr.ant-table-row');
    const out: AccountRequestRow[] = [];
    for (const row of await rows.all()) {
      const cells = await row.locator('td').allInnerTexts();
      out.push({
        request: (cells[0] ?? '').replace(/\s+/g, ' ').trim(),
        decidingOrg: (cells[2] ?? '').trim(),
        status: (cells[3] ?? '').trim(),
        reason: (cells[4] ?? '').trim(),
      });
    }
    return out;
  }

  /** Changes fields by their labels, then "CẬP NHẬT"; resolves when the screen says it was sent. */
  async changeInfo(
    fields: Record<string, string>,
    residence?: { query: string; name: string | RegExp },
  ) {
    const form = this.page.getByTestId('info-change-form');
    for (const [label, value] of Object.entries(fields)) await form.getByLabel(label).fill(value);
    if (residence)
      await chooseCell(
        this.page,
        form.getByLabel('Chi bộ nơi cư trú'),
        residence.query,
        residence.name,
      );
    await form.getByRole('button', { name: /CẬP NHẬT/ }).click();
    await form.getByText('Đã gửi, chờ Bí thư chi bộ phê duyệt').waitFor();
  }

  /** "Chức vụ trong chi bộ": declares himself secretary or deputy. */
  async declarePosition(position: 'Bí thư' | 'Phó bí thư'): Promise<void> {
    const section = this.page.getByTestId('position-form');
    await section.getByRole('radio', { name: position, exact: true }).check();
    await section.getByRole('button', { name: 'Gửi đề nghị phê duyệt chức vụ' }).click();
    await section.getByText('Đã gửi, chờ cấp ủy cấp trên phê duyệt').waitFor();
  }

  /** "Đăng ký nhầm chi bộ sinh hoạt" (TH3): asks the right cell to take him. */
  async requestCellChange(query: string, name: string): Promise<void> {
    const section = this.page.getByTestId('cell-change-form');
    await chooseCell(this.page, section.getByLabel('Chi bộ sinh hoạt đúng'), query, name);
    await section.getByRole('button', { name: 'Gửi yêu cầu chuyển về chi bộ đúng' }).click();
    await section.getByText('Đã gửi, chờ Bí thư chi bộ phê duyệt').waitFor();
  }
}

/** "Đăng ký tài khoản đảng viên", opened from the login screen's link. */
export class RegistrationPage {
  readonly form: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByTestId('registration');
  }

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: 'Đăng ký tài khoản đảng viên' }).click();
    await this.form.waitFor();
  }

  /** "LẤY THÔNG TIN ĐẢNG VIÊN"; resolves when the form says whether the record was found. */
  async lookUp(citizenId: string, numbers: { cardNo?: string; profileNo?: string }) {
    await this.form.getByLabel('Số CCCD').fill(citizenId);
    if (numbers.cardNo) await this.form.getByLabel('Số thẻ đảng viên').fill(numbers.cardNo);
    if (numbers.profileNo) await this.form.getByLabel('Số lý lịch').fill(numbers.profileNo);
    await this.form.getByRole('button', { name: /LẤY THÔNG TIN ĐẢNG VIÊN/ }).click();
    await this.form
      .getByText(/Đã điền thông tin từ CSDL đảng viên|Không tìm thấy thông tin trong CSDL/)
      .waitFor();
  }

  async fieldValue(label: string): Promise<string> {
    return this.form.getByLabel(label).inputValue();
  }

  async fill(label: string, value: string): Promise<void> {
    await this.form.getByLabel(label).fill(value);
  }

  async chooseHomeCell(query: string, name: string | RegExp): Promise<void> {
    await chooseCell(this.page, this.form.getByLabel('Chi bộ sinh hoạt'), query, name);
  }

  async position(label: 'Không' | 'Phó bí thư' | 'Bí thư'): Promise<void> {
    await this.form.getByRole('radio', { name: label, exact: true }).check();
  }

  /** Username, password twice, then "Lưu". */
  async save(username: string, password: string): Promise<void> {
    await this.form.getByLabel('Tên đăng nhập').fill(username);
    await this.form.getByLabel('Mật khẩu', { exact: true }).fill(password);
    await this.form.getByLabel('Nhập lại mật khẩu').fill(password);
    await this.form.getByRole('button', { name: /Lưu/ }).click();
  }

  async waitRegistered(): Promise<void> {
    await this.form.getByText('Đã gửi đăng ký, chờ Bí thư chi bộ phê duyệt').waitFor();
  }

  /** The duplicate's alert: the holder's name and cell, with the guide's advice (TH1). */
  async duplicateText(): Promise<string> {
    const alert = this.form.getByTestId('duplicate-holder');
    await alert.waitFor();
    return (await alert.innerText()).trim();
  }

  async backToLogin(): Promise<void> {
    await this.form.getByRole('button', { name: /Quay lại đăng nhập/ }).click();
  }
}
