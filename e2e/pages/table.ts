import type { Locator } from 'playwright-core';

/**
 * Helpers for Ant Design's virtual tables: only the rows in view exist in the page, so finding
 * one may mean scrolling the table body.
 */
export async function waitForTableSettled(table: Locator): Promise<void> {
  await table.waitFor();
  await table.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
  // The virtual list renders its rows a frame after the data: wait for a row or the empty state.
  await table.locator('.ant-table-row, .ant-table-placeholder').first().waitFor();
}

export async function rowTexts(table: Locator, cellTestId: string): Promise<string[]> {
  await waitForTableSettled(table);
  return (await table.getByTestId(cellTestId).allInnerTexts()).map((t) => t.trim());
}

/** The row whose cell `cellTestId` reads `text`, scrolled into the rendered window. */
export async function findRow(table: Locator, cellTestId: string, text: string): Promise<Locator> {
  await waitForTableSettled(table);
  const row = table
    .locator('.ant-table-row')
    .filter({ has: table.page().getByTestId(cellTestId).getByText(text, { exact: true }) });
  const body = table.locator('.ant-table-tbody-virtual-holder, .ant-table-body').first();
  await body.evaluate((el) => el.scrollTo(0, 0));
  for (let step = 0; step < 500; step++) {
    if ((await row.count()) > 0) return row.first();
    const moved = await body.evaluate((el) => {
      const before = el.scrollTop;
      el.scrollBy(0, el.clientHeight * 0.8);
      return el.scrollTop !== before;
    });
    if (!moved) break;
    // The virtual list renders the new window on the next frame.
    await body.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
  }
  throw new Error(`no row "${text}" in the table`);
}
