import { PDFDocument } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TransferFilingPage } from './pages/transfer-filing-page';
import { TransfersPage } from './pages/transfers-page';
import { screenshot } from './support/artifacts';
import { closeBrowser } from './support/journey';
import { OfficerApps, type OfficerApp } from './support/officer-apps';
import { openTransferWorld, type TransferWorld } from './support/transfer-fixtures';

// Filing a transfer from the app (issue 13): a member files his own with his application from
// "Chuyển sinh hoạt đảng", and the cell's secretary files one for another member of the cell
// ("Nộp hộ"), recorded as filed on his behalf.

const SECRETARY = 'bithu.chibo1';
const MEMBER = 'dangvien1.chibo1';
const CELLMATE = 'dangvien2.chibo1';

let world: TransferWorld;
let apps: OfficerApps<User>;

interface User extends OfficerApp {
  filing: TransferFilingPage;
}

beforeAll(async () => {
  world = await openTransferWorld({ officers: [SECRETARY] });
  apps = new OfficerApps(
    { url: world.server.url, appEnv: (username) => world.appEnv(username) },
    (o, page) => ({ ...o, filing: new TransferFilingPage(page) }),
  );
});

beforeEach(({ onTestFailed }) => {
  onTestFailed(() => apps.screenshotAll('failed-transfer-filing'));
});

afterAll(async () => {
  await apps?.closeAll();
  await closeBrowser();
  await world?.close();
});

const today = () => {
  const d = new Date();
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()}`;
};

async function application(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage();
  return Buffer.from(await doc.save());
}

describe('filing a transfer from the app', () => {
  it('the member files his own; the secretary files one on a cellmate’s behalf', async () => {
    void apps.launch(SECRETARY);
    const member = await apps.officer(MEMBER);
    await member.filing.openMine();
    await screenshot(member.session.page, 'transfer-filing-1-my-transfers-empty');
    await member.session.page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await member.filing.fill({
      destination: { typed: 'to dan pho so 2', option: 'Chi bộ Tổ dân phố số 2 —' },
      movedOn: today(),
      reason: 'Chuyển nơi cư trú về tổ dân phố số 2',
      file: { name: 'Don xin chuyen sinh hoat.pdf', bytes: await application() },
    });
    await screenshot(member.session.page, 'transfer-filing-2-member-form');
    await member.filing.submit();
    await member.filing.myScreen.getByTestId('my-transfer').first().waitFor();
    expect(await member.filing.myRows()).toEqual([
      expect.stringMatching(
        /Chuyển sinh hoạt đảng chính thức → Chi bộ Tổ dân phố số 2 Chờ kiểm tra/,
      ),
    ]);
    await screenshot(member.session.page, 'transfer-filing-3-my-transfers-filed');

    const cellmate = world.demo.members.find((m) => m.username === CELLMATE)!;
    const secretary = await apps.officer(SECRETARY);
    await secretary.session.page.getByTestId('transfers-screen').waitFor();
    await secretary.session.page.getByRole('button', { name: 'Nộp hộ' }).click();
    await secretary.filing.fill({
      member: { typed: cellmate.fullName, option: `${cellmate.fullName} — ${cellmate.cellName}` },
      destination: { typed: 'to dan pho so 2', option: 'Chi bộ Tổ dân phố số 2 —' },
      movedOn: today(),
      reason: 'Chuyển nơi cư trú',
    });
    await screenshot(secretary.session.page, 'transfer-filing-4-on-behalf-form');
    await secretary.filing.submit();
    // The filed dossier opens; its trail names the secretary as the filer.
    const page = secretary.session.page;
    await page.getByRole('tab', { name: 'Lịch sử xử lý' }).click();
    const filedBy = page.getByTestId('history-filed-by');
    await filedBy.waitFor();
    expect(await filedBy.innerText()).toMatch(/^Nộp hộ bởi /);
    await screenshot(page, 'transfer-filing-5-on-behalf-trail');
  });

  it('returned for a missing paper, the dossier filed on a cellmate’s behalf is filed again by its filer', async () => {
    const secretary = await apps.officer(SECRETARY);
    const page = secretary.session.page;
    const dossier = new TransfersPage(page);
    expect(await dossier.returnToMember('Thiếu đơn xin chuyển sinh hoạt')).toMatchObject({
      kind: 'sent',
    });
    await dossier.waitForStatus('returned');
    expect(await dossier.actions()).toEqual(['Nộp lại']);
    await page.getByTestId('dossier-actions').getByRole('button', { name: 'Nộp lại' }).click();
    await screenshot(page, 'transfer-filing-6-on-behalf-resubmit');
    await secretary.filing.resubmit('Chuyển nơi cư trú, bổ sung đơn');
    await secretary.shell.syncNow();
    await dossier.waitForStatus('pending_check');
    const trail = (await dossier.history()).map((h) => h.type);
    expect(trail.slice(-2)).toEqual(['return', 'resubmit']);
  });
});
