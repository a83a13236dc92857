import type { Locator, Page } from 'playwright-core';

/** "Đăng nhập": the labels of the national system. */
export class LoginPage {
  readonly heading: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Đăng nhập', exact: true });
    this.error = page.getByTestId('login-error');
  }

  async waitUntilShown(): Promise<void> {
    await this.heading.waitFor();
  }

  async submit(username: string, password: string): Promise<void> {
    await this.page.getByLabel('Tên đăng nhập').fill(username);
    await this.page.getByLabel('Mật khẩu').fill(password);
    await this.page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  }

  /** The message shown for a refused login. */
  async errorText(): Promise<string> {
    await this.error.waitFor();
    return (await this.error.innerText()).trim();
  }
}
