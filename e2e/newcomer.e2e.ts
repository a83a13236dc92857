import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_WARD_NAME } from '../scripts/gen/demo-accounts';
import { compareVietnameseNames } from '../src/domain/text/vietnamese-names';
import { AppShell } from './pages/app-shell';
import { LoginPage } from './pages/login-page';
import { MembersPage } from './pages/members-page';
import { OrgsPage } from './pages/orgs-page';
import { findRow } from './pages/table';
import { TransfersPage } from './pages/transfers-page';
import { UsersPage } from './pages/users-page';
import { nextAppEvent } from './support/app-events';
import { screenshot } from './support/artifacts';
import {
  closeBrowser,
  freshDataDir,
  openApp,
  removeDataDir,
  type Session,
} from './support/journey';

// The README's promise: `npm start`, log in with a demo account, and the demo ward is there.
const dataDir = freshDataDir();
let s: Session;
let login: LoginPage;
let shell: AppShell;
let orgs: OrgsPage;
let members: MembersPage;

beforeAll(async () => {
  s = await openApp({ dataDir });
  login = new LoginPage(s.page);
  shell = new AppShell(s.page);
  orgs = new OrgsPage(s.page);
  members = new MembersPage(s.page);
});
afterAll(async () => {
  await s?.close();
  await closeBrowser();
  removeDataDir(dataDir);
});

/** Logs in and waits for the sync an online login starts. */
async function logInAndWaitForSync(username: string): Promise<void> {
  const synced = nextAppEvent(s.page, ['sync-finished', 'sync-failed']);
  await login.submit(username, DEMO_PASSWORD);
  await shell.waitUntilShown();
  const event = await synced;
  if (event.type === 'sync-failed') throw new Error(`sync failed: ${event.error.message}`);
}

