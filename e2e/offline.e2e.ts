import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../scripts/gen/demo-accounts';
import { AppShell } from './pages/app-shell';
import { LoginPage } from './pages/login-page';
import { MembersPage } from './pages/members-page';
import { OrgsPage } from './pages/orgs-page';
import { screenshot } from './support/artifacts';
import {
  closeBrowser,
  demoServerUrl,
  freshDataDir,
  openApp,
  removeDataDir,
} from './support/journey';

const dataDir = freshDataDir();
const emptyDir = freshDataDir();
afterAll(async () => {
  await closeBrowser();
  removeDataDir(dataDir);
  removeDataDir(emptyDir);
});

describe('the central server is down', () => {
  let serverUrl = '';
  let memberName = '';

  it('first, a day at the office: log in and sync', async () => {
    const s = await openApp({ dataDir });
    try {
      await new LoginPage(s.page).submit('quantri.phuong', DEMO_PASSWORD);
      const shell = new AppShell(s.page);
      await shell.waitUntilShown();
      await shell.syncNow();
      const members = new MembersPage(s.page);
      await shell.open('Tra cứu đảng viên');
      await members.search('nguyen van');
      memberName = (await members.names())[0] ?? '';
      expect(memberName).not.toBe('');
      serverUrl = demoServerUrl(dataDir);
      expect(serverUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      // Stopping the app stops the in-process demo server with it.
      await s.close();
    }
  });

  it('the next day the server is stopped: the cached data opens offline, read-only', async () => {
    const s = await openApp({ dataDir, serverUrl });
    try {
      const login = new LoginPage(s.page);
      await login.waitUntilShown();
      await login.submit('quantri.phuong', 'sai-mat-khau');
      expect(await login.errorText()).toContain('Tên đăng nhập hoặc mật khẩu không đúng');

      await login.submit('quantri.phuong', DEMO_PASSWORD);
      const shell = new AppShell(s.page);
      await shell.waitUntilShown();
      await shell.offlineBanner.waitFor();
      expect(await shell.offlineBanner.innerText()).toContain('Đang làm việc ngoại tuyến');
      expect(await shell.isOnline()).toBe('false');
      expect(await shell.syncIndicator.getByRole('button', { name: 'Đồng bộ' }).isDisabled()).toBe(
        true,
      );

      const orgs = new OrgsPage(s.page);
      await orgs.waitUntilShown();
      expect(await orgs.names()).toEqual(['Đảng bộ Thành phố Hà Nội']);
      await screenshot(s.page, '12-offline-orgs');

      await shell.open('Tra cứu đảng viên');
      const members = new MembersPage(s.page);
      await members.search('nguyen van');
      expect(await members.names()).toContain(memberName);
      await members.openMember(memberName);
      await screenshot(s.page, '13-offline-member');
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('without a cache, the login says the server cannot be reached', async () => {
    const s = await openApp({ dataDir: emptyDir, serverUrl });
    try {
      const login = new LoginPage(s.page);
      await login.submit('quantri.phuong', DEMO_PASSWORD);
      expect(await login.errorText()).toContain('Không kết nối được máy chủ');
      await screenshot(s.page, '14-login-unreachable');
    } finally {
      await s.close();
    }
  });
});
