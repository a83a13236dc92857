// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FeeCell, FeePayment, FeeSheet, FeeSheetLine } from '../../../../src/desktop/contract';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import { CellPaymentView } from './cell-payment-view';
import { paymentDraftRows } from './payment-confirm-dialog';

// The fee screens' PDF viewer loads pdf.js's worker, which the test runner cannot serve.
vi.mock('../../ui/pdf-viewer', () => ({ PdfViewer: () => null }));

afterEach(cleanup);

const cell = { id: 'cell-1', name: 'Chi bộ 1', canApprove: true, canSettle: false } as FeeCell;
const line = (memberId: string, fullName: string, amount: number) =>
  ({
    memberId,
    fullName,
    computedAmount: amount,
    computeMessageVi: null,
    amount,
    approved: true,
    paid: false,
    note: null,
    adjustReason: null,
    pending: null,
  }) as unknown as FeeSheetLine;
const account = {
  orgName: 'Đảng bộ Phường Việt Hưng',
  holder: 'DANG BO PHUONG VIET HUNG',
  accountNo: '4860396781034',
  bankName: 'BIDV',
};

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
          lines: [line('m-1', 'Nguyễn Văn An', 85_000), line('m-2', 'Trần Thị Hoa', 20_000)],
          collectingAccount: account,
          pendingAll: false,
        }) as FeeSheet,
    )
    .answer('startFeePayment', ({ month }) => ({
      payment: {
        id: 'pay-1',
        reference: 'DP0001',
        cellId: cell.id,
        amount: 105_000,
        status: 'failed',
        statusVi: 'Thất bại',
        settledVia: 'callback',
        items: [{ memberId: 'm-1', fullName: 'Nguyễn Văn An', month, amount: 85_000 }],
      } as FeePayment,
      paymentUrl: 'https://gateway.example/pay/1',
    }));

describe('the payment confirmation rows', () => {
  it('read the amount, the members, the month and the receiving account', () => {
    const rows = paymentDraftRows({ amount: 105_000, members: 2, month: '2026-03', account });
    expect(rows.map((r) => `${r.label}: ${r.value}`)).toEqual([
      'Số tiền: 105.000 đ',
      'Số đảng viên: 2 đảng viên',
      'Tháng: Tháng 03/2026',
      'Đơn vị nhận: Đảng bộ Phường Việt Hưng',
      'Chủ tài khoản: DANG BO PHUONG VIET HUNG',
      'Số tài khoản: 4860396781034',
      'Ngân hàng: BIDV',
    ]);
    expect(
      paymentDraftRows({ amount: 1, members: 1, month: '2026-03', account: null }),
    ).toHaveLength(3);
  });
});

// Ant Design's first render in jsdom is slow on a busy machine.
describe('paying for the cell', { timeout: 180_000 }, () => {
  it('asks for confirmation: Hủy starts nothing, confirming opens the gateway', async () => {
    const fake = bridge();
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    renderWithDesktop(<CellPaymentView />, fake);
    const user = userEvent.setup({ delay: null });
    await screen.findByText('Trần Thị Hoa');
    await user.click(screen.getByTestId('fee-pay'));
    const dialog = await screen.findByTestId('fee-pay-dialog');
    expect(within(dialog).getByTestId('fee-pay-dialog-amount').textContent).toBe('105.000 đ');
    expect(within(dialog).getByTestId('fee-pay-dialog-members').textContent).toBe('2 đảng viên');
    expect(within(dialog).getByTestId('fee-pay-dialog-account-no').textContent).toBe(
      '4860396781034',
    );
    await user.click(screen.getByTestId('fee-pay-cancel'));
    await waitFor(() => expect(screen.queryByTestId('fee-pay-dialog')).toBeNull());
    expect(fake.callsOf('startFeePayment')).toEqual([]);
    expect(open).not.toHaveBeenCalled();

    await user.click(screen.getByTestId('fee-pay'));
    await user.click(await screen.findByTestId('fee-pay-confirm'));
    await waitFor(() => expect(fake.callsOf('startFeePayment')).toHaveLength(1));
    expect(open).toHaveBeenCalledWith('https://gateway.example/pay/1', '_blank', 'noopener');
    // The gateway refused: the reason and "Nộp lại", which asks again for the same members.
    const result = await screen.findByTestId('payment-result');
    expect(within(result).getByTestId('payment-failure-reason').textContent).toContain('Nộp lại');
    await user.click(within(result).getByTestId('payment-retry'));
    const again = await screen.findByTestId('fee-pay-dialog');
    expect(within(again).getByTestId('fee-pay-dialog-members').textContent).toBe('1 đảng viên');
    expect(within(again).getByTestId('fee-pay-dialog-amount').textContent).toBe('85.000 đ');
    open.mockRestore();
  });
});
