/**
 * The transfers screen as the journeys drive it: the list, the open dossier and its actions.
 * One file over 400 lines: one screen, one page object, as the user sees it.
 */
import type { Locator, Page } from 'playwright-core';
import { dossierSideLabelVi, type DossierSide } from '../../src/desktop/contract';
import {
  transferVariantLabelVi,
  type TransferVariant,
} from '../../src/domain/procedures/transfer-route';
import { findRow, waitForTableSettled } from './table';
import { STILL_CONFIRM, stillModal } from './modal';
import { TokenDialog } from './token-dialog';

/** One row of the dossier list, as shown. */
export interface DossierRow {
  member: string;
  fromOrg: string;
  destinationOrg: string;
  currentOrg: string;
  /** dd/MM/yyyy */
  submittedOn: string;
  /** dd/MM/yyyy or '' */
  presentBy: string;
  /** The status tag: "Chờ kiểm tra", "Đã kiểm tra, chờ duyệt", … */
  status: string;
  /** "Quá hạn", "Chờ gửi", "Cần xử lý" */
  flags: string[];
}

export interface RouteStepView {
  name: string;
  state: 'done' | 'current' | 'later';
}

export interface HistoryView {
  /** dd/MM/yyyy HH:mm:ss */
  at: string;
  /**
   * The action's type code (submit, check, forward, sign_and_forward, return, reject, complete).
   */
  type: string;
  /** "Kiểm tra — Chi bộ …" etc.: the whole text of the entry. */
  text: string;
}

/** What the user was told after an action was queued. */
export interface ActionOutcome {
  /** sent: the server applied it; saved: it waits in the outbox; refused: the server said no. */
  kind: 'sent' | 'saved' | 'refused';
  text: string;
}

/**
 * A button's name as its text ends: antd icons inside buttons add their own label in front
 * ("file-search Kiểm tra"), and "Duyệt hoàn thành" must not match "Ký số và duyệt hoàn thành".
 */
