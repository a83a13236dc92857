import type { Page } from 'playwright-core';
import { nextAppEvent } from '../support/app-events';
import type { AppShell } from './app-shell';

// Steps of the transfer journeys that are not about the transfer screens themselves.

/** The text of the member table's row for `name` (its "Chi bộ sinh hoạt" among the rest). */
export async function memberRowText(page: Page, name: string): Promise<string> {
  const row = page
    .getByTestId('member-table')
    .locator('.ant-table-row')
    .filter({ has: page.getByTestId('member-name').getByText(name, { exact: true }) })
    .first();
  return (await row.innerText()).replace(/\s+/g, ' ').trim();
}

/**
 * Presses "Đồng bộ" while the central server is down and resolves with the app's `sync-failed`
 * message, once the indicator shows the app offline.
 */
export async function syncWhileServerDown(shell: AppShell): Promise<string> {
  const failed = nextAppEvent(shell.page, 'sync-failed');
  await shell.syncIndicator.getByRole('button', { name: 'Đồng bộ' }).click();
  const { error } = await failed;
  await shell.page.locator('[data-testid="sync-indicator"][data-online="false"]').waitFor();
  return error.messageVi;
}
