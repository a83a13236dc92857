// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FeeCell, FeeSheet, FeeSheetLine } from '../../../../src/desktop/contract';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import { ApprovalView } from './approval-view';

// The fee screens' PDF viewer loads pdf.js's worker, which the test runner cannot serve.
vi.mock('../../ui/pdf-viewer', () => ({ PdfViewer: () => null }));

afterEach(cleanup);

const cell = { id: 'cell-1', name: 'Chi bộ 1', canApprove: true, canSettle: false } as FeeCell;
/** What the approval sheet reads of a member's line. */
const line = {
  memberId: 'm-1',
  fullName: 'Nguyễn Văn An',
  computedAmount: 10_000,
  computeMessageVi: null,
  amount: 10_000,
  approved: false,
  paid: false,
  note: null,
  adjustReason: null,
  pending: null,
} as unknown as FeeSheetLine;

const bridge = () =>
  new FakeDesktopBridge()
    .answer('feeCells', () => ({ items: [cell], orgs: [] }))
    .answer(
      'feeApprovalSheet',
      ({ month }) =>
        ({
          source: 'server',
          fetchedAt: '2026-03-01T00:00:00.000Z',
          cellId: cell.id,
          month,
          ruleVersionId: null,
          lines: [line],
          pendingAll: false,
        }) as FeeSheet,
    );

// Ant Design's first render in jsdom is slow on a busy machine.
describe('the approval adjustments', { timeout: 180_000 }, () => {
  it("show what is wrong under the row's amount, then its reason, and approve nothing", async () => {
    const fake = bridge();
    renderWithDesktop(<ApprovalView />, fake);
    const user = userEvent.setup({ delay: null });
    const amount = await screen.findByTestId('fee-adjust-amount');
    const row = amount.closest('tr') as HTMLElement;
    await user.type(amount, '-5000');
    await user.click(within(row).getByRole('checkbox'));
    await user.click(screen.getByTestId('fee-approve-selected'));
    await waitFor(() =>
      expect(within(row).getByTestId('fee-adjust-error').textContent).toBe(
        'Số tiền không được là số âm.',
      ),
    );

    await user.clear(amount);
    await user.type(amount, '20000');
    await user.click(screen.getByTestId('fee-approve-selected'));
    await waitFor(() =>
      expect(within(row).getByTestId('fee-reason-error').textContent).toContain('lý do điều chỉnh'),
    );
    // The amount is right now: its mark is gone.
    expect(within(row).queryByTestId('fee-adjust-error')).toBeNull();
    expect(fake.callsOf('approveFees')).toEqual([]);
  });

  it('refuses "-5000abc" as it is typed, warns above three times the computed amount', async () => {
    const fake = bridge();
    renderWithDesktop(<ApprovalView />, fake);
    const user = userEvent.setup({ delay: null });
    const amount = await screen.findByTestId('fee-adjust-amount');
    const row = amount.closest('tr') as HTMLElement;
    // Said once above the sheet, not under every row's amount.
    expect((await screen.findByTestId('fee-unapproved-note')).textContent).toContain(
      'chưa được phê duyệt (1/1 đảng viên)',
    );
    expect(within(row).queryByText(/chưa được phê duyệt/)).toBeNull();

    await user.type(amount, '-5000abc');
    await waitFor(() =>
      expect(within(row).getByTestId('fee-adjust-error').textContent).toBe(
        'Số tiền phải là một số (đồng).',
      ),
    );
    await user.clear(amount);
    await user.type(amount, '40000');
    await waitFor(() =>
      expect(within(row).getByTestId('fee-adjust-warning').textContent).toContain('gấp hơn 3 lần'),
    );
    expect(within(row).queryByTestId('fee-adjust-error')).toBeNull();
    expect(fake.callsOf('approveFees')).toEqual([]);
  });
});
