import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoMemberUsername } from '../scripts/gen/demo-accounts';
import { AppShell } from './pages/app-shell';
import { checkFeeScreen, type ScreenCheck } from './pages/fees-layout';
import { FeesPage } from './pages/fees-page';
import { LoginPage } from './pages/login-page';
import { screenshot } from './support/artifacts';
import {
  apiAs,
  ensureFeeProfiles,
  startSandboxGateway,
  type SandboxGateway,
} from './support/fees-fixtures';
import {
  closeBrowser,
  demoServerUrl,
  freshDataDir,
  openApp,
  removeDataDir,
  type Session,
} from './support/journey';

// Thủ tục thu nộp đảng phí: the cell secretary approves the month and pays for the cell through
// the sandbox gateway (its own process); the transactions show it and the receipt opens; a
// member's payment whose callback is lost stays unknown until "Tra cứu kết quả"; the ward's
// fee officer exports the ward's totals to Excel.

const pad = (n: number) => String(n).padStart(2, '0');
const now = new Date();
/** The screens open on the current month. */
const MONTH = `${now.getFullYear()}-${pad(now.getMonth() + 1)}`;

const dataDir = freshDataDir();
let gateway: SandboxGateway;
let s: Session;

beforeAll(async () => {
  gateway = await startSandboxGateway();
  s = await openApp({ dataDir, env: gateway.env });
});
afterAll(async () => {
  if (s?.errors.length) console.error('page errors', s.errors);
  await s?.close();
  await gateway?.stop();
  await closeBrowser();
  removeDataDir(dataDir);
});

/** Each fee screen as the offices see it: no sideways scrolling at 1366, nothing serious for axe. */
const checks: Record<string, ScreenCheck> = {};
async function looksRight(name: string): Promise<void> {
  checks[name] = await checkFeeScreen(s.page, name);
}

const logInAs = (username: string) => new LoginPage(s.page).logInAndSync(username, DEMO_PASSWORD);
const logOut = () => new AppShell(s.page).logOut();

