import type { Page } from 'playwright-core';

/**
 * "Đăng nhập bằng VNeID" on the login screen, and the provider's pages in the window it opens.
 * The test provider (scripts/test-support/oidc-provider.ts) shows oidc-provider's own login and consent
 * forms; VNeID's are its own, so only this class knows their fields.
 */
export class VneidLogin {
  constructor(readonly page: Page) {}

  readonly button = () => this.page.getByRole('button', { name: 'Đăng nhập bằng VNeID' });
  readonly waiting = () => this.page.getByTestId('oidc-waiting');

  /** Clicks the button and returns the provider's window the app opened. */
  async start(): Promise<Page> {
    const opened = this.page.context().waitForEvent('page');
    await this.button().click();
    const popup = await opened;
    await popup.waitForLoadState();
    return popup;
  }

  /** Signs in at the provider as `login` and consents; resolves on the app's answer page. */
  async signInAtProvider(popup: Page, login: string): Promise<string> {
    await popup.locator('input[name="login"]').fill(login);
    await popup.locator('input[name="password"]').fill('mật khẩu bất kỳ');
    await popup.getByRole('button', { name: 'Sign-in' }).click();
    await popup.getByRole('button', { name: 'Continue' }).click();
    await popup.waitForURL(/^http:\/\/127\.0\.0\.1:\d+\/callback\?/);
    return (await popup.locator('body').innerText()).trim();
  }
}
