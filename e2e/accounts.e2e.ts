import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../scripts/gen/demo-accounts';
import { MemberAccountPage, RegistrationPage } from './pages/account-page';
import { AccountsPage } from './pages/accounts-page';
import { LoginPage } from './pages/login-page';
import { openAccountsWorld, type AccountsWorld } from './support/account-fixtures';
import { screenshot } from './support/artifacts';
import { closeBrowser } from './support/journey';
import { OfficerApps, type OfficerApp } from './support/officer-apps';
import { apiAs } from './support/transfer-fixtures';

// Member accounts end to end (issue 13): a person registers from the login screen (prefilled from
// the member database, his phone corrected) and a second registration of his citizen id is
// stopped; the cell's secretary reviews and approves it; the member changes his phone and his
// residence cell and the secretary approves; he declares himself deputy secretary, the ward
// approves, and he then decides his cell's registrations himself; the demo's member in the wrong
// cell is moved by the right cell's secretary; the secretary registers a member on his behalf.
// Each user has one app for the whole journey; the steps run in order.

const REGISTRANT = 'dangky.moi.chibo1';
const SECOND_TRY = 'dangky.trung.chibo1';
const ON_BEHALF = 'dangkyho.moi.chibo1';
const CORRECTED_PHONE = '0912000111';
const NEW_PHONE = '0987000222';
const CELL_1 = /^Chi bộ Tổ dân phố số 1( —|$)/;

let world: AccountsWorld;
let apps: OfficerApps<User>;

interface User extends OfficerApp {
  accounts: AccountsPage;
  account: MemberAccountPage;
}

beforeAll(async () => {
  world = await openAccountsWorld();
  apps = new OfficerApps(
    { url: world.server.url, appEnv: (username) => world.appEnv(username) },
    (o, page) => ({ ...o, accounts: new AccountsPage(page), account: new MemberAccountPage(page) }),
  );
});

beforeEach(({ onTestFailed }) => {
  onTestFailed(() => apps.screenshotAll('failed-accounts'));
});

afterAll(async () => {
  await apps?.closeAll();
  await closeBrowser();
  await world?.close();
});

/** The offices' common laptop screen: the screenshots show what fits on it. */
const LAPTOP = { width: 1366, height: 768 };

/** The user's app, logged in and synced, at the laptop's size. */
async function userApp(username: string): Promise<User> {
  const u = await apps.officer(username);
  await u.session.page.setViewportSize(LAPTOP);
  return u;
}

/**
 * Syncs (push, then pull) and waits until the indicator shows nothing waiting: a decision queued
 * on screen may have been sent already, so `outbox-empty` may have come before this sync.
 */
async function sendAndWaitEmpty(u: User): Promise<void> {
  await u.shell.syncNow();
  await u.shell.waitForOutboxEmpty();
}

const numbers = (m: AccountsWorld['registrant']) =>
  m.cardNo ? { cardNo: m.cardNo } : { profileNo: m.profileNo ?? '' };

/** The residence cell the member moves to: cell 2, or cell 3 when he lives in cell 2 already. */
function newResidence(): { key: string; name: string } {
  const cell2 = world.orgs.get('chibo2')!;
  const org = world.registrant.residenceOrgId === cell2.id ? world.orgs.get('chibo3')! : cell2;
  return { key: org.name.replace(/^Chi bộ /, ''), name: org.name };
}

