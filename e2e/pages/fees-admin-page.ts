import type { Locator, Page } from 'playwright-core';
import { stillModal } from './modal';
import { waitForTableSettled } from './table';

/** A dialog's error: the alert for the whole form, or the message under one field. */
const DIALOG_ERROR = '.ant-alert-error, .ant-form-item-explain-error';

/** The fee administration screens' menu entries, with the national system's names. */
export type FeeAdminMenuItem =
  'Đối soát sao kê ngân hàng' | 'Quy định mức đóng đảng phí' | 'Tài khoản ngân hàng';

const exactly = (text: string) =>
  new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);

/**
 * "Đối soát sao kê ngân hàng", "Quy định mức đóng đảng phí" and "Tài khoản ngân hàng": the fee
 * officer's and the admins' screens of "Thủ tục thu nộp đảng phí".
 */
/** The bank account form's inputs, by test id. */
type AccountField = 'account-no' | 'account-holder' | 'account-bank' | 'account-citad';

export class FeesAdminPage {
  readonly statementLines: Locator;
  readonly statementResult: Locator;
  readonly ruleTable: Locator;
  readonly accountTable: Locator;

  constructor(readonly page: Page) {
    this.statementLines = page.getByTestId('statement-lines');
    this.statementResult = page.getByTestId('statement-result');
    this.ruleTable = page.getByTestId('rule-table');
    this.accountTable = page.getByTestId('account-table');
  }

  async open(item: FeeAdminMenuItem): Promise<void> {
    await this.page.getByRole('menuitem', { name: item }).click();
    await this.page.getByRole('heading', { name: item, exact: true }).waitFor();
  }

  /** Waits for a table whose query answered its current input. */
  async settled(table: Locator): Promise<void> {
    await table.and(this.page.locator('[data-settled="true"]')).waitFor();
    await waitForTableSettled(table);
  }

