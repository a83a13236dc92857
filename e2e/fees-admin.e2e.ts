import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CELL_NAME, DEMO_PASSWORD, DEMO_WARD_NAME } from '../scripts/gen/demo-accounts';
import { AppShell } from './pages/app-shell';
import { FeesAdminPage } from './pages/fees-admin-page';
import { checkFeeScreen, type ScreenCheck } from './pages/fees-layout';
import { LoginPage } from './pages/login-page';
import { screenshot } from './support/artifacts';
import { apiAs, ensureFeeProfiles } from './support/fees-fixtures';
import {
  closeBrowser,
  demoServerUrl,
  freshDataDir,
  openApp,
  removeDataDir,
  type Session,
} from './support/journey';

// The fee administration of "Thủ tục thu nộp đảng phí": the ward's fee officer reconciles a bank
// statement of a cell's account (automatic matches by VietQR reference, the rest by hand; a file
// with a broken line is refused whole); the top org's admin corrects the fee rules by adding a
// version; the ward's admin cross-checks and edits the beneficiary accounts of the orgs below.

const pad = (n: number) => String(n).padStart(2, '0');
const now = new Date();
/** The match dialog opens on the month of the statement line: today's. */
const TODAY = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
const MONTH = TODAY.slice(0, 7);
const HEADER = 'Ngày,Số tiền,Nội dung,Số tham chiếu';
/** The part of a rule version the journey reads back. */
type RuleVersion = { id: string; categories: Record<string, { basisPoints?: number }> };

const dataDir = freshDataDir();
let s: Session;
let serverUrl = '';

