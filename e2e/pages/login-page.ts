import type { Locator, Page } from 'playwright-core';
import { AppShell } from './app-shell';

async function expectText(locator: Locator, text: string): Promise<void> {
  const actual = (await locator.innerText()).trim();
  if (actual !== text) throw new Error(`expected the button "${text}", found "${actual}"`);
}

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
    // By its role in the form, not its accessible name: while a previous attempt is still being
    // answered the button shows a spinner (named "loading Đăng nhập"), and the click must wait.
    const button = this.page.locator('form button[type="submit"]');
    await expectText(button, 'Đăng nhập');
    await button.click({ timeout: 30_000 });
  }

  /** Logs in and waits for the first sync to finish: the app as its user starts the day. */
  async logInAndSync(username: string, password: string): Promise<AppShell> {
    await this.submit(username, password);
    const shell = new AppShell(this.page);
    await shell.waitUntilShown();
    await shell.syncNow();
    return shell;
  }

  /** The message shown for a refused login. */
  async errorText(): Promise<string> {
    await this.error.waitFor();
    return (await this.error.innerText()).trim();
  }
}
