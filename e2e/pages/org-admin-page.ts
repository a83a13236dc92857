import type { Locator, Page } from 'playwright-core';
import { nextAppEvent } from '../support/app-events';
import { stillModal } from './modal';
import { OrgsPage } from './orgs-page';

/** What the journey fills in the org form; the fields it leaves out keep their values. */
export interface OrgFormInput {
  name?: string;
  code?: string;
  /** A type's label ("Đảng bộ cơ sở"); the form's first choice when left out. */
  type?: string;
  email?: string;
  phone?: string;
  province?: string;
  /** The radio's words: "từ trên xuống dưới" or "từ dưới lên trên". */
  allocation?: 'từ trên xuống dưới' | 'từ dưới lên trên';
}

/**
 * The writes of "Quản lý tổ chức Đảng" (docs/decisions/0038), from the detail dialog: "Chỉnh sửa",
 * "Thêm đơn vị trực thuộc" and "Chuyển đơn vị". Each save resolves once the app has pulled the
 * change and said `orgs-changed`.
 */
export class OrgAdminPage extends OrgsPage {
  readonly form: Locator;
  readonly move: Locator;

  constructor(page: Page) {
    super(page);
    this.form = page.getByTestId('org-form-dialog');
    this.move = page.getByTestId('move-org-dialog');
  }

  /** Searches the org by name and opens its detail dialog. */
  async openDetailOf(name: string): Promise<Locator> {
    await this.search({ name });
    return this.openDetail(name);
  }

  /** Opens the form of the detail dialog's action ("Chỉnh sửa" or "Thêm đơn vị trực thuộc"). */
  async openForm(action: 'Chỉnh sửa' | 'Thêm đơn vị trực thuộc'): Promise<Locator> {
    await this.detail.getByRole('button', { name: action, exact: true }).click();
    return stillModal(this.page, this.form);
  }

  async fill(modal: Locator, input: OrgFormInput): Promise<void> {
    const text = async (label: string, value: string | undefined) => {
      if (value !== undefined) await modal.getByLabel(label, { exact: true }).fill(value);
    };
    await text('Tên cơ quan, đơn vị', input.name);
    await text('Mã cơ quan, đơn vị', input.code);
    if (input.type) {
      await modal.getByLabel('Loại cơ quan, đơn vị', { exact: true }).click();
      await this.page
        .locator('.ant-select-dropdown:visible .ant-select-item-option')
        .filter({ hasText: input.type })
        .first()
        .click();
    }
    await text('Email', input.email);
    await text('Số điện thoại', input.phone);
    await text('Tỉnh/Thành phố', input.province);
    if (input.allocation) await modal.getByLabel(new RegExp(input.allocation)).check();
  }

  /** Presses "Lưu" and waits until the change is pulled and the form has closed. */
  async save(modal: Locator): Promise<void> {
    const changed = nextAppEvent(this.page, 'orgs-changed');
    await modal.getByRole('button', { name: 'Lưu' }).click();
    await changed;
    await this.form.waitFor({ state: 'hidden' });
  }

  /** "Chuyển đơn vị": types part of the new parent's name, picks it, reads the confirmation. */
  async chooseNewParent(
    typed: string,
    parentName: string,
  ): Promise<{ modal: Locator; confirm: string }> {
    await this.detail.getByRole('button', { name: 'Chuyển đơn vị' }).click();
    const modal = await stillModal(this.page, this.move);
    await modal.getByLabel('Đơn vị cấp trên mới').fill(typed);
    await this.page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: parentName })
      .first()
      .click();
    const confirm = await modal.getByTestId('move-org-confirm').innerText();
    return { modal, confirm };
  }

  async confirmMove(modal: Locator): Promise<void> {
    const changed = nextAppEvent(this.page, 'orgs-changed');
    await modal.getByRole('button', { name: 'Chuyển', exact: true }).click();
    await changed;
    await this.move.waitFor({ state: 'hidden' });
  }

  /** "Lịch sử chỉnh sửa" of the open detail: the entries' texts, once `count` are shown. */
  async history(count: number): Promise<{ modal: Locator; entries: string[] }> {
    await this.detail.getByRole('button', { name: 'Lịch sử chỉnh sửa' }).click();
    const modal = await stillModal(this.page, this.page.getByTestId('org-history'));
    const entries = modal.getByTestId('org-history-entry');
    await entries.nth(count - 1).waitFor();
    return { modal, entries: await entries.allInnerTexts() };
  }

  /** The detail dialog's value of a field ("Loại phân bổ cho cơ quan"). */
  async detailValue(label: string): Promise<string> {
    const row = this.detail.locator('.ant-descriptions-row').filter({ hasText: label });
    const cells = row.locator('th, td');
    const n = await cells.count();
    for (let i = 0; i < n - 1; i++)
      if ((await cells.nth(i).innerText()).trim() === label) return cells.nth(i + 1).innerText();
    throw new Error(`no field ${label} in the detail dialog`);
  }
}
