import type { Locator, Page } from 'playwright-core';

/**
 * Seal and signature images (decision 0039): "Hình ảnh con dấu" in an org's details and "Chữ ký"
 * in the signer's own account. Files are given by path, as the file dialog would.
 */
export class SignatureImagesPage {
  constructor(readonly page: Page) {}

  /** Uploads the PNG in a panel and waits for its preview. */
  private async upload(panel: Locator, testId: string, file: string): Promise<Locator> {
    await panel.locator('input[type="file"]').setInputFiles(file);
    const preview = panel.getByTestId(`${testId}-preview`);
    await preview.waitFor();
    return preview;
  }

  /** The seal panel of the open org detail dialog; uploads when `file` is given. */
  async sealOf(detail: Locator, file?: string): Promise<Locator> {
    const panel = detail.getByTestId('org-seal-image');
    await panel.waitFor();
    if (file) await this.upload(panel, 'org-seal-image', file);
    return panel;
  }

  /** Opens "Chữ ký" from the menu and uploads the signature image. */
  async uploadSignature(file: string): Promise<Locator> {
    await this.page
      .getByRole('menu', { name: 'Chức năng' })
      .getByRole('menuitem', { name: 'Chữ ký', exact: true })
      .click();
    await this.page.getByRole('heading', { name: 'Chữ ký', exact: true }).waitFor();
    const panel = this.page.getByTestId('signature-image');
    await panel.waitFor();
    await this.upload(panel, 'signature-image', file);
    return panel;
  }
}