describe('a newcomer on the demo ward', () => {
  it('sees the login form, and the launch code is gone from the address bar', async () => {
    await login.waitUntilShown();
    expect(s.page.url()).not.toContain('code=');
    await expect(s.page.getByLabel('Tên đăng nhập').isVisible()).resolves.toBe(true);
    await expect(s.page.getByLabel('Mật khẩu').isVisible()).resolves.toBe(true);
    await screenshot(s.page, '01-login');
  });

  it('is told when the password is wrong', async () => {
    await login.submit('quantri.phuong', 'sai-mat-khau');
    expect(await login.errorText()).toContain('Tên đăng nhập hoặc mật khẩu không đúng');
    await screenshot(s.page, '02-login-wrong-password');
  });

  it('logs in as the ward admin and syncs the ward', async () => {
    await login.submit('quantri.phuong', DEMO_PASSWORD);
    await shell.waitUntilShown();
    expect(await shell.currentUser.innerText()).toContain('Trần Thị Thu Hà');
    const summary = await shell.syncNow();
    expect(summary.finishedAt).toMatch(/^\d{4}-/);
    await shell.waitForSynced();
    expect(await shell.isOnline()).toBe('true');
    expect(await s.page.getByTestId('last-sync').innerText()).toMatch(
      /^Đồng bộ lần cuối: \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/,
    );
    await orgs.waitUntilShown();
    expect((await orgs.names()).length).toBeGreaterThan(0);
    await screenshot(s.page, '03-orgs-top');
  });

  it('goes down two levels with "Xem cấp con" and back with the breadcrumb', async () => {
    const [top] = await orgs.names();
    expect(top).toBe('Đảng bộ Thành phố Hà Nội');
    await orgs.showChildrenOf('Đảng bộ Thành phố Hà Nội');
    expect(await orgs.crumbs()).toEqual(['Đảng bộ Thành phố Hà Nội']);
    await orgs.showChildrenOf(DEMO_WARD_NAME);
    expect(await orgs.crumbs()).toEqual(['Đảng bộ Thành phố Hà Nội', DEMO_WARD_NAME]);
    expect(await orgs.total.innerText()).toMatch(/^Tổng số: \d+ kết quả$/);
    await screenshot(s.page, '04-orgs-ward');
    await orgs.showChildrenOf('Đảng bộ Trường THCS Việt Hưng');
    expect(await orgs.crumbs()).toEqual([
      'Đảng bộ Thành phố Hà Nội',
      DEMO_WARD_NAME,
      'Đảng bộ Trường THCS Việt Hưng',
    ]);
    const cells = await orgs.names();
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.every((name) => name.startsWith('Chi bộ'))).toBe(true);
    await screenshot(s.page, '05-orgs-grassroots');

    await orgs.backTo('Đảng bộ Thành phố Hà Nội');
    expect(await orgs.crumbs()).toEqual(['Đảng bộ Thành phố Hà Nội']);
    expect(await orgs.names()).toEqual([DEMO_WARD_NAME]);
    await orgs.goBack();
    expect(await orgs.crumbs()).toEqual([]);
  });

  it('shows the detail of an org with its bank accounts', async () => {
    await orgs.showChildrenOf('Đảng bộ Thành phố Hà Nội');
    const dialog = await orgs.openDetail(DEMO_WARD_NAME);
    const text = await dialog.innerText();
    for (const label of [
      'Tên cơ quan, đơn vị',
      'Mã cơ quan, đơn vị',
      'Cơ quan, đơn vị cha',
      'Loại cơ quan, đơn vị',
      'Tài khoản ngân hàng',
      'Số tài khoản',
      'Chủ tài khoản',
      'Mã Citad',
    ]) {
      expect(text).toContain(label);
    }
    expect(text).toContain('Đảng bộ Thành phố Hà Nội');
    await screenshot(s.page, '06-org-detail');
    await orgs.closeDetail();
  });

  it('shows the same orgs as a tree', async () => {
    const tree = await orgs.openTree();
    // Opened down to the ward's own cells, the first of them in view.
    await tree.getByText(`${DEMO_WARD_NAME} (`, { exact: false }).first().waitFor();
    await tree.getByText('Chi bộ Công an phường (', { exact: false }).click();
    const panel = s.page.getByTestId('org-tree-selection');
    await panel.getByText('Chi bộ Công an phường', { exact: true }).waitFor();
    expect(await panel.getByRole('button', { name: 'Đảng viên' }).isVisible()).toBe(true);
    await screenshot(s.page, '07-org-tree');
    await orgs.openList();
  });

  it('finds "Nguyễn Văn …" when searching "nguyen van", sorted the Vietnamese way', async () => {
    await shell.open('Tra cứu đảng viên');
    await members.search('nguyen van');
    const names = await members.names();
    // Names that start with what was typed come first, in Vietnamese order (given name first).
    const nguyenVan = names.filter((n) => n.startsWith('Nguyễn Văn '));
    expect(nguyenVan.length).toBeGreaterThan(3);
    expect(names.slice(0, nguyenVan.length)).toEqual(nguyenVan);
    expect([...nguyenVan].sort(compareVietnameseNames)).toEqual(nguyenVan);
    await screenshot(s.page, '08-member-search');
    const first = names.find((n) => n.startsWith('Nguyễn Văn ')) ?? '';
    const dialog = await members.openMember(first);
    const text = await dialog.innerText();
    expect(text).toContain(first);
    for (const label of ['Ngày sinh', 'Số CCCD', 'Chi bộ sinh hoạt', 'Ngày vào Đảng']) {
      expect(text).toContain(label);
    }
    expect(text).toMatch(/\d{2}\/\d{2}\/\d{4}/);
    await screenshot(s.page, '09-member-detail');
    await members.closeMember();
  });

  it('searches the same with combining marks as with precomposed letters', async () => {
    await members.search('nguyễn văn'.normalize('NFC'));
    const precomposed = await members.totalCount();
    await members.search('nguyễn văn'.normalize('NFD'));
    expect(await members.totalCount()).toBe(precomposed);
    await members.search('zzzz không có ai');
    expect(await members.totalCount()).toBe(0);
    await s.page.getByText('Không tìm thấy đảng viên phù hợp').waitFor();
  });

  it('lists the members of a cell from the org list', async () => {
    await shell.open('Quản lý tổ chức Đảng');
    await orgs.waitUntilShown();
    await orgs.showChildrenOf('Đảng bộ Thành phố Hà Nội');
    await orgs.showChildrenOf(DEMO_WARD_NAME);
    await orgs.openMembersOf('Chi bộ Tổ dân phố số 1');
    await members.waitForSettled();
    const names = await members.names();
    expect(names.length).toBeGreaterThan(0);
    await screenshot(s.page, '10-cell-members');
    await s.page.getByRole('button', { name: 'Quay lại' }).click();
    await orgs.waitForParent(DEMO_WARD_NAME);
  });

  it('lists the users of the scope with the filters of the admin guide', async () => {
    await shell.open('Quản lý người dùng');
    const users = new UsersPage(s.page);
    await users.waitUntilShown();
    const all = await users.totalCount();
    expect(all).toBeGreaterThan(10);
    expect(await users.has('Trần Thị Thu Hà')).toBe(true);
    await users.filterBy('Vai trò', 'Quản trị đơn vị');
    const admins = await users.totalCount();
    expect(admins).toBeGreaterThan(0);
    expect(admins).toBeLessThan(all);
    expect(await users.has('Trần Thị Thu Hà')).toBe(true);
    await users.searchName('tran thi thu ha');
    expect(await users.names()).toEqual(['Trần Thị Thu Hà']);
    await screenshot(s.page, '11-users');
  });

  it("stays in the app on the browser's Back, comes forward again, and keeps the screen on F5", async () => {
    const origin = new URL(s.page.url()).origin;
    const users = new UsersPage(s.page);
    // Before "Quản lý người dùng" the org list showed the ward's cells.
    await s.page.goBack();
    await orgs.waitForParent(DEMO_WARD_NAME);
    expect(await orgs.crumbs()).toEqual(['Đảng bộ Thành phố Hà Nội', DEMO_WARD_NAME]);
    await s.page.goForward();
    await s.page.getByRole('heading', { name: 'Quản lý người dùng', exact: true }).waitFor();

    await s.page.reload();
    await s.page.getByRole('heading', { name: 'Quản lý người dùng', exact: true }).waitFor();
    await users.waitUntilShown();
    expect(await users.has('Trần Thị Thu Hà')).toBe(true);

    // Back, again and again, past the app's first screen: the app stays, on its first screen.
    // Each press as a user makes it: after the app shows itself again (entries from before F5
    // load the page anew).
    for (let presses = 0; presses < 20; presses++) {
      await s.page.goBack();
      expect(new URL(s.page.url()).origin).toBe(origin);
      await shell.currentUser.waitFor();
    }
    await orgs.waitUntilShown();
    expect(new URL(s.page.url()).origin).toBe(origin);
    expect(await shell.currentUser.innerText()).toContain('Trần Thị Thu Hà');
    expect(await orgs.crumbs()).toEqual([]);
  });

  it('goes down one level on a double click of "Xem cấp con"', async () => {
    const row = await findRow(orgs.table, 'org-name', 'Đảng bộ Thành phố Hà Nội');
    await row.getByRole('button', { name: 'Xem cấp con' }).dblclick();
    await orgs.waitForParent('Đảng bộ Thành phố Hà Nội');
    expect(await orgs.names()).toEqual([DEMO_WARD_NAME]);
    expect(await orgs.crumbs()).toEqual(['Đảng bộ Thành phố Hà Nội']);
  });

  it('logs out with the keyboard alone', async () => {
    await shell.logOutWithKeyboard();
    await screenshot(s.page, '12-logged-out-by-keyboard');
  });

  it('starts a cell secretary on the dossiers waiting for him, with a menu of his work', async () => {
    await logInAndWaitForSync('bithu.chibo1');
    const transfers = new TransfersPage(s.page);
    await transfers.title
      .filter({ hasText: 'Chuyển sinh hoạt đảng chính thức » Tổ chức đảng nơi chuyển đi' })
      .waitFor();
    await transfers.waitForList();
    const inboxSwitch = s.page.getByRole('switch', { name: 'Chỉ hồ sơ chờ tôi xử lý' });
    expect(await inboxSwitch.getAttribute('aria-checked')).toBe('true');
    const menu = await shell.menuEntries();
    expect(menu).toContain('Phê duyệt mức đóng đảng phí');
    expect(menu).not.toContain('Quản lý người dùng');
    expect(menu).not.toContain('Tài khoản ngân hàng');
    // The focus is on the screen's heading, where a screen reader starts.
    expect(await shell.focusIsOn(transfers.title)).toBe(true);
    await screenshot(s.page, '13-secretary-start');
  });

  it('keeps the open dossier on F5 and goes back to the list with Back', async () => {
    const transfers = new TransfersPage(s.page);
    await transfers.open('official', 'outgoing');
    const [first] = await transfers.memberNames();
    expect(first).toBeTruthy();
    await transfers.openDossier(first ?? '');
    await s.page.reload();
    await transfers.waitForDossier();
    expect(await transfers.dossier.innerText()).toContain(first ?? '');
    await s.page.goBack();
    await transfers.waitForList();
    expect(await transfers.memberNames()).toContain(first);
    await shell.logOut();
  });

  it('starts a fee officer on fee approval, without the dossier menus', async () => {
    await logInAndWaitForSync('ketoan.phuong');
    await s.page
      .getByRole('heading', { name: 'Phê duyệt mức đóng đảng phí', exact: true })
      .waitFor();
    expect(await s.page.getByTestId('fees-screen').getAttribute('data-view')).toBe('approval');
    const menu = await shell.menuEntries();
    expect(menu).toContain('Đối soát sao kê ngân hàng');
    expect(menu).not.toContain('Chuyển sinh hoạt đảng chính thức');
    expect(menu).not.toContain('Quản lý người dùng');
    await screenshot(s.page, '14-fee-officer-start');
  });

  it('logged no errors in the page', () => {
    expect(s.errors).toEqual([]);
  });
});
