import { PDFDocument } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../scripts/gen/demo-accounts';
import { TransferVariant } from '../src/domain/procedures/transfer-route';
import { AppShell } from './pages/app-shell';
import { LoginPage } from './pages/login-page';
import { MembersPage } from './pages/members-page';
import { OrgsPage } from './pages/orgs-page';
import { OutboxPage } from './pages/outbox-page';
import { ResidencePage, type ResidenceMenuItem } from './pages/residence-page';
import { waitForTableSettled } from './pages/table';
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
import { checkScreen, VIEWPORTS, type UxReport } from './support/ux-checks';

// The office laptop and the wide screen (issue 17): every main list at 1366×768 and 1920×1080,
// as the role whose work it is. Each screen: nothing scrolls sideways, the header stays in view
// with the content scrolled to the bottom, axe-core finds nothing serious, and a screenshot
// ux-<screen>-1366.png / -1920.png in e2e/artifacts/ for people to look at.

const dataDir = freshDataDir();
let s: Session;

beforeAll(async () => {
  s = await openApp({ dataDir });
  await s.page.setViewportSize(VIEWPORTS.laptop);
});
afterAll(async () => {
  if (s?.errors.length) console.error('page errors', s.errors);
  await s?.close();
  await closeBrowser();
  removeDataDir(dataDir);
});

async function logInAs(username: string): Promise<void> {
  await new LoginPage(s.page).logInAndSync(username, DEMO_PASSWORD);
  await new AppShell(s.page).waitForSynced();
}

/** Waits for a frame after a resize: virtual tables measure the window again. */
const nextFrame = () =>
  s.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));

/**
 * The screen shown at both sizes: screenshots and the checks of each. `ready` waits for what the
 * user sees once the screen has its data.
 */
async function atBothSizes(
  screen: string,
  ready: () => Promise<void>,
): Promise<Record<'1366' | '1920', UxReport>> {
  const reports: Partial<Record<'1366' | '1920', UxReport>> = {};
  for (const [label, size] of [
    ['1366', VIEWPORTS.laptop],
    ['1920', VIEWPORTS.wide],
  ] as const) {
    await s.page.setViewportSize(size);
    await nextFrame();
    await ready();
    await screenshot(s.page, `ux-${screen}-${label}`);
    reports[label] = await checkScreen(s.page);
  }
  await s.page.setViewportSize(VIEWPORTS.laptop);
  return reports as Record<'1366' | '1920', UxReport>;
}

/** Soft: the journey lists every screen's failures, not only the first one's. */
function expectFits(screen: string, reports: Record<string, UxReport>): void {
  for (const [size, r] of Object.entries(reports)) {
    expect.soft(r.overflows, `${screen} at ${size}: sideways scrolling`).toEqual([]);
    expect.soft(r.headerInView, `${screen} at ${size}: header in view`).toBe(true);
    expect.soft(r.axe, `${screen} at ${size}: axe-core`).toEqual([]);
  }
}

/** Shows the screen at both sizes and checks it. */
async function checkAtBothSizes(screen: string, ready: () => Promise<void>): Promise<void> {
  expectFits(screen, await atBothSizes(screen, ready));
}

/** A screen of the fee menu, opened by its name and shown once its spinners are gone. */
async function openFeeView(title: string): Promise<() => Promise<void>> {
  await s.page.getByRole('menuitem', { name: title }).click();
  const heading = s.page.getByRole('heading', { name: title, exact: true });
  await heading.waitFor();
  const ready = async () => {
    await heading.waitFor();
    await s.page
      .getByTestId('fees-screen')
      .locator('.ant-spin-spinning')
      .first()
      .waitFor({ state: 'detached' });
  };
  await ready();
  return ready;
}