describe('member accounts', () => {
  it('a person registers from the login screen, prefilled, his phone corrected', async () => {
    void apps.launch(world.cellSecretary);
    const r = world.registrant;
    const { page } = await apps.launch(REGISTRANT);
    await page.setViewportSize(LAPTOP);
    const login = new LoginPage(page);
    await login.waitUntilShown();
    const registration = new RegistrationPage(page);
    await registration.open();
    await registration.lookUp(r.citizenId, numbers(r));
    expect(await registration.fieldValue('Họ và tên')).toBe(r.fullName);
    expect(await registration.fieldValue('Số điện thoại')).toBe(r.phone ?? '');
    await registration.fill('Số điện thoại', CORRECTED_PHONE);
    await registration.chooseHomeCell('Tổ dân phố số 1', CELL_1);
    await screenshot(page, 'accounts-01-registration-form');
    await registration.save(REGISTRANT, DEMO_PASSWORD);
    await registration.waitRegistered();
    await screenshot(page, 'accounts-02-registration-sent');
    await registration.backToLogin();

    await login.submit(REGISTRANT, DEMO_PASSWORD);
    expect(await login.errorText()).toMatch(/chờ Bí thư chi bộ phê duyệt/);
    await screenshot(page, 'accounts-03-login-pending');
  });

  it('a second registration with the same citizen id is stopped, the holder named', async () => {
    const r = world.registrant;
    const { page } = await apps.launch(REGISTRANT);
    const registration = new RegistrationPage(page);
    await registration.open();
    await registration.lookUp(r.citizenId, numbers(r));
    await registration.save(SECOND_TRY, DEMO_PASSWORD);
    const alert = await registration.duplicateText();
    expect(alert).toContain(r.fullName);
    expect(alert).toContain('Chi bộ Tổ dân phố số 1');
    await screenshot(page, 'accounts-04-registration-duplicate');
    await registration.backToLogin();
  });

  it('the cell secretary reviews the registration beside the record and approves it', async () => {
    const r = world.registrant;
    const secretary = await userApp(world.cellSecretary);
    const { accounts } = secretary;
    await accounts.open('Quản lý tài khoản đảng viên');
    await screenshot(secretary.session.page, 'accounts-05-registrations');
    await accounts.find(r.citizenId, r.fullName);
    await accounts.openRequest(r.fullName);
    const compared = await accounts.compared();
    expect(compared.find((f) => f.label === 'Số điện thoại')).toEqual({
      label: 'Số điện thoại',
      declared: expect.stringContaining(CORRECTED_PHONE),
      onFile: r.phone,
      differs: true,
    });
    expect(compared.filter((f) => f.differs).map((f) => f.label)).toEqual(['Số điện thoại']);
    await screenshot(secretary.session.page, 'accounts-06-registration-review');
    await accounts.approveOpen();
    await sendAndWaitEmpty(secretary);
    await accounts.row(r.fullName).waitFor({ state: 'detached' });
  });

  it('the member changes his phone and residence cell; the secretary approves', async () => {
    void apps.launch(world.wardApprover);
    const r = world.registrant;
    const residence = newResidence();
    const member = await userApp(REGISTRANT);
    await member.account.open('Thông tin tài khoản');
    expect(await member.account.value('Họ và tên')).toBe(r.fullName);
    expect(await member.account.value('Số CCCD')).toBe(r.citizenId);
    expect(await member.account.value('Chi bộ sinh hoạt')).toBe('Chi bộ Tổ dân phố số 1');
    await screenshot(member.session.page, 'accounts-07-member-info');
    await member.account.open('Thay đổi thông tin tài khoản');
    await member.account.changeInfo(
      { 'Số điện thoại': NEW_PHONE },
      { query: residence.key, name: new RegExp(`^${residence.name}( —|$)`) },
    );
    await screenshot(member.session.page, 'accounts-08-member-change-sent');
    await sendAndWaitEmpty(member);

    const secretary = await userApp(world.cellSecretary);
    await secretary.shell.syncNow();
    await secretary.accounts.open('Phê duyệt đảng viên thay đổi thông tin');
    await secretary.accounts.find(r.fullName, r.fullName);
    await secretary.accounts.openRequest(r.fullName);
    const changed = (await secretary.accounts.compared()).filter((f) => f.differs);
    expect(changed).toHaveLength(2);
    expect(changed).toEqual(
      expect.arrayContaining([
        {
          label: 'Số điện thoại',
          // The phone he corrected at registration is the record's since its approval.
          onFile: CORRECTED_PHONE,
          declared: expect.stringContaining(NEW_PHONE),
          differs: true,
        },
        expect.objectContaining({
          label: 'Chi bộ nơi cư trú',
          declared: expect.stringContaining(residence.name),
        }),
      ]),
    );
    await screenshot(secretary.session.page, 'accounts-09-info-change-review');
    await secretary.accounts.approveOpen();
    await sendAndWaitEmpty(secretary);

    await member.shell.syncNow();
    await member.account.open('Thông tin tài khoản');
    expect(await member.account.value('Số điện thoại')).toBe(NEW_PHONE);
    expect(await member.account.value('Chi bộ nơi cư trú')).toBe(residence.name);
    await screenshot(member.session.page, 'accounts-10-member-info-changed');
  });

  it('the member declares himself deputy secretary; once the ward approves, he decides', async () => {
    void apps.launch(world.wrongCell.toSecretary);
    const r = world.registrant;
    const member = await userApp(REGISTRANT);
    await member.account.open('Thay đổi thông tin tài khoản');
    await member.account.declarePosition('Phó bí thư');
    await sendAndWaitEmpty(member);

    // Signed in after the member's request went out: the first sync brings it.
    const ward = await userApp(world.wardApprover);
    await ward.accounts.open('Phê duyệt chức vụ trong chi bộ');
    await ward.accounts.find(r.fullName, r.fullName);
    await ward.accounts.openRequest(r.fullName);
    expect(await ward.accounts.detailValue('Cấp phê duyệt')).toBe(world.orgs.get('phuong')!.name);
    await screenshot(ward.session.page, 'accounts-11-position-review');
    await ward.accounts.approveOpen();
    await sendAndWaitEmpty(ward);

    await member.shell.logOut();
    member.shell = await new LoginPage(member.session.page).logInAndSync(REGISTRANT, DEMO_PASSWORD);
    expect(await member.shell.menuEntries()).toContainEqual(
      expect.stringMatching(/^Quản lý tài khoản đảng viên/),
    );
    // As deputy secretary he now decides his cell's registrations: one of the demo's.
    const waiting = world.demoRequests.requests.find(
      (q) => q.kind === 'registration' && !q.onBehalf,
    )!;
    await member.accounts.open('Quản lý tài khoản đảng viên');
    await member.accounts.find(waiting.fullName, waiting.fullName);
    await screenshot(member.session.page, 'accounts-12-deputy-registrations');
    await member.accounts.approveChecked([waiting.fullName]);
    await sendAndWaitEmpty(member);
  });

  it('a member in the wrong cell is moved by the right cell’s secretary', async () => {
    const moving = world.wrongCell;
    const right = await userApp(moving.toSecretary);
    await right.accounts.open('Phê duyệt đảng viên thay đổi thông tin');
    await right.accounts.find(moving.fullName, moving.fullName);
    await right.accounts.openRequest(moving.fullName);
    expect(await right.accounts.detailValue('Cấp phê duyệt')).toBe(moving.toOrgName);
    await screenshot(right.session.page, 'accounts-13-cell-change-review');
    await right.accounts.approveOpen();
    await sendAndWaitEmpty(right);
    const api = await apiAs(world, moving.username);
    expect((await api.member(moving.memberId)).homeOrgId).toBe(moving.toOrgId);
  });

  it('the secretary registers a member on his behalf; the initial password is shown once', async () => {
    const m = world.onBehalf;
    const secretary = await userApp(world.cellSecretary);
    const page = secretary.session.page;
    await secretary.accounts.open('Quản lý tài khoản đảng viên');
    const shown = await secretary.accounts.registerOnBehalf(
      { citizenId: m.citizenId, cardNo: m.cardNo ?? '' },
      ON_BEHALF,
      async () => {
        await screenshot(page, 'accounts-14-on-behalf-form');
      },
    );
    expect(shown.text).toContain(ON_BEHALF);
    expect(shown.password.length).toBeGreaterThanOrEqual(8);
    await screenshot(page, 'accounts-15-on-behalf-password');
    await secretary.accounts.closeOnBehalf();

    await secretary.shell.syncNow();
    await secretary.accounts.find(m.fullName, m.fullName);
    await secretary.accounts.openRequest(m.fullName);
    expect(await secretary.accounts.detailValue('Người gửi')).toBe('Cán bộ đăng ký hộ');
    await screenshot(page, 'accounts-16-on-behalf-review');
  });
});
