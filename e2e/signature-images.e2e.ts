import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_WARD_NAME } from '../scripts/gen/demo-accounts';
import { signaturePng } from '../src/signing/images/test-support/images';
import { demoSealPng } from '../src/signing/pdf/demo-seal';
import { OrgsPage } from './pages/orgs-page';
import { SignatureImagesPage } from './pages/signature-images-page';
import { screenshot } from './support/artifacts';
import { closeBrowser } from './support/journey';
import { OfficerApps, type OfficerApp } from './support/officer-apps';
import { openTransferWorld, type TransferWorld } from './support/transfer-fixtures';

// Seal and signature images (issue 14, docs/decisions/0039): the ward's admin uploads the ward's
// seal image in its details; the ward's secretary uploads his signature image in "Chữ ký". The
// signing itself with both images, checked by pdfsig, is src/desktop/transfers/
// registered-images-signing.test.ts's.

const LAPTOP = { width: 1366, height: 768 };
const files = mkdtempSync(join(tmpdir(), 'images-e2e-'));
const SEAL = join(files, 'con-dau.png');
const SIGNATURE = join(files, 'chu-ky.png');

let world: TransferWorld;
let apps: OfficerApps<User>;

interface User extends OfficerApp {
  orgs: OrgsPage;
  images: SignatureImagesPage;
}

beforeAll(async () => {
  writeFileSync(SEAL, demoSealPng());
  writeFileSync(SIGNATURE, signaturePng());
  world = await openTransferWorld({ officers: [] });
  apps = new OfficerApps(
    { url: world.server.url, appEnv: (username) => world.appEnv(username) },
    (o, page) => ({ ...o, orgs: new OrgsPage(page), images: new SignatureImagesPage(page) }),
  );
});

beforeEach(({ onTestFailed }) => {
  onTestFailed(() => apps.screenshotAll('failed-signature-images'));
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

describe('seal and signature images', () => {
  it('the ward’s admin uploads the ward’s seal image in its details', async () => {
    void apps.launch('bithu.phuong');
    const admin = await userApp('quantri.phuong');
    const page = admin.session.page;
    await page.getByRole('menuitem', { name: 'Quản lý tổ chức Đảng' }).click();
    await admin.orgs.waitUntilShown();
    await admin.orgs.showChildrenOf('Đảng bộ Thành phố Hà Nội');
    const detail = await admin.orgs.openDetail(DEMO_WARD_NAME);
    const panel = await admin.images.sealOf(detail);
    expect(await panel.getByTestId('org-seal-image-empty').innerText()).toContain(
      'Chưa có hình ảnh con dấu',
    );
    await admin.images.sealOf(detail, SEAL);
    expect(await panel.getByTestId('org-seal-image-size').innerText()).toContain('36 × 36 mm');
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'signature-images-01-ward-seal');
  });

  it('the ward’s secretary uploads his signature image in "Chữ ký"', async () => {
    const secretary = await userApp('bithu.phuong');
    const panel = await secretary.images.uploadSignature(SIGNATURE);
    expect(await panel.getByTestId('signature-image-size').innerText()).toContain('600 × 200');
    await screenshot(secretary.session.page, 'signature-images-02-my-signature');
  });
});