  /** Picks the option labelled exactly `label` of a searchable Select (typed, then clicked). */
  async pick(select: Locator, label: string): Promise<void> {
    await select.click();
    await this.page.keyboard.type(label);
    await this.page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: exactly(label) })
      .first()
      .click();
  }

  // --- Đối soát sao kê ngân hàng ---

  async chooseStatementOrg(name: string): Promise<void> {
    await this.pick(this.page.getByTestId('statement-org'), name);
    await this.page.getByTestId('statement-account').waitFor();
    await this.settled(this.statementLines);
  }

  /**
   * "Nhập sao kê": gives the file to the upload button's input and waits for the answer shown
   * line by line; returns whether it was accepted (then the waiting lines are reloaded).
   */
  async importStatement(fileName: string, text: string): Promise<boolean> {
    await this.page
      .locator('.ant-upload input[type="file"]')
      .setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
    const result = this.page.locator(
      `[data-testid="statement-result"]:has-text(${JSON.stringify(fileName)})`,
    );
    await result.waitFor();
    const accepted = (await result.getAttribute('data-accepted')) === 'true';
    await this.settled(this.statementLines);
    return accepted;
  }

  /** The import's answer for one line of the file (by the bank's reference). */
  importedLine(bankReference: string): Locator {
    return this.statementResult
      .getByTestId('statement-import-lines')
      .locator('.ant-table-row')
      .filter({ hasText: bankReference });
  }

  /** The refused file's problems: line number and message. */
  async problems(): Promise<{ lineNo: number; messageVi: string }[]> {
    const rows = await this.statementResult
      .getByTestId('statement-problems')
      .locator('.ant-table-row')
      .all();
    return Promise.all(
      rows.map(async (row) => {
        const [lineNo = '', messageVi = ''] = await row.locator('td').allInnerTexts();
        return { lineNo: Number(lineNo.trim()), messageVi: messageVi.trim() };
      }),
    );
  }

  /** "Chờ đối soát" or "Đã khớp". */
  async showLines(status: 'Chờ đối soát' | 'Đã khớp'): Promise<void> {
    await this.page.getByTestId('statement-status').getByText(status, { exact: true }).click();
    await this.settled(this.statementLines);
  }

  /** The bank references of the lines listed. */
  async lineRefs(): Promise<string[]> {
    await this.settled(this.statementLines);
    return Promise.all(
      (await this.statementLines.locator('.ant-table-row[data-line-ref]').all()).map(
        async (row) => (await row.getAttribute('data-line-ref')) ?? '',
      ),
    );
  }

  lineRow(bankReference: string): Locator {
    return this.statementLines.locator(`.ant-table-row[data-line-ref="${bankReference}"]`);
  }

  /** "Đối soát" on a waiting line: opens the dialog, once it finished opening. */
  async openMatch(bankReference: string): Promise<Locator> {
    await this.lineRow(bankReference).getByTestId('statement-match').click();
    return stillModal(this.page, this.page.getByTestId('match-dialog'));
  }

  /** In the open dialog: the cell, then its members whose approved month the line pays. */
  async chooseMembers(cellName: string, memberNames: readonly string[]): Promise<void> {
    await this.pick(this.page.getByTestId('match-cell'), cellName);
    const members = this.page.getByTestId('match-members');
    await this.settled(members);
    for (const name of memberNames)
      await members
        .locator('.ant-table-row')
        .filter({ hasText: name })
        .locator('.ant-checkbox-input')
        .check();
  }

  /** "Xác nhận đối soát"; resolves once the dialog closed and the waiting lines reloaded. */
  async submitMatch(modal: Locator): Promise<void> {
    await modal.getByTestId('match-submit').click();
    await this.page.getByTestId('match-dialog').waitFor({ state: 'detached' });
    await this.settled(this.statementLines);
  }

  // --- Quy định mức đóng đảng phí ---

  /** The ids of the rule versions listed, oldest first. */
  async ruleVersions(): Promise<string[]> {
    await this.settled(this.ruleTable);
    return Promise.all(
      (await this.ruleTable.getByTestId('rule-version').all()).map(
        async (v) => (await v.getAttribute('data-version-id')) ?? '',
      ),
    );
  }

  async canCorrectRules(): Promise<boolean> {
    await this.settled(this.ruleTable);
    return (await this.page.getByTestId('rule-correct').count()) > 0;
  }

  /** Opens a version's row: its rates and shares, as the detail under the row reads them. */
  async ruleDetail(versionId: string): Promise<string> {
    const row = this.ruleTable.locator(`.ant-table-row[data-row-key="${versionId}"]`);
    const detail = row.locator('xpath=following-sibling::tr[1]').getByTestId('rule-detail');
    if ((await detail.count()) === 0) await row.locator('.ant-table-row-expand-icon').click();
    await detail.scrollIntoViewIfNeeded();
    return detail.innerText();
  }

  /** "Đính chính quy định": the form, once its dialog finished opening. */
  async openCorrection(): Promise<Locator> {
    await this.page.getByTestId('rule-correct').click();
    return stillModal(this.page, this.page.getByTestId('rule-form'));
  }

  /** An input of the form by test id (antd puts the id on the input or on its wrapper). */
  private input(scope: Locator, testId: string): Locator {
    return scope.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
  }

  /** Types into a field of the correction form and leaves it, as a person would. */
  async fillRule(modal: Locator, testId: string, text: string): Promise<void> {
    const input = this.input(modal, testId);
    await input.fill(text);
    await input.blur();
  }

  async ruleValue(modal: Locator, testId: string): Promise<string> {
    return this.input(modal, testId).inputValue();
  }

  /**
   * "Thêm phiên bản đính chính": the dialog's Vietnamese error when refused, or null once the
   * dialog closed and the versions reloaded.
   */
  async submitCorrection(modal: Locator): Promise<string | null> {
    return this.submitDialog(modal, 'rule-submit', 'rule-form', this.ruleTable);
  }

  // --- Tài khoản ngân hàng ---

  accountRow(accountNo: string): Locator {
    return this.accountTable.locator('.ant-table-row').filter({ hasText: accountNo });
  }

  /** "Chỉ hiện tài khoản cần kiểm tra", then the list it answers. */
  async showOnlyFlagged(): Promise<void> {
    await this.page.locator('.result-bar .ant-switch').click();
    await this.settled(this.accountTable);
  }

  /** Scrolls a wide table to its last columns (the flags, before the fixed actions). */
  async scrollToEnd(table: Locator): Promise<void> {
    await table
      .locator('.ant-table-content, .ant-table-body')
      .first()
      .evaluate((el) => el.scrollTo({ left: el.scrollWidth, behavior: 'instant' }));
  }

  /** "Sửa" on an account's row: the dialog, once it finished opening. */
  async editAccount(accountNo: string): Promise<Locator> {
    await this.settled(this.accountTable);
    await this.accountRow(accountNo).getByTestId('account-edit').click();
    return stillModal(this.page, this.page.getByTestId('account-dialog'));
  }

  async fillAccount(modal: Locator, fields: Partial<Record<AccountField, string>>): Promise<void> {
    for (const [testId, text] of Object.entries(fields)) await modal.getByTestId(testId).fill(text);
  }

  /** "Lưu": the dialog's Vietnamese error when refused, or null once saved and reloaded. */
  async saveAccount(modal: Locator): Promise<string | null> {
    return this.submitDialog(modal, 'account-save', 'account-dialog', this.accountTable);
  }

  /**
   * Clicks the dialog's OK button and waits for one of two outcomes: an error in the dialog, in
   * its alert or under the field a refusal names (its text is returned), or the dialog gone and
   * the table behind it settled again.
   */
  private async submitDialog(
    modal: Locator,
    buttonTestId: string,
    contentTestId: string,
    table: Locator,
  ): Promise<string | null> {
    const content = this.page.getByTestId(contentTestId);
    const alert = content.locator(DIALOG_ERROR).first();
    // A message from an earlier attempt is replaced, not added to: wait for the new answer.
    const before = (await alert.count()) > 0 ? await alert.innerText() : null;
    await modal.getByTestId(buttonTestId).click();
    await modal.locator('.ant-btn-loading').waitFor({ state: 'detached' });
    await this.page.waitForFunction(
      ({ id, previous, selector }) => {
        const box = document.querySelector(`[data-testid="${id}"]`);
        if (!box) return true;
        const shown = box.querySelector(selector);
        return shown !== null && (previous === null || shown.textContent !== previous);
      },
      { id: contentTestId, previous: before, selector: DIALOG_ERROR },
    );
    if ((await content.count()) > 0) return (await alert.innerText()).trim();
    await this.settled(table);
    return null;
  }
}
