import type { Locator, Page } from 'playwright-core';
import { nextAppEvent } from '../support/app-events';
import { screenshot } from '../support/artifacts';
import type { AppShell } from './app-shell';
import type { ActionOutcome, TransfersPage } from './transfers-page';

// Steps the transfer journeys need beyond TransfersPage. The dossier actions here wait for a
// dialog's zoom-in to end before clicking in it: Ant Design zooms a modal in from the pointer,
// and on a loaded machine the modal can sit still for a frame before it grows, so a click aimed
// at its "Lưu" lands on whatever slides under the pointer (seen: the "Ghi chú" field). They wait
// on the same data-outcome-seq numbering as TransfersPage.

/** The modal around `content`, once its opening motion has ended. */
async function stillModal(page: Page, content: Locator): Promise<Locator> {
  const modal = page
    .locator('.ant-modal:not(.ant-zoom-appear):not(.ant-zoom-enter)')
    .filter({ has: content });
  await modal.waitFor();
  return modal;
}

/** A button of the dossier's action bar by the end of its name (icons prefix their own label). */
const actionButton = (transfers: TransfersPage, name: string | RegExp) =>
  transfers.dossier
    .getByTestId('dossier-actions')
    .getByRole('button', { name: typeof name === 'string' ? new RegExp(`(^|\\s)${name}$`) : name });

/** Where the dossier view's outcome numbering stands before an action. */
async function outcomeSeq(transfers: TransfersPage): Promise<number> {
  await transfers.waitForDossier();
  return Number((await transfers.dossier.getAttribute('data-outcome-seq')) ?? 0);
}

/** What the app told the user about the action numbered after `seq`. */
async function outcomeAfter(transfers: TransfersPage, seq: number): Promise<ActionOutcome> {
  const next = transfers.page.locator(
    `[data-testid="dossier-view"][data-outcome-seq="${seq + 1}"]`,
  );
  await next.waitFor({ timeout: 60_000 });
  const outcome = {
    kind: (await next.getAttribute('data-outcome')) as ActionOutcome['kind'],
    text: (await next.getAttribute('data-outcome-text')) ?? '',
  };
  await transfers.waitForDossier();
  return outcome;
}

/** The dialog closes once the action is queued, or stays with the app's error. */
async function settleDialog(
  transfers: TransfersPage,
  dialog: Locator,
  seq: number,
): Promise<ActionOutcome> {
  const closed = dialog.waitFor({ state: 'detached' }).then(() => 'closed' as const);
  const failed = dialog
    .locator('.ant-alert-error')
    .waitFor()
    .then(() => 'failed' as const);
  if ((await Promise.race([closed, failed])) === 'failed')
    return { kind: 'refused', text: (await dialog.locator('.ant-alert-error').innerText()).trim() };
  return outcomeAfter(transfers, seq);
}

/**
 * "Kiểm tra": fills the fields by label, keeps the proposed "Tổ chức tiếp nhận", "Lưu"; resolves
 * with what the app said once the check was sent or kept.
 */
export async function checkDossier(
  transfers: TransfersPage,
  fields: Record<string, string> = {},
): Promise<ActionOutcome> {
  const seq = await outcomeSeq(transfers);
  await actionButton(transfers, 'Kiểm tra').click();
  const dialog = transfers.page.getByTestId('check-dialog');
  const modal = await stillModal(transfers.page, dialog);
  for (const [label, value] of Object.entries(fields)) await dialog.getByLabel(label).fill(value);
  await modal.getByRole('button', { name: 'Lưu' }).click();
  return settleDialog(transfers, dialog, seq);
}

/** "Duyệt chuyển tiếp", or "Duyệt hoàn thành" at the last org, confirmed. */
export async function approveDossier(transfers: TransfersPage): Promise<ActionOutcome> {
  const seq = await outcomeSeq(transfers);
  const name =
    (await actionButton(transfers, 'Duyệt hoàn thành').count()) > 0
      ? 'Duyệt hoàn thành'
      : 'Duyệt chuyển tiếp';
  await actionButton(transfers, name).click();
  const confirm = transfers.page.locator(
    '.ant-modal-confirm:not(.ant-zoom-appear):not(.ant-zoom-enter)',
  );
  await confirm.getByRole('button', { name }).click();
  await transfers.page.locator('.ant-modal-confirm').waitFor({ state: 'detached' });
  return outcomeAfter(transfers, seq);
}

/** "Trả lại" with the required reason. */
export async function returnDossier(
  transfers: TransfersPage,
  reason: string,
): Promise<ActionOutcome> {
  const seq = await outcomeSeq(transfers);
  await actionButton(transfers, 'Trả lại').click();
  const dialog = transfers.page.getByTestId('reason-dialog');
  const modal = await stillModal(transfers.page, dialog);
  await dialog.getByLabel('Lý do').fill(reason);
  await modal.getByRole('button', { name: 'Trả lại' }).click();
  return settleDialog(transfers, dialog, seq);
}

/**
 * "Ký số và chuyển tiếp" (or "… duyệt hoàn thành"): picks the certificate, optionally pictures
 * the token dialog before the PIN goes in, enters the PIN (Enter signs).
 */
export async function signWithToken(
  transfers: TransfersPage,
  opts: { certificate: string; pin: string; screenshotName?: string },
): Promise<ActionOutcome> {
  const { page, tokenDialog } = transfers;
  const seq = await outcomeSeq(transfers);
  await actionButton(transfers, /(^|\s)Ký số và /).click();
  await tokenDialog.waitUntilShown();
  await stillModal(page, tokenDialog.root);
  await tokenDialog.pickCertificate(opts.certificate);
  if (opts.screenshotName) await screenshot(page, opts.screenshotName);
  const signed = await tokenDialog.sign({ pin: opts.pin });
  if (!signed.ok) return { kind: 'refused', text: signed.error };
  return outcomeAfter(transfers, seq);
}

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
