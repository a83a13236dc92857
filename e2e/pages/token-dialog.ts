import type { Locator, Page } from 'playwright-core';

/** What came of pressing "Ký số": the dialog closed (signed and queued) or it shows an error. */
export type SignOutcome = { ok: true } | { ok: false; error: string };

/**
 * The token dialog of "Ký số và chuyển tiếp" / "Ký số và duyệt hoàn thành": certificates of the
 * plugged-in tokens, the PIN, the PIN warnings and the error of a failed attempt.
 */
export class TokenDialog {
  /** The dialog's content (inside the antd modal). */
  readonly root: Locator;
  readonly pin: Locator;
  readonly error: Locator;
  readonly pinWarning: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('token-dialog');
    this.pin = this.root.getByTestId('token-pin');
    this.error = this.root.getByTestId('token-error');
    this.pinWarning = this.root.getByTestId('token-pin-warning');
  }

  /** Waits until the dialog is open and the tokens have been read. */
  async waitUntilShown(): Promise<void> {
    await this.page.locator('[data-testid="token-dialog"][data-settled="true"]').waitFor();
  }

  /** The certificates listed, in order, with whether they can be picked. */
  async certificates(): Promise<{ subject: string; disabled: boolean; checked: boolean }[]> {
    await this.waitUntilShown();
    const certs = this.root.getByTestId('token-cert');
    const out = [];
    for (let i = 0; i < (await certs.count()); i++) {
      const cert = certs.nth(i);
      const input = cert.locator('input[type="radio"]');
      out.push({
        subject: (await cert.getByTestId('token-cert-subject').innerText()).trim(),
        disabled: await input.isDisabled(),
        checked: await input.isChecked(),
      });
    }
    return out;
  }

  /** Picks the certificate whose subject contains `subject`. */
  async pickCertificate(subject: string): Promise<void> {
    await this.waitUntilShown();
    await this.root.getByTestId('token-cert').filter({ hasText: subject }).first().click();
  }

  /** The token's PIN warning (low tries, final try, locked), or null. */
  async pinWarningText(): Promise<string | null> {
    await this.waitUntilShown();
    return (await this.pinWarning.count()) > 0
      ? (await this.pinWarning.first().innerText()).trim()
      : null;
  }

  /**
   * Whether the server knows the chosen certificate as the user's: 'registered', 'not_registered',
   * 'revoked', or 'unknown' (offline), once the dialog has asked.
   */
  async registrationStatus(): Promise<string> {
    await this.waitUntilShown();
    const notice = this.root.locator(
      '[data-testid="token-registration"]:not([data-status="loading"])',
    );
    await notice.waitFor();
    return (await notice.getAttribute('data-status')) ?? 'unknown';
  }

  /** "Đăng ký chứng thư số" for the chosen certificate; resolves when the server answered. */
  async registerCertificate(): Promise<void> {
    await this.root.getByTestId('token-register').click();
    await this.root
      .locator('[data-testid="token-registration"][data-status="registered"]')
      .waitFor();
  }

  /** The current content of the PIN field (it is cleared after every attempt). */
  pinValue(): Promise<string> {
    return this.pin.inputValue();
  }

  /** The error of the last attempt (e.g. a wrong PIN), or null. */
  async errorText(): Promise<string | null> {
    return (await this.error.count()) > 0 ? (await this.error.innerText()).trim() : null;
  }

  /**
   * Picks the certificate (when given), types the PIN and presses Enter; resolves when the dialog
   * has closed (signed and queued) or shows an error (it stays open with the PIN cleared).
   */
  async sign({ certificate, pin }: { certificate?: string; pin: string }): Promise<SignOutcome> {
    await this.waitUntilShown();
    if (certificate) await this.pickCertificate(certificate);
    await this.pin.fill(pin);
    await this.pin.press('Enter');
    const closed = this.root.waitFor({ state: 'detached' }).then(() => 'closed' as const);
    const failed = this.page
      .locator('[data-testid="token-dialog"][data-state="idle"] [data-testid="token-error"]')
      .waitFor()
      .then(() => 'failed' as const);
    const outcome = await Promise.race([closed, failed]);
    if (outcome === 'closed') return { ok: true };
    return { ok: false, error: (await this.errorText()) ?? '' };
  }

  /** Closes the dialog without signing. */
  async cancel(): Promise<void> {
    await this.page
      .locator('.ant-modal')
      .filter({ has: this.root })
      .getByRole('button', { name: 'Hủy' })
      .click();
    await this.root.waitFor({ state: 'detached' });
  }
}