describe('every main list at 1366×768 and 1920×1080', () => {
  it('the ward admin: the first sync, orgs, members, users', async () => {
    // This machine never synced: while the first sync runs, its progress, not empty lists. The
    // demo ward is one page, which may be in before the frame is drawn: what the frame showed
    // while the sync ran is recorded from the start (a list's "Không có dữ liệu" included).
    await s.page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { firstSyncSeen: string[] }).firstSyncSeen = seen;
      new MutationObserver(() => {
        const view = document.querySelector('[data-testid="first-sync"]');
        if (view) seen.push(`view: ${view.textContent ?? ''}`);
        if (document.querySelector('.ant-empty') && !view) seen.push('empty list');
      }).observe(document.body, { childList: true, subtree: true });
    });
    const finished = nextAppEvent(s.page, 'sync-finished', 120_000);
    await new LoginPage(s.page).submit('quantri.phuong', DEMO_PASSWORD);
    const firstSync = s.page.getByTestId('first-sync');
    await Promise.race([
      firstSync.waitFor().then(() => screenshot(s.page, 'ux-first-sync-1366')),
      finished,
    ]);
    await finished;
    await new AppShell(s.page).waitForSynced();
    const seen = await s.page.evaluate(
      () => (window as unknown as { firstSyncSeen: string[] }).firstSyncSeen,
    );
    // The view, when it was drawn, said what runs; an empty list never stood for the ward's data.
    for (const line of seen.filter((l) => l.startsWith('view: ')))
      expect(line).toContain('Đang tải dữ liệu lần đầu');
    expect(seen).not.toContain('empty list');

    const orgs = new OrgsPage(s.page);
    await orgs.showChildrenOf('Đảng bộ Thành phố Hà Nội');
    await checkAtBothSizes('orgs', () => orgs.waitUntilShown());

    const tree = await orgs.openTree();
    await checkAtBothSizes('org-tree', () => tree.waitFor());
    await orgs.openList();

    // The org detail's "Đóng" is in view on the laptop (it was below the screen).
    const ward = (await orgs.names())[0] ?? '';
    const detail = await orgs.openDetail(ward);
    const close = detail.locator('.ant-modal-footer').getByRole('button', { name: 'Đóng' });
    expect(await close.isVisible()).toBe(true);
    const box = await close.boundingBox();
    expect(box && box.y + box.height).toBeLessThanOrEqual(VIEWPORTS.laptop.height);
    await screenshot(s.page, 'ux-org-detail-1366');
    await orgs.closeDetail();

    const shell = new AppShell(s.page);
    const members = new MembersPage(s.page);
    await shell.open('Tra cứu đảng viên');
    await members.search('nguyen');
    expect(await members.totalCount()).toBeGreaterThan(0);
    await checkAtBothSizes('members', () => waitForTableSettled(members.table));

    const users = new UsersPage(s.page);
    await shell.open('Quản lý người dùng');
    await users.waitUntilShown();
    await checkAtBothSizes('users', () => users.waitUntilShown());
    await shell.logOut();
  });

  it('the ward processor: the transfer lists of each procedure and side, the outbox', async () => {
    await logInAs('canbo.xuly');
    const transfers = new TransfersPage(s.page);
    for (const variant of TransferVariant.options) {
      for (const side of ['outgoing', 'incoming'] as const) {
        await transfers.open(variant, side);
        await checkAtBothSizes(`transfers-${variant}-${side}`, () => transfers.waitForList());
      }
    }
    const outbox = new OutboxPage(s.page);
    await outbox.open();
    await checkAtBothSizes('outbox', () => outbox.waitUntilShown());
    await new AppShell(s.page).logOut();
  });

  /** One officer's residence screens at both sizes, on the demo campaign. */
  async function residenceScreens(
    username: string,
    views: [ResidenceMenuItem, string, (r: ResidencePage) => Promise<void>][],
  ): Promise<ResidencePage> {
    const residence = new ResidencePage(s.page);
    await logInAs(username);
    for (const [title, screen, ready] of views) {
      await residence.open(title);
      await checkAtBothSizes(screen, () => ready(residence));
    }
    return residence;
  }
  const formsShown = (r: ResidencePage) => r.formsShown();

  it('residence comments: the workplace’s lists and the forms it received', async () => {
    await residenceScreens('bithu.2256240', [
      ['Danh sách đã lập', 'residence-lists', (r) => r.listsShown()],
      ['Nhận phiếu nhận xét', 'residence-receive', formsShown],
    ]);
    await new AppShell(s.page).logOut();
  });

  it('residence comments: the residence cell writes', async () => {
    await residenceScreens('bithu.chibo5', [['Lập phiếu nhận xét', 'residence-write', formsShown]]);
    await new AppShell(s.page).logOut();
  });

  it('residence comments: the ward approves, signs and records a paper form', async () => {
    const residence = await residenceScreens('bithu.phuong', [
      ['Duyệt phiếu nhận xét', 'residence-approve', formsShown],
      ['Gửi phiếu nhận xét', 'residence-sign', formsShown],
      ['Ghi nhận phiếu giấy', 'residence-paper', formsShown],
    ]);
    // A paper form brought to the ward is recorded from its scan, and leaves the list.
    const scan = await PDFDocument.create();
    scan.addPage().drawText('Phieu nhan xet (ban giay)', { x: 50, y: 780 });
    await residence.recordFirstPaper({
      scan: { name: 'phieu-giay.pdf', bytes: Buffer.from(await scan.save()) },
      broughtBy: 'Nguyễn Văn Tổ trưởng',
      receivedOn: new Date().toLocaleDateString('en-GB'),
    });
    await screenshot(s.page, 'ux-residence-paper-recorded');
    await new AppShell(s.page).logOut();
  });

  it('the cell secretary: fee approval and the cell payment', async () => {
    await logInAs('bithu.chibo1');
    for (const [screen, title] of [
      ['fee-approval', 'Phê duyệt mức đóng đảng phí'],
      ['fee-cell-payment', 'Nộp đảng phí cho chi bộ'],
    ] as const) {
      await checkAtBothSizes(screen, await openFeeView(title));
    }
    await new AppShell(s.page).logOut();
  });

  it('the ward fee officer: transactions, statements, ledger, bank accounts', async () => {
    await logInAs('ketoan.phuong');
    for (const [screen, title] of [
      ['fee-transactions', 'Danh sách giao dịch nộp đảng phí'],
      ['fee-statements', 'Đối soát sao kê ngân hàng'],
      ['fee-ledger', 'Sổ thu nộp đảng phí'],
      ['fee-bank-accounts', 'Tài khoản ngân hàng'],
    ] as const) {
      await checkAtBothSizes(screen, await openFeeView(title));
    }
    await new AppShell(s.page).logOut();
  });
  it('member accounts: the cell secretary’s approvals, the member’s own pages', async () => {
    // The demo ward's waiting registrations and changes fill the secretary's lists.
    const SETTLED_TOTAL = '[data-testid="account-total"][data-settled="true"]';
    const accountScreens = [
      ['bithu.chibo1', 'accounts-registrations', 'Quản lý tài khoản đảng viên', SETTLED_TOTAL],
      ['bithu.chibo1', 'accounts-changes', 'Phê duyệt đảng viên thay đổi thông tin', SETTLED_TOTAL],
      ['dangvien1.chibo1', 'account-info', 'Thông tin tài khoản', '[data-testid="account-info"]'],
      [
        'dangvien1.chibo1',
        'account-change',
        'Thay đổi thông tin tài khoản',
        '[data-testid="info-change-form"]',
      ],
    ] as const;
    let user = '';
    for (const [username, screen, title, shown] of accountScreens) {
      if (username !== user) {
        if (user) await new AppShell(s.page).logOut();
        await logInAs(username);
        user = username;
      }
      await s.page.getByRole('menuitem', { name: new RegExp(`^${title}`) }).click();
      const ready = async () => {
        await s.page.getByRole('heading', { name: title, exact: true }).waitFor();
        await s.page.locator(shown).first().waitFor();
      };
      await checkAtBothSizes(screen, ready);
    }
    await new AppShell(s.page).logOut();
  });
});
