import type { Download, Locator, Page } from 'playwright-core';
import { waitForTableSettled } from './table';

/** The fee screens' menu entries, with the national system's names. */
export type FeeMenuItem =
  | 'Phê duyệt mức đóng đảng phí'
  | 'Nộp đảng phí cho chi bộ'
  | 'Danh sách giao dịch nộp đảng phí'
  | 'Sổ thu nộp đảng phí'
  | 'Tài khoản ngân hàng'
  // A member's own.
  | 'Nộp đảng phí';

/** "Thủ tục thu nộp đảng phí": approval, cell payment, transactions, ledger. */
export class FeesPage {
  readonly approvalTable: Locator;
  readonly payTable: Locator;
  readonly txTable: Locator;
  readonly paymentResult: Locator;

  constructor(readonly page: Page) {
    this.approvalTable = page.getByTestId('fee-approval-table');
    this.payTable = page.getByTestId('fee-pay-table');
    this.txTable = page.getByTestId('tx-table');
    this.paymentResult = page.getByTestId('payment-result');
  }

  async open(item: FeeMenuItem): Promise<void> {
    // Anchored at the end: "Nộp đảng phí" is also the start of "Nộp đảng phí cho chi bộ".
    await this.page.getByRole('menuitem', { name: new RegExp(`(^|\\s)${item}$`) }).click();
    await this.page.getByRole('heading', { name: item, exact: true }).waitFor();
  }

  /** Waits for a table whose query answered its current input. */
  async settled(table: Locator): Promise<void> {
    await table.and(this.page.locator('[data-settled="true"]')).waitFor();
    await waitForTableSettled(table);
  }

  /** The approval states of the sheet's rows (approved / unapproved / pending). */
  async approvalStates(): Promise<string[]> {
    await this.settled(this.approvalTable);
    return Promise.all(
      (await this.approvalTable.getByTestId('fee-approval').all()).map(
        async (tag) => (await tag.getAttribute('data-state')) ?? '',
      ),
    );
  }

  row(table: Locator, name: string): Locator {
    return table.locator('.ant-table-row').filter({ hasText: name });
  }

  /** Types an adjusted amount (and reason) on a member's row of the approval sheet. */
  async adjust(name: string, amount: string, reason = ''): Promise<void> {
    const row = this.row(this.approvalTable, name);
    await row.getByTestId('fee-adjust-amount').fill(amount);
    await row.getByTestId('fee-adjust-reason').fill(reason);
  }

  async select(table: Locator, name: string): Promise<void> {
    await this.row(table, name).locator('.ant-checkbox-input').check();
  }

  async selectAll(table: Locator): Promise<void> {
    await table.locator('thead .ant-checkbox-input').check();
  }

  async unselect(table: Locator, name: string): Promise<void> {
    await this.row(table, name).locator('.ant-checkbox-input').uncheck();
  }

  async approveSelected(): Promise<void> {
    await this.page.getByTestId('fee-approve-selected').click();
  }

  async approveAll(): Promise<void> {
    await this.page.getByTestId('fee-approve-all').click();
  }

  /** Waits until every row of the sheet reads `state`. */
  async waitForAll(state: 'approved' | 'unapproved'): Promise<void> {
    await this.page.waitForFunction((wanted) => {
      const tags = Array.from(document.querySelectorAll('[data-testid="fee-approval"]'));
      return tags.length > 0 && tags.every((t) => t.getAttribute('data-state') === wanted);
    }, state);
  }

  /**
   * "Nộp đảng phí qua cổng thanh toán": the gateway's page opens in a new window (the system
   * browser in Electron); it is closed, and the screen waits for the final status.
   */
  async payAndWait(): Promise<string> {
    await this.openPayConfirmation();
    return this.confirmPayAndWait();
  }