beforeAll(async () => {
  s = await openApp({ dataDir });
});
afterAll(async () => {
  if (s?.errors.length) console.error('page errors', s.errors);
  await s?.close();
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

interface SheetLine {
  memberId: string;
  fullName: string;
  amount: number;
  approved: boolean;
  paid: boolean;
}

describe('fee administration', () => {
  it('the fee officer imports a statement, matches the rest by hand; a broken file is refused', async () => {
    await logInAs('ketoan.phuong');
    serverUrl = demoServerUrl(dataDir);
    // The cell's month is approved, and the secretary draws a VietQR code for one member.
    const secretary = await apiAs(serverUrl, 'bithu.chibo1');
    const cellId = secretary.user.roles.find((r) => r.role === 'approver')?.orgId ?? '';
    await ensureFeeProfiles(secretary, cellId, MONTH);
    const sheetUrl = `/v1/fees/cells/${cellId}/approvals`;
    await secretary.call('POST', sheetUrl, { month: MONTH, all: true });
    const sheet = async () =>
      (await secretary.call<{ lines: SheetLine[] }>('GET', `${sheetUrl}?month=${MONTH}`)).lines;
    const [byQr, byHand] = (await sheet()).filter((l) => l.approved && !l.paid && l.amount > 0);
    if (!byQr || !byHand) throw new Error('the demo cell has fewer than two members to pay');
    const qr = await secretary.call<{ reference: string; amount: number; description: string }>(
      'GET',
      `/v1/fees/cells/${cellId}/vietqr?month=${MONTH}&memberIds=${byQr.memberId}`,
    );
    expect(qr.amount).toBe(byQr.amount);

    const fees = new FeesAdminPage(s.page);
    await fees.open('Đối soát sao kê ngân hàng');
    await fees.chooseStatementOrg(DEMO_CELL_NAME);
    const statement = [
      HEADER,
      `${TODAY},${qr.amount},${qr.description},FT26QR0001`,
      `${TODAY},${byHand.amount},CHUYEN TIEN DANG PHI CHI BO TDP 1,FT26CK0002`,
    ].join('\n');
    expect(await fees.importStatement('sao-ke-chi-bo-1.csv', statement)).toBe(true);
    expect(await fees.importedLine('FT26QR0001').innerText()).toContain(`Khớp mã ${qr.reference}`);
    expect(await fees.importedLine('FT26CK0002').innerText()).toContain(
      'Không tìm thấy mã thanh toán trong nội dung chuyển khoản',
    );
    expect(await fees.lineRefs()).toEqual(['FT26CK0002']);
    await screenshot(s.page, '50-statement-imported');
    await looksRight('ux-fee-statements');

    const modal = await fees.openMatch('FT26CK0002');
    await fees.chooseMembers(DEMO_CELL_NAME, [byHand.fullName]);
    expect(await s.page.getByTestId('match-total').innerText()).toContain('Khớp');
    await screenshot(s.page, '50-statement-match-dialog');
    await fees.submitMatch(modal);
    expect(await fees.lineRefs()).toEqual([]);
    await fees.showLines('Đã khớp');
    expect(new Set(await fees.lineRefs())).toEqual(new Set(['FT26QR0001', 'FT26CK0002']));
    expect(await fees.lineRow('FT26QR0001').innerText()).toContain('Khớp tự động');
    expect(await fees.lineRow('FT26CK0002').innerText()).toContain('Phạm Thị Lan');
    await screenshot(s.page, '50-statement-matched');
    const paid = new Map((await sheet()).map((l) => [l.memberId, l.paid]));
    expect([paid.get(byQr.memberId), paid.get(byHand.memberId)]).toEqual([true, true]);

    // Line 3 has an impossible date: the file is refused whole, its good line 2 included.
    const broken = [
      HEADER,
      `${TODAY},50000,CHUYEN TIEN DANG PHI,FT26CK0003`,
      `31/02/${TODAY.slice(0, 4)},60000,CHUYEN TIEN DANG PHI,FT26CK0004`,
    ].join('\n');
    expect(await fees.importStatement('sao-ke-loi.csv', broken)).toBe(false);
    expect(await fees.problems()).toEqual([
      { lineNo: 3, messageVi: 'Ngày giao dịch không hợp lệ' },
    ]);
    expect(await fees.statementResult.innerText()).toContain('chưa nhập dòng nào');
    await screenshot(s.page, '50-statement-refused');
    const officer = await apiAs(serverUrl, 'ketoan.phuong');
    for (const status of ['unmatched', 'matched']) {
      const { items } = await officer.call<{ items: { bankReference: string }[] }>(
        'GET',
        `/v1/fees/orgs/${cellId}/statement-lines?status=${status}`,
      );
      expect(items.map((l) => l.bankReference)).not.toContain('FT26CK0003');
    }
    expect(s.errors).toEqual([]);
  });

  it('the fee officer reads the rule versions; the top admin corrects them', async () => {
    const fees = new FeesAdminPage(s.page);
    await fees.open('Quy định mức đóng đảng phí');
    expect(await fees.ruleVersions()).toEqual(['342-QD-TW', '01-QD-TW']);
    expect(await fees.canCorrectRules()).toBe(false);
    await logOut();

    // The demo generates the top org's staff as "quantri.<code>" (scripts/gen/duties.ts).
    const wardAdmin = await apiAs(serverUrl, 'quantri.phuong');
    const wardId = wardAdmin.user.roles[0]?.orgId ?? '';
    const { items: ancestors } = await wardAdmin.call<{ items: { code: string; depth: number }[] }>(
      'GET',
      `/v1/orgs/${wardId}/ancestors`,
    );
    const top = ancestors.find((o) => o.depth === 0);
    const topAdmin = await apiAs(serverUrl, `quantri.${top?.code ?? ''}`);
    await logInAs(`quantri.${top?.code ?? ''}`);
    await fees.open('Quy định mức đóng đảng phí');
    expect(await fees.canCorrectRules()).toBe(true);
    await screenshot(s.page, '51-rule-versions');
    await looksRight('ux-fee-rules');

    const modal = await fees.openCorrection();
    await fees.fillRule(modal, 'rule-from', `12/${TODAY.slice(0, 4)}`);
    // A rate above the 10% ceiling is refused in Vietnamese, and nothing is added.
    await fees.fillRule(modal, 'rule-rate-salaried', '12');
    expect(await fees.submitCorrection(modal)).toBe(
      'Tỷ lệ đóng của nhóm "Đảng viên đóng bảo hiểm xã hội bắt buộc" vượt quá 10%.',
    );
    // The message sits at the top of the tall form: the dialog brings it into view.
    await expect.poll(() => modal.locator('.ant-alert-error').isVisible()).toBe(true);
    const inView = await modal.locator('.ant-alert-error').evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    });
    expect(inView).toBe(true);
    await screenshot(s.page, '51-rule-correction-refused');
    // A negative rate is refused too (not turned into 0 % behind the user's back).
    await fees.fillRule(modal, 'rule-rate-salaried', '-1');
    expect(await fees.submitCorrection(modal)).toBe(
      'Đảng viên đóng bảo hiểm xã hội bắt buộc: tỷ lệ đóng không được âm.',
    );
    const versions = async () =>
      (await wardAdmin.call<{ items: unknown[] }>('GET', '/v1/fees/rules')).items.length;
    expect(await versions()).toBe(2);
    await fees.fillRule(modal, 'rule-rate-salaried', '1');
    await fees.fillRule(modal, 'rule-rate-pensioner', '0,6');
    expect(await fees.submitCorrection(modal)).toBeNull();
    expect(await fees.ruleVersions()).toEqual(['342-QD-TW', '01-QD-TW', '01-QD-TW-dc1']);
    const row = fees.ruleTable.locator('.ant-table-row').filter({ hasText: '01-QD-TW-dc1' });
    expect(await row.innerText()).toContain(`Từ 12/${TODAY.slice(0, 4)} đến nay`);
    // Who corrected it, and when: the version the fee screens explain a month with.
    expect(await row.innerText()).toContain(`${topAdmin.user.fullName} — `);
    expect(await fees.ruleDetail('01-QD-TW-dc1')).toContain(
      'Đảng viên hưởng lương hưu\t0,6% thu nhập làm căn cứ',
    );
    await screenshot(s.page, '51-rule-corrected');
    const rules = await wardAdmin.call<{ items: { version: RuleVersion }[] }>(
      'GET',
      '/v1/fees/rules',
    );
    const added = rules.items.find((i) => i.version.id === '01-QD-TW-dc1')?.version;
    expect(added?.categories.pensioner?.basisPoints).toBe(60);
    expect(added?.categories.salaried?.basisPoints).toBe(100);
    expect(s.errors).toEqual([]);
  });

  it('the ward admin cross-checks the accounts below; a personal or treasury one is refused', async () => {
    await logOut();
    await logInAs('quantri.phuong');
    const fees = new FeesAdminPage(s.page);
    await fees.open('Tài khoản ngân hàng');
    await fees.settled(fees.accountTable);
    expect(await fees.accountTable.getAttribute('data-source')).toBe('server');
    const admin = await apiAs(serverUrl, 'quantri.phuong');
    const wardId = admin.user.roles[0]?.orgId ?? '';
    const { items } = await admin.call<{
      items: {
        orgName: string;
        accounts: { accountNo: string; isActive: boolean; holder: string }[];
      }[];
    }>('GET', `/v1/fees/orgs/${wardId}/bank-accounts`);
    expect(await fees.accountRow(items[0]?.accounts[0]?.accountNo ?? '-').innerText()).toContain(
      DEMO_WARD_NAME,
    );
    // An org below with a second, unused account: the one edited here.
    const org = items.find(
      (o) => o.orgName !== DEMO_CELL_NAME && o.accounts.some((a) => !a.isActive),
    );
    const spare = org?.accounts.find((a) => !a.isActive);
    if (!org || !spare) throw new Error('no org below with an unused account in the demo');
    await screenshot(s.page, '52-bank-accounts');
    await looksRight('ux-fee-bank-accounts');

    const modal = await fees.editAccount(spare.accountNo);
    await fees.fillAccount(modal, { 'account-holder': 'NGUYEN VAN AN' });
    expect(await fees.saveAccount(modal)).toContain(
      'Chủ tài khoản không phải tổ chức đảng (nghi là tài khoản cá nhân)',
    );
    await screenshot(s.page, '52-bank-account-refused');
    await fees.fillAccount(modal, {
      'account-holder': spare.holder,
      'account-bank': 'Kho bạc Nhà nước Hà Nội',
    });
    expect(await fees.saveAccount(modal)).toContain('Tài khoản kho bạc');

    const renumbered = `${spare.accountNo.slice(0, -4)}7788`;
    await fees.fillAccount(modal, {
      'account-no': renumbered,
      'account-bank': 'Agribank',
      'account-citad': '01999025',
    });
    expect(await fees.saveAccount(modal)).toBeNull();
    const row = fees.accountRow(renumbered);
    expect(await row.innerText()).toContain(org.orgName);
    expect(await row.getByTestId('account-flag').allInnerTexts()).toEqual([
      'Mã ngân hàng trong mã CITAD không có trong danh mục',
    ]);
    expect(await fees.accountRow(spare.accountNo).count()).toBe(0);
    await fees.showOnlyFlagged();
    expect(await fees.accountTable.locator('.ant-table-row').allInnerTexts()).toEqual([
      expect.stringContaining(renumbered),
    ]);
    await fees.scrollToEnd(fees.accountTable);
    await screenshot(s.page, '52-bank-account-saved');
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
