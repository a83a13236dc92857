import type { Download, Locator, Page } from 'playwright-core';

/** "Tổng quan" and "Rà soát sẵn sàng" (docs/decisions/0034). */
export class OversightPage {
  readonly dashboard: Locator;
  readonly readiness: Locator;

  constructor(readonly page: Page) {
    this.dashboard = page.locator('[data-testid="dashboard"][data-settled="true"]');
    this.readiness = page.locator('[data-testid="readiness"][data-settled="true"]');
  }

  async openDashboard(): Promise<void> {
    await this.page.getByRole('menuitem', { name: 'Tổng quan' }).click();
    await this.dashboard.waitFor();
  }

  async openReadiness(): Promise<void> {
    await this.page.getByRole('menuitem', { name: 'Rà soát sẵn sàng' }).click();
    await this.readiness.waitFor();
  }

  /** The count a dashboard line shows, by its test id (`users-active`, `accounts-pending`, …). */
  async count(testId: string): Promise<number> {
    const text = await this.page.getByTestId(testId).innerText();
    return Number(text.replaceAll('.', ''));
  }

  /** How many findings of a kind the report's summary counts (0 when it says "Đạt"). */
  async kindCount(kind: string): Promise<number> {
    const text = await this.page.getByTestId(`summary-${kind}`).locator('.ant-tag').innerText();
    return text === 'Đạt' ? 0 : Number(text.replaceAll('.', ''));
  }

  /** The findings' messages of a kind, as shown. */
  findings(kind: string): Promise<string[]> {
    return this.page.getByTestId(`kind-${kind}`).getByTestId('finding-link').allInnerTexts();
  }

  /** Follows the first finding of a kind to the screen that fixes it. */
  async followFirst(kind: string): Promise<void> {
    await this.page.getByTestId(`kind-${kind}`).getByTestId('finding-link').first().click();
  }

  /** "Xuất Excel" / "Xuất PDF": the file the app hands to the browser. */
  async export(format: 'xlsx' | 'pdf'): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId(`readiness-export-${format}`).click();
    return download;
  }
}
