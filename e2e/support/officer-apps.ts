/**
 * The officers' apps of a journey that spans several offices: each officer has an app of his own
 * (own data directory, own token), started without waiting for it — an app takes seconds to
 * start, so a journey starts the next officers' apps while the current one works — and logged in
 * and synced once. Test support only.
 */
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../scripts/gen/demo-accounts';
import type { AppShell } from '../pages/app-shell';
import { LoginPage } from '../pages/login-page';
import { screenshot } from './artifacts';
import { freshDataDir, openApp, removeDataDir, type Session } from './journey';

export interface OfficerApp {
  username: string;
  session: Session;
  shell: AppShell;
}

export class OfficerApps<O extends OfficerApp> {
  private readonly dataDirs: string[] = [];
  private readonly launched = new Map<string, Promise<Session>>();
  private readonly open = new Map<string, O>();

  /** `pages` adds the journey's page objects to each logged-in officer. */
  constructor(
    private readonly server: { url: string; appEnv(username: string): NodeJS.ProcessEnv },
    private readonly pages: (officer: OfficerApp, page: Page) => O,
  ) {}

  /** Starts the officer's app; a failed start is reported where the journey waits for it. */
  launch(username: string): Promise<Session> {
    let session = this.launched.get(username);
    if (!session) {
      const dataDir = freshDataDir();
      this.dataDirs.push(dataDir);
      session = openApp({ dataDir, serverUrl: this.server.url, env: this.server.appEnv(username) });
      session.catch(() => undefined);
      this.launched.set(username, session);
    }
    return session;
  }

  /** The officer's app, logged in and synced; opened once. */
  async officer(username: string): Promise<O> {
    const known = this.open.get(username);
    if (known) return known;
    const session = await this.launch(username);
    const shell = await new LoginPage(session.page).logInAndSync(username, DEMO_PASSWORD);
    const o = this.pages({ username, session, shell }, session.page);
    this.open.set(username, o);
    return o;
  }

  /** A picture of every officer's window, for the person reading a failure. */
  async screenshotAll(prefix: string): Promise<void> {
    for (const o of this.open.values())
      await screenshot(o.session.page, `${prefix}-${o.username}`).catch(() => undefined);
  }

  async closeAll(): Promise<void> {
    for (const session of this.launched.values()) await (await session.catch(() => null))?.close();
    for (const dir of this.dataDirs) removeDataDir(dir);
  }
}
