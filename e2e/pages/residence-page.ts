import type { Download, Locator, Page } from 'playwright-core';
import { nextAppEvent } from '../support/app-events';
import { stillModal } from './modal';
import { TokenDialog } from './token-dialog';
import { waitForTableSettled } from './table';

/** The four fields of a comment form, by the labels of the paper form. */
export interface CommentInput {
  strengths: string;
  shortcomings: string;
  citizenDuties: string;
  proposals: string;
}

const COMMENT_LABELS: Record<keyof CommentInput, string> = {
  strengths: 'Ưu điểm',
  shortcomings: 'Khuyết điểm, hạn chế',
  citizenDuties: 'Thực hiện nghĩa vụ công dân nơi cư trú',
  proposals: 'Đề xuất, kiến nghị',
};

/** The screen titles of "Nhận xét nơi cư trú" (Quy định 213) as the menu shows them. */
export type ResidenceMenuItem =
  | 'Lập danh sách'
  | 'Danh sách đã lập'
  | 'Lập phiếu nhận xét'
  | 'Duyệt phiếu nhận xét'
  | 'Gửi phiếu nhận xét'
  | 'Ghi nhận phiếu giấy'
  | 'Nhận phiếu nhận xét';

/**
 * "Nhận xét nơi cư trú": the workplace's lists, the residence cell's forms, the committee's
 * approval and batch signing, and the forms received back. Waits are on what the user sees.
 */
export class ResidencePage {
  readonly screen: Locator;
  readonly forms: Locator;

  constructor(readonly page: Page) {
    this.screen = page.getByTestId('residence-screen');
    this.forms = page.getByTestId('residence-form-table');
  }

  /** Opens a screen of the group from the side menu and waits for its heading. */
  async open(item: ResidenceMenuItem): Promise<void> {
    await this.page
      .getByRole('menu', { name: 'Chức năng' })
      .getByRole('menuitem', { name: item, exact: true })
      .click();
    await this.page.getByRole('heading', { name: item, exact: true }).waitFor();
  }

  // ---- Lập danh sách -------------------------------------------------------------------------

