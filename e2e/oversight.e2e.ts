import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_WARD_NAME } from '../scripts/gen/demo-accounts';
import { LoginPage } from './pages/login-page';
import { OversightPage } from './pages/oversight-page';
import { UsersPage } from './pages/users-page';
import { ARTIFACTS_DIR, screenshot } from './support/artifacts';
import {
  closeBrowser,
  freshDataDir,
  openApp,
  removeDataDir,
  type Session,
} from './support/journey';
import { checkScreen, VIEWPORTS } from './support/ux-checks';

// The demo ward's admin looks at "Tổng quan" and "Rà soát sẵn sàng" on the offices' laptop
// screen (and a wide one), follows a finding to the screen that fixes it and exports the report to Excel and PDF.
const dataDir = freshDataDir();
let s: Session;
let oversight: OversightPage;

/**
 * The screen at the laptop's and the wide screen's size: a screenshot of each, no sideways
 * scrolling, the header in view, nothing serious for axe-core; back at the laptop's size.
 */
async function checkBothSizes(name: string, ready: () => Promise<void>): Promise<void> {
  for (const [label, size] of [
    ['1920', VIEWPORTS.wide],
    ['1366', VIEWPORTS.laptop],
  ] as const) {
    await s.page.setViewportSize(size);
    await ready();
    await screenshot(s.page, `${name}-${label}`);
    const report = await checkScreen(s.page);
    expect.soft(report.overflows, `${name} at ${label}: sideways scrolling`).toEqual([]);
    expect.soft(report.headerInView, `${name} at ${label}: header in view`).toBe(true);
    expect.soft(report.axe, `${name} at ${label}: axe-core`).toEqual([]);
  }
}

beforeAll(async () => {
  s = await openApp({ dataDir });
  await s.page.setViewportSize({ width: 1366, height: 768 });
  await new LoginPage(s.page).logInAndSync('quantri.phuong', DEMO_PASSWORD);
  oversight = new OversightPage(s.page);
});
afterAll(async () => {
  await s?.close();
  await closeBrowser();
  removeDataDir(dataDir);
});

describe('oversight of the demo ward', { timeout: 180_000 }, () => {
  it('the dashboard counts the ward’s accounts', async () => {
    await oversight.openDashboard();
    await expect
      .poll(() => s.page.getByRole('heading', { level: 4 }).innerText())
      .toContain(DEMO_WARD_NAME);
    expect(await oversight.count('users-active')).toBeGreaterThan(0);
    await checkBothSizes('oversight-dashboard', () => oversight.dashboard.waitFor());
  });

  it('the readiness review lists what the demo ward lacks and leads to the screen that fixes it', async () => {
    await oversight.openReadiness();
    await checkBothSizes('oversight-readiness', () => oversight.readiness.waitFor());
    const kind = 'approver_without_certificate';
    expect(await oversight.kindCount(kind)).toBeGreaterThan(0);
    expect((await oversight.findings(kind))[0]).toContain('chưa đăng ký chứng thư số');
    await oversight.followFirst(kind);
    await new UsersPage(s.page).waitUntilShown();
  });

  it('exports the report to Excel and to PDF', async () => {
    await oversight.openReadiness();
    const xlsx = await oversight.export('xlsx');
    expect(xlsx.suggestedFilename()).toMatch(/^ra-soat-san-sang-.*\.xlsx$/);
    const pdf = await oversight.export('pdf');
    const file = join(ARTIFACTS_DIR, 'oversight-readiness.pdf');
    await pdf.saveAs(file);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      file,
      join(ARTIFACTS_DIR, 'oversight-readiness-pdf'),
    ]);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).normalize(
      'NFC',
    );
    expect(text).toContain('BÁO CÁO RÀ SOÁT');
    expect(text).toContain(DEMO_WARD_NAME.toUpperCase());
  });
});
