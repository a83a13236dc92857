import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { staffWithRoleAt } from '../scripts/gen/demo-transfers.repo';
import { openServerDb } from '../src/db/server-db';
import { HolidaysPage } from './pages/holidays-page';
import { screenshot } from './support/artifacts';
import { closeBrowser } from './support/journey';
import { OfficerApps, type OfficerApp } from './support/officer-apps';
import { openTransferWorld, type TransferWorld } from './support/transfer-fixtures';

// The holiday calendar (issue 14, docs/decisions/0032): the top org's admin opens "Cấu hình ngày
// nghỉ", finds the demo's 2027, adds a day off and saves; the ward's admin, after a sync, reads
// the year with that day and cannot edit it.

let world: TransferWorld;
let topAdmin: string;
let apps: OfficerApps<User>;

interface User extends OfficerApp {
  holidays: HolidaysPage;
}

/** The offices' common laptop screen: the screenshots show what fits on it. */
const LAPTOP = { width: 1366, height: 768 };

beforeAll(async () => {
  world = await openTransferWorld({ officers: [] });
  await world.server.stop();
  const db = await openServerDb({ sqliteFile: world.server.sqliteFile });
  try {
    const root = await db.db
      .selectFrom('orgs')
      .select('id')
      .where('parent_id', 'is', null)
      .executeTakeFirstOrThrow();
    const [admin] = await staffWithRoleAt(db.db, root.id, 'admin');
    if (!admin) throw new Error('the generated tree has no admin at its root');
    topAdmin = admin.username;
  } finally {
    await db.close();
    await world.server.start();
  }
  apps = new OfficerApps(
    { url: world.server.url, appEnv: (username) => world.appEnv(username) },
    (o, page) => ({ ...o, holidays: new HolidaysPage(page) }),
  );
});

beforeEach(({ onTestFailed }) => {
  onTestFailed(() => apps.screenshotAll('failed-holidays'));
});

afterAll(async () => {
  await apps?.closeAll();
  await closeBrowser();
  await world?.close();
});

async function userApp(username: string): Promise<User> {
  const u = await apps.officer(username);
  await u.session.page.setViewportSize(LAPTOP);
  return u;
}

describe('the holiday calendar', () => {
  it('the top admin adds a 2027 day off and saves the year', async () => {
    void apps.launch('quantri.phuong');
    const admin = await userApp(topAdmin);
    await admin.holidays.open();
    await admin.holidays.pickYear(2027);
    expect((await admin.holidays.rows('holidays'))[0]).toEqual([
      '01/01/2027',
      'Thứ Sáu',
      'Tết Dương lịch',
    ]);
    expect(await admin.holidays.rows('makeUpDays')).toEqual([
      ['20/02/2027', 'Thứ Bảy', 'Làm bù cho ngày 12/02/2027'],
    ]);
    await screenshot(admin.session.page, 'holidays-01-top-admin-2027');

    await admin.holidays.addDay('Ngày nghỉ', '04/01/2027', 'Nghỉ bù Tết Dương lịch');
    await admin.holidays.page.getByText('Có thay đổi chưa lưu').waitFor();
    // Added and cleared for the next day, with no complaint about the emptied fields.
    expect(await admin.holidays.form.locator('.ant-form-item-explain-error').count()).toBe(0);
    await admin.holidays.save(2027);
    expect((await admin.holidays.rows('holidays')).slice(0, 2)).toEqual([
      ['01/01/2027', 'Thứ Sáu', 'Tết Dương lịch'],
      ['04/01/2027', 'Thứ Hai', 'Nghỉ bù Tết Dương lịch'],
    ]);
    await screenshot(admin.session.page, 'holidays-02-top-admin-saved');
  });

  it('the ward admin reads the year after a sync, without editing', async () => {
    const ward = await userApp('quantri.phuong');
    await ward.shell.syncNow();
    await ward.holidays.open();
    await ward.holidays.pickYear(2027);
    await ward.holidays.readOnlyNotice().waitFor();
    expect((await ward.holidays.rows('holidays'))[1]).toEqual([
      '04/01/2027',
      'Thứ Hai',
      'Nghỉ bù Tết Dương lịch',
    ]);
    expect(await ward.holidays.form.count()).toBe(0);
    await screenshot(ward.session.page, 'holidays-03-ward-admin-read-only');
  });
});
