import type { Locator, Page } from 'playwright-core';

/** Quản trị danh mục » Cấu hình ngày nghỉ: a year's days off and make-up days. */
export class HolidaysPage {
  readonly form: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByTestId('holiday-add-form');
  }

  async open(): Promise<void> {
    await this.page.getByRole('menuitem', { name: 'Cấu hình ngày nghỉ' }).click();
    await this.page.getByRole('heading', { name: 'Cấu hình ngày nghỉ' }).waitFor();
    await this.page.getByTestId('holidays-year').waitFor();
  }

  async pickYear(year: number): Promise<void> {
    await this.page.getByLabel('Năm', { exact: true }).click();
    await this.page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: String(year) })
      .first()
      .click();
    await this.page
      .getByRole('button', { name: `Lưu lịch năm ${year}` })
      .or(this.page.getByTestId('holidays-year-status'))
      .first()
      .waitFor();
  }

  /** The rows of one list: date, weekday, name. */
  async rows(kind: 'holidays' | 'makeUpDays'): Promise<string[][]> {
    const rows = this.page.getByTestId(`holidays-${kind}`).locator('tbody tr.ant-table-row');
    const out: string[][] = [];
    for (const row of await rows.all()) {
      const cells = await row.locator('td').allInnerTexts();
      out.push(cells.slice(1, 4).map((c) => c.trim()));
    }
    return out;
  }

  /**
   * Adds a day off ("Ngày nghỉ") or a make-up day with its date (dd/mm/yyyy) and name: Enter in
   * the date field submits the form, as "Thêm" does.
   */
  async addDay(kind: 'Ngày nghỉ' | 'Ngày làm bù', date: string, name: string): Promise<void> {
    await this.form.getByLabel(kind).check();
    await this.form.getByLabel('Tên').fill(name);
    const input = this.form.getByLabel('Ngày', { exact: true });
    await input.click();
    await input.fill(date);
    await input.press('Enter');
  }

  /** "Lưu lịch năm …", then the confirmation. */
  async save(year: number): Promise<void> {
    await this.page.getByRole('button', { name: `Lưu lịch năm ${year}` }).click();
    await this.page.getByText(`Đã lưu lịch ngày nghỉ năm ${year}.`).waitFor();
  }

  readOnlyNotice(): Locator {
    return this.page.getByText(/Chỉ quản trị viên cấp cao nhất/);
  }
}
