import type { Locator, Page } from 'playwright-core';
import { stillModal } from './modal';

/** What a filing form takes: dates dd/MM/yyyy as the screen shows them. */
export interface FilingInput {
  /** Staff filing: part of the member's name, and the option's start ("Họ tên — Chi bộ …"). */
  member?: { typed: string; option: string };
  destination: { typed: string; option: string };
  movedOn: string;
  reason: string;
  file?: { name: string; bytes: Buffer };
}

/** "Nộp hồ sơ" / "Nộp hộ": the filing dialog, and the member's "Chuyển sinh hoạt đảng". */
export class TransferFilingPage {
  readonly myScreen: Locator;
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.myScreen = page.getByTestId('my-transfers-screen');
    this.dialog = page.getByTestId('filing-dialog');
  }

  async openMine(): Promise<void> {
    await this.page.getByRole('menuitem', { name: 'Chuyển sinh hoạt đảng' }).click();
    await this.myScreen.waitFor();
  }

  private async choose(label: string, typed: string, option: string): Promise<void> {
    const field = this.dialog.getByLabel(label, { exact: true });
    await field.click();
    await field.fill(typed);
    await this.page.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
  }

  /** Fills the open dialog; `beforeSubmit` sees it filled (a screenshot). */
  async fill(input: FilingInput): Promise<void> {
    await this.dialog.waitFor();
    if (input.member) await this.choose('Đảng viên', input.member.typed, input.member.option);
    await this.choose('Nơi chuyển đến', input.destination.typed, input.destination.option);
    const movedOn = this.dialog.getByLabel('Ngày chuyển đến nơi mới', { exact: true });
    await movedOn.click();
    await movedOn.fill(input.movedOn);
    await movedOn.press('Enter');
    await this.dialog.getByLabel('Lý do chuyển', { exact: true }).fill(input.reason);
    if (input.file)
      await this.dialog.locator('input[type="file"]').setInputFiles({
        name: input.file.name,
        mimeType: 'application/pdf',
        buffer: input.file.bytes,
      });
  }

  /** "Nộp hồ sơ" in the dialog; resolves once the dialog has closed (filed). */
  submit(): Promise<void> {
    return this.press('Nộp hồ sơ');
  }

  /**
   * "Nộp lại" of a returned dossier: the dialog opens on its form, the reason is corrected, and
   * it resolves once the dialog has closed (queued).
   */
  async resubmit(reason: string): Promise<void> {
    await this.dialog.waitFor();
    await this.dialog.getByLabel('Lý do chuyển', { exact: true }).fill(reason);
    await this.press('Nộp lại');
  }

  private async press(button: string): Promise<void> {
    const modal = await stillModal(this.page, this.dialog);
    await modal.getByRole('button', { name: button }).click();
    await this.dialog.waitFor({ state: 'detached', timeout: 60_000 });
  }

  /** The member's dossiers as the list shows them, one line each. */
  async myRows(): Promise<string[]> {
    const rows = this.myScreen.getByTestId('my-transfer');
    return (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  }
}