const buttonNamed = (text: string) =>
  new RegExp(`(^|\\s)${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/**
 * "Xử lý hồ sơ » <thủ tục> » nơi chuyển đi / nơi chuyển đến": the list with its filters, and one
 * dossier with its tabs, attachments in the embedded viewer and the actions (check, approve,
 * sign with the token, return, reject). Every method waits on the screen's data-settled and
 * test ids, never on time.
 */
export class TransfersPage {
  readonly table: Locator;
  readonly total: Locator;
  readonly title: Locator;
  /** The open dossier (present only while one is open). */
  readonly dossier: Locator;
  readonly tokenDialog: TokenDialog;

  constructor(readonly page: Page) {
    this.table = page.getByTestId('dossier-table');
    this.total = page.getByTestId('dossier-total');
    this.title = page.getByTestId('transfers-title');
    this.dossier = page.getByTestId('dossier-view');
    this.tokenDialog = new TokenDialog(page);
  }

  // ---- the list ------------------------------------------------------------------------------

  /**
   * Opens the list through the menu: Xử lý hồ sơ » <variant> » <side>, and waits until it shows
   * the answer of its query.
   */
  async open(variant: TransferVariant, side: DossierSide): Promise<void> {
    const variantLabel = transferVariantLabelVi[variant];
    // Names are matched exactly: one variant's label begins another's.
    const submenu = this.page.locator('li.ant-menu-submenu').filter({
      has: this.page.locator('.ant-menu-submenu-title').getByText(variantLabel, { exact: true }),
    });
    const submenuTitle = submenu.locator('.ant-menu-submenu-title');
    if ((await submenuTitle.getAttribute('aria-expanded')) !== 'true') await submenuTitle.click();
    await submenu
      .locator('ul .ant-menu-item')
      .filter({ has: this.page.getByText(dossierSideLabelVi[side], { exact: true }) })
      .click();
    await this.title.filter({ hasText: `${variantLabel} » ${dossierSideLabelVi[side]}` }).waitFor();
    await this.waitForList();
  }

  /** Waits until the list shows the answer to the current filters. */
  async waitForList(): Promise<void> {
    await this.page.locator('[data-testid="dossier-total"][data-settled="true"]').waitFor();
    await waitForTableSettled(this.table);
  }

  /** The rows in view (the first screenful of the virtual table). */
  async rows(): Promise<DossierRow[]> {
    await this.waitForList();
    const rows = this.table.locator('.ant-table-row');
    const out: DossierRow[] = [];
    for (let i = 0; i < (await rows.count()); i++) {
      // Virtual tables draw cells as divs, classic ones as td: both carry .ant-table-cell.
      const cells = (await rows.nth(i).locator('.ant-table-cell').allInnerTexts()).map((t) =>
        t.trim(),
      );
      const flags = (await rows.nth(i).getByTestId('dossier-flag').allInnerTexts()).map((t) =>
        t.trim(),
      );
      // The cells show the orgs' short names; the full name is on the cell for hover and tests.
      // The deadline is stacked under the submission date as "Hạn dd/MM/yyyy", when there is one.
      const presentBy = rows.nth(i).getByTestId('dossier-present-by');
      const org = async (testId: string) =>
        (await rows.nth(i).getByTestId(testId).getAttribute('data-full-name')) ?? '';
      out.push({
        member: cells[1] ?? '',
        fromOrg: await org('dossier-from'),
        destinationOrg: await org('dossier-to'),
        currentOrg: await org('dossier-current'),
        submittedOn: (await rows.nth(i).getByTestId('dossier-submitted').innerText()).trim(),
        presentBy:
          (await presentBy.count()) > 0 ? ((await presentBy.getAttribute('data-date')) ?? '') : '',
        status: (await rows.nth(i).getByTestId('dossier-status').innerText()).trim(),
        flags,
      });
    }
    return out;
  }

  /** Member names of the rows in view. */
  async memberNames(): Promise<string[]> {
    await this.waitForList();
    return (await this.table.getByTestId('dossier-member').allInnerTexts()).map((t) => t.trim());
  }

  /** "Tổng số: n hồ sơ" as a number. */
  async totalCount(): Promise<number> {
    await this.waitForList();
    const text = await this.total.innerText();
    return Number(/(\d[\d.]*)/.exec(text)?.[1]?.replaceAll('.', '') ?? NaN);
  }

  /** Picks a status in the "Trạng thái" filter (its Vietnamese label), or clears it with null. */
  async filterStatus(label: string | null): Promise<void> {
    const select = this.page.getByTestId('dossier-filters').locator('.ant-select').first();
    if (label === null) {
      await select.hover();
      await select.locator('.ant-select-clear').click();
    } else {
      await select.click();
      await this.page.locator('.ant-select-item-option').filter({ hasText: label }).first().click();
    }
    await this.waitForList();
  }

  /** Types a member name in the search box and presses Enter. */
  async search(name: string): Promise<void> {
    const box = this.page.getByPlaceholder('Nhập họ tên đảng viên');
    await box.fill(name);
    await box.press('Enter');
    await this.waitForList();
  }

  /** Turns "Chỉ hồ sơ chờ tôi xử lý" on or off. */
  async onlyAwaitingMe(on: boolean): Promise<void> {
    const toggle = this.page.getByTestId('dossier-filters').getByRole('switch');
    if ((await toggle.getAttribute('aria-checked')) !== String(on)) await toggle.click();
    await this.waitForList();
  }

  /** Opens the dossier of this member with its "Xem chi tiết" button. */
  async openDossier(memberName: string): Promise<void> {
    const row = await findRow(this.table, 'dossier-member', memberName);
    await row.getByRole('button', { name: 'Xem chi tiết' }).click();
    await this.waitForDossier();
  }

  /** Opens the dossier of this member from the keyboard: focus its row, press Enter. */
  async openDossierWithKeyboard(memberName: string): Promise<void> {
    const row = await findRow(this.table, 'dossier-member', memberName);
    await row.focus();
    await row.press('Enter');
    await this.waitForDossier();
  }

  // ---- one dossier ---------------------------------------------------------------------------

  /** Waits until the open dossier shows the answer of its latest read. */
  async waitForDossier(): Promise<void> {
    await this.page.locator('[data-testid="dossier-view"][data-settled="true"]').waitFor();
  }

  /** "Quay lại": back to the list, with its filters as they were. */
  async back(): Promise<void> {
    await this.page.getByRole('button', { name: 'Quay lại' }).click();
    await this.waitForList();
  }

  /** The status code of the shown state (pending_check, checked, returned, rejected, completed). */
  async statusCode(): Promise<string> {
    await this.waitForDossier();
    return (await this.dossier.getAttribute('data-status')) ?? '';
  }

  /** The status tag's Vietnamese text in the dossier's header. */
  async status(): Promise<string> {
    await this.waitForDossier();
    return (await this.dossier.getByTestId('dossier-status').first().innerText()).trim();
  }

  /** Waits until the dossier shows this status code (e.g. after a sync brought the server's). */
  async waitForStatus(code: string): Promise<void> {
    await this.page
      .locator(`[data-testid="dossier-view"][data-settled="true"][data-status="${code}"]`)
      .waitFor({ timeout: 60_000 });
  }

  /** The flags in the header ("Quá hạn", "Chờ gửi", "Cần xử lý"). */
  async flags(): Promise<string[]> {
    await this.waitForDossier();
    return (
      await this.dossier
        .locator('.ant-descriptions')
        .first()
        .getByTestId('dossier-flag')
        .allInnerTexts()
    ).map((t) => t.trim());
  }

  /** "Hạn xuất trình" in the header (dd/MM/yyyy or "Chưa xác định"). */
  async deadline(): Promise<string> {
    await this.waitForDossier();
    return (await this.dossier.getByTestId('dossier-deadline').innerText()).trim();
  }

  /** The action buttons offered now. */
  async actions(): Promise<string[]> {
    await this.waitForDossier();
    const bar = this.dossier.getByTestId('dossier-actions');
    if ((await bar.count()) === 0) return [];
    return (await bar.getByRole('button').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
  }

  private async showTab(name: string): Promise<Locator> {
    await this.waitForDossier();
    await this.dossier.getByRole('tab', { name }).click();
    // Hidden panes are aria-hidden: the role query finds the shown one only.
    return this.dossier.getByRole('tabpanel', { name });
  }

  /** "Thông tin hồ sơ": label → value of every field shown. */
  async info(): Promise<Record<string, string>> {
    const pane = await this.showTab('Thông tin hồ sơ');
    const labels = await pane.locator('.ant-descriptions-item-label').allInnerTexts();
    const values = await pane.locator('.ant-descriptions-item-content').allInnerTexts();
    return Object.fromEntries(labels.map((l, i) => [l.trim(), (values[i] ?? '').trim()]));
  }

  /** "Lộ trình": the orgs of the route in order, and where the dossier is. */
  async route(): Promise<RouteStepView[]> {
    const pane = await this.showTab('Lộ trình');
    const steps = pane.getByTestId('route-step');
    await steps.first().waitFor();
    const out: RouteStepView[] = [];
    for (let i = 0; i < (await steps.count()); i++) {
      out.push({
        name: (await steps.nth(i).innerText()).trim(),
        state: (await steps.nth(i).getAttribute('data-state')) as RouteStepView['state'],
      });
    }
    return out;
  }

  /** "Lịch sử xử lý": each entry, oldest first. */
  async history(): Promise<HistoryView[]> {
    const pane = await this.showTab('Lịch sử xử lý');
    const items = pane.getByTestId('history-item');
    const out: HistoryView[] = [];
    for (let i = 0; i < (await items.count()); i++) {
      const item = items.nth(i);
      // The timeline's title (the time) is a sibling of the entry's content.
      const at = await item.evaluate(
        (el) =>
          el
            .closest('.ant-steps-item, .ant-timeline-item')
            ?.querySelector('.ant-steps-item-title, .ant-timeline-item-title')?.textContent ?? '',
      );
      out.push({
        at: at.trim(),
        type: (await item.getAttribute('data-type')) ?? '',
        text: (await item.innerText()).replace(/\s+/g, ' ').trim(),
      });
    }
    return out;
  }

  /** "Tài liệu đính kèm": the file names listed (the letter first when there is one). */
  async files(): Promise<string[]> {
    const pane = await this.showTab('Tài liệu đính kèm');
    const files = pane.getByTestId('dossier-file');
    await files.first().waitFor();
    const names: string[] = [];
    for (let i = 0; i < (await files.count()); i++)
      names.push((await files.nth(i).getAttribute('data-name')) ?? '');
    return names;
  }

  /**
   * Opens a file ("Giấy giới thiệu sinh hoạt đảng" for the letter) in the embedded viewer; waits
   * until its first page (or image) is drawn and, for a PDF, the signatures panel has its answer.
   */
  async openAttachment(name: string): Promise<{
    pages: number;
    signatures: { signer: string; verdict: string }[];
  }> {
    const pane = await this.showTab('Tài liệu đính kèm');
    await pane
      .locator(`[data-testid="dossier-file"][data-name="${name.replaceAll('"', '\\"')}"]`)
      .click();
    const viewer = pane.getByTestId('file-viewer');
    await viewer
      .locator('[data-testid="pdf-viewer"][data-state="rendered"], [data-testid="image-viewer"]')
      .waitFor({ timeout: 30_000 });
    const pdf = viewer.getByTestId('pdf-viewer');
    if ((await pdf.count()) === 0) return { pages: 1, signatures: [] };
    await pane.locator('[data-testid="signatures-panel"][data-settled="true"]').waitFor();
    return {
      pages: Number(await pdf.getAttribute('data-pages')),
      signatures: await this.signatures(),
    };
  }

  /** The signatures panel of the open PDF: signer and verdict (valid, invalid, untrusted). */
  async signatures(): Promise<{ signer: string; verdict: string }[]> {
    const cards = this.dossier.getByTestId('signature-card');
    const out = [];
    for (let i = 0; i < (await cards.count()); i++) {
      out.push({
        signer: (await cards.nth(i).locator('.ant-card-head-title').innerText())
          .replace(/^\d+\.\s*/, '')
          .trim(),
        verdict: (await cards.nth(i).getAttribute('data-verdict')) ?? '',
      });
    }
    return out;
  }

  /** The info notice "Đang chờ gửi lên máy chủ" with its actions, or null when none waits. */
  async pendingNotice(): Promise<string | null> {
    await this.waitForDossier();
    const notice = this.dossier.getByTestId('dossier-pending');
    return (await notice.count()) > 0 ? (await notice.innerText()).trim() : null;
  }

  /** The notices of actions the server refused (with its messages). */
  async refusedNotices(): Promise<string[]> {
    await this.waitForDossier();
    return (await this.dossier.getByTestId('dossier-refused').allInnerTexts()).map((t) => t.trim());
  }

  /** "Bỏ thao tác" on the first refused action, confirmed; waits until it is gone. */
  async discardRefused(): Promise<void> {
    const before = (await this.refusedNotices()).length;
    await this.dossier
      .getByTestId('dossier-refused')
      .first()
      .getByRole('button', { name: 'Bỏ thao tác' })
      .click();
    await this.page.locator('.ant-popconfirm').getByRole('button', { name: 'Bỏ thao tác' }).click();
    await this.page
      .locator(`[data-testid="dossier-view"][data-settled="true"][data-attention="${before - 1}"]`)
      .waitFor();
  }

  // ---- actions -------------------------------------------------------------------------------

  /**
   * "Kiểm tra": fills the fields by label (e.g. { 'Số giấy giới thiệu': '15-GGT/CB' }), picks
   * "Tổ chức tiếp nhận" when nextOrgName is given (else keeps the proposed one), "Lưu".
   */
  async check({
    fields = {},
    nextOrgName,
  }: { fields?: Record<string, string>; nextOrgName?: string } = {}): Promise<ActionOutcome> {
    await this.clickAction('Kiểm tra');
    const dialog = this.page.getByTestId('check-dialog');
    const modal = await stillModal(this.page, dialog);
    for (const [label, value] of Object.entries(fields)) await dialog.getByLabel(label).fill(value);
    if (nextOrgName) {
      await dialog.getByLabel('Tổ chức tiếp nhận').click();
      await this.page
        .locator('.ant-select-item-option')
        .filter({ hasText: nextOrgName })
        .first()
        .click();
    }
    const outcome = await this.nextOutcome();
    await modal.getByRole('button', { name: 'Lưu' }).click();
    return this.settleAction(dialog, outcome);
  }

  /** "Duyệt chuyển tiếp" (or "Duyệt hoàn thành" at the last org), confirmed. */
  async forward(): Promise<ActionOutcome> {
    const bar = this.dossier.getByTestId('dossier-actions');
    await this.waitForDossier();
    const name =
      (await bar.getByRole('button', { name: buttonNamed('Duyệt hoàn thành') }).count()) > 0
        ? 'Duyệt hoàn thành'
        : 'Duyệt chuyển tiếp';
    await this.clickAction(name);
    const confirm = this.page.locator(STILL_CONFIRM);
    const outcome = await this.nextOutcome();
    await confirm.getByRole('button', { name }).click();
    await this.page.locator('.ant-modal-confirm').waitFor({ state: 'detached' });
    return this.waitForOutcome(outcome);
  }

  /**
   * "Ký số và chuyển tiếp" (or "… duyệt hoàn thành"): picks the certificate (optional), calls
   * `beforePin` (e.g. a screenshot of the dialog), enters the PIN, signs. A refused PIN leaves the
   * token dialog open and resolves as refused with its error.
   */
  async signAndForward({
    certificate,
    pin,
    beforePin,
  }: {
    certificate?: string;
    pin: string;
    beforePin?: () => Promise<unknown>;
  }): Promise<ActionOutcome> {
    await this.clickAction(/(^|\s)Ký số và /);
    await this.tokenDialog.waitUntilShown();
    await stillModal(this.page, this.tokenDialog.root);
    if (certificate) await this.tokenDialog.pickCertificate(certificate);
    await beforePin?.();
    const outcome = await this.nextOutcome();
    const signed = await this.tokenDialog.sign({ pin });
    if (!signed.ok) return { kind: 'refused', text: signed.error };
    return this.waitForOutcome(outcome);
  }

  /** "Trả lại" with the required reason. */
  returnToMember(reason: string): Promise<ActionOutcome> {
    return this.withReason('Trả lại', reason);
  }

  /** "Từ chối" with the required reason. */
  reject(reason: string): Promise<ActionOutcome> {
    return this.withReason('Từ chối', reason);
  }

  private async withReason(action: string, reason: string): Promise<ActionOutcome> {
    await this.clickAction(action);
    const dialog = this.page.getByTestId('reason-dialog');
    const modal = await stillModal(this.page, dialog);
    await dialog.getByLabel('Lý do').fill(reason);
    const outcome = await this.nextOutcome();
    await modal.getByRole('button', { name: action }).click();
    return this.settleAction(dialog, outcome);
  }

  private async clickAction(name: string | RegExp): Promise<void> {
    await this.waitForDossier();
    await this.dossier
      .getByTestId('dossier-actions')
      .getByRole('button', { name: typeof name === 'string' ? buttonNamed(name) : name })
      .click();
  }

  /** The dialog closes when the action is queued, or stays with an error alert. */
  private async settleAction(
    dialog: Locator,
    outcome: { wait(): Promise<ActionOutcome> },
  ): Promise<ActionOutcome> {
    const closed = dialog.waitFor({ state: 'detached' }).then(() => 'closed' as const);
    const failed = dialog
      .locator('.ant-alert-error')
      .waitFor()
      .then(() => 'failed' as const);
    if ((await Promise.race([closed, failed])) === 'failed') {
      return {
        kind: 'refused',
        text: (await dialog.locator('.ant-alert-error').innerText()).trim(),
      };
    }
    return this.waitForOutcome(outcome);
  }

  /**
   * Resolves with what the app tells the user once the action about to be made was sent
   * ("Đã gửi"), kept ("Đã lưu, sẽ gửi khi có kết nối") or refused by the server (its message):
   * the dossier view numbers each outcome, so this waits for the next number.
   */
  private async nextOutcome(): Promise<{ wait(): Promise<ActionOutcome> }> {
    await this.waitForDossier();
    const seq = Number((await this.dossier.getAttribute('data-outcome-seq')) ?? 0);
    const next = this.page.locator(`[data-testid="dossier-view"][data-outcome-seq="${seq + 1}"]`);
    return {
      async wait() {
        await next.waitFor({ timeout: 60_000 });
        return {
          kind: (await next.getAttribute('data-outcome')) as ActionOutcome['kind'],
          text: (await next.getAttribute('data-outcome-text')) ?? '',
        };
      },
    };
  }

  private async waitForOutcome(outcome: {
    wait(): Promise<ActionOutcome>;
  }): Promise<ActionOutcome> {
    const result = await outcome.wait();
    await this.waitForDossier();
    return result;
  }
}