describe('party fees', () => {
  let serverUrl = '';
  let memberName = '';
  let cellReference = '';
  let memberReference = '';

  it('the cell secretary approves the month, refusing a bad amount', async () => {
    await logInAs('bithu.chibo1');
    serverUrl = demoServerUrl(dataDir);
    const secretary = await apiAs(serverUrl, 'bithu.chibo1');
    const cellId = secretary.user.roles.find((r) => r.role === 'approver')?.orgId ?? '';
    const lines = await ensureFeeProfiles(secretary, cellId, MONTH);
    expect(lines.length).toBeGreaterThan(2);
    memberName = (await apiAs(serverUrl, demoMemberUsername('chibo1', 1))).user.fullName;
    expect(lines.map((l) => l.fullName)).toContain(memberName);

    const fees = new FeesPage(s.page);
    await fees.open('Phê duyệt mức đóng đảng phí');
    expect(new Set(await fees.approvalStates())).toEqual(new Set(['unapproved']));
    // Said once above the sheet, not on every row.
    await expect
      .poll(() => s.page.getByTestId('fee-unapproved-note').innerText())
      .toContain('Đảng phí tháng này của đảng viên chưa được phê duyệt');
    expect(await fees.approvalTable.innerText()).not.toContain('chưa được phê duyệt');
    await screenshot(s.page, '40-fee-approval-unapproved');

    const first = lines[0]?.fullName ?? '';
    // Refused as it is typed, before any approval.
    await fees.adjust(first, '-5000abc');
    await expect
      .poll(() => fees.row(fees.approvalTable, first).getByTestId('fee-adjust-error').innerText())
      .toBe('Số tiền phải là một số (đồng).');
    await fees.adjust(first, '-5000');
    await fees.select(fees.approvalTable, first);
    await fees.approveSelected();
    await expect
      .poll(() => fees.row(fees.approvalTable, first).getByTestId('fee-adjust-error').innerText())
      .toBe('Số tiền không được là số âm.');
    await fees.adjust(first, '20000');
    await fees.approveSelected();
    await expect
      .poll(() => fees.row(fees.approvalTable, first).getByTestId('fee-reason-error').innerText())
      .toContain('lý do điều chỉnh');
    await screenshot(s.page, '41-fee-approval-refused');
    expect(new Set(await fees.approvalStates())).toEqual(new Set(['unapproved']));

    await fees.adjust(first, '20000', 'Hoàn cảnh gia đình khó khăn');
    await fees.approveAll();
    await fees.waitForAll('approved');
    const row = fees.row(fees.approvalTable, first);
    expect(await row.getByTestId('fee-amount').getAttribute('data-amount')).toBe('20000');
    await screenshot(s.page, '42-fee-approval-approved');
    await looksRight('ux-fee-approval');
  });

  it('pays for the cell through the gateway; the receipt opens', async () => {
    await gateway.setMode('success');
    const fees = new FeesPage(s.page);
    await fees.open('Nộp đảng phí cho chi bộ');
    await fees.settled(fees.payTable);
    // The member with an account pays for himself below.
    await fees.selectAll(fees.payTable);
    await fees.unselect(fees.payTable, memberName);
    await screenshot(s.page, '43-fee-cell-payment');
    await looksRight('ux-fee-cell-payment');
    const total = s.page.getByTestId('fee-pay-total');
    const amount = Number(await total.getAttribute('data-amount'));
    const members = (await total.innerText()).match(/Đã chọn (\d+) đảng viên/)?.[1] ?? '';
    // Nothing moves before the payer has seen the amount, the members, the month and the account.
    const figures = await fees.openPayConfirmation();
    expect(Number(figures.amountValue)).toBe(amount);
    expect(figures.amount).toBe(`${new Intl.NumberFormat('vi-VN').format(amount)} đ`);
    expect(figures.membersValue).toBe(members);
    expect(figures.month).toBe(`Tháng ${MONTH.slice(5)}/${MONTH.slice(0, 4)}`);
    expect(figures['account-no']).toMatch(/^\w{6,}$/);
    expect(figures.bank).not.toBe('');
    await screenshot(s.page, '43b-fee-cell-payment-confirm');
    await looksRight('ux-fee-payment-confirm');
    await fees.cancelPay();
    expect(await fees.paymentResult.count()).toBe(0);
    expect(s.page.context().pages()).toHaveLength(1);
    await fees.openPayConfirmation();
    expect(await fees.confirmPayAndWait()).toBe('success');
    cellReference = (await fees.paymentResult.innerText()).match(/Mã giao dịch (\w+)/)?.[1] ?? '';
    expect(cellReference).toMatch(/^DP/);
    await screenshot(s.page, '44-fee-cell-paid');
    const receipt = await fees.openReceipt(fees.paymentResult);
    expect(await receipt.getAttribute('data-file-name')).toMatch(/^bien-lai-.*\.pdf$/);
    await screenshot(s.page, '45-fee-receipt');
    await fees.closeDialog();
    // Only the member who pays for himself is left to pay.
    await fees.settled(fees.payTable);
    expect(
      (await fees.payTable.getByTestId('fee-member').allInnerTexts()).map((t) => t.trim()),
    ).toEqual([memberName]);
  });

  it('a member payment whose callback is lost stays unknown until the status query', async () => {
    await gateway.setMode('lost');
    // The member left unpaid above pays for himself in the app.
    await logOut();
    await logInAs(demoMemberUsername('chibo1', 1));
    const fees = new FeesPage(s.page);
    await fees.open('Nộp đảng phí');
    await s.page.getByTestId('member-due').waitFor();
    expect(await s.page.getByTestId('member-due').innerText()).toMatch(/^[\d.]+ đ$/);
    const paid = await fees.payOwnDue();
    expect(paid).toMatchObject({ status: 'unknown', reference: expect.stringMatching(/^DP/) });
    memberReference = paid.reference;
    await screenshot(s.page, '45b-member-payment-waiting');
    await logOut();
    await logInAs('bithu.chibo1');

    await fees.open('Danh sách giao dịch nộp đảng phí');
    expect(await fees.txStatus(cellReference)).toBe('success');
    expect(await fees.txStatus(memberReference)).toBe('unknown');
    // The callback never comes: asking the list again changes nothing.
    await fees.reloadTransactions();
    expect(await fees.txStatus(memberReference)).toBe('unknown');
    const row = fees.row(fees.txTable, memberReference);
    expect(await row.getByTestId('payment-deadline').innerText()).toContain('Tự động xử lý trước');
    await screenshot(s.page, '46-fee-transactions-unknown');

    expect(await fees.lookUp(memberReference)).toBe('success');
    await screenshot(s.page, '47-fee-transactions-settled');
    await looksRight('ux-fee-transactions');
    const receipt = await fees.openReceipt(row);
    expect(await receipt.getAttribute('data-file-name')).toMatch(/\.pdf$/);
    await fees.closeDialog();
    expect(s.errors).toEqual([]);
  });

  it("the ward's fee officer exports the ward's totals to Excel", async () => {
    await logOut();
    await logInAs('ketoan.phuong');
    const fees = new FeesPage(s.page);
    await fees.open('Sổ thu nộp đảng phí');
    await fees.settled(s.page.getByTestId('ledger-table'));
    await looksRight('ux-fee-ledger');
    const download = await fees.exportOrgReport();
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    await screenshot(s.page, '48-fee-ward-report');
    await looksRight('ux-fee-ward-report');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync((await download.path()) ?? '') as unknown as ArrayBuffer);
    const text = book.worksheets
      .flatMap((ws) => ws.getSheetValues().flatMap((r) => (Array.isArray(r) ? r : [])))
      .map((v) => (v && typeof v === 'object' && 'richText' in v ? JSON.stringify(v) : String(v)))
      .join('\n');
    expect(text).toContain('Chi bộ Tổ dân phố số 1');
    expect(s.errors).toEqual([]);
  });

  it('every fee screen fits 1366×768 and has no serious accessibility finding', () => {
    const wrong = Object.entries(checks).filter(
      ([, check]) => check.overflow.length > 0 || check.violations.length > 0,
    );
    expect(Object.keys(checks).length).toBeGreaterThan(2);
    expect(wrong).toEqual([]);
  });
});
