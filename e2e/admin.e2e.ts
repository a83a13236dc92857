import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { staffWithRoleAt } from '../scripts/gen/demo-transfers.repo';
import { openServerDb } from '../src/db/server-db';
import { OrgAdminPage } from './pages/org-admin-page';
import { screenshot } from './support/artifacts';
import { closeBrowser } from './support/journey';
import { OfficerApps, type OfficerApp } from './support/officer-apps';
import { openTransferWorld, type TransferWorld } from './support/transfer-fixtures';

// The admin's journey (issue 14). The org tree (docs/decisions/0038): the ward admin edits a
// residential cell with its allocation direction, adds a second school committee under his ward,
// and moves a school group from the lower secondary school's committee to it; after the sync the
// list shows the group under its new committee. The steps run in order.

/** The offices' common laptop screen: the screenshots show what fits on it. */
const LAPTOP = { width: 1366, height: 768 };
const NEW_COMMITTEE = 'Đảng bộ Trường THPT Việt Hưng';
const CELL_EMAIL = 'chibo.tdp1@viethung.hanoi.gov.vn';

interface Admin extends OfficerApp {
  orgs: OrgAdminPage;
}

let world: TransferWorld;
let apps: OfficerApps<Admin>;
let wardAdmin: string;

beforeAll(async () => {
  world = await openTransferWorld({ officers: [] });
  await world.server.stop();
  const db = await openServerDb({ sqliteFile: world.server.sqliteFile });
  try {
    const [admin] = await staffWithRoleAt(db.db, world.orgs.get('phuong')!.id, 'admin');
    if (!admin) throw new Error('the demo ward has no admin');
    wardAdmin = admin.username;
  } finally {
    await db.close();
    await world.server.start();
  }
  apps = new OfficerApps({ url: world.server.url, appEnv: (u) => world.appEnv(u) }, (o, page) => ({
    ...o,
    orgs: new OrgAdminPage(page),
  }));
});

beforeEach(({ onTestFailed }) => {
  onTestFailed(() => apps.screenshotAll('failed-admin'));
});

afterAll(async () => {
  await apps?.closeAll();
  await closeBrowser();
  await world?.close();
});

async function admin(): Promise<Admin> {
  const a = await apps.officer(wardAdmin);
  await a.session.page.setViewportSize(LAPTOP);
  return a;
}

describe('the org tree', { timeout: 600_000 }, () => {
  it('the ward admin edits a cell and its allocation direction', async () => {
    const a = await admin();
    await a.shell.open('Quản lý tổ chức Đảng');
    await a.orgs.waitUntilShown();
    const cell = world.orgs.get('chibo1')!;
    await a.orgs.openDetailOf(cell.name);
    // His own ward is his superiors' to change; the cell below it is his.
    const form = await a.orgs.openForm('Chỉnh sửa');
    await a.orgs.fill(form, {
      email: CELL_EMAIL,
      phone: '024 3827 1001',
      allocation: 'từ dưới lên trên',
    });
    await screenshot(a.session.page, 'admin-org-edit');
    await a.orgs.save(form);
    expect(await a.orgs.detailValue('Loại phân bổ cho cơ quan')).toBe('Phân bổ từ dưới lên trên');
    expect(await a.orgs.detailValue('Email')).toBe(CELL_EMAIL);
    await screenshot(a.session.page, 'admin-org-edited');
    await a.orgs.closeDetail();
  });

  it('adds a school committee under his ward and moves a school group to it', async () => {
    const a = await admin();
    const ward = world.orgs.get('phuong')!;
    await a.orgs.openDetailOf(ward.name);
    expect(
      await a.orgs.detail.getByRole('button', { name: 'Chỉnh sửa', exact: true }).count(),
    ).toBe(0);
    const form = await a.orgs.openForm('Thêm đơn vị trực thuộc');
    await a.orgs.fill(form, {
      name: NEW_COMMITTEE,
      code: '9990101',
      type: 'Đảng bộ cơ sở',
      email: 'thpt@viethung.edu.vn',
      province: 'Hà Nội',
    });
    await screenshot(a.session.page, 'admin-org-add');
    await a.orgs.save(form);
    await a.orgs.closeDetail();

    const group = world.orgs.get('thcs1')!;
    await a.orgs.openDetailOf(group.name);
    const { modal, confirm } = await a.orgs.chooseNewParent('THPT', NEW_COMMITTEE);
    expect(confirm).toContain(`sẽ trực thuộc ${NEW_COMMITTEE}`);
    await screenshot(a.session.page, 'admin-org-move');
    await a.orgs.confirmMove(modal);
    // The move is in the group's history, with who made it and where it went.
    const history = await a.orgs.history(1);
    expect(history.entries[0]).toContain('Chuyển đơn vị');
    expect(history.entries[0]).toContain(NEW_COMMITTEE);
    await screenshot(a.session.page, 'admin-org-history');
    await history.modal.getByRole('button', { name: 'Đóng' }).last().click();
    await history.modal.waitFor({ state: 'hidden' });
    await a.orgs.closeDetail();

    // Pulled: the list shows the group under its new committee, and no longer under the old one.
    await a.orgs.search({ name: NEW_COMMITTEE });
    await a.orgs.showChildrenOf(NEW_COMMITTEE);
    expect(await a.orgs.names()).toEqual([group.name]);
    await screenshot(a.session.page, 'admin-org-moved');
    const school = world.orgs.get('truong')!;
    await a.orgs.backTo(ward.name);
    await a.orgs.showChildrenOf(school.name);
    expect(await a.orgs.names()).not.toContain(group.name);
  });
});