  /** Picks the workplace org by typing its name, then waits for its members. */
  async chooseWorkplace(name: string): Promise<void> {
    const picker = this.page.locator('#residence-org');
    await picker.click();
    await picker.fill(name);
    await this.page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: name })
      .first()
      .click();
    await this.page.locator('[data-testid="candidate-total"][data-settled="true"]').waitFor();
    await waitForTableSettled(this.page.getByTestId('candidate-table'));
  }

  /** Ticks the members to put on the list; `noReport` are not asked for a report. */
  async chooseMembers(names: string[], noReport: string[] = []): Promise<void> {
    const table = this.page.getByTestId('candidate-table');
    for (const name of names) await table.getByRole('checkbox', { name: `Chọn ${name}` }).check();
    for (const name of noReport)
      await table.getByRole('checkbox', { name: `Yêu cầu ${name} báo cáo` }).uncheck();
    await this.page
      .getByTestId('new-list-count')
      .filter({ hasText: `danh sách gồm ${names.length} đảng viên` })
      .waitFor();
  }

  /** "Trình phê duyệt" of a new list: resolves on the list's own page. */
  async submitNewList(): Promise<void> {
    await this.page
      .getByTestId('residence-new-list')
      .getByRole('button', { name: 'Trình phê duyệt' })
      .click();
    await this.listStatus('pending_approval');
  }

  // ---- Danh sách đã lập ----------------------------------------------------------------------

  /** Waits until the open list shows `status` (its code) with nothing waiting to be read. */
  async listStatus(status: string): Promise<void> {
    await this.page
      .locator(`[data-testid="list-detail"][data-status="${status}"][data-settled="true"]`)
      .waitFor({ timeout: 30_000 });
  }

  /** The list's step buttons in view. */
  async listActions(): Promise<string[]> {
    const actions = this.page.getByTestId('list-actions').getByRole('button');
    return (await actions.allInnerTexts()).map((t) => t.trim()).filter(Boolean);
  }

  /** A step that asks to confirm ("Phê duyệt", "Gửi tổ chức Đảng nơi cư trú"). */
  async confirmListStep(name: string, thenStatus: string): Promise<void> {
    await this.page.getByTestId('list-actions').getByRole('button', { name, exact: true }).click();
    const dialog = this.page.locator('.ant-modal-confirm');
    await dialog.waitFor();
    await dialog.getByRole('button', { name, exact: true }).click();
    await this.listStatus(thenStatus);
  }

  /** A signed step of the list: the token dialog with the PIN, then the list's new status. */
  async signListStep(
    name: string,
    login: { certificate: string; pin: string },
    thenStatus: string,
  ): Promise<void> {
    await this.page.getByTestId('list-actions').getByRole('button', { name, exact: true }).click();
    const outcome = await new TokenDialog(this.page).sign(login);
    if (!outcome.ok) throw new Error(`signing the list failed: ${outcome.error}`);
    await this.listStatus(thenStatus);
  }

  /** "Danh sách đã lập" once it shows the answer of its current query. */
  async listsShown(): Promise<void> {
    await this.page.locator('[data-testid="list-total"][data-settled="true"]').waitFor();
    await waitForTableSettled(this.page.getByTestId('residence-list-table'));
  }

  // ---- Forms ---------------------------------------------------------------------------------

  /** Waits until the forms table shows the answer of its current query. */
  async formsShown(): Promise<void> {
    await this.page.locator('[data-testid="form-total"][data-settled="true"]').waitFor();
    await waitForTableSettled(this.forms);
  }

  /** The member names in the forms table (its rows have check boxes named after them). */
  async formNames(): Promise<string[]> {
    await this.formsShown();
    const rows = this.forms.locator('.ant-table-row');
    const names: string[] = [];
    for (let i = 0; i < (await rows.count()); i++) {
      const label = await rows.nth(i).getByRole('checkbox').getAttribute('aria-label');
      if (label) names.push(label.replace(/^Chọn /, ''));
    }
    return names;
  }

  /** Waits until the forms table lists exactly these members (in any order). */
  async waitForForms(names: string[]): Promise<void> {
    const want = [...names].sort();
    for (let attempt = 0; ; attempt++) {
      const got = (await this.formNames()).sort();
      if (JSON.stringify(got) === JSON.stringify(want)) return;
      if (attempt === 20)
        throw new Error(`forms ${JSON.stringify(got)}, not ${JSON.stringify(want)}`);
      // Read again on the next app event (a sync, a queued step) rather than after a pause.
      await nextAppEvent(this.page, ['residence-changed', 'sync-finished', 'outbox-changed']);
    }
  }

  /**
   * "Ghi nhận phiếu giấy" on the first form listed: its scan, who brought it and the day received
   * (dd/MM/yyyy). Resolves once the form has left the list of forms not yet sent.
   */
  async recordFirstPaper(input: {
    scan: { name: string; bytes: Buffer };
    broughtBy: string;
    receivedOn: string;
  }): Promise<void> {
    await this.formsShown();
    const row = this.forms.locator('.ant-table-row').first();
    const id = await row.getAttribute('data-row-key');
    await row.getByRole('button', { name: 'Ghi nhận phiếu giấy' }).click();
    const dialog = this.page.getByTestId('paper-dialog');
    const modal = await stillModal(this.page, dialog);
    await dialog.locator('input[type="file"]').setInputFiles({
      name: input.scan.name,
      mimeType: 'application/pdf',
      buffer: input.scan.bytes,
    });
    await dialog.getByLabel('Người mang phiếu đến', { exact: true }).fill(input.broughtBy);
    const day = dialog.getByLabel('Ngày nhận', { exact: true });
    await day.click();
    await day.fill(input.receivedOn);
    await day.press('Enter');
    await modal.getByRole('button', { name: 'Ghi nhận' }).click();
    await dialog.waitFor({ state: 'detached' });
    await this.forms.locator(`.ant-table-row[data-row-key="${id}"]`).waitFor({ state: 'detached' });
  }

  async selectForms(names: string[]): Promise<void> {
    for (const name of names)
      await this.forms.getByRole('checkbox', { name: `Chọn ${name}` }).check();
  }

  /** "Lập phiếu nhận xét": chooses the members, writes each comment, saves, then "Trình phê duyệt". */
  async writeAndSubmit(comments: Map<string, CommentInput>): Promise<void> {
    await this.selectForms([...comments.keys()]);
    await this.screen.getByRole('button', { name: 'Chọn', exact: true }).click();
    const writer = this.page.getByTestId('comment-writer');
    const chosen = writer.getByRole('menu', { name: 'Đảng viên đã chọn' });
    for (const [name, comment] of comments) {
      await chosen.getByRole('menuitem').filter({ hasText: name }).click();
      const editor = writer.getByTestId('comment-editor');
      await editor.getByRole('heading', { name: `Phiếu nhận xét — ${name}` }).waitFor();
      for (const [field, label] of Object.entries(COMMENT_LABELS))
        await editor.getByLabel(label, { exact: true }).fill(comment[field as keyof CommentInput]);
      await editor.getByRole('button', { name: 'Lưu nháp' }).click();
      await chosen
        .getByRole('menuitem')
        .filter({ hasText: name })
        .filter({ hasText: 'Đang lập phiếu' })
        .waitFor();
    }
    await writer.getByRole('button', { name: 'Trình phê duyệt' }).click();
    await writer.waitFor({ state: 'detached' });
  }

  /**
   * "Thiết lập đợt nhận xét" on the committee's approval screen: the opening day and the due date
   * (dd/MM/yyyy); resolves once the card shows the saved window.
   */
  async setCampaign(opensOn: string, dueOn: string): Promise<string> {
    const card = this.page.getByTestId('residence-campaign');
    await card.getByRole('button', { name: 'Thiết lập đợt nhận xét' }).click();
    const dialog = this.page.getByTestId('campaign-dialog');
    await dialog.waitFor();
    for (const [label, value] of [
      ['Ngày bắt đầu', opensOn],
      ['Hạn gửi phiếu', dueOn],
    ] as const) {
      const input = dialog.getByLabel(label, { exact: true });
      await input.click();
      await input.fill(value);
      await input.press('Enter');
    }
    await this.page
      .locator('.ant-modal')
      .filter({ has: dialog })
      .getByRole('button', { name: 'Lưu' })
      .click();
    await dialog.waitFor({ state: 'detached' });
    const line = card.filter({ hasText: `hạn gửi phiếu ${dueOn}` });
    await line.waitFor();
    return (await line.innerText()).replace(/\s+/g, ' ').trim();
  }

  /** "Duyệt phiếu nhận xét » Duyệt tất cả". */
  async approveAll(): Promise<void> {
    await this.screen.getByRole('button', { name: 'Duyệt tất cả' }).click();
  }

  /**
   * "Gửi phiếu nhận xét": checks the forms, "Ký số và gửi", one PIN for all; resolves with the
   * batch's result as the screen reports it, having seen the progress ("Đang ký n/N").
   */
  async signAndSend(
    names: string[],
    login: { certificate: string; pin: string },
  ): Promise<{ summary: string; signed: number; unsigned: number; progressSeen: string[] }> {
    await this.selectForms(names);
    await this.screen.getByRole('button', { name: 'Ký số và gửi' }).click();
    const progressSeen: string[] = [];
    const progress = this.page.getByTestId('batch-progress-text');
    const watcher = progress.waitFor().then(async () => {
      progressSeen.push((await progress.innerText().catch(() => '')).trim());
    });
    const outcome = await new TokenDialog(this.page).sign(login);
    if (!outcome.ok) throw new Error(`batch signing failed: ${outcome.error}`);
    await watcher.catch(() => undefined);
    const result = this.page.getByTestId('batch-result');
    await result.waitFor();
    return {
      summary: (await result.locator('.ant-alert').first().innerText()).replace(/\s+/g, ' ').trim(),
      signed: await result.getByTestId('batch-signed').count(),
      unsigned: await result.getByTestId('batch-unsigned').count(),
      progressSeen,
    };
  }

  // ---- Nhận phiếu nhận xét -------------------------------------------------------------------

  /** Opens a received form on its files: the signed form in the viewer with its signatures. */
  async openReceivedForm(
    name: string,
  ): Promise<{ pages: number; signatures: { signer: string; verdict: string }[] }> {
    await this.forms
      .locator('.ant-table-row')
      .filter({ has: this.page.getByRole('checkbox', { name: `Chọn ${name}` }) })
      .getByRole('button', { name: 'Xem phiếu' })
      .click();
    const detail = this.page.getByTestId('form-detail');
    await detail.waitFor();
    const viewer = detail.getByTestId('file-viewer');
    await viewer
      .locator('[data-testid="pdf-viewer"][data-state="rendered"]')
      .waitFor({ timeout: 30_000 });
    await detail.locator('[data-testid="signatures-panel"][data-settled="true"]').waitFor();
    const cards = detail.getByTestId('signature-card');
    const signatures = [];
    for (let i = 0; i < (await cards.count()); i++)
      signatures.push({
        signer: (await cards.nth(i).locator('.ant-card-head-title').innerText())
          .replace(/^\d+\.\s*/, '')
          .trim(),
        verdict: (await cards.nth(i).getAttribute('data-verdict')) ?? '',
      });
    return {
      pages: Number(await viewer.getByTestId('pdf-viewer').getAttribute('data-pages')),
      signatures,
    };
  }

  /** Back from a form to the list. */
  async back(): Promise<void> {
    await this.page.getByRole('button', { name: 'Quay lại' }).first().click();
    await this.forms.waitFor();
  }

  /** Checks one form and "Tải về": the zip the app saves. */
  async downloadForms(names: string[]): Promise<Download> {
    await this.selectForms(names);
    const download = this.page.waitForEvent('download');
    await this.screen.getByRole('button', { name: 'Tải về', exact: true }).click();
    return download;
  }

  /** "Tổng hợp theo chi bộ": the summary table's rows as text. */
  async receiptRows(): Promise<string[]> {
    await this.screen.getByRole('tab', { name: 'Tổng hợp theo chi bộ' }).click();
    const table = this.page.getByTestId('receipt-table');
    await waitForTableSettled(table);
    return (await table.locator('.ant-table-row').allInnerTexts()).map((t) =>
      t.replace(/\s+/g, ' ').trim(),
    );
  }
}
