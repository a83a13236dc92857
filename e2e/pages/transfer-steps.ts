import type { Page } from 'playwright-core';
import { nextAppEvent } from '../support/app-events';
import type { AppShell } from './app-shell';

// Steps of the transfer journeys that are not about the transfer screens themselves.

/**
 * The full name of the member's "Chi bộ sinh hoạt" in the member table's row for `name` (the cell
 * shows its short name, the full one is kept for hover).
 */
export async function memberHomeOrg(page: Page, name: string): Promise<string> {
  const row = page
    .getByTestId('member-table')
    .locator('.ant-table-row')
    .filter({ has: page.getByTestId('member-name').getByText(name, { exact: true }) })
    .first();
  return (await row.getByTestId('member-home-org').getAttribute('data-full-name')) ?? '';
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
