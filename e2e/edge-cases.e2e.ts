import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgWire } from '../src/api/sync';
import { change, memberWire, orgWire, uid } from '../src/sync/test-support/wire';
import { AppShell } from './pages/app-shell';
import { MembersPage } from './pages/members-page';
import { OrgsPage } from './pages/orgs-page';
import { screenshot } from './support/artifacts';
import { launchChromium, watchErrors } from './support/browser';
import { startFixtureHost } from './support/fixture-host';
import type { Browser, Page } from 'playwright-core';

// What the demo ward does not have: names at their maximum length, decomposed Unicode (as pasted
// from some Mac and legacy tools), a tree 30 levels deep, searches that find nothing.
const LONG_NAME = `Chi bộ ${'Trường Trung học phổ thông chuyên Nguyễn Huệ '.repeat(6)}`
  .slice(0, 300)
  .trim();
const DEPTH = 30;
const DECOMPOSED = 'Nguyễn Văn Dũng'.normalize('NFD');

const root = orgWire(1, null, { name: 'Đảng bộ Tỉnh Thử Nghiệm', type: 'province_committee' });
const chain: OrgWire[] = [];
let parent = root;
for (let level = 1; level <= DEPTH; level++) {
  const org = orgWire(100 + level, parent, {
    name: `Đảng bộ cấp ${level} — ${'tên rất dài '.repeat(3).trim()}`,
    type: level === DEPTH ? 'grassroots_cell' : 'superior_committee',
  });
  chain.push(org);
  parent = org;
}
const leaf = chain.at(-1)!;
const longCell = orgWire(900, root, { name: LONG_NAME, type: 'grassroots_cell' });
const changes = [
  change.org(root),
  ...chain.map((o) => change.org(o)),
  change.org(longCell),
  change.member(memberWire(1, leaf.id, DECOMPOSED)),
  change.member(memberWire(2, longCell.id, 'Trần Thị Mai')),
];

let fixture: Awaited<ReturnType<typeof startFixtureHost>>;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  fixture = await startFixtureHost(changes, {
    id: uid(300_001),
    username: 'quantri.thu',
    fullName: 'Quản Trị Thử',
    orgId: root.id,
    roles: [{ role: 'admin', orgId: root.id }],
  });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(15_000);
  page = await context.newPage();
  errors = watchErrors(page);
  await page.goto(fixture.host.launchUrl);
  await new AppShell(page).waitUntilShown();
});
afterAll(async () => {
  await browser?.close();
  await fixture?.close();
});

/** Whether anything makes the page wider than the window. */
const overflowsSideways = () =>
  page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);

describe('edge cases render properly', () => {
  it('a 300-character name stays on one line in the list and wraps in the detail', async () => {
    const orgs = new OrgsPage(page);
    await orgs.showChildrenOf('Đảng bộ Tỉnh Thử Nghiệm');
    const row = page.locator('.ant-table-row', { hasText: 'Chi bộ Trường Trung học' });
    const box = await row.boundingBox();
    expect(box?.height).toBeLessThan(60);
    const dialog = await orgs.openDetail(LONG_NAME);
    const dialogBox = await dialog
      .locator('.ant-modal-container, .ant-modal-content')
      .first()
      .boundingBox();
    expect(dialogBox!.x + dialogBox!.width).toBeLessThanOrEqual(1280);
    expect(await dialog.innerText()).toContain(LONG_NAME);
    await screenshot(page, '20-edge-long-name-detail');
    await orgs.closeDetail();
    expect(await overflowsSideways()).toBe(false);
  });

  it(`goes ${DEPTH} levels deep; the breadcrumb wraps and leads back`, async () => {
    const orgs = new OrgsPage(page);
    for (const org of chain.slice(0, -1)) await orgs.showChildrenOf(org.name);
    expect(await orgs.crumbs()).toHaveLength(DEPTH);
    expect(await orgs.names()).toEqual([leaf.name]);
    expect(await overflowsSideways()).toBe(false);
    await screenshot(page, '21-edge-deep-breadcrumb');
    await orgs.backTo('Đảng bộ Tỉnh Thử Nghiệm');
    expect((await orgs.names()).length).toBe(2);
  });

  it('finds a name stored with combining marks by a precomposed query, and says when nothing matches', async () => {
    const shell = new AppShell(page);
    await shell.open('Tra cứu đảng viên');
    const members = new MembersPage(page);
    await members.search('Nguyễn Văn Dũng'.normalize('NFC'));
    expect((await members.names()).map((n) => n.normalize('NFC'))).toEqual(['Nguyễn Văn Dũng']);
    await members.search('nguyen van dung');
    expect(await members.totalCount()).toBe(1);
    await members.search('không ai có tên này');
    expect(await members.totalCount()).toBe(0);
    await page.getByText('Không tìm thấy đảng viên phù hợp').waitFor();
    await screenshot(page, '22-edge-member-empty');
    await shell.open('Quản lý tổ chức Đảng');
    const orgs = new OrgsPage(page);
    await orgs.search({ name: 'không có tổ chức nào như vậy' });
    await page.getByText('Không tìm thấy tổ chức đảng phù hợp').waitFor();
  });

  it(`"Đơn vị" of the user list finds the org ${DEPTH} levels down, typed without tone marks`, async () => {
    await new AppShell(page).open('Quản lý người dùng');
    // Its level was never opened in this picker: the search covers every org of the scope.
    await page.getByLabel('Đơn vị').fill(`dang bo cap ${DEPTH}`);
    const hit = page.locator('.ant-select-tree-node-content-wrapper', { hasText: leaf.name });
    await hit.waitFor();
    await screenshot(page, '23-edge-unit-search');
    await hit.click();
    // The choice shows the org's name (not its id) once the search is over.
    await page.locator('.ant-select').getByTitle(leaf.name, { exact: true }).waitFor();
  });

  it('logged no errors in the page', () => {
    expect(errors).toEqual([]);
  });
});