  /** The payment confirmation's figures, by row key (amount, members, month, org, account-no…). */
  async openPayConfirmation(): Promise<Record<string, string>> {
    await this.page.getByTestId('fee-pay').click();
    const dialog = this.page.getByTestId('fee-pay-dialog');
    await dialog.waitFor();
    const figures: Record<string, string> = {
      amountValue: (await dialog.getAttribute('data-amount')) ?? '',
      membersValue: (await dialog.getAttribute('data-members')) ?? '',
    };
    for (const cell of await dialog.locator('[data-testid^="fee-pay-dialog-"]').all()) {
      const key = (await cell.getAttribute('data-testid'))?.replace('fee-pay-dialog-', '') ?? '';
      figures[key] = (await cell.innerText()).trim();
    }
    return figures;
  }

  /** "Hủy" on the confirmation: the dialog goes, nothing is started. */
  async cancelPay(): Promise<void> {
    await this.page.getByTestId('fee-pay-cancel').click();
    await this.page.getByTestId('fee-pay-dialog').waitFor({ state: 'detached' });
  }

  /** Confirms the open dialog, closes the gateway's page and waits for the final status. */
  async confirmPayAndWait(): Promise<string> {
    const popup = this.page.context().waitForEvent('page');
    await this.page.getByTestId('fee-pay-confirm').click();
    await (await popup).close();
    await this.page
      .locator('[data-testid="payment-result"]:not([data-status="unknown"])')
      .waitFor({ timeout: 30_000 });
    return (await this.paymentResult.getAttribute('data-status')) ?? '';
  }

  /**
   * A member's "Nộp đảng phí qua cổng thanh toán": confirms his due, leaves the gateway's page
   * and resolves with the result shown (unknown until the gateway answers) and its reference.
   */
  async payOwnDue(): Promise<{ status: string; reference: string }> {
    await this.page.getByTestId('member-pay').click();
    await this.page.getByTestId('fee-pay-dialog').waitFor();
    const popup = this.page.context().waitForEvent('page');
    await this.page.getByTestId('fee-pay-confirm').click();
    await (await popup).close();
    await this.paymentResult.waitFor();
    return {
      status: (await this.paymentResult.getAttribute('data-status')) ?? '',
      reference: (await this.paymentResult.innerText()).match(/Mã giao dịch (\w+)/)?.[1] ?? '',
    };
  }

  /** "In biên lai" and waits until the PDF's first page is drawn. */
  async openReceipt(scope: Locator): Promise<Locator> {
    await scope.getByTestId('fee-receipt').click();
    const viewer = this.page.getByTestId('document-dialog');
    await viewer.locator('[data-testid="pdf-viewer"][data-state="rendered"]').waitFor();
    return viewer;
  }

  async closeDialog(): Promise<void> {
    await this.page
      .getByRole('dialog')
      .locator('.ant-modal-footer')
      .getByRole('button', { name: 'Đóng', exact: true })
      .click();
    await this.page.getByTestId('document-dialog').waitFor({ state: 'detached' });
  }

  /** The status (success / failed / unknown) of the transaction with this reference. */
  async txStatus(reference: string): Promise<string> {
    await this.settled(this.txTable);
    const row = this.row(this.txTable, reference);
    return (await row.getByTestId('payment-status').getAttribute('data-status')) ?? '';
  }

  async reloadTransactions(): Promise<void> {
    await this.page.getByRole('button', { name: 'Làm mới' }).click();
    await this.settled(this.txTable);
  }

  /** "Tra cứu kết quả" on a transaction; resolves once the list shows a final status. */
  async lookUp(reference: string): Promise<string> {
    const row = this.row(this.txTable, reference);
    await row.getByTestId('payment-query').click();
    await row
      .locator('[data-testid="payment-status"]:not([data-status="unknown"])')
      .waitFor({ timeout: 30_000 });
    return (await row.getByTestId('payment-status').getAttribute('data-status')) ?? '';
  }

  /** The ward's totals ("Tổng hợp đảng bộ") exported to Excel: the file the browser saves. */
  async exportOrgReport(): Promise<Download> {
    await this.page.getByRole('tab', { name: 'Tổng hợp đảng bộ' }).click();
    await this.settled(this.page.getByTestId('report-table'));
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId('report-export-xlsx').click();
    return download;
  }
}
