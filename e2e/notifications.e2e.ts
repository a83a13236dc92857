import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../scripts/gen/demo-accounts';
import type { AppShell } from './pages/app-shell';
import { LoginPage } from './pages/login-page';
import { NotificationsPage } from './pages/notifications-page';
import { TransfersPage } from './pages/transfers-page';
import { nextAppEvent } from './support/app-events';
import { screenshot } from './support/artifacts';
import {
  closeBrowser,
  freshDataDir,
  openApp,
  removeDataDir,
  type Session,
} from './support/journey';
import { openTransferWorld, submitAsMember, type TransferWorld } from './support/transfer-fixtures';

// Notifications (issue 14, docs/decisions/0041): a member files a transfer through the API, as the
// demo scripts do; the cell secretary's app syncs and the bell shows the new dossier waiting for
// him; opening it marks it seen and opens the dossier; after a restart it is not raised again.

const SECRETARY = 'bithu.chibo1';
const MEMBER = 'dangvien1.chibo1';

let world: TransferWorld;
let dataDir: string;
let session: Session | undefined;

beforeAll(async () => {
  world = await openTransferWorld({ officers: [] });
  dataDir = freshDataDir();
});

beforeEach(({ onTestFailed }) => {
  onTestFailed(async () => {
    if (session) await screenshot(session.page, 'failed-notifications').catch(() => undefined);
  });
});

afterAll(async () => {
  await session?.close();
  await closeBrowser();
  await world?.close();
  if (dataDir) removeDataDir(dataDir);
});

/** The secretary's app on his machine (the same data directory each time), signed in. */
async function startSecretaryApp(): Promise<{ shell: AppShell; bell: NotificationsPage }> {
  session = await openApp({ dataDir, serverUrl: world.server.url });
  // The screen size the office PCs have.
  await session.page.setViewportSize({ width: 1366, height: 768 });
  const shell = await new LoginPage(session.page).logInAndSync(SECRETARY, DEMO_PASSWORD);
  return { shell, bell: new NotificationsPage(session.page) };
}

describe('notifications', () => {
  it('a new dossier raises a notification once: seen, it stays seen after a restart', async () => {
    const { shell, bell } = await startSecretaryApp();
    const page = session!.page;
    // What waited for him at his first sync is in the list already; start from none unseen.
    const backlog = nextAppEvent(page, 'notifications-raised');
    await shell.syncNow();
    const { unseen } = await backlog;
    await bell.waitForUnseen(unseen);
    if (unseen > 0) await bell.markAllSeen();
    await screenshot(page, 'notifications-1-bell-none-unseen');

    const member = world.demo.members.find((m) => m.username === MEMBER)!;
    const to = world.orgs.get('chibo2')!;
    const filed = await submitAsMember(world, MEMBER, {
      variant: 'official',
      toCellId: to.id,
      toCellName: to.name,
      reason: 'Chuyển nơi cư trú đến Tổ dân phố số 2',
    });

    const raised = nextAppEvent(page, 'notifications-raised');
    await shell.syncNow();
    const event = await raised;
    expect(event.fresh.map((n) => [n.kind, n.objectId, n.title])).toEqual([
      ['new_dossier', filed.id, member.fullName],
    ]);
    await bell.waitForUnseen(1);
    const rows = await bell.rows();
    expect(rows.filter((r) => !r.seen)).toEqual([
      {
        text: expect.stringContaining(`Hồ sơ mới chờ xử lý ${member.fullName}`) as string,
        seen: false,
      },
    ]);
    await screenshot(page, 'notifications-2-bell-new-dossier');

    // Opening it brings the dossier up and marks it seen.
    await bell.openItem(member.fullName);
    const dossier = new TransfersPage(page);
    expect(await dossier.statusCode()).toBe('pending_check');
    await bell.waitForUnseen(0);
    await screenshot(page, 'notifications-3-opened-dossier');
    const opened = (await bell.rows()).filter((r) => r.text.includes(member.fullName));
    expect(opened).toEqual([expect.objectContaining({ seen: true })]);

    const settings = await bell.openSettings();
    await screenshot(page, 'notifications-4-settings');
    await settings.getByRole('button', { name: 'Hủy' }).click();

    // The app restarts on the same machine: the next sync raises nothing it raised before.
    await session!.close();
    session = undefined;
    const again = await startSecretaryApp();
    const next = nextAppEvent(session!.page, 'notifications-raised');
    await again.shell.syncNow();
    expect((await next).fresh.map((n) => n.objectId)).not.toContain(filed.id);
    expect(await again.bell.unseen()).toBe(0);
    const after = await again.bell.rows();
    expect(after.find((r) => r.text.includes(member.fullName))).toMatchObject({ seen: true });
    await screenshot(session!.page, 'notifications-5-after-restart');
    // Two app starts and four syncs.
  }, 240_000);
});
