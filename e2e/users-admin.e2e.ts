import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registrationCandidates } from '../scripts/gen/demo-member-accounts.repo';
import { staffWithRoleAt } from '../scripts/gen/demo-transfers.repo';
import { openServerDb } from '../src/db/server-db';
import type { Member } from '../src/domain/people/member';
import { LoginPage } from './pages/login-page';
import { UsersAdminPage } from './pages/users-admin-page';
import { screenshot } from './support/artifacts';
import { closeBrowser, freshDataDir, openApp, removeDataDir } from './support/journey';
import { OfficerApps, type OfficerApp } from './support/officer-apps';
import { openTransferWorld, type TransferWorld } from './support/transfer-fixtures';

// User administration end to end (issue 14, docs/decisions/0033): the ward admin adds a processor
// from the member database (a member of cell 1 without an account), grants him a role at a cell,
// reads the account's history, and the new user signs in with the initial password shown once.

const NEW_USERNAME = 'xuly.moi.phuong';
const ROLE = 'Cán bộ xử lý TTHC';
const SECOND_ROLE = 'Văn thư';
/** The offices' common laptop screen: the screenshots show what fits on it. */
const LAPTOP = { width: 1366, height: 768 };

interface Admin extends OfficerApp {
  users: UsersAdminPage;
}

let world: TransferWorld;
let apps: OfficerApps<Admin>;
let wardAdmin: string;
let newcomer: Member;

const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('/');

beforeAll(async () => {
  world = await openTransferWorld({ officers: [] });
  await world.server.stop();
  const db = await openServerDb({ sqliteFile: world.server.sqliteFile });
  try {
    const [admin] = await staffWithRoleAt(db.db, world.orgs.get('phuong')!.id, 'admin');
    const [candidate] = await registrationCandidates(db.db, world.orgs.get('chibo1')!.id);
    if (!admin || !candidate) throw new Error('the demo ward has no admin or no member to add');
    wardAdmin = admin.username;
    newcomer = candidate;
  } finally {
    await db.close();
    await world.server.start();
  }
  apps = new OfficerApps({ url: world.server.url, appEnv: (u) => world.appEnv(u) }, (o, page) => ({
    ...o,
    users: new UsersAdminPage(page),
  }));
});

beforeEach(({ onTestFailed }) => {
  onTestFailed(() => apps.screenshotAll('failed-users-admin'));
});

afterAll(async () => {
  await apps?.closeAll();
  await closeBrowser();
  await world?.close();
});

describe('user administration', { timeout: 600_000 }, () => {
  let initialPassword: string;

  it('the ward admin adds a processor from the member database', async () => {
    const a = await apps.officer(wardAdmin);
    await a.session.page.setViewportSize(LAPTOP);
    await a.shell.open('Quản lý người dùng');
    await a.users.waitUntilShown();
    await screenshot(a.session.page, 'users-admin-list');

    const modal = await a.users.lookUp({
      citizenId: newcomer.citizenId,
      fullName: newcomer.fullName,
      birthDate: ddmmyyyy(newcomer.birthDate),
    });
    await screenshot(a.session.page, 'users-admin-add-found');
    initialPassword = await a.users.finishAdding(modal, { username: NEW_USERNAME, role: ROLE });
    expect(initialPassword.length).toBeGreaterThanOrEqual(12);
    await screenshot(a.session.page, 'users-admin-add-password');
    await a.users.closeAddDialog();

    // The change was pulled and the list read again: the new account is in it.
    await a.users.searchName(NEW_USERNAME);
    expect(await a.users.names()).toEqual([newcomer.fullName]);
  });

  it('grants him a second role at a cell and shows it in the history', async () => {
    const a = await apps.officer(wardAdmin);
    await a.users.openAction(NEW_USERNAME, 'Phân quyền');
    const cell = world.orgs.get('chibo1')!;
    const modal = await a.users.grantRole(SECOND_ROLE, 'dan pho so 1', cell.name);
    await screenshot(a.session.page, 'users-admin-roles');
    await modal.getByRole('button', { name: 'Đóng' }).last().click();

    await a.users.openAction(NEW_USERNAME, 'Lịch sử chỉnh sửa');
    const entries = await a.users.history(2);
    await screenshot(a.session.page, 'users-admin-history');
    expect(entries[0]).toContain(SECOND_ROLE);
    expect(entries[1]).toContain(NEW_USERNAME);
    expect(entries.join('\n')).not.toContain(initialPassword);
  });

  it('the new user signs in with the initial password', async () => {
    const dataDir = freshDataDir();
    const session = await openApp({
      dataDir,
      serverUrl: world.server.url,
      env: world.appEnv(NEW_USERNAME),
    });
    try {
      await session.page.setViewportSize(LAPTOP);
      const shell = await new LoginPage(session.page).logInAndSync(NEW_USERNAME, initialPassword);
      // A processor, not an admin: the system's administration is not offered to him.
      const menu = await shell.menuEntries();
      expect(menu.length).toBeGreaterThan(0);
      expect(menu).not.toContain('Quản trị hệ thống');
      await screenshot(session.page, 'users-admin-new-user-signed-in');
    } finally {
      await session.close();
      removeDataDir(dataDir);
    }
  });
});
