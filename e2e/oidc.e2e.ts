import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestOidcProvider,
  TEST_OIDC_CLIENT_ID,
  type TestOidcProvider,
} from '../scripts/test-support/oidc-provider';
import { AppShell } from './pages/app-shell';
import { LoginPage } from './pages/login-page';
import { VneidLogin } from './pages/vneid-login';
import { screenshot } from './support/artifacts';
import {
  closeBrowser,
  freshDataDir,
  openApp,
  removeDataDir,
  type Session,
} from './support/journey';

/** The demo's processing officer: the provider knows his citizen id, the app maps it to him. */
const OFFICER = { username: 'canbo.xuly', fullName: 'Lê Minh Tuấn' };

/** The citizen id the demo server holds for an account (its database, read-only). */
function demoCitizenId(dataDir: string, username: string): string {
  const db = new Database(join(dataDir, 'demo-server.sqlite'), { readonly: true });
  try {
    const row = db.prepare('select citizen_id from users where username = ?').get(username) as
      { citizen_id: string } | undefined;
    if (!row) throw new Error(`no demo account ${username}`);
    return row.citizen_id;
  } finally {
    db.close();
  }
}

const dataDir = freshDataDir();
let provider: TestOidcProvider;
let s: Session | undefined;

beforeAll(async () => {
  provider = await startTestOidcProvider();
});
afterAll(async () => {
  await s?.close();
  await closeBrowser();
  await provider?.close();
  removeDataDir(dataDir);
});

describe('sign-in with VNeID (OpenID Connect, PKCE, loopback redirect)', () => {
  it('a processing officer signs in through the provider in the browser and lands in the app as himself', async () => {
    s = await openApp({
      dataDir,
      args: ['--oidc-issuer', provider.issuer, '--oidc-client-id', TEST_OIDC_CLIENT_ID],
    });
    await new LoginPage(s.page).waitUntilShown();
    // The demo server seeded its ward at start: the provider learns the officer's citizen id.
    provider.addAccount({
      login: 'cccd.canbo',
      citizenId: demoCitizenId(dataDir, OFFICER.username),
      name: OFFICER.fullName,
    });

    const vneid = new VneidLogin(s.page);
    const popup = await vneid.start();
    expect(popup.url().startsWith(`${provider.issuer}/`)).toBe(true);
    await vneid.waiting().waitFor();
    await screenshot(s.page, 'oidc-waiting-for-browser');
    const answer = await vneid.signInAtProvider(popup, 'cccd.canbo');
    expect(answer).toContain('Đăng nhập thành công, hãy quay lại ứng dụng');
    await popup.close();

    const shell = new AppShell(s.page);
    await shell.waitUntilShown();
    expect(await shell.currentUser.innerText()).toContain(OFFICER.fullName);
    await shell.syncNow();
    await screenshot(s.page, 'oidc-signed-in');
    expect(s.errors).toEqual([]);
    // Starting the app and seeding the demo ward takes most of it on a loaded machine.
  }, 240_000);

  it('an identity no account has is refused, and the login screen says why in Vietnamese', async () => {
    await new AppShell(s!.page).logOut();
    provider.addAccount({ login: 'nguoi.la', citizenId: '001099999999' });
    const vneid = new VneidLogin(s!.page);
    const popup = await vneid.start();
    const answer = await vneid.signInAtProvider(popup, 'nguoi.la');
    expect(answer).toContain('Đăng nhập không thành công');
    await popup.close();
    const message = await new LoginPage(s!.page).errorText();
    expect(message).toContain('chưa được liên kết với tài khoản nào');
    expect(s!.errors).toEqual([]);
  });
});
